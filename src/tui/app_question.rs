//! The yes/no question in the status line: asked by pushing it over what it
//! is about, answered here, which closes it and acts on the answer.

use super::action::Action;
use super::app::App;
use super::effects::Effect;
use super::form::{FormDraft, FormState};
use super::open::{Layer, Question};
use super::step_form::StepForm;

impl App {
    /// Offers a draft left by a session that ended without saving.
    pub fn offer_draft(&mut self, draft: FormDraft) {
        self.open.push(Layer::Question(Question::RestoreDraft(Box::new(draft))));
    }

    /// The answer to the question on top, which closes it.
    pub(super) fn answer(&mut self, action: Action) -> Vec<Effect> {
        let yes = match action {
            Action::Confirm => true,
            Action::Deny => false,
            _ => return Vec::new(),
        };
        let question = match self.open.pop() {
            Some(Layer::Question(q)) => q,
            Some(Layer::Report(view, q)) => return self.answer_report(*view, q, yes),
            other => {
                // Nothing asked: leave what is open as it was.
                other.into_iter().for_each(|o| self.open.push(o));
                return Vec::new();
            }
        };
        match (question, yes) {
            (Question::DiscardForm, true) => self.close_form(),
            (Question::DiscardForm, false) => Vec::new(),
            (Question::RestoreDraft(draft), true) => self.show_form(FormState::from_draft(&draft)),
            (Question::RestoreDraft(_), false) => vec![Effect::DeleteDraft],
            (Question::WriteImport(_) | Question::CloseReport, _) => Vec::new(),
            (Question::ResolveDemands(ids), yes) => self.answer_resolve(ids, yes),
            (Question::Overwrite { rev }, true) => {
                if let Some((_, seen)) = self.form_mut().and_then(|f| f.editing.as_mut()) {
                    *seen = rev;
                }
                self.save_form()
            }
            (Question::Overwrite { .. }, false) => self.reload_form(),
            (Question::FinishBeforeMeeting { task_id, .. }, true) => self.finish_task_now(task_id),
            (Question::FinishBeforeMeeting { .. }, false) => Vec::new(),
            (Question::Reopen(demand_id), true) => self.open_step_form(StepForm::Reopen { demand_id }),
            (Question::Reopen(_), false) => Vec::new(),
            (Question::OtherMember { .. }, true) => {
                if let Some(form) = self.form_mut() {
                    form.other_member_confirmed = true;
                }
                self.save_form()
            }
            (Question::OtherMember { .. }, false) => {
                if let Some(form) = self.form_mut() {
                    form.focus_on("member_id");
                }
                Vec::new()
            }
        }
    }
}
