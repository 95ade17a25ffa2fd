//! What is open over the lists: one enum, each variant with its own state,
//! kept as a stack (topmost last) since one thing may open over another — a
//! step's form over the meeting's chooser, a question over the form it is
//! about. The mode that keys resolve in, what the status line says and which
//! layer is drawn all follow from this stack and nothing else.

use super::app_cycle::Chooser;
use super::app_import::ReportView;
use super::form::{FormDraft, FormState};
use super::keymap::Mode;
use super::text_input::TextInput;

#[derive(Clone, Debug)]
pub enum Layer {
    /// Typing into the current list's filter (which the list itself holds).
    Filter,
    /// A record's or a step's form; its picker, when open, is part of it.
    Form(Box<FormState>),
    /// The meeting cycle's list over the body (agenda, attendance, topics, steps).
    Chooser(Chooser),
    /// A report to read, with the question that closes it.
    Report(Box<ReportView>, Question),
    /// A yes/no question in the status line.
    Question(Question),
    /// The `:` command line.
    Command(TextInput),
    Help(Help),
}

/// What a yes/no question in the status line is about.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    DiscardForm,
    /// A form was left unsaved by the last session: open it again?
    RestoreDraft(Box<FormDraft>),
    /// Write an import's records (how many)?
    WriteImport(usize),
    /// A report to read (述职 material, or an import with nothing to write): Enter closes it.
    CloseReport,
    /// A finished task's demands still pending: resolve them (these ids)?
    ResolveDemands(Vec<u64>),
    /// Someone else saved the record of the open form meanwhile (at this
    /// revision): overwrite their change, or reload it and drop ours?
    Overwrite {
        rev: u64,
    },
    /// A task marked done before the meeting it came from (on this date) is held.
    FinishBeforeMeeting {
        task_id: u64,
        meeting: chrono::NaiveDate,
    },
    /// The member of a visit or demand is not the one its household is linked
    /// to (the household, its member, the member chosen): save anyway?
    OtherMember {
        household: String,
        linked: String,
        chosen: String,
    },
    /// This demand's follow-up was unsatisfied: reopen it (重办)?
    Reopen(u64),
}

/// The help over the body: its filter and how far it is scrolled.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Help {
    pub filter: TextInput,
    pub scroll: usize,
}

impl Layer {
    /// The mode keys resolve in while this is on top.
    pub fn mode(&self) -> Mode {
        match self {
            Layer::Filter => Mode::Filter,
            Layer::Form(form) if form.picker.is_some() => Mode::Picker,
            Layer::Form(_) => Mode::Form,
            Layer::Chooser(_) => Mode::Chooser,
            Layer::Report(..) => Mode::Report,
            Layer::Question(_) => Mode::Confirm,
            Layer::Command(_) => Mode::Command,
            Layer::Help(_) => Mode::Help,
        }
    }

    /// Whether it is drawn over the body (the others live in the status line).
    pub fn covers_body(&self) -> bool {
        matches!(self, Layer::Form(_) | Layer::Chooser(_) | Layer::Report(..) | Layer::Help(_))
    }
}

/// The stack of what is open, with the questions the rest of the workbench asks of it.
#[derive(Clone, Debug, Default)]
pub struct Stack(Vec<Layer>);

impl Stack {
    pub fn mode(&self) -> Mode {
        self.0.last().map_or(Mode::Normal, Layer::mode)
    }

    pub fn top_mut(&mut self) -> Option<&mut Layer> {
        self.0.last_mut()
    }

    pub fn top(&self) -> Option<&Layer> {
        self.0.last()
    }

    /// What is drawn over the body: the topmost layer that covers it.
    pub fn body(&self) -> Option<&Layer> {
        self.0.iter().rev().find(|o| o.covers_body())
    }

    pub fn push(&mut self, open: Layer) {
        self.0.push(open);
    }

    pub fn pop(&mut self) -> Option<Layer> {
        self.0.pop()
    }

    /// Closes the topmost layer that `is` picks, and what lies over it.
    pub fn close(&mut self, is: impl Fn(&Layer) -> bool) {
        if let Some(i) = self.0.iter().rposition(is) {
            self.0.truncate(i);
        }
    }

    /// The open form (a question may be over it).
    pub fn form(&self) -> Option<&FormState> {
        self.0.iter().rev().find_map(|o| match o {
            Layer::Form(f) => Some(f.as_ref()),
            _ => None,
        })
    }

    pub fn form_mut(&mut self) -> Option<&mut FormState> {
        self.0.iter_mut().rev().find_map(|o| match o {
            Layer::Form(f) => Some(f.as_mut()),
            _ => None,
        })
    }

    pub fn chooser(&self) -> Option<&Chooser> {
        self.0.iter().rev().find_map(|o| match o {
            Layer::Chooser(c) => Some(c),
            _ => None,
        })
    }

    pub fn chooser_mut(&mut self) -> Option<&mut Chooser> {
        self.0.iter_mut().rev().find_map(|o| match o {
            Layer::Chooser(c) => Some(c),
            _ => None,
        })
    }

    /// The question waiting for a yes or no, on top.
    pub fn question(&self) -> Option<&Question> {
        match self.0.last()? {
            Layer::Question(q) | Layer::Report(_, q) => Some(q),
            _ => None,
        }
    }

    pub fn report(&self) -> Option<&ReportView> {
        match self.0.last()? {
            Layer::Report(r, _) => Some(r),
            _ => None,
        }
    }

    pub fn command(&self) -> Option<&TextInput> {
        match self.0.last()? {
            Layer::Command(c) => Some(c),
            _ => None,
        }
    }

    pub fn command_mut(&mut self) -> Option<&mut TextInput> {
        match self.0.last_mut()? {
            Layer::Command(c) => Some(c),
            _ => None,
        }
    }

    pub fn help(&self) -> Option<&Help> {
        match self.0.last()? {
            Layer::Help(h) => Some(h),
            _ => None,
        }
    }

    pub fn help_mut(&mut self) -> Option<&mut Help> {
        match self.0.last_mut()? {
            Layer::Help(h) => Some(h),
            _ => None,
        }
    }
}
