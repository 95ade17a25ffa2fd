use super::surnames::{COMPOUND, SINGLE};
use super::*;

fn label(q: &str, text: &str) -> Option<u32> {
    Searcher::new().score(q, &SearchKey::new(text))
}

fn person(q: &str, name: &str) -> Option<u32> {
    Searcher::new().score(q, &SearchKey::person(name))
}

/// Labels matching `q`, best first.
fn ranked<'a>(q: &str, labels: &[&'a str]) -> Vec<&'a str> {
    let keys = labels.iter().map(|&l| (l, SearchKey::new(l)));
    Searcher::new().rank(q, keys).into_iter().map(|(l, _)| l).collect()
}

fn tier(score: Option<u32>) -> Option<u32> {
    score.map(|s| s / TIER_STEP)
}

#[track_caller]
fn assert_person(name: &str, queries: &[&str]) {
    for q in queries {
        assert!(person(q, name).is_some(), "{name} (person) by {q}");
        assert!(label(q, name).is_some(), "{name} (label) by {q}");
    }
}

#[test]
fn polyphonic_surnames_required() {
    assert_person("曾国藩", &["zgf", "zengguofan"]);
    assert_person("单雄信", &["sxx", "shanxiongxin"]);
    assert_person("解缙", &["xj"]);
    assert_person("仇英", &["qy"]);
    assert_person("区志坚", &["ozj"]);
    assert_person("查良镛", &["zly"]);
    assert_person("朴树", &["ps"]);
}

#[test]
fn every_surname_reading_matches() {
    for (c, readings) in SINGLE {
        let name = format!("{c}明");
        for r in *readings {
            assert!(person(&format!("{r}m"), &name).is_some(), "{name} by {r}m");
            assert!(label(&format!("{r}ming"), &name).is_some(), "{name} by {r}ming");
        }
    }
    for (chars, readings) in COMPOUND {
        let name: String = chars.iter().chain(['明'].iter()).collect();
        let q = format!("{}{}m", readings[0], readings[1]);
        assert!(person(&q, &name).is_some(), "{name} by {q}");
    }
    assert_person("尉迟恭", &["ycg", "yuchigong"]);
    assert_person("万俟卨", &["mqx"]);
    assert_person("长孙无忌", &["zswj"]);
    assert_person("黑旋风", &["hxf", "heixuanfeng"]);
}

#[test]
fn surname_reading_ranks_first_for_people() {
    let p = |q| person(q, "曾国藩");
    assert!(p("zgf") > p("cgf"), "surname reading first");
    assert!(p("cgf").is_some(), "other readings still match");
    // A plain label keeps the pinyin crate's order.
    assert!(label("cgf", "曾国藩") > label("zgf", "曾国藩"));
    let keys = [("label", SearchKey::new("曾国藩")), ("person", SearchKey::person("曾国藩"))];
    let hits = Searcher::new().rank("zeng", keys);
    assert_eq!(hits.first().map(|h| h.0), Some("person"));
}

#[test]
fn common_readings_keep_working() {
    for (text, queries) in [
        ("银行", &["yh", "yinhang", "yinh"][..]),
        ("重庆路", &["cql", "chongqinglu"]),
        ("长安社区", &["casq", "changan", "shequ"]),
        ("单位", &["dw", "danwei"]),
    ] {
        for q in queries {
            assert!(label(q, text).is_some(), "{text} by {q}");
        }
    }
}

#[test]
fn full_partial_initial_and_mixed_pinyin() {
    for q in [
        "ywj",
        "yuwei",
        "yuweijun",
        "余伟",
        "伟军",
        "yuwj",
        "余wj",
        "ywjun",
        "余伟军",
        "YU WEI JUN",
        "yu'wei'jun",
        "weijun",
        "余weijun",
    ] {
        assert!(person(q, "余伟军").is_some(), "余伟军 by {q}");
    }
    assert!(person("张san", "张三").is_some());
    assert!(person("zhangs", "张三").is_some());
}

