//! `silian check`: every record decodes and is valid, the indexes are exactly
//! what the records imply, references resolve, counters are ahead of every id.

use super::codec::{self, DecodeError};
use super::{index, Store, StoreError};
use crate::i18n::Lang;
use crate::model::{AnyRecord, Kind};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckProblem {
    Undecodable { kind: Kind, id: u64, reason: DecodeError },
    IdMismatch { kind: Kind, key: u64, stored: u64 },
    Invalid { kind: Kind, id: u64, message: String },
    MissingIndex { kind: Kind, id: u64 },
    StrayIndex { key: Vec<u8> },
    BrokenRef { kind: Kind, id: u64, field: String, target: Kind, target_id: u64 },
    CounterBehind { kind: Kind, max_id: u64 },
    BadAudit { reason: String },
}

impl CheckProblem {
    pub fn message(&self, lang: Lang) -> String {
        use CheckProblem::*;
        let zh = lang == Lang::Zh;
        let k = |kind: &Kind| kind.label(lang);
        match self {
            Undecodable { kind, id, reason } => {
                if zh {
                    format!("{}{id} 无法解码：{reason}", k(kind))
                } else {
                    format!("{} {id} does not decode: {reason}", k(kind))
                }
            }
            IdMismatch { kind, key, stored } => {
                if zh {
                    format!("{}{key} 内部编号为 {stored}", k(kind))
                } else {
                    format!("{} {key} holds id {stored}", k(kind))
                }
            }
            Invalid { kind, id, message } => {
                if zh {
                    format!("{}{id} 数据无效：{message}", k(kind))
                } else {
                    format!("{} {id} is invalid: {message}", k(kind))
                }
            }
            MissingIndex { kind, id } => {
                if zh {
                    format!("{}{id} 的索引缺失", k(kind))
                } else {
                    format!("{} {id} is missing from the index", k(kind))
                }
            }
            StrayIndex { key } => {
                if zh {
                    format!("多余的索引项 {key:02x?}")
                } else {
                    format!("stray index entry {key:02x?}")
                }
            }
            BrokenRef { kind, id, field, target, target_id } => {
                if zh {
                    format!("{}{id} 的 {field} 指向不存在的{}{target_id}", k(kind), k(target))
                } else {
                    format!("{} {id}: {field} refers to {} {target_id}, which does not exist", k(kind), k(target))
                }
            }
            CounterBehind { kind, max_id } => {
                if zh {
                    format!("{}编号计数器落后于最大编号 {max_id}", k(kind))
                } else {
                    format!("the {} id counter is behind the largest id {max_id}", k(kind))
                }
            }
            BadAudit { reason } => {
                if zh {
                    format!("审计日志有误：{reason}")
                } else {
                    format!("audit log: {reason}")
                }
            }
        }
    }
}

impl Store {
    pub fn check(&self) -> Result<Vec<CheckProblem>, StoreError> {
        let mut problems = Vec::new();
        let records = self.decode_all(&mut problems)?;
        problems.extend(self.index_problems(&records)?);
        problems.extend(reference_problems(&records));
        problems.extend(self.counter_problems(&records)?);
        if let Err(e) = self.audit_log() {
            problems.push(CheckProblem::BadAudit { reason: e.message(Lang::En) });
        }
        Ok(problems)
    }

    fn decode_all(&self, problems: &mut Vec<CheckProblem>) -> Result<HashMap<(Kind, u64), AnyRecord>, StoreError> {
        let mut records = HashMap::new();
        for kind in Kind::ALL {
            for item in self.tree(kind).iter() {
                let (key, bytes) = item?;
                let id = codec::key_id(&key).unwrap_or(0);
                match codec::decode_any(kind, &bytes) {
                    Err(reason) => problems.push(CheckProblem::Undecodable { kind, id, reason }),
                    Ok(rec) if rec.id() != id => {
                        problems.push(CheckProblem::IdMismatch { kind, key: id, stored: rec.id() })
                    }
                    Ok(rec) => {
                        if let Err(e) = rec.data.validate() {
                            problems.push(CheckProblem::Invalid { kind, id, message: e.message(Lang::En) });
                        }
                        records.insert((kind, id), rec);
                    }
                }
            }
        }
        Ok(records)
    }

    fn index_problems(&self, records: &HashMap<(Kind, u64), AnyRecord>) -> Result<Vec<CheckProblem>, StoreError> {
        let mut expected = BTreeSet::new();
        let mut owner = HashMap::new();
        for ((kind, id), rec) in records {
            for v in rec.data.index_values() {
                let key = index::key(*kind, &v, *id);
                owner.insert(key.clone(), (*kind, *id));
                expected.insert(key);
            }
        }
        let mut problems = Vec::new();
        let mut missing_for = BTreeSet::new();
        let actual: BTreeSet<Vec<u8>> =
            self.index.iter().keys().map(|k| k.map(|k| k.to_vec())).collect::<Result<_, _>>()?;
        for key in expected.difference(&actual) {
            missing_for.extend(owner.get(key).copied());
        }
        problems.extend(missing_for.into_iter().map(|(kind, id)| CheckProblem::MissingIndex { kind, id }));
        problems.extend(actual.difference(&expected).map(|key| CheckProblem::StrayIndex { key: key.clone() }));
        Ok(problems)
    }

    fn counter_problems(&self, records: &HashMap<(Kind, u64), AnyRecord>) -> Result<Vec<CheckProblem>, StoreError> {
        let mut problems = Vec::new();
        for kind in Kind::ALL {
            let max_id = records.keys().filter(|(k, _)| *k == kind).map(|(_, id)| *id).max().unwrap_or(0);
            let key = format!("next_id/{}", kind.id());
            let next = self.meta.get(key)?.and_then(|v| codec::key_id(&v)).unwrap_or(1);
            if max_id >= next {
                problems.push(CheckProblem::CounterBehind { kind, max_id });
            }
        }
        Ok(problems)
    }
}

fn reference_problems(records: &HashMap<(Kind, u64), AnyRecord>) -> Vec<CheckProblem> {
    let mut problems = Vec::new();
    let mut sorted: Vec<_> = records.iter().collect();
    sorted.sort_by_key(|(key, _)| **key);
    for ((kind, id), rec) in sorted {
        for r in rec.data.refs() {
            if !records.contains_key(&(r.kind, r.id)) {
                problems.push(CheckProblem::BrokenRef {
                    kind: *kind,
                    id: *id,
                    field: r.field.to_string(),
                    target: r.kind,
                    target_id: r.id,
                });
            }
        }
    }
    problems
}
