//! Closed sets of values (roles, statuses, categories…) with their stored id and
//! their zh/en labels kept side by side, so that parsing, display and spreadsheet
//! headers all read from one table.

use crate::i18n::Lang;

/// One allowed value of a closed set: stored id plus its two labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Choice {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }

    /// Finds the choice a user meant: its id, or either label, ignoring case,
    /// and `-` for `_` so that `in-progress` works as well as `in_progress`.
    pub fn find<'a>(choices: &'a [Choice], input: &str) -> Option<&'a Choice> {
        let wanted = input.trim().to_lowercase().replace('-', "_");
        choices
            .iter()
            .find(|c| c.id == wanted || c.zh == input.trim() || c.en.to_lowercase().replace('-', "_") == wanted)
    }

    /// All ids with their labels, for "expected one of …" messages.
    pub fn describe_all(choices: &[Choice], lang: Lang) -> String {
        choices
            .iter()
            .map(|c| match lang {
                Lang::Zh => format!("{}（{}）", c.zh, c.id),
                Lang::En => c.id.to_string(),
            })
            .collect::<Vec<_>>()
            .join(crate::i18n::list_sep(lang))
    }
}

/// Declares an enum stored by variant, shown by label, parsed from id or label.
macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $id)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            pub const CHOICES: &'static [$crate::model::choice::Choice] =
                &[$($crate::model::choice::Choice { id: $id, zh: $zh, en: $en },)+];

            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            pub fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                match self { $($name::$variant => lang.pick($zh, $en),)+ }
            }

            pub fn parse(input: &str) -> Option<Self> {
                let found = $crate::model::choice::Choice::find(Self::CHOICES, input)?;
                Self::ALL.iter().copied().find(|v| v.id() == found.id)
            }
        }
    };
}
pub(crate) use choice_enum;
