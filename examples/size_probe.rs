fn main() {
    use silian::model::*;
    println!("AnyRecord {}", std::mem::size_of::<AnyRecord>());
    println!("AnyData {}", std::mem::size_of::<AnyData>());
    println!("Meta {}", std::mem::size_of::<Meta>());
    println!("Visit {}", std::mem::size_of::<Visit>());
    println!("Household {}", std::mem::size_of::<Household>());
    println!("SearchKey {}", std::mem::size_of::<silian::search::SearchKey>());
}
