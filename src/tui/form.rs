//! A form for adding or editing a record, built from the same field specs as
//! the command line. References and choices are picked from a list that
//! searches as you type; format errors show beside the field while typing.

use super::step_form::StepForm;
use super::text_input::TextInput;
use crate::i18n::Lang;
use crate::model::fields::{display_value, field_problem, parse_field, specs, FieldSpec, FieldType};
use crate::model::{AnyData, AnyRecord, FieldError, Invalid, Kind};
use crate::present::Labels;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug)]
pub struct FormField {
    pub spec: &'static FieldSpec,
    pub input: TextInput,
    /// Ids picked for a reference field; the input then shows their labels.
    pub chosen: Vec<u64>,
    /// The input holds a search typed into a reference field, not the chosen labels.
    pub querying: bool,
    pub error: Option<String>,
    /// A warning beside the field that does not stop saving.
    pub note: Option<String>,
}

impl FormField {
    pub fn is_reference(&self) -> bool {
        matches!(self.spec.ty, FieldType::Ref(_) | FieldType::Refs(_))
    }

    /// Fields whose values come from a list.
    pub fn has_picker(&self) -> bool {
        self.is_reference() || matches!(self.spec.ty, FieldType::Choice(_) | FieldType::Choices(_))
    }

    /// Shows the chosen records' labels in the input.
    pub fn show_chosen(&mut self, names: &[String], lang: Lang) {
        self.input = TextInput::new(&names.join(crate::i18n::list_sep(lang)));
        self.querying = false;
    }

