//! `--field value` pairs of `add` and `edit`, checked against the kind's fields.

use super::CliError;
use crate::i18n::Lang;
use crate::model::Kind;

/// Reads `--name 张三 --unit-id=3` into `[("name", "张三"), ("unit-id", "3")]`.
pub fn field_pairs(words: &[String], lang: Lang) -> Result<Vec<(String, String)>, CliError> {
    let mut pairs = Vec::new();
    let mut rest = words.iter();
    while let Some(word) = rest.next() {
        let Some(flag) = word.strip_prefix("--") else {
            return Err(CliError::usage(match lang {
                Lang::Zh => format!("\"{word}\" 前缺少字段名；应写成 --字段 值，如 --name 张三"),
                Lang::En => {
                    format!("\"{word}\" has no field name before it; expected --field value, e.g. --name Zhang")
                }
            }));
        };
        if let Some((name, value)) = flag.split_once('=') {
            pairs.push((name.to_string(), value.to_string()));
            continue;
        }
        let value = rest.next().ok_or_else(|| {
            CliError::usage(match lang {
                Lang::Zh => format!("字段 --{flag} 缺少值"),
                Lang::En => format!("field --{flag} needs a value"),
            })
        })?;
        pairs.push((flag.to_string(), value.clone()));
    }
    Ok(pairs)
}

pub fn parse_kind(word: &str, lang: Lang) -> Result<Kind, CliError> {
    Kind::parse(word).ok_or_else(|| {
        CliError::usage(match lang {
            Lang::Zh => format!("没有记录类型 \"{word}\"；可用：{}", Kind::ids()),
            Lang::En => format!("unknown record kind \"{word}\"; expected one of: {}", Kind::ids()),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &[&str]) -> Vec<String> {
        s.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn pairs_with_space_or_equals() {
        let pairs = field_pairs(&words(&["--name", "张三", "--unit-id=3", "--notes", "-1 day"]), Lang::En).unwrap();
        assert_eq!(pairs[1], ("unit-id".to_string(), "3".to_string()));
        assert_eq!(pairs[2].1, "-1 day");
    }

    #[test]
    fn a_missing_value_or_name_is_a_usage_error() {
        assert_eq!(field_pairs(&words(&["--name"]), Lang::En).unwrap_err().code, 2);
        assert!(field_pairs(&words(&["张三"]), Lang::Zh).unwrap_err().message.contains("--字段"));
    }
}
