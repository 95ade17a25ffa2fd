//! Record kinds, their fields and validation. Nothing here knows of storage or
//! of the terminal.

pub mod choice;
pub mod community;
pub mod composite;
pub mod dates;
pub mod demand;
pub mod deputy;
pub mod enums;
pub mod error;
pub mod evaluation;
pub mod field_check;
pub mod fields;
pub mod household;
pub mod kind;
pub mod meeting;
pub mod member;
pub mod period;
pub mod privacy;
pub mod record;
pub mod session;
pub mod settings;
pub mod stamp;
pub mod target;
pub mod task;
pub mod unit;
pub mod visit;

pub use community::Community;
pub use demand::Demand;
pub use deputy::Deputy;
pub use error::{FieldError, Invalid, Problem};
pub use evaluation::{Evaluation, VoteSet, VoteSets, Votes};
pub use household::Household;
pub use kind::Kind;
pub use meeting::{Meeting, Topic};
pub use member::Member;
pub use record::{IndexValue, Meta, RecordData, Ref};
pub use session::Session;
pub use settings::Settings;
pub use task::{Progress, Task};
pub use unit::Unit;
pub use visit::{Visit, VisitRef};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Runs `$body` with `$t` bound to the record type of `$kind`.
#[macro_export]
macro_rules! with_kind {
    ($kind:expr, $t:ident => $body:expr) => {{
        use $crate::model as m;
        match $kind {
            m::Kind::Member => {
                type $t = m::Member;
                $body
            }
            m::Kind::Unit => {
                type $t = m::Unit;
                $body
            }
            m::Kind::Community => {
                type $t = m::Community;
                $body
            }
            m::Kind::Household => {
                type $t = m::Household;
                $body
            }
            m::Kind::Visit => {
                type $t = m::Visit;
                $body
            }
            m::Kind::Demand => {
                type $t = m::Demand;
                $body
            }
            m::Kind::Meeting => {
                type $t = m::Meeting;
                $body
            }
            m::Kind::Task => {
                type $t = m::Task;
                $body
            }
            m::Kind::Evaluation => {
                type $t = m::Evaluation;
                $body
            }
            m::Kind::Deputy => {
                type $t = m::Deputy;
                $body
            }
            m::Kind::Session => {
                type $t = m::Session;
                $body
            }
        }
    }};
}

/// The data of a record of any kind: what the store API carries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AnyData {
    // Every kind is boxed, so that a record is as small as the pointer to
    // its data: an enum is as large as its largest variant, and with visits
    // unboxed (128 bytes) each of the 20,000 other records the workbench
    // holds decoded took 120 bytes more than its data (issue 22: with labels
    // made when asked, the workbench's peak went from 54.8 to 49.2 MB).
    // Visits are held packed there (`tui::held`), so the box costs them one
    // allocation while in transit, no memory.
    Member(Box<Member>),
    Unit(Box<Unit>),
    Community(Box<Community>),
    Household(Box<Household>),
    Visit(Box<Visit>),
    Demand(Box<Demand>),
    Meeting(Box<Meeting>),
    Task(Box<Task>),
    Evaluation(Box<Evaluation>),
    Deputy(Box<Deputy>),
    Session(Box<Session>),
}

/// Runs `$body` with `$d` bound to the typed data inside an [`AnyData`].
#[macro_export]
macro_rules! with_data {
    ($any:expr, $d:ident => $body:expr) => {
        $crate::with_data!(@boxed [Member Unit Community Household Visit Demand Meeting Task Evaluation Deputy Session] $any, $d => $body)
    };
    // Every kind is boxed (see `AnyData`): reached through the box.
    (@boxed [$($boxed:ident)*] $any:expr, $d:ident => $body:expr) => {{
        use $crate::model::AnyData as A;
        match $any {
            $(A::$boxed($d) => {
                let $d = $crate::model::Unbox::unbox($d);
                $body
            })*
        }
    }};
}

/// Typed data into and out of [`AnyData`].
pub trait Wrap: RecordData {
    fn wrap(self) -> AnyData;
    fn unwrap_any(any: AnyData) -> Option<Self>;
    fn peek(any: &AnyData) -> Option<&Self>;
}

macro_rules! impl_wrap_boxed {
    ($($t:ident),+) => {$(
        impl Wrap for $t {
            fn wrap(self) -> AnyData { AnyData::$t(Box::new(self)) }
            fn unwrap_any(any: AnyData) -> Option<Self> {
                match any { AnyData::$t(d) => Some(*d), _ => None }
            }
            fn peek(any: &AnyData) -> Option<&Self> {
                match any { AnyData::$t(d) => Some(d), _ => None }
            }
        }
    )+};
}