#[test]
fn latin_text_in_labels() {
    for q in ["abc", "abckj", "科技", "ABC", "abc kj", "ABC科技", "abc科j", "kj"] {
        assert!(label(q, "ABC科技").is_some(), "ABC科技 by {q}");
    }
    assert!(label("kjyxgs", "ABC科技有限公司").is_some());
    assert!(label("abctech", "ABC Technology").is_some());
    assert!(label("ab", "ＡＢＣ科技").is_some(), "fullwidth label");
    assert!(label("ａｂｃ", "ABC科技").is_some(), "fullwidth query");
    assert!(label("3hl", "3号楼").is_some());
}

#[test]
fn umlaut_readings() {
    for q in ["lv", "lu", "lvxiaoming", "lxm"] {
        assert!(person(q, "吕小明").is_some(), "吕小明 by {q}");
    }
    assert!(label("nv", "女").is_some());
}

#[test]
fn non_matches() {
    assert_eq!(person("xyz", "余伟军"), None);
    assert_eq!(person("ywjx", "余伟军"), None);
    assert_eq!(person("余伟军军", "余伟军"), None);
    assert_eq!(person("wjy", "余伟军"), None, "order matters");
    // 张 zhang, 国 guo, 强 qiang/jiang: no reading starts with f.
    assert_eq!(person("zgf", "张国强"), None);
    assert_eq!(label("abd", "ABC科技"), None);
    assert_eq!(label("yinhangx", "银行"), None);
    // Fuzzy pinyin may drop letters, not skip whole syllables or start mid-syllable.
    assert_eq!(label("zhang", "重安物业公司"), None);
    assert_eq!(person("lixiu", "李子秀"), None);
    assert_eq!(person("hang", "张三"), None);
}

#[test]
fn empty_query_matches_everything_in_order() {
    let labels = ["张三", "李四", "ABC科技", ""];
    assert_eq!(ranked("", &labels), labels);
    assert_eq!(ranked("  ", &labels), labels);
    assert!(labels.iter().all(|l| label("", l) == Some(0)));
}

#[test]
fn exact_beats_prefix_beats_word_beats_middle() {
    assert!(person("张三", "张三") > person("张三", "张三丰"));
    assert_eq!(ranked("zs", &["张三丰", "张三"]), ["张三", "张三丰"]);
    assert_eq!(ranked("社区", &["长安社区", "社区服务中心", "社区"]), ["社区", "社区服务中心", "长安社区"]);
    assert_eq!(ranked("wei", &["余伟", "伟军"]), ["伟军", "余伟"]);
    assert_eq!(ranked("kj", &["长安科技", "ABC科技", "科技园", "科技"]), ["科技", "科技园", "ABC科技", "长安科技"]);
    assert_eq!(tier(label("kj", "ABC科技")), Some(WORD));
    assert_eq!(tier(label("kj", "长安科技")), Some(MIDDLE));
}

#[test]
fn exact_and_literal_beat_pinyin() {
    assert_eq!(ranked("ab", &["阿布", "AB"]), ["AB", "阿布"]);
    assert_eq!(ranked("yh", &["银行", "YH"]), ["YH", "银行"]);
    assert_eq!(ranked("余伟军", &["余伟军工作室", "余伟军"]), ["余伟军", "余伟军工作室"]);
    assert!(person("余伟军", "余伟军") > person("ywj", "余伟军"), "exact Chinese beats initials");
    assert!(person("余伟", "余伟军") > person("yw", "余伟军"));
}

#[test]
fn whole_syllables_beat_initials_and_partials() {
    assert_eq!(ranked("zhang", &["赵安国", "张三"]), ["张三", "赵安国"]);
    assert_eq!(ranked("zhan", &["张三", "詹三"]), ["詹三", "张三"]);
    assert_eq!(ranked("yuweijun", &["余伟", "余伟军"]), ["余伟军"]);
    assert_eq!(ranked("yuwei", &["余伟军", "余伟"]), ["余伟", "余伟军"]);
}

#[test]
fn fuzzy_ranks_below_structural() {
    let fuzzy = person("yuweijn", "余伟军");
    assert_eq!(tier(fuzzy), Some(FUZZY));
    assert_eq!(tier(person("zhangwi", "张伟")), Some(FUZZY));
    assert_eq!(tier(label("abtech", "ABC Technology")), Some(FUZZY));
    assert_eq!(ranked("yuweijn", &["余伟军", "yuweijn"]), ["yuweijn", "余伟军"]);
    assert_eq!(label("ab", "a-x-b"), None, "no fuzzy for very short queries");
}

