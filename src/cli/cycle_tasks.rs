//! `silian task …`, `silian tasks --overdue`, `silian demand ID …`, `silian demands --by …`.

use super::commands::Env;
use super::cycle::{
    names, past_date_arg, print_json, print_table, satisfaction_arg, visit_kind_arg, DemandAction, GroupBy, TaskAction,
};
use super::{env::today, CliError, Format};
use crate::i18n::Lang;
use crate::model::task::Progress;
use crate::model::{AnyData, AnyRecord, Kind};
use crate::ops;
use crate::present::{record_json, Names};
use crate::rules::overdue::task_overdue;
use crate::workflow::demands::{DemandStep, FollowUp, Grouping};
use crate::workflow::tasks::OwnerTasks;
use crate::workflow::text;
use chrono::NaiveDate;

pub fn task(env: &Env, action: TaskAction) -> Result<(), CliError> {
    let lang = env.lang;
    let store = env.open_store()?;
    match action {
        TaskAction::Progress { id, note, reporter, date } => {
            let date = past_date_arg("--date", date.as_deref(), lang)?;
            // None: the operation names the owner's contact person.
            let reporter = reporter.unwrap_or_default();
            let progress = Progress { date, reporter, note };
            let rec = env.ask(&store, ops::tasks::ReportProgress { task_id: id, progress })?;
            let count = match &rec.data {
                AnyData::Task(t) => t.progress.len(),
                _ => 0,
            };
            match lang {
                Lang::Zh => outln!("已记录责任事项 {id} 的进展（共 {count} 条）"),
                Lang::En => outln!("Progress on task {id} recorded (reports so far: {count})"),
            }
        }
        TaskAction::Done { id, date } => {
            let done_on = past_date_arg("--date", date.as_deref(), lang)?;
            let f = env.ask(&store, ops::tasks::FinishTask { task_id: id, done_on })?;
            match lang {
                Lang::Zh => outln!("责任事项 {id} 已完成（{done_on}）"),
                Lang::En => outln!("Task {id} done ({done_on})"),
            }
            print_unresolved(&f.unresolved, lang);
        }
    }
    Ok(())
}

fn print_unresolved(demands: &[AnyRecord], lang: Lang) {
    if demands.is_empty() {
        return;
    }
    outln!(
        "{}",
        lang.pick(
            "以下相关诉求尚未办结，是否已解决？办结请用：silian demand 编号 resolve --resolution 办理结果",
            "These linked demands are not resolved yet. Are they? Resolve with: silian demand ID resolve --resolution TEXT",
        )
    );
    for d in demands {
        if let AnyData::Demand(demand) = &d.data {
            let content: String = demand.content.chars().take(40).collect();
            outln!("  {}  [{}]  {content}", d.id(), demand.status.label(lang));
        }
    }
}

pub fn tasks(env: &Env, overdue_only: bool, format: Format) -> Result<(), CliError> {
    let lang = env.lang;
    let store = env.open_store()?;
    let today = today();
    let groups = env.ask(&store, ops::tasks::TasksByOwner { today, overdue_only })?;
    if format == Format::Json {
        let names = names(env, &store, Kind::Task)?;
        print_json(&tasks_json(&groups, &names, today));
        return Ok(());
    }
    if groups.is_empty() {
        outln!("{}", text::no_tasks(overdue_only, lang));
        return Ok(());
    }
    let names = names(env, &store, Kind::Task)?;
    for line in text::owner_task_lines(&groups, &names, today, lang) {
        outln!("{line}");
    }
    Ok(())
}

/// Per owner its id, name and tasks, each task as `silian show task` gives it
/// with `overdue` added.
fn tasks_json(groups: &[OwnerTasks], names: &Names, today: NaiveDate) -> Vec<serde_json::Value> {
    let task_json = |rec: &AnyRecord| {
        let mut map = record_json(rec, names, false);
        let late = matches!(&rec.data, AnyData::Task(t) if task_overdue(t, today));
        map.insert("overdue".into(), late.into());
        map
    };
    groups
        .iter()
        .map(|g| {
            let tasks: Vec<_> = g.tasks.iter().map(task_json).collect();
            serde_json::json!({"owner_id": g.owner_id, "owner": text::member_name(names, g.owner_id), "tasks": tasks})
        })
        .collect()
}