/// Reaches through the box of a boxed kind in `with_data!`, by reference,
/// mutable reference or value alike.
pub trait Unbox {
    type Out;
    fn unbox(self) -> Self::Out;
}

impl<'a, T> Unbox for &'a Box<T> {
    type Out = &'a T;
    fn unbox(self) -> &'a T {
        self
    }
}

impl<'a, T> Unbox for &'a mut Box<T> {
    type Out = &'a mut T;
    fn unbox(self) -> &'a mut T {
        self
    }
}

impl<T> Unbox for Box<T> {
    type Out = T;
    fn unbox(self) -> T {
        *self
    }
}

impl_wrap_boxed!(Member, Unit, Community, Household, Visit, Demand, Meeting, Task, Evaluation, Deputy, Session);

impl AnyData {
    pub fn kind(&self) -> Kind {
        with_data!(self, d => kind_of(d))
    }

    pub fn label(&self) -> String {
        with_data!(self, d => d.label())
    }

    pub fn search_text(&self) -> String {
        with_data!(self, d => d.search_text())
    }

    /// Phone and ID numbers typed into the free text masked (see
    /// `privacy::mask_numbers_in_text`), as lists show them.
    pub fn mask_free_text(&mut self) {
        with_data!(self, d => {
            for text in d.free_text_mut() {
                if text.bytes().any(|b| b.is_ascii_digit()) {
                    *text = privacy::mask_numbers_in_text(text);
                }
            }
        })
    }

    /// The day the record is about, for ordering records of a kind by time.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            AnyData::Visit(v) => Some(v.date),
            AnyData::Demand(d) => Some(d.raised_on),
            AnyData::Meeting(m) => Some(m.date),
            AnyData::Task(t) => t.due,
            AnyData::Evaluation(e) => Some(e.period.last_day()),
            AnyData::Session(s) => Some(s.date),
            _ => None,
        }
    }

    pub fn refs(&self) -> Vec<Ref> {
        with_data!(self, d => d.refs())
    }

    pub fn index_values(&self) -> Vec<IndexValue> {
        with_data!(self, d => d.index_values())
    }

    pub fn normalize(&mut self) {
        with_data!(self, d => d.normalize())
    }

    pub fn validate(&self) -> Result<(), Invalid> {
        with_data!(self, d => d.validate())
    }

    pub fn to_map(&self) -> Map<String, Value> {
        with_data!(self, d => record::to_map(d))
    }

    /// A new record of `kind` from `field = value` pairs as typed by a user.
    pub fn build(kind: Kind, fields: &[(String, String)], today: NaiveDate) -> Result<AnyData, Invalid> {
        with_kind!(kind, T => record::build::<T>(None, fields, today).map(Wrap::wrap))
    }

    /// This record with the given fields changed.
    pub fn edit(&self, fields: &[(String, String)], today: NaiveDate) -> Result<AnyData, Invalid> {
        with_data!(self, d => record::build(Some(d), fields, today).map(Wrap::wrap))
    }
}

fn kind_of<T: RecordData>(_: &T) -> Kind {
    T::KIND
}

/// A stored record: its bookkeeping and its data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnyRecord {
    pub meta: Meta,
    pub data: AnyData,
}

impl AnyRecord {
    pub fn kind(&self) -> Kind {
        self.data.kind()
    }

    pub fn id(&self) -> u64 {
        self.meta.id
    }

    /// The record as DOMAIN-named JSON fields: `id`, timestamps, `archived`, then the data.
    pub fn to_json(&self) -> Map<String, Value> {
        let mut map = Map::new();
        map.insert("id".into(), Value::from(self.meta.id));
        map.insert("created_at".into(), Value::from(self.meta.created_at.to_rfc3339()));
        map.insert("updated_at".into(), Value::from(self.meta.updated_at.to_rfc3339()));
        map.insert("archived".into(), Value::from(self.meta.archived));
        map.extend(self.data.to_map());
        map
    }
}

#[cfg(test)]
mod size_tests {
    use super::*;

    /// The workbench holds 20,000 records decoded in a large street: a kind
    /// left unboxed would make every one of them as large as itself.
    #[test]
    fn a_record_holds_its_data_behind_one_pointer() {
        assert_eq!(std::mem::size_of::<AnyData>(), 2 * std::mem::size_of::<usize>());
    }
}