#[test]
fn ties_keep_input_order() {
    let keys = (0..5).map(|i| (i, SearchKey::person("张三")));
    let hits = Searcher::new().rank("zs", keys);
    assert_eq!(hits.iter().map(|h| h.0).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    let keys = [(0, "王四"), (1, "四"), (2, "李四"), (3, "四")].map(|(i, n)| (i, SearchKey::new(n)));
    let hits = Searcher::new().rank("si", keys.iter().map(|(i, k)| (*i, k)));
    assert_eq!(hits.iter().map(|h| h.0).collect::<Vec<_>>(), [1, 3, 0, 2]);
}

#[test]
fn long_labels_and_queries() {
    let long = format!("{}余伟军", "公".repeat(300));
    assert!(label("余伟军", &long).is_some(), "literal search sees the whole text");
    assert_eq!(label("ywj", &long), None, "pinyin stops at MAX_UNITS");
    assert!(label("gggg", &long).is_some());
    let q = "公".repeat(100);
    assert!(label(&q, &long).is_some(), "query longer than the DP handles");
    assert_eq!(label(&"zhang".repeat(20), "张三"), None);
    assert_eq!(label(&"zhang".repeat(20), &"张".repeat(20)), None);
    assert!(label(&"zhang".repeat(12), &"张".repeat(12)).is_some());
    let text = "a b".repeat(40);
    assert!(label(&text, &text).is_some());
}

#[test]
fn keys_stay_one_cache_line() {
    assert!(std::mem::size_of::<SearchKey>() <= 64);
}

#[test]
fn odd_input_does_not_panic() {
    let texts = ["😀张三", "e\u{301}", "，。、", "\0\u{7}\t", "ＡＢ，ｃ", "\u{10FFFF}", "", " ", "'''"];
    let mut s = Searcher::new();
    for t in texts {
        for q in texts {
            let _ = s.score(q, &SearchKey::new(t));
            let _ = s.score(q, &SearchKey::person(t));
        }
    }
    assert!(label("，", "你好，世界").is_some(), "punctuation matches literally");
    assert!(label("😀", "😀张三").is_some());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[张三余伟军曾单行长a-cA-C ，😀\u{301}\u{3000}'·-]{0,12}",
            "[余伟军ABC科技 ]{250,300}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn never_panics(t in text(), q in text()) {
            let mut s = Searcher::new();
            let _ = s.score(&q, &SearchKey::new(&t));
            let _ = s.score(&q, &SearchKey::person(&t));
        }

        #[test]
        fn a_label_matches_itself(t in text()) {
            prop_assert!(label(&t, &t).is_some());
            prop_assert!(person(&t, &t).is_some());
        }

        /// What the list filter relies on to search only the rows the shorter query found.
        #[test]
        fn a_longer_query_that_narrows_finds_no_label_the_shorter_missed(
            pick in 0usize..5,
            letters in prop::collection::vec(any::<bool>(), 14),
            cut in 1usize..7,
        ) {
            // Queries made of letters of the names' pinyin, in order, so that
            // most of them match structurally or fuzzily.
            let (name, spelled) = [
                ("余伟军", "yuweijun"), ("曾国藩", "zengguofan"), ("单雄信", "shanxiongxin"),
                ("区志坚", "ouzhijian"), ("ABC科技有限公司", "abckejiyouxiangongsi"),
            ][pick];
            let query: String = spelled.chars().zip(&letters).filter(|(_, keep)| **keep).map(|(c, _)| c).collect();
            let shorter: String = query.chars().take(cut).collect();
            if narrows(&shorter, &query) {
                for key in [SearchKey::new(name), SearchKey::person(name)] {
                    let mut s = Searcher::new();
                    if s.score(&query, &key).is_some() {
                        prop_assert!(s.score(&shorter, &key).is_some(), "{query} finds {name} but {shorter} does not");
                    }
                }
            }
        }

        #[test]
        fn rank_is_sorted_and_stable(ts in prop::collection::vec(text(), 0..8), q in text()) {
            let keys = ts.iter().enumerate().map(|(i, t)| (i, SearchKey::new(t)));
            let hits = Searcher::new().rank(&q, keys);
            for w in hits.windows(2) {
                prop_assert!(w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0));
            }
        }
    }
}
