#[test]
fn scratch() {
    use silian::model::{AnyData, Kind};
    let today = "2026-11-29".parse().unwrap();
    let pairs: Vec<(String, String)> = [("date", "t"), ("member_id", "1"), ("household_id", "1"), ("summary", "x")]
        .iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    let r = AnyData::build(Kind::Visit, &pairs, today);
    println!("{r:?}");
    for s in silian::model::fields::specs(Kind::Visit) { println!("{s:?}"); }
}
