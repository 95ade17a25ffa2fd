//! Forms and pickers: opening them, typing, picking, saving, cancelling.

use super::action::Action;
use super::app::App;
use super::effects::Effect;
use super::form::{FormDraft, FormState, Picker};
use super::key::{Key, KeyCode};
use super::keymap::Mode;
use super::open::{Layer, Question};
use crate::model::choice::Choice;
use crate::model::fields::FieldType;
use crate::model::{AnyData, Kind};
use crate::ops;
use crate::search::SearchKey;
use crate::workflow::{household_member, HouseholdMember};

/// At most this many candidates are listed in a picker.
const PICKER_ROWS: usize = 50;

/// What a new visit or demand takes from the last one entered: who, and how.
/// Not its date: a new one is dated today, not the day of the last one.
const CARRIED: [&str; 3] = ["member_id", "community_id", "kind"];

impl App {
    pub(super) fn open_new_form(&mut self, kind: Kind, quick: bool) -> Vec<Effect> {
        let mut form = FormState::new(kind, quick);
        if matches!(kind, Kind::Visit | Kind::Demand) {
            let last = self
                .last_saved
                .get(&kind)
                .cloned()
                .or_else(|| self.data.records(kind).last().map(|r| r.into_owned().data));
            if let Some(last) = last {
                form.fill_from(&last, &self.data, self.lang, &CARRIED);
            }
            self.prefill_from_selection(&mut form);
        }
        for field in form.fields.iter_mut().filter(|f| f.input.value().is_empty()) {
            if let (Some(default), FieldType::Choice(choices)) = (field.spec.default, field.spec.ty) {
                let label = choices.iter().find(|c| c.id == default).map(|c| c.label(self.lang));
                field.input = super::text_input::TextInput::new(label.unwrap_or(default));
            }
        }
        for field in form.fields.iter_mut().filter(|f| f.spec.ty == FieldType::Date && f.input.value().is_empty()) {
            if field.spec.required {
                field.input = super::text_input::TextInput::new(&self.today.to_string());
            }
        }
        self.show_form(form)
    }

    /// A visit or demand started on a household takes that household and its member.
    fn prefill_from_selection(&self, form: &mut FormState) {
        let Some((Kind::Household, id)) = self.selected() else { return };
        let household = self.data.get(Kind::Household, id);
        let Some(AnyData::Household(h)) = household.as_deref().map(|r| &r.data) else { return };
        let names = [(Kind::Household, Some(id), "household_id"), (Kind::Member, h.member_id, "member_id")];
        for (kind, id, field) in names {
            if let (Some(id), Some(f)) = (id, form.field_mut(field)) {
                f.chosen = vec![id];
                f.show_chosen(&[self.data.label(kind, id)], self.lang);
            }
        }
        if let Some(f) = form.field_mut("community_id") {
            f.chosen.clear();
            f.input = super::text_input::TextInput::default();
        }
    }

    pub(super) fn open_edit_form(&mut self) -> Vec<Effect> {
        let Some((kind, id)) = self.selected() else { return Vec::new() };
        let Some(rec) = self.data.get(kind, id) else { return Vec::new() };
        let form = FormState::edit(&rec, &self.data, self.lang);
        let editors = self.editors_of(kind, id);
        let effects = self.show_form(form);
        if let Some(who) = editors {
            self.status = match self.lang {
                crate::i18n::Lang::Zh => format!("注意：{who} 也在编辑此记录，后保存者会被询问是否覆盖"),
                crate::i18n::Lang::En => {
                    format!("Note: {who} is editing this record too; whoever saves second is asked before overwriting")
                }
            };
        }
        effects
    }

    /// The open form again, on the record as it is now: what was typed is dropped.
    pub(super) fn reload_form(&mut self) -> Vec<Effect> {
        let editing = self.form().and_then(|f| f.editing.map(|(id, _)| (f.kind, id)));
        let Some(rec) = editing.and_then(|(kind, id)| self.data.get(kind, id)) else { return self.close_form() };
        let form = FormState::edit(&rec, &self.data, self.lang);
        let mut effects = self.show_form(form);
        effects.push(Effect::DeleteDraft);
        self.status = self.lang.pick("已重新载入他人保存的内容", "Reloaded with the other person's changes").into();
        effects
    }

