//! placeholder until the generator lands
use crate::model::*;
pub struct DemoData {
    pub settings_street_name: String,
    pub communities: Vec<Community>,
    pub units: Vec<Unit>,
    pub members: Vec<Member>,
    pub households: Vec<Household>,
    pub visits: Vec<Visit>,
    pub demands: Vec<Demand>,
    pub meetings: Vec<Meeting>,
    pub tasks: Vec<Task>,
    pub evaluations: Vec<Evaluation>,
}
pub fn generate(_scale: u32, _today: chrono::NaiveDate, _seed: u64) -> DemoData {
    DemoData {
        settings_street_name: String::new(),
        communities: vec![],
        units: vec![],
        members: vec![],
        households: vec![],
        visits: vec![],
        demands: vec![],
        meetings: vec![],
        tasks: vec![],
        evaluations: vec![],
    }
}
