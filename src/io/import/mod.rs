//! Importing rows as records: header mapping, reference resolution by name, validation, duplicates, all or nothing.
//!
//! Three steps, the middle one pure:
//! 1. [`Layout::detect`] finds the header row and what each column means;
//!    [`Layout::referenced_kinds`] says which records the caller must load.
//! 2. [`plan`] turns the rows, given a [`Snapshot`] of the store's existing
//!    records, into creates, updates, skips and problems, each tied to the line
//!    a user sees in Excel. Nothing is read or written here.
//! 3. [`Plan::batch`] is what the store writes in one transaction
//!    ([`crate::store::Store::import_batch`]), only when the plan has no problems.
//!
//! Records named by reference (a household's community, a member's unit) must
//! exist in the store. No importable kind refers to its own kind, so a row never
//! names a record created by an earlier row of the same file; earlier rows count
//! for duplicates instead.

mod header;
mod report;
mod resolve;
mod values;

#[cfg(test)]
mod tests;

pub use header::{field_for_header, is_instruction, is_totals, normalize_header, Column, Layout, HEADER_SEARCH_ROWS};
pub use report::{render, summary};
pub use resolve::{Candidate, RefProblem};

use crate::i18n::Lang;
use crate::io::limits::MAX_PROBLEMS_SHOWN;
use crate::io::read::Row;
use crate::model::fields::{specs, FieldSpec, FieldType};
use crate::model::{AnyData, AnyRecord, Invalid, Kind, Problem};
use crate::store::bulk::{ImportBatch, ImportUpdate};
use crate::store::{Store, StoreError};
use crate::workflow::{household_member, HouseholdMember};
use chrono::NaiveDate;
use resolve::Targets;
use std::collections::HashMap;

/// The kinds `silian import` takes.
pub const IMPORTABLE: [Kind; 7] =
    [Kind::Member, Kind::Unit, Kind::Community, Kind::Household, Kind::Visit, Kind::Demand, Kind::Deputy];

/// What to do with a row that matches an existing record or an earlier row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OnDuplicate {
    /// Leave the existing record (or the earlier row) as it is.
    Skip,
    /// Change the existing record's fields given in the row.
    Update,
    /// An error for the row.
    #[default]
    Fail,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub on_duplicate: OnDuplicate,
    /// For relative dates (`t`, `-1`) and defaults, as everywhere else.
    pub today: NaiveDate,
}

/// The store's records the import needs: those of the imported kind (for
/// duplicates) and of every kind its columns name.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    records: HashMap<Kind, Vec<AnyRecord>>,
}

impl Snapshot {
    pub fn new() -> Snapshot {
        Snapshot::default()
    }

    pub fn with(mut self, kind: Kind, records: Vec<AnyRecord>) -> Snapshot {
        self.records.insert(kind, records);
        self
    }

    /// Every record (archived too) of `kind` and of the kinds the layout names.
    pub fn load(store: &Store, layout: &Layout) -> Result<Snapshot, StoreError> {
        Snapshot::gather(layout, |kind| store.list(kind, true))
    }

    /// As `load`, from wherever `fetch` finds every record (archived too) of a kind.
    pub fn gather<E>(layout: &Layout, mut fetch: impl FnMut(Kind) -> Result<Vec<AnyRecord>, E>) -> Result<Snapshot, E> {
        let mut snapshot = Snapshot::new();
        let mut kinds = layout.referenced_kinds();
        // The imported kind's own records matter only for duplicates.
        if duplicate_key(layout.kind, |_| "x".to_string()).is_some() {
            kinds.push(layout.kind);
        }
        kinds.sort();
        kinds.dedup();
        for kind in kinds {
            snapshot.records.insert(kind, fetch(kind)?);
        }
        Ok(snapshot)
    }

    pub fn records(&self, kind: Kind) -> &[AnyRecord] {
        self.records.get(&kind).map_or(&[], Vec::as_slice)
    }
}