    /// Opens `form`, in place of one open on top (a form reloaded).
    pub(super) fn show_form(&mut self, mut form: FormState) -> Vec<Effect> {
        if matches!(self.open.top(), Some(Layer::Form(_))) {
            self.open.pop();
        }
        form.pick_hint = self.pick_hint();
        // As every field entered, the first: what is in it is selected, and
        // typing replaces it. Not in a form taken up again, where typing goes on.
        if !form.dirty {
            form.focused_mut().input.select_all();
        }
        self.open.push(Layer::Form(Box::new(form)));
        self.status.clear();
        self.open_picker_if_empty();
        Vec::new()
    }

    pub(super) fn form_action(&mut self, action: Action) -> Vec<Effect> {
        match (self.mode(), action) {
            (Mode::Picker, Action::Up) => self.move_picker(-1),
            (Mode::Picker, Action::Down) => self.move_picker(1),
            (Mode::Picker, Action::Pick) => return self.pick(),
            (Mode::Picker, Action::Cancel) => {
                self.close_picker();
                let esc = self.keymap.key_text(Mode::Form, Action::Cancel, self.lang);
                self.status = match self.lang {
                    crate::i18n::Lang::Zh => format!("已关闭列表；再按 {esc} 离开表单"),
                    crate::i18n::Lang::En => format!("List closed; {esc} again leaves the form"),
                };
            }
            (_, Action::ClearField) => return self.clear_field(),
            (_, Action::NewLine) => return self.new_line(),
            (_, Action::NextField) => self.step_field(1),
            (_, Action::PrevField) => self.step_field(-1),
            (_, Action::Save) => return self.save_form(),
            (_, Action::Cancel) => return self.cancel_form(),
            _ => {}
        }
        Vec::new()
    }

    /// "下键/上键 移动，Enter 确定": the picker's keys in force.
    fn pick_hint(&self) -> String {
        let key = |action| self.keymap.key_text(Mode::Picker, action, self.lang);
        let (down, up, pick) = (key(Action::Down), key(Action::Up), key(Action::Pick));
        match self.lang {
            crate::i18n::Lang::Zh => format!("{down}/{up} 移动，{pick} 确定"),
            crate::i18n::Lang::En => format!("{down}/{up} move, {pick} picks"),
        }
    }

    fn step_field(&mut self, step: isize) {
        let (today, lang) = (self.today, self.lang);
        let Some(form) = self.form_mut() else { return };
        form.validate_focused(today, lang, true);
        form.next_field(step);
        form.picker = None;
        form.focused_mut().input.select_all();
        self.open_picker_if_empty();
    }

    /// A line break in a long text; elsewhere the status line says where it works.
    fn new_line(&mut self) -> Vec<Effect> {
        let Some(form) = self.form_mut() else { return Vec::new() };
        if form.focused_mut().input.new_line() {
            form.dirty = true;
            return self.draft_effect();
        }
        self.status = self
            .lang
            .pick("只有多行文字（如情况、纪要）可以换行", "Only a long text (such as a summary) takes line breaks")
            .into();
        Vec::new()
    }

    /// Empties the focused field (its chosen records too).
    fn clear_field(&mut self) -> Vec<Effect> {
        let Some(form) = self.form_mut() else { return Vec::new() };
        let field = form.focused_mut();
        field.input.clear();
        field.chosen.clear();
        field.querying = false;
        field.error = None;
        form.dirty = true;
        if form.focused().has_picker() {
            self.refresh_picker();
        }
        self.note_other_member();
        self.draft_effect()
    }

    /// A required field that must be picked shows its list at once; optional
    /// ones wait for typing, so that Enter on them saves rather than picks.
    fn open_picker_if_empty(&mut self) {
        let open = self.form().is_some_and(|f| {
            let field = f.focused();
            field.has_picker() && field.spec.required && field.input.value().is_empty()
        });
        if open {
            self.refresh_picker();
        }
    }