    /// The text handed to the record builder.
    pub fn value(&self) -> String {
        match self.spec.ty {
            FieldType::Ref(_) => self.chosen.first().map(u64::to_string).unwrap_or_default(),
            FieldType::Refs(_) => self.chosen.iter().map(u64::to_string).collect::<Vec<_>>().join(","),
            _ => self.input.value().to_string(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Picker {
    /// (value, label): an id for references, a choice id for choices.
    pub items: Vec<(String, String)>,
    pub selected: usize,
    /// The user moved the highlight: Enter then takes it even with nothing typed.
    pub moved: bool,
}

#[derive(Clone, Debug)]
pub struct FormState {
    pub kind: Kind,
    /// The record being edited, with the revision it was read at.
    pub editing: Option<(u64, u64)>,
    pub quick: bool,
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub dirty: bool,
    pub picker: Option<Picker>,
    /// Errors that belong to no single field.
    pub general: Vec<String>,
    /// Set for the form of a step of the meeting cycle, which saves as a request.
    pub step: Option<StepForm>,
    /// How a field's list is told to be used ("下键/上键 移动，Enter 确定"),
    /// naming the keys of the keymap in force; set when the form is shown.
    pub pick_hint: String,
    /// The user said to save with a member other than the household's.
    pub other_member_confirmed: bool,
}

/// The fields of a quick visit: who, whom, what.
const QUICK_VISIT: [&str; 5] = ["household_id", "member_id", "kind", "summary", "date"];

impl FormState {
    pub fn new(kind: Kind, quick: bool) -> FormState {
        let chosen: Vec<&'static FieldSpec> = if quick {
            // In the order a clerk fills them in, not the order of the record.
            QUICK_VISIT.iter().filter_map(|name| specs(kind).iter().find(|s| s.name == *name)).collect()
        } else {
            specs(kind).iter().collect()
        };
        FormState::over(kind, chosen.into_iter(), quick)
    }

    fn over(kind: Kind, specs: impl Iterator<Item = &'static FieldSpec>, quick: bool) -> FormState {
        let fields = specs
            .map(|spec| FormField {
                spec,
                input: input_for(spec, ""),
                chosen: Vec::new(),
                querying: false,
                error: None,
                note: None,
            })
            .collect();
        FormState {
            kind,
            editing: None,
            quick,
            fields,
            focus: 0,
            dirty: false,
            picker: None,
            general: Vec::new(),
            step: None,
            pick_hint: String::new(),
            other_member_confirmed: false,
        }
    }

    /// An empty form for a step of the meeting cycle.
    pub fn for_step(step: StepForm) -> FormState {
        let mut form = FormState::over(step.kind(), step.specs().iter(), false);
        form.step = Some(step);
        form
    }

    /// Puts `text` into field `name`, or the labels of `ids` into a reference field.
    pub fn preset(&mut self, name: &str, text: &str, ids: &[u64]) {
        if let Some(f) = self.field_mut(name) {
            f.chosen = ids.to_vec();
            f.input = input_for(f.spec, text);
        }
    }

    pub fn focus_on(&mut self, name: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.spec.name == name) {
            self.focus = i;
        }
    }

    /// A form showing `rec`'s values.
    pub fn edit(rec: &AnyRecord, labels: &impl Labels, lang: Lang) -> FormState {
        let mut form = FormState::new(rec.kind(), false);
        form.editing = Some((rec.id(), rec.meta.rev));
        form.fill_from(&rec.data, labels, lang, &[]);
        form
    }

    /// Copies `data`'s values into the fields (all, or only those named in `only`).
    pub fn fill_from(&mut self, data: &AnyData, labels: &impl Labels, lang: Lang, only: &[&str]) {
        let map = data.to_map();
        for field in self.fields.iter_mut().filter(|f| only.is_empty() || only.contains(&f.spec.name)) {
            let value = map.get(field.spec.name).cloned().unwrap_or_default();
            set_field(field, &value, labels, lang);
        }
    }

    /// The ids chosen in reference field `name`.
    pub fn chosen(&self, name: &str) -> &[u64] {
        self.fields.iter().find(|f| f.spec.name == name).map_or(&[], |f| f.chosen.as_slice())
    }

    pub fn focused(&self) -> &FormField {
        &self.fields[self.focus]
    }

    pub fn focused_mut(&mut self) -> &mut FormField {
        &mut self.fields[self.focus]
    }

    pub fn field_mut(&mut self, name: &str) -> Option<&mut FormField> {
        self.fields.iter_mut().find(|f| f.spec.name == name)
    }

    pub fn next_field(&mut self, step: isize) {
        let n = self.fields.len() as isize;
        self.focus = ((self.focus as isize + step).rem_euclid(n)) as usize;
        self.picker = None;
    }

    /// Checks the focused field's format as the user types. What is typed into
    /// a field with a picker is a search until it is left, so it is checked then.
    pub fn validate_focused(&mut self, today: NaiveDate, lang: Lang, leaving: bool) {
        let kind = self.kind;
        let field = &mut self.fields[self.focus];
        if field.has_picker() && !leaving {
            field.error = None;
            return;
        }
        field.error = live_error(kind, field, &self.pick_hint, today, lang);
    }

    /// The record as typed, or the errors, placed beside their fields.
    pub fn build(&mut self, base: Option<&AnyData>, today: NaiveDate, lang: Lang) -> Option<AnyData> {
        let pairs: Vec<(String, String)> = self.fields.iter().map(|f| (f.spec.name.to_string(), f.value())).collect();
        let result = match base {
            Some(base) => base.edit(&pairs, today),
            None => AnyData::build(self.kind, &pairs, today),
        };
        match result {
            Ok(data) => Some(data),
            Err(invalid) => {
                self.show_errors(&invalid, lang);
                None
            }
        }
    }

    /// Puts each error next to its field; the first bad field gets the focus.
    pub fn show_errors(&mut self, invalid: &Invalid, lang: Lang) {
        self.general.clear();
        for f in &mut self.fields {
            f.error = None;
        }
        let mut first = None;
        for e in &invalid.0 {
            match self.fields.iter().position(|f| f.spec.name == e.field) {
                Some(i) => {
                    self.fields[i].error = Some(e.problem.describe(self.kind, lang));
                    first = Some(first.map_or(i, |f: usize| f.min(i)));
                }
                None => self.general.push(general_message(e, lang)),
            }
        }
        if let Some(i) = first {
            self.focus = i;
        }
    }

    pub fn draft(&self) -> FormDraft {
        FormDraft {
            kind: self.kind,
            editing: self.editing,
            quick: self.quick,
            focus: self.focus,
            fields: self
                .fields
                .iter()
                .map(|f| (f.spec.name.to_string(), f.input.value().to_string(), f.chosen.clone()))
                .collect(),
            step: self.step.clone(),
        }
    }

    pub fn from_draft(draft: &FormDraft) -> FormState {
        let mut form = match &draft.step {
            Some(step) => FormState::for_step(step.clone()),
            None => FormState::new(draft.kind, draft.quick),
        };
        form.editing = draft.editing;
        form.dirty = true;
        for (name, text, chosen) in &draft.fields {
            if let Some(f) = form.field_mut(name) {
                f.input = input_for(f.spec, text);
                f.chosen = chosen.clone();
            }
        }
        form.focus = draft.focus.min(form.fields.len().saturating_sub(1));
        form
    }
}

/// The input for a field of `spec`: a long text keeps its line breaks.
pub fn input_for(spec: &FieldSpec, text: &str) -> TextInput {
    match spec.ty {
        FieldType::LongText { .. } => TextInput::multiline(text),
        _ => TextInput::new(text),
    }
}

fn general_message(e: &FieldError, lang: Lang) -> String {
    e.message(lang)
}

fn set_field(field: &mut FormField, value: &serde_json::Value, labels: &impl Labels, lang: Lang) {
    let ids: Vec<u64> = match value {
        serde_json::Value::Number(n) => n.as_u64().into_iter().collect(),
        serde_json::Value::Array(a) if field.is_reference() => a.iter().filter_map(serde_json::Value::as_u64).collect(),
        _ => Vec::new(),
    };
    if let FieldType::Ref(kind) | FieldType::Refs(kind) = field.spec.ty {
        let names: Vec<String> = ids
            .iter()
            .map(|id| labels.label_of(kind, *id).map_or(format!("#{id}"), std::borrow::Cow::into_owned))
            .collect();
        field.chosen = ids;
        field.show_chosen(&names, lang);
    } else {
        field.input = input_for(field.spec, &display_value(field.spec, value, lang));
    }
}

/// A format problem of what is typed so far; required fields are checked on save.
fn live_error(kind: Kind, field: &FormField, pick_hint: &str, today: NaiveDate, lang: Lang) -> Option<String> {
    let text = field.input.value().trim();
    if text.is_empty() {
        return None;
    }
    if field.is_reference() {
        let unpicked = field.querying || field.chosen.is_empty();
        return unpicked.then(|| match lang {
            Lang::Zh => format!("请从列表中选择（{pick_hint}）"),
            Lang::En => format!("pick from the list ({pick_hint})"),
        });
    }
    match parse_field(field.spec, text, today) {
        Ok(value) => field_problem(field.spec, &value).map(|p| p.describe(kind, lang)),
        Err(p) => Some(p.describe(kind, lang)),
    }
}

/// What is kept in the store while a form is open, so a dropped connection loses nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDraft {
    pub kind: Kind,
    pub editing: Option<(u64, u64)>,
    pub quick: bool,
    pub focus: usize,
    pub fields: Vec<(String, String, Vec<u64>)>,
    /// The step a step form was for; drafts written before step forms had none.
    #[serde(default)]
    pub step: Option<StepForm>,
}

pub const DRAFT_KEY: &str = "form";