/// Something about a row that is written as it is, but said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// The member named is not the one the household is linked to (names).
    OtherMember { household: String, linked: String, named: String },
    /// No member was named: the household's member was taken.
    MemberFromHousehold,
}

/// A row that adds a record.
#[derive(Clone, Debug, PartialEq)]
pub struct Create {
    pub line: usize,
    pub data: AnyData,
}

/// A row that changes an existing record.
#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    pub line: usize,
    pub id: u64,
    pub rev: u64,
    pub old: AnyData,
    pub data: AnyData,
}

/// What a duplicate row matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Match {
    /// Existing records (usually one).
    Store(Vec<u64>),
    /// An earlier row of the file.
    Line(usize),
}

/// What is wrong with one row, tied to a column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// A value the field rules refuse (`Problem::describe` says what is expected).
    Field(Problem),
    /// A name that is not in the store, or several records that bear it.
    Ref { target: Kind, problem: RefProblem },
    /// Excel wrote a long number as `1.38123E+10`.
    Scientific { value: String },
    /// The row repeats an existing record or an earlier row (with --on-duplicate fail).
    Duplicate(Match),
    /// With --on-duplicate update: several existing records match, so which to change is unclear.
    UpdateWhich { ids: Vec<u64> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    pub line: usize,
    /// The field the problem is about (DOMAIN name).
    pub field: String,
    /// The header of its column as written in the file; `None` when the file has no such column.
    pub column: Option<String>,
    pub what: What,
}

/// Rows turned into writes, or into the problems that stop them.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub kind: Kind,
    pub layout: Layout,
    /// Data rows read (not the header, title, instruction or blank rows).
    pub rows_read: usize,
    pub creates: Vec<Create>,
    pub updates: Vec<Update>,
    /// Duplicate rows left alone (--on-duplicate skip): line and what they matched.
    pub skipped: Vec<(usize, Match)>,
    /// Duplicate rows that changed nothing (--on-duplicate update): line and record id.
    pub unchanged: Vec<(usize, u64)>,
    /// Rows folded into an earlier row of the same file (--on-duplicate update): line and that row's line.
    pub merged: Vec<(usize, usize)>,
    /// The first [`MAX_PROBLEMS_SHOWN`] problems, in line order.
    pub problems: Vec<LineProblem>,
    /// Problems found past those.
    pub more_problems: usize,
    /// Rows written as they are but worth a look: (line, what), e.g. a visit
    /// whose member is not the one its household is linked to.
    pub notes: Vec<(usize, Note)>,
    /// Lines with at least one problem, all of them counted.
    pub lines_with_problems: usize,
}

impl Plan {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Lines with at least one problem.
    pub fn bad_lines(&self) -> usize {
        self.lines_with_problems
    }

    /// Every problem found, listed or not.
    pub fn problem_count(&self) -> usize {
        self.problems.len() + self.more_problems
    }

    /// What the store writes, moved out of the plan (which then writes nothing):
    /// a large import is not held twice.
    pub fn take_batch(&mut self, source: &str) -> ImportBatch {
        ImportBatch {
            kind: self.kind,
            creates: std::mem::take(&mut self.creates).into_iter().map(|c| c.data).collect(),
            updates: std::mem::take(&mut self.updates)
                .into_iter()
                .map(|u| ImportUpdate { id: u.id, expected_rev: u.rev, data: u.data })
                .collect(),
            source: source.to_string(),
        }
    }
}

/// The fields that make two records the same: member or deputy name and phone,
/// household head and address, unit and community name. Visits and demands have none.
fn duplicate_key(kind: Kind, value: impl Fn(&str) -> String) -> Option<String> {
    let digits = |s: String| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let squeeze = |s: String| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let key = match kind {
        Kind::Member | Kind::Deputy => format!("{}\u{1f}{}", value("name").trim(), digits(value("phone"))),
        Kind::Household => format!("{}\u{1f}{}", value("head").trim(), squeeze(value("address"))),
        Kind::Unit | Kind::Community => value("name").trim().to_string(),
        _ => return None,
    };
    (!key.trim_matches('\u{1f}').is_empty()).then_some(key)
}