pub fn demand(env: &Env, id: u64, action: DemandAction) -> Result<(), CliError> {
    let lang = env.lang;
    let step = match action {
        DemandAction::Start => DemandStep::Start,
        DemandAction::Escalate => DemandStep::Escalate,
        DemandAction::Resolve { resolution, date } => {
            DemandStep::Resolve { resolution, on: past_date_arg("--date", date.as_deref(), lang)? }
        }
        DemandAction::Unresolvable { reason, date } => {
            DemandStep::Unresolvable { reason, on: Some(past_date_arg("--date", date.as_deref(), lang)?) }
        }
        DemandAction::FollowUp { satisfaction, date, member, kind, summary } => {
            let follow_up = FollowUp {
                on: past_date_arg("--date", date.as_deref(), lang)?,
                satisfaction: satisfaction_arg(&satisfaction, lang)?,
                member_id: member,
                kind: visit_kind_arg(kind.as_deref(), lang)?,
                summary,
            };
            return follow_up_cmd(env, id, follow_up);
        }
        DemandAction::Reopen { reason, date } => {
            let on = past_date_arg("--date", date.as_deref(), lang)?;
            return say(env, ops::demands::ReopenDemand { id, on, reason });
        }
        DemandAction::Refer { to, date } => {
            let on = past_date_arg("--date", date.as_deref(), lang)?;
            return say(env, ops::demands::ReferDemand { id, department: to, on });
        }
        DemandAction::Reply { text } => return say(env, ops::demands::DepartmentReply { id, reply: text }),
    };
    let store = env.open_store()?;
    let rec = env.ask(&store, ops::demands::StepDemand { id, step })?;
    if let AnyData::Demand(d) = &rec.data {
        match lang {
            Lang::Zh => outln!("诉求 {id} 现为“{}”", d.status.label(lang)),
            Lang::En => outln!("Demand {id} is now {}", d.status.label(lang)),
        }
    }
    Ok(())
}

fn say<O: ops::Routed + Clone>(env: &Env, op: O) -> Result<(), CliError> {
    let store = env.open_store()?;
    env.ask_and_say(&store, op).map(drop)
}

fn follow_up_cmd(env: &Env, id: u64, follow_up: FollowUp) -> Result<(), CliError> {
    let lang = env.lang;
    let store = env.open_store()?;
    let satisfaction = follow_up.satisfaction.label(lang);
    let unsatisfied = follow_up.satisfaction == crate::model::enums::Satisfaction::Unsatisfied;
    let recs = env.ask(&store, ops::demands::FollowUp { demand_id: id, follow_up })?;
    let visit_id = recs.first().map(AnyRecord::id).unwrap_or_default();
    match lang {
        Lang::Zh => outln!("已登记诉求 {id} 的回访（走访记录 {visit_id}），满意度：{satisfaction}"),
        Lang::En => outln!("Follow-up of demand {id} recorded (visit {visit_id}), satisfaction: {satisfaction}"),
    }
    if unsatisfied {
        match lang {
            Lang::Zh => outln!("回访不满意：如需重办，silian demand {id} reopen --reason 原因"),
            Lang::En => outln!("The follow-up was unsatisfied: to reopen it, silian demand {id} reopen --reason TEXT"),
        }
    }
    Ok(())
}

pub fn demands(env: &Env, by: GroupBy, format: Format) -> Result<(), CliError> {
    let lang = env.lang;
    let store = env.open_store()?;
    let by = match by {
        GroupBy::Category => Grouping::Category,
        GroupBy::Status => Grouping::Status,
        GroupBy::Community => Grouping::Community,
        GroupBy::Member => Grouping::Member,
    };
    let counts = env.ask(&store, ops::demands::CountDemands { by })?;
    let names = names(env, &store, Kind::Demand)?;
    let rows: Vec<Vec<String>> =
        counts.iter().map(|(k, n)| vec![text::key_label(k, &names, lang), n.to_string()]).collect();
    if format == Format::Json {
        let items: Vec<_> = counts
            .iter()
            .zip(&rows)
            .map(|((k, n), r)| serde_json::json!({"key": k, "label": r[0], "count": n}))
            .collect();
        print_json(&items);
        return Ok(());
    }
    print_table(&[text::group_heading(by, lang), lang.pick("数量", "Count")], &rows);
    outln!("{}", text::total_line(&counts, lang));
    Ok(())
}
