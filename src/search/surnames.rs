//! Surname readings for polyphonic characters.
//!
//! The pinyin crate orders readings by general frequency, which is wrong for
//! many surnames (曾 ceng, 单 dan, 解 jie ...). A person's name starts with a
//! surname, so its first character(s) get these readings ahead of the rest.

/// Single-character surnames: readings in the order they are used as a surname.
pub(super) const SINGLE: &[(char, &[&str])] = &[
    ('曾', &["zeng"]),
    ('单', &["shan"]),
    ('解', &["xie"]),
    ('仇', &["qiu"]),
    ('区', &["ou"]),
    ('查', &["zha"]),
    ('朴', &["piao"]),
    ('盖', &["ge", "gai"]),
    ('缪', &["miao"]),
    ('乐', &["yue", "le"]),
    ('覃', &["qin", "tan"]),
    ('翟', &["zhai"]),
    ('员', &["yun"]),
    ('繁', &["po"]),
    ('召', &["shao"]),
    ('秘', &["bi"]),
    ('隗', &["wei"]),
    ('种', &["chong"]),
    ('折', &["she"]),
    ('黑', &["he"]),
    ('沈', &["shen"]),
    ('柏', &["bai"]),
    ('燕', &["yan"]),
    ('纪', &["ji"]),
    ('任', &["ren"]),
    ('华', &["hua"]),
    ('葛', &["ge"]),
    ('薄', &["bo"]),
    ('蕃', &["pi"]),
    ('洗', &["xian"]),
    ('冼', &["xian"]),
    ('宁', &["ning"]),
    ('尉', &["wei", "yu"]),
    ('郇', &["huan"]),
    ('句', &["gou"]),
    ('阚', &["kan"]),
    ('过', &["guo"]),
    ('传', &["chuan"]),
    ('长', &["chang"]),
    ('重', &["chong"]),
    ('贾', &["jia"]),
    ('车', &["che"]),
    ('藏', &["zang"]),
    ('都', &["du"]),
    ('费', &["fei"]),
    ('殷', &["yin"]),
    ('祭', &["zhai"]),
    ('曲', &["qu"]),
    ('褚', &["chu"]),
    ('石', &["shi"]),
    ('能', &["nai"]),
    ('佴', &["nai"]),
    ('粘', &["nian"]),
    ('叶', &["ye"]),
    ('强', &["qiang"]),
    ('应', &["ying"]),
    ('和', &["he"]),
    ('卜', &["bu"]),
    ('朝', &["chao"]),
];

/// Compound surnames: one reading per character.
pub(super) const COMPOUND: &[([char; 2], [&str; 2])] = &[
    (['尉', '迟'], ["yu", "chi"]),
    (['万', '俟'], ["mo", "qi"]),
    (['长', '孙'], ["zhang", "sun"]),
    (['单', '于'], ["chan", "yu"]),
    (['澹', '台'], ["tan", "tai"]),
    (['令', '狐'], ["ling", "hu"]),
];

/// Surname readings for the first two characters of `chars` (empty where none apply).
pub(super) fn lookup(chars: &[char]) -> [&'static [&'static str]; 2] {
    if let [a, b, ..] = chars {
        if let Some((_, r)) = COMPOUND.iter().find(|(s, _)| s == &[*a, *b]) {
            return [std::slice::from_ref(&r[0]), std::slice::from_ref(&r[1])];
        }
    }
    let first = chars.first().and_then(|c| SINGLE.iter().find(|(s, _)| s == c)).map_or(&[][..], |(_, r)| *r);
    [first, &[]]
}

#[cfg(test)]
mod tests {
    use super::lookup;

    #[test]
    fn compound_before_single() {
        let chars: Vec<char> = "尉迟恭".chars().collect();
        assert_eq!(lookup(&chars), [&["yu"][..], &["chi"][..]]);
        let chars: Vec<char> = "尉缭".chars().collect();
        assert_eq!(lookup(&chars)[0], &["wei", "yu"][..]);
        assert!(lookup(&[]).iter().all(|r| r.is_empty()));
    }
}
