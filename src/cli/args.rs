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
        let (name, value) = match flag.split_once('=') {
            Some((name, value)) => (name, value),
            None => {
                let value = rest.next().ok_or_else(|| {
                    CliError::usage(match lang {
                        Lang::Zh => format!("字段 --{flag} 缺少值"),
                        Lang::En => format!("field --{flag} needs a value"),
                    })
                })?;
                (flag, value.as_str())
            }
        };
        let same = |(n, _): &(String, String)| n.replace('-', "_") == name.replace('-', "_");
        if pairs.iter().any(same) {
            return Err(CliError::usage(match lang {
                Lang::Zh => format!("字段 --{name} 给了不止一次；每个字段只能给一个值"),
                Lang::En => format!("field --{name} is given more than once; give each field one value"),
            }));
        }
        pairs.push((name.to_string(), value.to_string()));
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
    fn a_field_given_twice_is_refused_not_silently_overwritten() {
        let twice = field_pairs(&words(&["--name", "甲", "--phone", "1", "--name=乙"]), Lang::Zh).unwrap_err();
        assert!(twice.message.contains("--name") && twice.message.contains("不止一次"), "{}", twice.message);
        assert!(field_pairs(&words(&["--unit-id", "1", "--unit_id", "2"]), Lang::En).is_err());
    }

    #[test]
    fn a_missing_value_or_name_is_a_usage_error() {
        assert_eq!(field_pairs(&words(&["--name"]), Lang::En).unwrap_err().code, 2);
        assert!(field_pairs(&words(&["张三"]), Lang::Zh).unwrap_err().message.contains("--字段"));
    }
}