    pub(super) fn save_form(&mut self) -> Vec<Effect> {
        let (today, lang) = (self.today, self.lang);
        let Some(form) = self.open.form_mut() else { return Vec::new() };
        if let Some(step) = form.step.clone() {
            return match step.requests(form, today) {
                // The draft goes with the save, as a record form's does; a refused
                // step leaves the form open, and the next key typed saves it again.
                Ok(requests) => requests.into_iter().map(Effect::ask).chain([Effect::DeleteDraft]).collect(),
                Err(invalid) => {
                    form.show_errors(&invalid, lang);
                    form.picker = None;
                    self.status = lang.pick("请修改标出的字段后再保存", "Correct the marked fields, then save").into();
                    Vec::new()
                }
            };
        }
        let confirmed = form.other_member_confirmed;
        let question = self.form().and_then(|form| self.other_member(form)).filter(|_| !confirmed);
        if let Some(question) = question {
            self.open.push(Layer::Question(question));
            return Vec::new();
        }
        let Some(form) = self.open.form_mut() else { return Vec::new() };
        let base = form.editing.and_then(|(id, _)| self.data.get(form.kind, id)).map(|r| r.into_owned().data);
        match form.build(base.as_ref(), today, lang) {
            // The draft is dropped once the record is saved (see `saved`).
            Some(data) => match form.editing {
                None => vec![Effect::ask(ops::records::Create { data })],
                // A user's edit: a demand's status must follow its lifecycle.
                Some((id, rev)) => vec![Effect::ask(ops::demands::EditChecked { id, data, expected_rev: Some(rev) })],
            },
            None => {
                form.picker = None;
                self.status = lang.pick("请修改标出的字段后再保存", "Correct the marked fields, then save").into();
                Vec::new()
            }
        }
    }

    fn cancel_form(&mut self) -> Vec<Effect> {
        if self.form().is_some_and(|f| f.dirty) {
            self.open.push(Layer::Question(Question::DiscardForm));
            return Vec::new();
        }
        self.close_form()
    }

    /// Closes the form (and what is over it); what it was opened over shows again.
    pub(super) fn close_form(&mut self) -> Vec<Effect> {
        self.open.close(|o| matches!(o, Layer::Form(_)));
        vec![Effect::DeleteDraft]
    }

    pub(super) fn type_in_form(&mut self, key: &Key) -> Vec<Effect> {
        let (today, lang) = (self.today, self.lang);
        let Some(form) = self.open.form_mut() else { return Vec::new() };
        let field = form.focused_mut();
        let typed = if field.is_reference() && !field.querying {
            start_query(field, key, &self.data, lang)
        } else {
            field.input.handle(key)
        };
        if !typed {
            return Vec::new();
        }
        form.dirty = true;
        form.validate_focused(today, lang, false);
        if form.focused().has_picker() {
            self.refresh_picker();
        }
        self.draft_effect()
    }

    pub(super) fn draft_effect(&self) -> Vec<Effect> {
        let Some(form) = self.form() else { return Vec::new() };
        let draft: FormDraft = form.draft();
        serde_json::to_vec(&draft).map(Effect::PutDraft).into_iter().collect()
    }

    fn refresh_picker(&mut self) {
        let Some(form) = self.form() else { return };
        let field = form.focused();
        let query = picker_query(field.input.value(), field.spec.ty, field.querying);
        let items = match field.spec.ty {
            FieldType::Ref(kind) | FieldType::Refs(kind) => self.record_candidates(kind, &query),
            FieldType::Choice(choices) | FieldType::Choices(choices) => self.choice_candidates(choices, &query),
            _ => Vec::new(),
        };
        if let Some(form) = self.form_mut() {
            form.picker = Some(Picker { items, selected: 0, moved: false });
        }
    }

    fn record_candidates(&mut self, kind: Kind, query: &str) -> Vec<(String, String)> {
        let records = self.data.records(kind);
        let active = (0..records.len()).rev().filter(|p| !records.archived(*p));
        let positions: Vec<usize> = if query.trim().is_empty() {
            active.take(PICKER_ROWS).collect()
        } else {
            let keyed = active.filter_map(|p| Some((p, self.data.key(kind, p)?)));
            self.searcher.rank(query, keyed).into_iter().take(PICKER_ROWS).map(|(p, _)| p).collect()
        };
        let ids = positions.into_iter().filter_map(|p| records.id(p));
        ids.map(|id| (id.to_string(), self.picker_label(kind, id))).collect()
    }

    /// Households are named with their community, as heads' names repeat.
    fn picker_label(&self, kind: Kind, id: u64) -> String {
        let label = self.data.label(kind, id);
        match self.data.get(kind, id).as_deref().map(|r| &r.data) {
            Some(AnyData::Household(h)) => format!("{label}（{}）", self.data.label(Kind::Community, h.community_id)),
            _ => label,
        }
    }

