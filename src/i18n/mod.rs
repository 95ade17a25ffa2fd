//! The two UI languages. Every user-facing string is produced by a `match` over
//! [`Lang`], so a missing translation is a compile error rather than a blank.

use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" | "chinese" | "中文" => Ok(Lang::Zh),
            "en" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language \"{other}\"; expected zh or en")),
        }
    }
}

/// Joins items the way each language lists them.
pub fn list_sep(lang: Lang) -> &'static str {
    lang.pick("、", ", ")
}
