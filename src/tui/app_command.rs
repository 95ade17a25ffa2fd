//! The `:` command line: every action by name, plus commands with arguments
//! (`:add visit`, `:lang en`, `:export FILE.csv`, `:import FILE.xlsx`), with completion on Tab.

use super::action::Action;
use super::app::App;
use super::effects::Effect;
use super::keymap::Mode;
use super::open::Layer;
use crate::i18n::Lang;
use crate::io::export::{bad_extension_message, export_bytes, ExportSpec, FileKind};
use crate::model::AnyRecord;
use crate::model::Kind;
use std::path::Path;

/// Commands that take an argument, besides every action name.
const COMMANDS: [&str; 16] = [
    "add", "lang", "export", "import", "evaluate", "report", "publish", "feedback", "rollup", "doc", "tasks", "counts",
    "tab", "reveal", "v", "q",
];

impl App {
    pub(super) fn command_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Cancel => self.close_command(),
            Action::Complete => self.complete_command(),
            Action::Confirm => {
                let line = self.open.command().map(|c| c.value().trim().to_string()).unwrap_or_default();
                self.close_command();
                return self.run_command(&line);
            }
            _ => {}
        }
        Vec::new()
    }

    fn close_command(&mut self) {
        self.open.close(|o| matches!(o, Layer::Command(_)));
    }

    /// Every word the command line understands, for completion and help.
    pub fn command_words() -> Vec<String> {
        let mut words: Vec<String> = COMMANDS.iter().map(|s| s.to_string()).collect();
        words.extend(Action::all().map(|a| a.name().to_string()));
        words.sort();
        words.dedup();
        words
    }

    fn complete_command(&mut self) {
        let line = self.open.command().map(|c| c.value().to_string()).unwrap_or_default();
        let (head, last) = match line.rsplit_once(' ') {
            Some((h, l)) => (format!("{h} "), l.to_string()),
            None => (String::new(), line.clone()),
        };
        let pool: Vec<String> = if head.is_empty() {
            App::command_words()
        } else if head.starts_with("lang") {
            vec!["zh".into(), "en".into()]
        } else if head.starts_with("doc") {
            crate::docs::KINDS.iter().map(|k| k.to_string()).collect()
        } else {
            Kind::ALL.iter().map(|k| k.id().to_string()).collect()
        };
        let matches: Vec<&String> = pool.iter().filter(|w| w.starts_with(&last)).collect();
        match matches.as_slice() {
            [one] => {
                if let Some(command) = self.open.command_mut() {
                    *command = super::text_input::TextInput::new(&format!("{head}{one} "));
                }
            }
            [] => self.status = self.lang.pick("没有匹配的命令", "No matching command").into(),
            many => self.status = many.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("  "),
        }
    }

    pub fn run_command(&mut self, line: &str) -> Vec<Effect> {
        let mut words = line.split_whitespace();
        let Some(cmd) = words.next() else { return Vec::new() };
        let arg = words.next().unwrap_or_default();
        match cmd {
            "q" | "quit" => self.quit = true,
            "v" | "visit" => return self.act(Action::QuickVisit),
            "add" | "a" => match Kind::parse(arg) {
                Some(kind) => return self.open_new_form(kind, false),
                None if arg.is_empty() => return self.act(Action::Add),
                None => self.status = self.unknown_kind(arg),
            },
            "tab" | "go" => match Kind::parse(arg) {
                Some(kind) => self.go_tab(kind as usize + 1),
                None => self.status = self.unknown_kind(arg),
            },
            "lang" => self.set_lang(arg),
            "reveal" => return self.reveal_selected(),
            "export" => return self.export(arg),
            "import" => return self.start_import(&line.split_whitespace().skip(1).collect::<Vec<_>>()),
            "evaluate" => return self.evaluate_command(&line.split_whitespace().skip(1).collect::<Vec<_>>().join(" ")),
            "tasks" => return self.tasks_command(arg),
            "counts" => return self.counts_command(arg),
            "report" => return self.duty_report_command(arg),
            "remind" => return self.remind_command(arg),
            "publish" => return self.publish_command(&line.split_whitespace().skip(1).collect::<Vec<_>>()),
            "feedback" => return self.feedback_command(&line.split_whitespace().skip(1).collect::<Vec<_>>()),
            "rollup" => return self.rollup_command(&line.split_whitespace().skip(1).collect::<Vec<_>>()),
            "doc" => return self.doc_command(&line.split_whitespace().skip(1).collect::<Vec<_>>()),
            other => match Action::parse(other) {
                Some(action) => return self.act(action),
                None => self.status = self.unknown_command(other),
            },
        }
        Vec::new()
    }

    fn unknown_kind(&self, arg: &str) -> String {
        match self.lang {
            Lang::Zh => format!("没有记录类型 \"{arg}\"；可用：{}", Kind::ids()),
            Lang::En => format!("no record kind \"{arg}\"; expected one of: {}", Kind::ids()),
        }
    }

    fn unknown_command(&self, word: &str) -> String {
        let complete = self.keymap.key_text(Mode::Command, Action::Complete, self.lang);
        let help = self.keymap.key_text(Mode::Normal, Action::Help, self.lang);
        match self.lang {
            Lang::Zh => format!("没有命令 \"{word}\"；按 {complete} 补全，按 {help} 查看帮助"),
            Lang::En => format!("no command \"{word}\"; {complete} completes, {help} shows help"),
        }
    }

    fn set_lang(&mut self, arg: &str) {
        match arg.parse::<Lang>() {
            Ok(lang) => {
                self.lang = lang;
                self.refresh_all();
            }
            Err(_) => self.status = self.lang.pick("语言应为 zh 或 en", "language must be zh or en").into(),
        }
    }

    /// Shows the selected record's personal data in full, and logs that.
    pub fn reveal_selected(&mut self) -> Vec<Effect> {
        match self.selected() {
            Some((kind, id)) => {
                vec![Effect::ask(crate::ops::maintenance::LogReveal { kind, ids: vec![id], note: "workbench".into() })]
            }
            None => Vec::new(),
        }
    }

    /// Writes the current list, filter applied, as `.xlsx` or `.csv` (UTF-8
    /// with BOM) with the columns of `silian export`; personal data in full
    /// only for records revealed (and so logged) in this session.
    fn export(&mut self, path: &str) -> Vec<Effect> {
        let Some(list) = self.list() else { return Vec::new() };
        let (kind, positions) = (list.kind, list.rows.clone());
        if path.is_empty() {
            self.status =
                self.lang.pick("用法：:export 文件名.xlsx 或 .csv", "usage: :export FILE.xlsx or FILE.csv").into();
            return Vec::new();
        }
        let Some(format) = FileKind::of(Path::new(path)) else {
            self.status = bad_extension_message(Path::new(path), &[".xlsx", ".csv"], self.lang);
            return Vec::new();
        };
        let records = self.data.records(kind);
        let held: Vec<_> = positions.iter().filter_map(|p| records.get(*p)).collect();
        let rows: Vec<&AnyRecord> = held.iter().map(|r| &**r).collect();
        let revealed = &self.revealed;
        let reveal = |r: &AnyRecord| revealed.contains(&(kind, r.id()));
        let archived_column = rows.iter().any(|r| r.meta.archived);
        let spec = ExportSpec { kind, lang: self.lang, reveal: &reveal, archived_column };
        match export_bytes(&spec, rows, &self.data, format) {
            Ok(bytes) => vec![Effect::Export { path: path.to_string(), bytes }],
            Err(e) => {
                self.status = e.0;
                Vec::new()
            }
        }
    }
}