    fn choice_candidates(&mut self, choices: &[Choice], query: &str) -> Vec<(String, String)> {
        let q = query.trim().to_lowercase();
        let lang = self.lang;
        choices
            .iter()
            .filter(|c| {
                q.is_empty()
                    || c.id.contains(&q)
                    || c.en.to_lowercase().contains(&q)
                    || c.zh.contains(query.trim())
                    || self.searcher.score(&q, &SearchKey::new(c.zh)).is_some()
            })
            .map(|c| (c.id.to_string(), c.label(lang).to_string()))
            .collect()
    }

    fn move_picker(&mut self, delta: isize) {
        if let Some(p) = self.form_mut().and_then(|f| f.picker.as_mut()) {
            let last = p.items.len().saturating_sub(1) as isize;
            p.selected = (p.selected as isize + delta).clamp(0, last.max(0)) as usize;
            p.moved = true;
        }
    }

    fn close_picker(&mut self) {
        if let Some(form) = self.form_mut() {
            form.picker = None;
        }
    }

    /// Takes the highlighted candidate into the focused field.
    fn pick(&mut self) -> Vec<Effect> {
        let (today, lang) = (self.today, self.lang);
        let Some(form) = self.open.form_mut() else { return Vec::new() };
        // Enter on a list nothing was typed into nor moved in chooses nothing:
        // a hurried Enter must not take whatever happens to be first.
        let unasked = form.picker.as_ref().is_some_and(|p| !p.moved) && form.focused().input.value().trim().is_empty();
        let highlighted = form.picker.as_ref().and_then(|p| p.items.get(p.selected).cloned());
        if unasked && highlighted.is_some() {
            let key = |action| self.keymap.key_text(Mode::Picker, action, self.lang);
            let (down, up) = (key(Action::Down), key(Action::Up));
            self.status = match self.lang {
                crate::i18n::Lang::Zh => format!("未选择：请输入查找，或用 {down}/{up} 移到要选的一项"),
                crate::i18n::Lang::En => format!("Nothing picked: type to search, or move to an item with {down}/{up}"),
            };
            return Vec::new();
        }
        let Some((value, label)) = highlighted else {
            self.close_picker();
            return Vec::new();
        };
        let field = form.focused_mut();
        match field.spec.ty {
            FieldType::Ref(kind) | FieldType::Refs(kind) => {
                let id: u64 = value.parse().unwrap_or_default();
                if matches!(field.spec.ty, FieldType::Ref(_)) {
                    field.chosen.clear();
                }
                if !field.chosen.contains(&id) {
                    field.chosen.push(id);
                }
                let names: Vec<String> = field.chosen.iter().map(|id| self.data.label(kind, *id)).collect();
                field.show_chosen(&names, lang);
                let name = field.spec.name;
                self.follow_choice(name, id);
            }
            FieldType::Choices(_) => {
                let kept = field.input.value().rsplit_once(['、', ',', '，']).map(|(head, _)| head.to_string());
                let text = kept.map_or(label.clone(), |head| format!("{head}{}{label}", crate::i18n::list_sep(lang)));
                field.input = super::text_input::TextInput::new(&text);
            }
            _ => field.input = super::text_input::TextInput::new(&label),
        }
        let Some(form) = self.open.form_mut() else { return Vec::new() };
        form.dirty = true;
        form.validate_focused(today, lang, true);
        self.close_picker();
        self.note_other_member();
        let effects = self.draft_effect();
        // A single value is done once picked; lists stay for the next pick.
        if !matches!(self.form().map(|f| f.focused().spec.ty), Some(FieldType::Refs(_) | FieldType::Choices(_))) {
            self.step_field(1);
        }
        effects
    }
}