fn key_of_record(data: &AnyData) -> Option<String> {
    let map = data.to_map();
    duplicate_key(data.kind(), |f| map.get(f).and_then(|v| v.as_str()).unwrap_or_default().to_string())
}

/// A key's fields from a row, as the store would keep them.
fn key_of_row(kind: Kind, cells: &[(&'static FieldSpec, String)]) -> Option<String> {
    duplicate_key(kind, |f| {
        let text = cells.iter().find(|(s, _)| s.name == f).map(|(_, t)| t.as_str()).unwrap_or_default();
        text.chars().filter(|c| !c.is_control()).collect()
    })
}

/// Where an earlier row with the same key went.
#[derive(Clone, Copy)]
enum Earlier {
    Create(usize),
    Update(usize),
    /// Skipped, failed or in error: nothing to merge into.
    Other,
}

struct Planner<'a> {
    kind: Kind,
    options: Options,
    layout: &'a Layout,
    targets: HashMap<Kind, Targets<'a>>,
    existing: &'a [AnyRecord],
    store_keys: HashMap<String, Vec<usize>>,
    file_keys: HashMap<String, (usize, Earlier)>,
    plan: Plan,
    last_bad_line: Option<usize>,
}

/// Turns the rows of a sheet into a plan. Pure: the store is only seen through
/// `snapshot`. `progress` is told how many rows are done, now and then.
pub fn plan(
    layout: &Layout,
    rows: &[Row],
    snapshot: &Snapshot,
    options: Options,
    progress: &mut dyn FnMut(usize, usize),
) -> Plan {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS);
    plan_on(threads, layout, rows, snapshot, options, progress)
}

/// Threads that build rows at most. Building a row as a record (its fields
/// parsed, its references resolved, the rules applied) is most of planning,
/// and pure; which row is new, repeated or in error is then decided in line
/// order on one thread. 100,000 households on 2 cores (`examples/import_bench`,
/// 2026-12-04): planning 0.42 -> 0.30 s, building 0.26 -> 0.19 s, the peak
/// 122 -> 143 MB (every row's record is built before the first is kept).
const MAX_THREADS: usize = 4;

/// Fewer rows are built on the calling thread alone (a thread costs more than they).
const PARALLEL_FROM_ROWS: usize = 2_000;

/// `plan`, with the rows built as new records on up to `threads` threads
/// first (the expensive and pure part), then every row planned in line order.
fn plan_on(
    threads: usize,
    layout: &Layout,
    rows: &[Row],
    snapshot: &Snapshot,
    options: Options,
    progress: &mut dyn FnMut(usize, usize),
) -> Plan {
    let kind = layout.kind;
    let existing = snapshot.records(kind);
    let mut store_keys: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, rec) in existing.iter().enumerate() {
        if let Some(key) = key_of_record(&rec.data) {
            store_keys.entry(key).or_default().push(i);
        }
    }
    let targets = layout.referenced_kinds().into_iter().map(|k| (k, Targets::new(k, snapshot))).collect();
    let mut planner = Planner {
        kind,
        options,
        layout,
        targets,
        existing,
        store_keys,
        file_keys: HashMap::new(),
        plan: Plan {
            kind,
            layout: layout.clone(),
            rows_read: 0,
            creates: Vec::new(),
            updates: Vec::new(),
            skipped: Vec::new(),
            unchanged: Vec::new(),
            merged: Vec::new(),
            problems: Vec::new(),
            more_problems: 0,
            notes: Vec::new(),
            lines_with_problems: 0,
        },
        last_bad_line: None,
    };
    let data_rows = rows.get(layout.header_row + 1..).unwrap_or_default();
    let total = data_rows.len();
    let prebuilt = planner.prebuild(threads, data_rows, progress);
    // Building was most of the work, and its progress was told already.
    let tell_progress = prebuilt.is_empty();
    let mut prebuilt = prebuilt.into_iter();
    let mut first = true;
    for (n, row) in data_rows.iter().enumerate() {
        let built = prebuilt.next().flatten();
        if row.is_blank() || is_totals(row) {
            continue;
        }
        let right_after_header = std::mem::replace(&mut first, false);
        if is_instruction(row, right_after_header) {
            planner.plan.layout.instruction_lines.push(row.line);
            continue;
        }
        planner.plan.rows_read += 1;
        planner.row(row, built);
        if n % 2000 == 1999 && tell_progress {
            progress(n + 1, total);
        }
    }
    progress(total, total);
    planner.finish()
}

