//! The command line: scripts and checks rely on its exact shape (see README).

/// `println!` for a command's output. A reader that stops reading (`silian
/// list visit | head -n 1`) ends the command quietly, as it ends any Unix
/// tool, instead of the panic `println!` gives on a closed pipe.
macro_rules! outln {
    () => {
        $crate::cli::output::write_out(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::cli::output::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` for a command's output; see `outln!`.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::output::write_out(format_args!($($arg)*))
    };
}

mod args;
mod check_cmd;
mod commands;
mod cycle;
mod cycle_meeting;
mod cycle_tasks;
mod doc_cmd;
mod env;
mod exchange;
mod export_cmd;
mod import_cmd;
mod maintenance;
mod output;
mod recovery;
mod remind_cmd;
mod review_cmd;
mod schedule_cmd;
mod serve_cmd;
mod sessions_cmd;
mod workbench;

pub use env::{default_store_path, os_account};

use crate::i18n::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "silian",
    version,
    about = "四联：街道大工委“四定四联”工作台 / the 四定四联 workbench of a street party committee"
)]
pub struct Cli {
    /// The store (a directory); default: the platform data directory.
    #[arg(long, global = true, env = "SILIAN_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// zh or en.
    #[arg(long, global = true, env = "SILIAN_LANG", default_value = "zh", value_parser = parse_lang)]
    pub lang: Lang,
    /// Page cache of the store in MiB [default: 1 for the workbench, 2 for commands].
    #[arg(long, global = true, env = "SILIAN_CACHE_MB")]
    pub cache_mb: Option<u64>,
    /// Use the separate demonstration store (created and filled on first use).
    #[arg(long, global = true)]
    pub demo: bool,
    /// Draw borders with ASCII only (for terminals that draw box lines double-width).
    #[arg(long, global = true, env = "SILIAN_ASCII")]
    pub ascii: bool,
    /// When no server runs for the store, start one in the background (so that
    /// others can join), which stops this many seconds after its last client left.
    #[arg(
        long,
        global = true,
        env = "SILIAN_AUTO_SERVE",
        value_name = "IDLE_SECONDS",
        num_args = 0..=1,
        default_missing_value = "300"
    )]
    pub auto_serve: Option<u64>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

/// The organisation departments a 报送表 goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FeedbackTo {
    City,
    District,
    Both,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill an empty store with a demonstration street.
    Demo {
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
        scale: u32,
    },
    /// Add a record: silian add KIND --field value …; prints the new id.
    Add {
        kind: String,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "--FIELD VALUE")]
        fields: Vec<String>,
    },
    /// List records of a kind.
    List {
        kind: String,
        #[arg(long, short)]
        query: Option<String>,
        /// Include archived records.
        #[arg(long)]
        archived: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Show residents' phone numbers and addresses in full (written to the audit log).
        #[arg(long)]
        reveal: bool,
    },
    /// Show one record.
    Show {
        kind: String,
        id: u64,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        #[arg(long)]
        reveal: bool,
    },
    /// Change fields of a record: silian edit KIND ID --field value …
    Edit {
        kind: String,
        id: u64,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "--FIELD VALUE")]
        fields: Vec<String>,
    },
    /// Archive a record (hidden from lists, kept for references).
    Archive { kind: String, id: u64 },
    /// Bring an archived record back.
    Unarchive { kind: String, id: u64 },
    /// Search all kinds by Chinese text or pinyin (full, partial or initials).
    Search {
        query: String,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// The joint meeting dates of a year (first Friday of each quarter, moved past holidays).
    Schedule {
        year: i32,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Verify the store: records, indexes, references, and planned meetings on a holiday or 调休 day.
    Check {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write a portable backup file.
    Backup { file: PathBuf },
    /// Restore a backup file into an empty store (or any store with --force).
    Restore {
        file: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Show the settings, or set one: silian settings KEY VALUE.
    Settings {
        key: Option<String>,
        value: Option<String>,
        /// table (`key = value` lines) or json (an object), for showing.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Import records of a kind from a CSV (UTF-8 or GBK) or XLSX file, all or nothing.
    Import {
        kind: String,
        file: PathBuf,
        /// Check and report only; write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value_t)]
        on_duplicate: OnDuplicate,
        /// Force the CSV encoding: utf-8 or gbk (default: detected).
        #[arg(long)]
        encoding: Option<String>,
    },
    /// Export records of a kind to .xlsx or .csv (by the file's extension).
    Export {
        kind: String,
        file: PathBuf,
        #[arg(long, short)]
        query: Option<String>,
        #[arg(long)]
        archived: bool,
        /// Write residents' phone numbers and addresses in full (written to the audit log).
        #[arg(long)]
        reveal: bool,
    },
    /// Write an empty XLSX sheet for KIND with Chinese headers and an instruction row.
    Template { kind: String, file: PathBuf },
    /// Reports; `silian report quarter 2026Q3 --out FILE.xlsx` writes the quarterly ledger.
    Report {
        #[command(subcommand)]
        report: ReportCommand,
    },
    // meeting cycle (issue 4)
    #[command(flatten)]
    Cycle(cycle::CycleCommand),
    // reminders (issue 19)
    #[command(flatten)]
    Remind(remind_cmd::RemindCommand),
    // reporting sessions (issue 20)
    #[command(flatten)]
    Sessions(sessions_cmd::SessionsCommand),
    /// Create the evaluation of PERIOD (2026 or 2026H1) for every active member of the evaluated
    /// roles (setting evaluated_roles: part-time members by default) who has none.
    Evaluate {
        period: String,
        /// Every role, not only the evaluated ones.
        #[arg(long)]
        all_roles: bool,
    },
    /// The evaluations of PERIOD: vote sets (low turnout marked), grade, reports, publication and feedback dates.
    Evaluations {
        period: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write the 公示 list of PERIOD to FILE.xlsx or FILE.md and record the publication date and
    /// the 公示期; refused, naming each member, while an evaluation lacks its grade, a report or a vote set.
    Publish {
        period: String,
        #[arg(long)]
        out: PathBuf,
        /// First day of the 公示期 (default today).
        #[arg(long)]
        from: Option<String>,
        /// Working days of the 公示期 (default 5).
        #[arg(long, default_value_t = 5)]
        days: u32,
    },
    /// Write the 报送表 of a published PERIOD to FILE.xlsx for the organisation departments and
    /// record the day it went to them.
    Feedback {
        period: String,
        #[arg(long)]
        out: PathBuf,
        /// Who it goes to: city (市委组织部), district (区委组织部) or both.
        #[arg(long, value_enum, default_value_t = FeedbackTo::Both)]
        to: FeedbackTo,
    },
    /// Add up several streets' 报送表 into one district workbook (no store needed).
    Rollup {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Withdraw PERIOD's 公示 (admin) so that its evaluations can be corrected; the reason is recorded.
    Unpublish {
        period: String,
        #[arg(long)]
        reason: String,
    },
    /// Word documents in the official format (GB/T 9704): silian doc notice 3,
    /// doc ballot 2026 --set deputies, doc publish 2026 …; see README.
    Doc {
        #[command(subcommand)]
        doc: doc_cmd::DocCommand,
    },
    /// The audit log: who changed or revealed what, when.
    Audit {
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        id: Option<u64>,
        /// Only what this OS account did.
        #[arg(long)]
        account: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Residents' personal data in the old and new values shown in full (recorded in the log).
        #[arg(long)]
        reveal: bool,
    },
    /// Run the store's server, so that several people (each with their own OS
    /// account) work on it at once; every silian then talks to it.
    Serve {
        /// Stop this many seconds after the last client left (default: run until stopped).
        #[arg(long, value_name = "SECONDS")]
        idle_exit: Option<u64>,
        /// Close a client's request connection after this many seconds with nothing asked
        /// (it opens a new one when it next asks).
        #[arg(long, value_name = "SECONDS", default_value_t = 300)]
        client_idle: u64,
        /// Seconds a client has for its whole hello (for tests).
        #[arg(long, value_name = "SECONDS", default_value_t = 10, hide = true)]
        hello_timeout: u64,
    },
    /// Grant ROLE (admin, editor, member, viewer, or none to take it away) to
    /// an OS account; without arguments, list who has which role.
    Role {
        account: Option<String>,
        role: Option<String>,
        /// For the member role: the member record (id) the account acts for.
        #[arg(long)]
        member: Option<u64>,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OnDuplicate {
    Skip,
    Update,
    #[default]
    Fail,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The street's quarterly ledger (四定四联工作台账), one sheet per part.
    Quarter {
        quarter: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// A member's 述职 material for a period, as text to start the report from.
    Member {
        id: u64,
        #[arg(long)]
        period: String,
        /// table (plain text) or json (the figures).
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// A failure with the exit code it maps to: 2 for bad usage or input, 1 otherwise.
#[derive(Debug)]
pub struct CliError {
    pub code: u8,
    pub message: String,
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> Self {
        CliError { code: 2, message: message.into() }
    }

    pub fn failure(message: impl Into<String>) -> Self {
        CliError { code: 1, message: message.into() }
    }
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    commands::run(cli)
}