impl App {
    /// What a choice implies for the other fields of a visit or demand: a
    /// household brings the member it is linked to (and is the one target, so
    /// a unit or community goes); a demand's visit brings its target and member.
    fn follow_choice(&mut self, field: &str, id: u64) {
        let Some(kind) = self.form().map(|f| f.kind).filter(|k| matches!(k, Kind::Visit | Kind::Demand)) else {
            return;
        };
        let record = match field {
            "household_id" => self.data.get(Kind::Household, id),
            "visit_id" if kind == Kind::Demand => self.data.get(Kind::Visit, id),
            _ => return,
        };
        let Some(data) = record.map(|r| r.into_owned().data) else { return };
        let sets: Vec<(&str, Kind, Option<u64>)> = match &data {
            AnyData::Household(h) => vec![
                ("member_id", Kind::Member, h.member_id),
                ("unit_id", Kind::Unit, None),
                ("community_id", Kind::Community, None),
            ],
            AnyData::Visit(v) => vec![
                ("member_id", Kind::Member, Some(v.member_id)),
                ("household_id", Kind::Household, v.household_id),
                ("unit_id", Kind::Unit, v.unit_id),
                ("community_id", Kind::Community, v.community_id),
            ],
            _ => return,
        };
        let labels: Vec<Option<String>> = sets.iter().map(|(_, k, id)| id.map(|id| self.data.label(*k, id))).collect();
        let lang = self.lang;
        let Some(form) = self.form_mut() else { return };
        for ((name, _, id), label) in sets.iter().zip(labels) {
            let Some(f) = form.field_mut(name) else { continue };
            match (id, label) {
                (Some(id), Some(label)) => {
                    f.chosen = vec![*id];
                    f.show_chosen(&[label], lang);
                }
                // A household linked to no member leaves the member as it is.
                _ if *name == "member_id" => {}
                _ => {
                    f.chosen.clear();
                    f.input.clear();
                }
            }
            f.error = None;
        }
        if let (AnyData::Visit(v), Some(f)) = (&data, form.field_mut("visitor")) {
            f.input = super::text_input::TextInput::new(&v.visitor);
        }
        form.other_member_confirmed = false;
    }

    /// The question to ask before saving a visit or demand whose member is not
    /// the one its household is linked to.
    fn other_member(&self, form: &FormState) -> Option<Question> {
        let (&[household], &[chosen]) = (form.chosen("household_id"), form.chosen("member_id")) else { return None };
        let record = self.data.get(Kind::Household, household)?;
        let AnyData::Household(h) = &record.data else { return None };
        let HouseholdMember::Other { linked, .. } = household_member(h.member_id, Some(chosen)) else { return None };
        Some(Question::OtherMember {
            household: self.data.label(Kind::Household, household),
            linked: self.data.label(Kind::Member, linked),
            chosen: self.data.label(Kind::Member, chosen),
        })
    }

    /// Says beside the member field when it is not the household's member.
    fn note_other_member(&mut self) {
        let lang = self.lang;
        let Some(form) = self.form() else { return };
        let note = match self.other_member(form) {
            Some(Question::OtherMember { household, linked, .. }) => Some(match lang {
                crate::i18n::Lang::Zh => format!("注意：联系户 {household} 的联系委员是 {linked}"),
                crate::i18n::Lang::En => format!("note: {household}'s linked member is {linked}"),
            }),
            _ => None,
        };
        if let Some(field) = self.form_mut().and_then(|f| f.field_mut("member_id")) {
            field.note = note;
        }
    }
}

/// The first key typed into a reference field replaces its chosen labels with a
/// search; Backspace on a list of references removes the last one.
fn start_query(
    field: &mut super::form::FormField,
    key: &Key,
    labels: &super::data::Data,
    lang: crate::i18n::Lang,
) -> bool {
    let is_backspace = key.code == KeyCode::Backspace && !key.ctrl && !key.alt;
    if is_backspace && matches!(field.spec.ty, FieldType::Refs(_)) {
        field.chosen.pop();
        if let FieldType::Refs(kind) = field.spec.ty {
            let names: Vec<String> = field.chosen.iter().map(|id| labels.label(kind, *id)).collect();
            field.show_chosen(&names, lang);
        }
        return true;
    }
    let mut probe = super::text_input::TextInput::default();
    if !probe.handle(key) && !is_backspace {
        return false;
    }
    if matches!(field.spec.ty, FieldType::Ref(_)) {
        field.chosen.clear();
    }
    field.input = probe;
    field.querying = true;
    true
}

/// The part of a field's text a picker searches by.
fn picker_query(text: &str, ty: FieldType, querying: bool) -> String {
    match ty {
        FieldType::Ref(_) | FieldType::Refs(_) if !querying => String::new(),
        FieldType::Choices(_) => text.rsplit(['、', ',', '，']).next().unwrap_or_default().trim().to_string(),
        _ => text.trim().to_string(),
    }
}