/// A row built as a new record away from the plan (so on any thread): what
/// `Planner::record` then adds to the plan, in the order found.
struct Built {
    findings: Vec<Finding>,
    data: Option<AnyData>,
}

/// A row built ahead of planning (`Planner::prebuild`), with its duplicate key.
struct Prebuilt {
    key: Option<String>,
    built: Built,
}

/// A problem or a note found in a row, before it is added to the plan.
enum Finding {
    Problem(String, What),
    Note(Note),
}

/// The cells of `row` that hold something, trimmed, with their fields.
fn cells_of(layout: &Layout, row: &Row) -> Vec<(&'static FieldSpec, String)> {
    layout
        .columns
        .iter()
        .map(|c| (c.field, row.cell(c.index).trim().to_string()))
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

impl Planner<'_> {
    /// Every row built as a new record, on `threads` threads, when there are
    /// enough rows to be worth it (otherwise none, and rows are built as
    /// they are planned). Building is pure; which rows are new, and so which
    /// of these are kept, is decided afterwards in line order.
    fn prebuild(&self, threads: usize, rows: &[Row], progress: &mut dyn FnMut(usize, usize)) -> Vec<Option<Prebuilt>> {
        if threads < 2 || rows.len() < PARALLEL_FROM_ROWS {
            return Vec::new();
        }
        let build = |row: &Row| {
            (!row.is_blank()).then(|| {
                let cells = cells_of(self.layout, row);
                Prebuilt { key: key_of_row(self.kind, &cells), built: self.built(&cells) }
            })
        };
        let part = rows.len().div_ceil(threads);
        let mut parts = rows.chunks(part);
        let own = parts.next().unwrap_or_default();
        std::thread::scope(|scope| {
            let others: Vec<_> =
                parts.map(|rows| scope.spawn(move || rows.iter().map(build).collect::<Vec<_>>())).collect();
            let mut built = Vec::with_capacity(rows.len());
            for (n, row) in own.iter().enumerate() {
                built.push(build(row));
                if n % 1000 == 999 {
                    // The other threads build as many rows meanwhile.
                    progress(((n + 1) * threads).min(rows.len()), rows.len());
                }
            }
            for other in others {
                built.extend(other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
            }
            built
        })
    }

    /// Rows come in line order, so a line's problems come together.
    fn problem(&mut self, line: usize, field: &str, what: What) {
        if self.last_bad_line.replace(line) != Some(line) {
            self.plan.lines_with_problems += 1;
        }
        if self.plan.problems.len() >= MAX_PROBLEMS_SHOWN {
            self.plan.more_problems += 1;
            return;
        }
        let column = self.layout.column(field).map(|c| c.header.clone());
        self.plan.problems.push(LineProblem { line, field: field.to_string(), column, what });
    }

    /// Plans `row`, with what was built of it ahead, if anything was.
    fn row(&mut self, row: &Row, prebuilt: Option<Prebuilt>) {
        let line = row.line;
        // Made again even when the row was built ahead (updates and merges
        // read them): keeping every row's cells until now took the import of
        // 100,000 households to a 186 MB peak instead of 143, and planned no
        // faster (0.37-0.44 s against 0.29-0.31; `examples/import_bench`).
        let cells = cells_of(self.layout, row);
        let (key, built) = match prebuilt {
            Some(Prebuilt { key, built }) => (key, Some(built)),
            None => (key_of_row(self.kind, &cells), None),
        };
        let earlier = key.as_ref().and_then(|k| self.file_keys.get(k).copied());
        let in_store = key.as_ref().and_then(|k| self.store_keys.get(k)).cloned().unwrap_or_default();
        let key_field = self.key_field();
        let outcome = match (earlier, in_store.as_slice(), self.options.on_duplicate) {
            (None, [], _) => self.create(line, &cells, built),
            (Some((first, _)), _, OnDuplicate::Skip) => {
                self.plan.skipped.push((line, Match::Line(first)));
                Earlier::Other
            }
            (None, found, OnDuplicate::Skip) => {
                let ids = found.iter().map(|i| self.existing[*i].id()).collect();
                self.plan.skipped.push((line, Match::Store(ids)));
                Earlier::Other
            }
            (Some((first, _)), _, OnDuplicate::Fail) => {
                self.check_only(line, &cells, built);
                self.problem(line, key_field, What::Duplicate(Match::Line(first)));
                Earlier::Other
            }
            (None, found, OnDuplicate::Fail) => {
                self.check_only(line, &cells, built);
                let ids = found.iter().map(|i| self.existing[*i].id()).collect();
                self.problem(line, key_field, What::Duplicate(Match::Store(ids)));
                Earlier::Other
            }
            (Some((first, target)), _, OnDuplicate::Update) => self.merge(line, first, target, &cells),
            (None, [one], OnDuplicate::Update) => self.update(line, *one, &cells),
            (None, many, OnDuplicate::Update) => {
                let ids = many.iter().map(|i| self.existing[*i].id()).collect();
                self.problem(line, key_field, What::UpdateWhich { ids });
                Earlier::Other
            }
        };
        if let (Some(key), None) = (key, earlier) {
            self.file_keys.insert(key, (line, outcome));
        }
    }

    /// The field a duplicate is reported under: the first of the key.
    fn key_field(&self) -> &'static str {
        match self.kind {
            Kind::Household => "head",
            _ => "name",
        }
    }

    /// Field text pairs for `build`/`edit`, with references resolved; problems go to `findings`.
    fn pairs(
        &self,
        cells: &[(&'static FieldSpec, String)],
        old: Option<&AnyData>,
        findings: &mut Vec<Finding>,
    ) -> Prepared {
        let old_refs: Vec<u64> = old.map(|d| d.refs().iter().map(|r| r.id).collect()).unwrap_or_default();
        let mut pairs = Vec::with_capacity(cells.len());
        let mut reported = Vec::new();
        for (spec, text) in cells {
            let prepared = match values::prepare(spec.ty, text) {
                Ok(t) => t,
                Err(values::CellProblem::Scientific { value }) => {
                    findings.push(Finding::Problem(spec.name.to_string(), What::Scientific { value }));
                    reported.push(spec.name);
                    continue;
                }
            };
            let resolved = match spec.ty {
                FieldType::Ref(target) => self.resolve(target, &prepared, &old_refs).map(|id| id.to_string()),
                FieldType::Refs(target) => prepared
                    .split([',', '，', '、', ';', '；'])
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| self.resolve(target, p, &old_refs).map(|id| id.to_string()))
                    .collect::<Result<Vec<_>, _>>()
                    .map(|ids| ids.join(",")),
                _ => Ok(prepared),
            };
            match resolved {
                Ok(text) => pairs.push((spec.name.to_string(), text)),
                Err((target, problem)) => {
                    findings.push(Finding::Problem(spec.name.to_string(), What::Ref { target, problem }));
                    reported.push(spec.name);
                    // A stand-in id, so that the rules about the other fields
                    // (one target of a visit, required fields) judge the row as
                    // the user meant it; the row is not written anyway.
                    pairs.push((spec.name.to_string(), u64::MAX.to_string()));
                }
            }
        }
        Prepared { pairs, reported }
    }

    /// The household's member for a visit or demand row, by `workflow::links`:
    /// taken when none is named, noted in the report when another is.
    fn follow_household(&self, pairs: &mut Vec<(String, String)>, findings: &mut Vec<Finding>) {
        if !matches!(self.kind, Kind::Visit | Kind::Demand) {
            return;
        }
        let id_of = |pairs: &[(String, String)], name: &str| {
            pairs.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.parse::<u64>().ok()).filter(|id| *id != u64::MAX)
        };
        let Some(household) = id_of(pairs, "household_id") else { return };
        let linked = self.targets.get(&Kind::Household).and_then(|t| t.record(household)).and_then(|r| match &r.data {
            AnyData::Household(h) => h.member_id,
            _ => None,
        });
        match household_member(linked, id_of(pairs, "member_id")) {
            HouseholdMember::Take(linked) => {
                pairs.retain(|(n, _)| n != "member_id");
                pairs.push(("member_id".into(), linked.to_string()));
                findings.push(Finding::Note(Note::MemberFromHousehold));
            }
            HouseholdMember::Other { linked, named } => {
                let label = |kind: Kind, id: u64| {
                    let record = self.targets.get(&kind).and_then(|t| t.record(id));
                    record.map_or_else(|| format!("#{id}"), |r| r.data.label())
                };
                let note = Note::OtherMember {
                    household: label(Kind::Household, household),
                    linked: label(Kind::Member, linked),
                    named: label(Kind::Member, named),
                };
                findings.push(Finding::Note(note));
            }
            HouseholdMember::AsNamed => {}
        }
    }

    fn resolve(&self, target: Kind, text: &str, old_refs: &[u64]) -> Result<u64, (Kind, RefProblem)> {
        match self.targets.get(&target) {
            Some(t) => t.resolve(text, old_refs).map_err(|p| (target, p)),
            None => Err((target, RefProblem::Unknown { value: text.to_string(), known: Vec::new(), total: 0 })),
        }
    }

    /// Field errors of `build`/`edit`, except for fields already reported.
    fn field_errors(invalid: Invalid, reported: &[&str], findings: &mut Vec<Finding>) {
        for e in invalid.0 {
            if !reported.contains(&e.field.as_str()) {
                findings.push(Finding::Problem(e.field, What::Field(e.problem)));
            }
        }
    }

    /// Adds what was found in row `line` to the plan.
    fn record(&mut self, line: usize, findings: Vec<Finding>) {
        for finding in findings {
            match finding {
                Finding::Problem(field, what) => self.problem(line, &field, what),
                Finding::Note(note) => self.plan.notes.push((line, note)),
            }
        }
    }

    /// The row of `cells` built as a new record, and what was found in it.
    fn built(&self, cells: &[(&'static FieldSpec, String)]) -> Built {
        let mut findings = Vec::new();
        let Prepared { mut pairs, reported } = self.pairs(cells, None, &mut findings);
        self.follow_household(&mut pairs, &mut findings);
        let data = match AnyData::build(self.kind, &pairs, self.options.today) {
            Ok(data) if reported.is_empty() => Some(data),
            Ok(_) => None,
            Err(invalid) => {
                Self::field_errors(invalid, &reported, &mut findings);
                None
            }
        };
        Built { findings, data }
    }

    /// `built` (made now if it was not made before), added to the plan.
    fn build(&mut self, line: usize, cells: &[(&'static FieldSpec, String)], built: Option<Built>) -> Option<AnyData> {
        let Built { findings, data } = built.unwrap_or_else(|| self.built(cells));
        self.record(line, findings);
        data
    }

    fn create(&mut self, line: usize, cells: &[(&'static FieldSpec, String)], built: Option<Built>) -> Earlier {
        match self.build(line, cells, built) {
            Some(data) => {
                self.plan.creates.push(Create { line, data });
                Earlier::Create(self.plan.creates.len() - 1)
            }
            None => Earlier::Other,
        }
    }

    /// A duplicate row is still checked, so that one run names all its problems.
    fn check_only(&mut self, line: usize, cells: &[(&'static FieldSpec, String)], built: Option<Built>) {
        let _ = self.build(line, cells, built);
    }

    fn edit(&mut self, line: usize, base: &AnyData, cells: &[(&'static FieldSpec, String)]) -> Option<AnyData> {
        let mut findings = Vec::new();
        let Prepared { pairs, reported } = self.pairs(cells, Some(base), &mut findings);
        let data = match base.edit(&pairs, self.options.today) {
            Ok(data) if reported.is_empty() => Some(data),
            Ok(_) => None,
            Err(invalid) => {
                Self::field_errors(invalid, &reported, &mut findings);
                None
            }
        };
        self.record(line, findings);
        data
    }

    fn update(&mut self, line: usize, existing: usize, cells: &[(&'static FieldSpec, String)]) -> Earlier {
        let all = self.existing;
        let rec = &all[existing];
        match self.edit(line, &rec.data, cells) {
            Some(data) => {
                let (id, rev, old) = (rec.id(), rec.meta.rev, rec.data.clone());
                self.plan.updates.push(Update { line, id, rev, old, data });
                Earlier::Update(self.plan.updates.len() - 1)
            }
            None => Earlier::Other,
        }
    }

    /// A row repeating an earlier row of the file changes what that row will write.
    fn merge(&mut self, line: usize, first: usize, target: Earlier, cells: &[(&'static FieldSpec, String)]) -> Earlier {
        let base = match target {
            Earlier::Create(i) => self.plan.creates[i].data.clone(),
            Earlier::Update(i) => self.plan.updates[i].data.clone(),
            Earlier::Other => {
                // The earlier row was in error or skipped: check this one on its own.
                self.check_only(line, cells, None);
                return Earlier::Other;
            }
        };
        if let Some(data) = self.edit(line, &base, cells) {
            match target {
                Earlier::Create(i) => self.plan.creates[i].data = data,
                Earlier::Update(i) => self.plan.updates[i].data = data,
                Earlier::Other => {}
            }
            self.plan.merged.push((line, first));
        }
        Earlier::Other
    }

    /// Updates that change nothing are not writes.
    fn finish(mut self) -> Plan {
        let (changed, same): (Vec<Update>, Vec<Update>) =
            std::mem::take(&mut self.plan.updates).into_iter().partition(|u| u.data != u.old);
        self.plan.updates = changed;
        self.plan.unchanged = same.into_iter().map(|u| (u.line, u.id)).collect();
        self.plan.problems.sort_by_key(|p| p.line);
        self.plan
    }
}

struct Prepared {
    pairs: Vec<(String, String)>,
    reported: Vec<&'static str>,
}

/// Why a file has no header row, and what one looks like.
pub fn no_header_message(kind: Kind, lang: Lang) -> String {
    let rows = HEADER_SEARCH_ROWS;
    match lang {
        Lang::Zh => format!(
            "找不到表头：前 {rows} 行中没有一行含可识别的列名；应有一行列名，如 {}",
            specs(kind).iter().map(|s| s.label(lang)).collect::<Vec<_>>().join("、")
        ),
        Lang::En => format!(
            "no header found: none of the first {rows} rows names a known column; expected a row of column names such as {}",
            specs(kind).iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
        ),
    }
}
