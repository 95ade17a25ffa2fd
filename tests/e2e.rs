//! The workbench end to end: the real binary in a real terminal (tmux), driven
//! by keystrokes and checked by what is on the screen, as a clerk would use it.
//!
//! Each test starts its own tmux server (`tmux -L <unique name>`), so tests run
//! in parallel and never touch a user's tmux. Without tmux the tests say so on
//! stderr and pass; CI installs it.

mod common;

use common::{silian, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a screen may take to show what a test waits for.
const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(40);

/// One silian workbench running in a detached tmux session on a private server.
/// Dropping it kills the server, and with it the program, even when a test fails.
struct Tmux {
    socket: String,
    /// The server's socket file, which tmux leaves behind: removed on drop.
    socket_path: Option<PathBuf>,
}

impl Tmux {
    /// Starts `silian --db DB ARGS` in a `width`×`height` terminal, or returns
    /// `None` (after saying so) when tmux is not installed.
    fn start(db: &Path, lang: &str, (width, height): (u16, u16), args: &[&str]) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("skipped: tmux not found");
            return None;
        }
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!("silian-e2e-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut tmux = Tmux { socket, socket_path: None };
        let (w, h) = (width.to_string(), height.to_string());
        let db = db.to_str().expect("temporary paths are UTF-8");
        let lang = format!("SILIAN_LANG={lang}");
        // `env` execs the binary, so the pane's process is silian itself. The
        // pane stays after silian exits, to tell "exited" from "not started"
        // and to keep what it printed last.
        #[rustfmt::skip]
        let mut cmd: Vec<&str> = vec![
            "start-server", ";",
            "set-option", "-g", "remain-on-exit", "on", ";",
            "new-session", "-d", "-s", "s", "-x", &w, "-y", &h,
            "env", "-u", "SILIAN_DB", "-u", "SILIAN_ASCII", "-u", "NO_COLOR",
            "TERM=xterm-256color", "LANG=C.UTF-8", "SILIAN_TODAY=2026-11-29", &lang,
            common::bin(), "--db", db,
        ];
        cmd.extend_from_slice(args);
        tmux.run(&cmd);
        tmux.socket_path = Some(tmux.format("#{socket_path}").into());
        Some(tmux)
    }

    /// Runs a tmux command on this server; a failing command fails the test.
    fn run(&self, args: &[&str]) -> String {
        let out = self.try_run(args);
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn try_run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .env("LANG", "C.UTF-8")
            .env_remove("TMUX")
            .output()
            .expect("tmux runs")
    }

    /// Presses keys by tmux name: `"Enter"`, `"Tab"`, `"BTab"`, `"Escape"`, `"C-s"`, `"q"`.
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "s"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Presses Escape and waits until `shown` is gone: a key sent right after
    /// an Escape can reach the terminal in the same read and be taken as
    /// Alt+key, as a fast typist's would.
    fn escape_from(&self, shown: &str) {
        self.keys(&["Escape"]);
        self.wait_until(&format!("{shown:?} closed by Esc"), |s| !s.contains(shown));
    }

    /// Types text literally, Chinese included.
    fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "s", "-l", text]);
    }

    /// What the terminal shows now, one line per row.
    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "s"])
    }

    fn format(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "s", format]).trim().to_string()
    }

    /// The terminal cursor (column, row): the caret of the field being typed.
    fn cursor(&self) -> (usize, usize) {
        let pos = self.format("#{cursor_x} #{cursor_y}");
        let (x, y) = pos.split_once(' ').expect("two numbers");
        (x.parse().expect("a column"), y.parse().expect("a row"))
    }

    fn pid(&self) -> u32 {
        self.format("#{pane_pid}").parse().expect("a pid")
    }

    /// Sends SIGHUP to silian, as a closing terminal or a dropped SSH connection does.
    fn hang_up(&self) {
        let pid = self.pid();
        if let Ok(comm) = std::fs::read_to_string(format!("/proc/{pid}/comm")) {
            assert_eq!(comm.trim(), "silian", "the pane runs silian itself");
        }
        let pid = libc::pid_t::try_from(pid).expect("a pid fits pid_t");
        // SAFETY: kill(2) with a valid signal number; it touches no memory.
        let rc = unsafe { libc::kill(pid, libc::SIGHUP) };
        assert_eq!(rc, 0, "SIGHUP to {pid}: {}", std::io::Error::last_os_error());
    }

    fn exited(&self) -> bool {
        self.format("#{pane_dead}") == "1"
    }

    /// The screen and the cursor now.
    fn shot(&self) -> Shot {
        Shot { screen: self.screen(), cursor: self.cursor() }
    }

    /// Waits until what the terminal shows satisfies `test` and has settled
    /// (two captures in a row agree: a frame may be caught half drawn), and
    /// returns it. Fails with the last screen when that does not come within
    /// the timeout, or at once when silian has exited.
    fn wait_state(&self, what: &str, test: impl Fn(&Shot) -> bool) -> Shot {
        let start = Instant::now();
        let mut last: Option<Shot> = None;
        loop {
            let shot = self.shot();
            if test(&shot) && last.as_ref() == Some(&shot) {
                return shot;
            }
            if self.exited() {
                panic!("silian exited while waiting for {what}; last screen:\n{}", shot.screen);
            }
            if start.elapsed() > TIMEOUT {
                panic!("no {what} after {TIMEOUT:?}; the screen:\n{}", shot.screen);
            }
            last = Some(shot);
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen satisfies `test`; returns the screen.
    fn wait_until(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        self.wait_state(what, |shot| test(&shot.screen)).screen
    }

    /// Waits until `needle` is on the screen; returns the screen.
    fn wait_for(&self, needle: &str) -> String {
        self.wait_until(&format!("{needle:?}"), |s| s.contains(needle))
    }

    /// Waits until the screen or the cursor differs from `before`.
    fn wait_change(&self, before: &Shot, what: &str) -> Shot {
        self.wait_state(&format!("a change after {what}"), |shot| shot != before)
    }

    /// Waits until the list pane's title, on the top border, starts with `title`
    /// (such as `委员 (2)`: the kind and how many records it lists).
    fn wait_list(&self, title: &str) -> String {
        let top = format!(" {title}");
        self.wait_until(&format!("the list {title}"), |s| {
            s.lines().nth(1).is_some_and(|l| l.trim_start_matches(['┌', '+']).starts_with(&top))
        })
    }

    /// Waits until silian has ended.
    fn wait_exit(&self) {
        let start = Instant::now();
        while !self.exited() {
            assert!(start.elapsed() < TIMEOUT, "silian still runs; the screen:\n{}", self.screen());
            std::thread::sleep(POLL);
        }
    }

    fn resize(&self, width: u16, height: u16) {
        self.run(&["resize-window", "-t", "s", "-x", &width.to_string(), "-y", &height.to_string()]);
    }

    /// Moves the form's focus to the field labelled `label` with Tab, the way a
    /// user would, closing any picker on the way (Enter or Tab in a picker
    /// would pick). Works whatever the order of the fields.
    fn focus(&self, label: &str) {
        for _ in 0..24 {
            let mut shot = self.wait_state("a settled screen", |_| true);
            if shot.screen.lines().nth(shot.cursor.1).is_some_and(|line| field_label(line) == Some(label)) {
                return;
            }
            if in_picker(&shot.screen) {
                self.keys(&["Escape"]);
                shot = self.wait_change(&shot, "Esc in a picker");
            }
            self.keys(&["Tab"]);
            self.wait_change(&shot, "Tab in a form");
        }
        panic!("no field {label} in the form; the screen:\n{}", self.screen());
    }

    /// Focuses the reference or choice field `label`, types `query` into its
    /// picker, waits for `pick` to be the highlighted candidate and takes it.
    fn pick(&self, label: &str, query: &str, pick: &str) {
        self.focus(label);
        self.text(query);
        self.wait_until(&format!("{pick} highlighted in the {label} picker"), |s| {
            s.lines().any(|l| l.contains(&format!("> {pick}")))
        });
        self.keys(&["Enter"]);
        self.wait_until(&format!("{pick} in the field {label}"), |s| {
            s.lines().any(|l| field_label(l) == Some(label) && l.contains(pick))
        });
    }
}

/// What the terminal shows at one moment.
#[derive(Clone, Debug, PartialEq)]
struct Shot {
    screen: String,
    /// (column, row) of the terminal cursor: the caret of the field being typed.
    cursor: (usize, usize),
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.try_run(&["kill-server"]);
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The label of a form row such as `│*职务       兼职委员   │`.
fn field_label(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches(['│', '|']).strip_prefix(['*', ' '])?;
    let label = rest.split(' ').next()?;
    (!label.is_empty()).then_some(label)
}

/// The bottom row lists the keys of the current mode: a picker's start with
/// "down", a form's with "tab", browsing's with "?".
fn hints(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

fn in_picker(screen: &str) -> bool {
    hints(screen).starts_with("enter")
}

fn in_form(screen: &str) -> bool {
    hints(screen).starts_with("tab")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = silian(db, "zh", args);
    assert!(out.status.success(), "silian {args:?}: {}", stderr(&out));
    stdout(&out)
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, args)).expect("JSON output")
}

/// A community, a unit, the member 余伟军 and the household of 张三, by the command line.
fn street(db: &Path) {
    ok(db, &["add", "community", "--name", "长安社区"]);
    ok(db, &["add", "unit", "--name", "滨江实验小学", "--kind", "school"]);
    ok(db, &["add", "member", "--name", "余伟军", "--role", "leader", "--unit-id", "1", "--community-id", "1"]);
    ok(db, &["add", "household", "--community-id", "1", "--member-id", "1", "--head", "张三"]);
}

/// Whether one row of the left pane (the list, or a form over both panes)
/// shows all of `cells`; the detail pane beside it does not count.
fn has_row(screen: &str, cells: &[&str]) -> bool {
    screen.lines().filter_map(|line| line.split(['│', '|']).nth(1)).any(|row| cells.iter().all(|c| row.contains(c)))
}

#[test]
fn a_member_typed_in_chinese_is_found_by_initials_and_visited_through_the_picker() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    street(&db);
    let Some(t) = Tmux::start(&db, "zh", (100, 30), &[]) else { return };
    t.wait_for("1总览");

    // A new member: name typed in Chinese, role picked by pinyin, saved with Enter.
    t.keys(&["2"]);
    t.wait_list("委员 (1)");
    t.keys(&["a"]);
    t.wait_for("新增 委员");
    t.text("余小军");
    t.wait_until("余小军 in the name field", |s| {
        s.lines().any(|l| field_label(l) == Some("姓名") && l.contains("余小军"))
    });
    t.pick("职务", "jianzhi", "兼职委员");
    // Focus is on the next field now; an optional one must not open its list,
    // or Enter would pick from it instead of saving.
    let screen = t.wait_until("the form without a picker", in_form);
    assert!(!screen.contains("> 滨江实验小学"), "{screen}");
    t.keys(&["Enter"]);
    let screen = t.wait_list("委员 (2)");
    assert!(screen.contains("已新增 委员 余小军"), "{screen}");
    assert!(has_row(&screen, &["余小军", "兼职委员"]), "{screen}");

    // Found by its initials; the other member is filtered out.
    t.keys(&["/"]);
    t.text("yxj");
    let screen = t.wait_list("委员 (1) /yxj");
    assert!(has_row(&screen, &["余小军", "兼职委员"]), "{screen}");
    assert!(!screen.contains("余伟军"), "{screen}");
    t.keys(&["Enter"]);
    let screen = t.wait_until("browse mode with the filter kept", |s| hints(s).starts_with("?"));
    assert!(screen.contains(" 委员 (1) /yxj"), "{screen}");

    // A quick visit: household and member from their pickers, a summary, Ctrl-S.
    t.keys(&["v"]);
    t.wait_for("新增 走访记录（快速）");
    t.pick("联系户", "zs", "张三");
    t.pick("委员", "yxj", "余小军");
    t.focus("情况");
    t.text("了解家庭情况");
    t.wait_until("the summary typed", |s| {
        s.lines().any(|l| field_label(l) == Some("情况") && l.contains("了解家庭情况"))
    });
    let screen = t.screen();
    assert!(has_row(&screen, &["日期", "2026-11-29"]), "today is the default date:\n{screen}");
    // 张三 is linked to 余伟军: the form said so beside the member, and saving asks once.
    assert!(t.screen().contains("联系户 张三 的联系委员是 余伟军"), "{}", t.screen());
    t.keys(&["C-s"]);
    t.wait_for("仍要保存？");
    t.keys(&["y"]);
    let screen = t.wait_for("已新增 走访记录");
    assert!(!screen.contains("新增 走访记录（快速）"), "the form closed:\n{screen}");
    t.keys(&["6"]);
    let screen = t.wait_list("走访记录 (1)");
    assert!(has_row(&screen, &["2026-11-29", "余小军", "了解家庭情况"]), "{screen}");

    t.keys(&["q"]);
    t.wait_exit();
    drop(t);

    // Both are in the store: the workbench shows them on the next start…
    let t = Tmux::start(&db, "zh", (100, 30), &[]).expect("tmux was found before");
    t.wait_for("1总览");
    assert!(!t.screen().contains("是否恢复"), "a saved form leaves no draft:\n{}", t.screen());
    t.keys(&["2"]);
    let screen = t.wait_list("委员 (2)");
    assert!(has_row(&screen, &["余小军", "兼职委员"]), "{screen}");
    t.keys(&["6"]);
    let screen = t.wait_list("走访记录 (1)");
    assert!(has_row(&screen, &["2026-11-29", "余小军", "了解家庭情况"]), "{screen}");
    t.keys(&["q"]);
    t.wait_exit();
    drop(t);

    // …and the command line reads the same records and links.
    let members = json(&db, &["list", "member", "--format", "json"]);
    let member = members.as_array().unwrap().iter().find(|m| m["name"] == "余小军").expect("余小军 is stored");
    assert_eq!(member["role"], "part_time");
    let visits = json(&db, &["list", "visit", "--format", "json"]);
    let visits = visits.as_array().unwrap();
    assert_eq!(visits.len(), 1, "{visits:?}");
    assert_eq!(visits[0]["household_id"], 1);
    assert_eq!(visits[0]["member_id"], member["id"]);
    assert_eq!(visits[0]["summary"], "了解家庭情况");
    assert_eq!(visits[0]["date"], "2026-11-29");
}

#[test]
fn a_hangup_in_the_middle_of_a_form_offers_the_draft_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let Some(t) = Tmux::start(&db, "zh", (100, 30), &[]) else { return };
    t.wait_for("1总览");
    t.keys(&["2"]);
    t.wait_list("委员 (0)");
    t.keys(&["a"]);
    t.wait_for("新增 委员");
    t.text("半途而废");
    // Shown means handled, and the draft is written before the screen is drawn.
    t.wait_for("半途而废");

    t.hang_up();
    t.wait_exit();
    drop(t);

    let t = Tmux::start(&db, "zh", (100, 30), &[]).expect("tmux was found before");
    t.wait_for("上次有未保存完的表单，是否恢复？(y/n)");
    t.keys(&["y"]);
    let screen = t.wait_for("新增 委员");
    assert!(
        screen.lines().any(|l| field_label(l) == Some("姓名") && l.contains("半途而废")),
        "the typed name is back:\n{screen}"
    );
    assert!(!screen.contains("是否恢复"), "{screen}");
}

#[test]
fn the_workbench_fits_80x24_and_says_when_the_terminal_is_too_small() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    street(&db);

    let Some(t) = Tmux::start(&db, "zh", (80, 24), &[]) else { return };
    let screen = t.wait_for("1总览");
    let rows: Vec<&str> = screen.lines().collect();
    assert_eq!(rows.len(), 24, "{screen}");
    assert!(rows[0].starts_with("1总览 2委员") && rows[0].contains("0考评"), "the whole tab bar:\n{screen}");
    assert!(rows[23].starts_with("? 帮助") && rows[23].contains("q 退出"), "the hints:\n{screen}");
    assert!(!screen.contains("终端太小"), "{screen}");

    t.resize(60, 20);
    let screen = t.wait_for("终端太小");
    assert!(screen.contains("60×20"), "{screen}");
    assert!(!screen.contains("1总览"), "{screen}");
    t.resize(80, 24);
    let screen = t.wait_for("1总览");
    assert!(!screen.contains("终端太小"), "{screen}");
    drop(t);

    let t = Tmux::start(&db, "en", (80, 24), &[]).expect("tmux was found before");
    let screen = t.wait_until("the English workbench", |s| hints(s).starts_with("? Help"));
    assert!(screen.lines().next().is_some_and(|l| l.starts_with('1') && l.contains('0')), "{screen}");
    t.resize(60, 20);
    let screen = t.wait_for("Terminal too small");
    assert!(screen.contains("80×24") && screen.contains("60×20"), "{screen}");
}

/// The workbench draws its first screen before the store opens (a large one
/// takes a while); a store that will not open is then told of on the main
/// screen, the terminal given back as it was. (Through a shell that stays a
/// moment: tmux may not read the last output of a pane's own process.)
#[test]
fn a_store_that_will_not_open_is_told_of_on_the_main_screen() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("skipped: tmux not found");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let db = file.join("store");
    let mut t = Tmux { socket: format!("silian-e2e-{}-open", std::process::id()), socket_path: None };
    let line = format!("{} --db '{}'; echo EXIT=$?; sleep 30", common::bin(), db.display());
    #[rustfmt::skip]
    t.run(&[
        "new-session", "-d", "-s", "s", "-x", "80", "-y", "24",
        "env", "TERM=xterm-256color", "LANG=C.UTF-8", "SILIAN_LANG=zh", "sh", "-c", &line,
    ]);
    t.socket_path = Some(t.format("#{socket_path}").into());
    let screen = t.wait_for("EXIT=");
    assert!(screen.contains("EXIT=1"), "{screen}");
    assert!(screen.contains("无法打开数据库") && screen.contains("a-file"), "the message names the store:\n{screen}");
    assert!(!screen.contains("1总览"), "the workbench's screen is gone:\n{screen}");
    assert_eq!(t.format("#{alternate_on}"), "0", "back on the main screen");
}

#[test]
fn ascii_mode_draws_no_box_characters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    street(&db);
    ok(&db, &["add", "visit", "--date", "t", "--member-id", "1", "--household-id", "1", "--summary", "了解情况"]);

    let Some(t) = Tmux::start(&db, "zh", (100, 30), &["--ascii"]) else { return };
    let mut screens = vec![t.wait_for("1总览")];
    t.keys(&["2"]);
    screens.push(t.wait_list("委员 (1)"));
    t.keys(&["a"]);
    t.wait_for("新增 委员");
    t.focus("职务");
    screens.push(t.wait_until("the role picker", in_picker));
    for screen in &screens {
        let boxed: Vec<char> = screen.chars().filter(|c| ('\u{2500}'..='\u{259f}').contains(c)).collect();
        assert!(boxed.is_empty(), "box-drawing or block characters {boxed:?} in ASCII mode:\n{screen}");
        assert!(screen.contains("+--") && screen.contains('|'), "ASCII borders:\n{screen}");
    }
}

/// Issue 4's scenario by keyboard: plan next year, open its first meeting,
/// take two agenda items, mark attendance, record a decision, make it a task,
/// report progress, finish it and resolve its demand, then the follow-up.
#[test]
fn the_meeting_cycle_from_planning_to_the_follow_up_by_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    ok(&db, &["add", "community", "--name", "长安社区"]);
    ok(&db, &["add", "member", "--name", "余伟军", "--role", "leader", "--community-id", "1"]);
    ok(&db, &["add", "member", "--name", "蒋娜", "--role", "office_director", "--contact-name", "王芳"]);
    for (raised, category, content) in
        [("2026-11-10", "infrastructure", "楼道灯不亮"), ("2026-11-12", "welfare", "申请助餐服务")]
    {
        #[rustfmt::skip]
        ok(&db, &["add", "demand", "--raised-on", raised, "--member-id", "1", "--community-id", "1",
            "--category", category, "--content", content, "--status", "escalated"]);
    }
    let Some(t) = Tmux::start(&db, "zh", (100, 30), &[]) else { return };

    // The overview offers next year's meetings; P plans them.
    t.wait_for("2027 年尚无例会：按 P 安排");
    t.keys(&["P"]);
    let screen = t.wait_for("已安排 2027 年的 4 次例会");
    assert!(!screen.contains("尚无例会"), "{screen}");

    // The next meeting (2027 Q1) is the oldest of the list.
    t.keys(&["8"]);
    t.wait_list("联席议事会 (4)");
    t.keys(&["G"]);
    t.wait_for("联席议事会 #1");

    // Two agenda items taken with one key each.
    t.keys(&["r"]);
    t.wait_for("候选议题（Enter 列入议题）");
    t.keys(&["Enter"]);
    t.wait_for("已列入议题：楼道灯不亮");
    t.keys(&["Enter"]);
    t.wait_for("已列入议题：申请助餐服务");
    t.wait_for("没有候选议题");
    t.escape_from("没有候选议题");

    // Attendance toggled in the list.
    t.keys(&["t"]);
    t.wait_for("参会人员（Enter/空格 签到）");
    t.keys(&["Enter"]);
    t.wait_for("余伟军 已到会");
    t.keys(&["j", "Space"]);
    let screen = t.wait_for("蒋娜 已到会");
    assert!(screen.contains("[x] 余伟军") && screen.contains("[x] 蒋娜"), "{screen}");
    t.escape_from("参会人员（Enter/空格 签到）");

    // Topic 1: discussion and decision, then a task from the decision.
    t.keys(&["o"]);
    t.wait_for("议题（Enter 记录，t 转责任事项）");
    t.keys(&["Enter"]);
    t.wait_for("议题 1：讨论与议定");
    t.text("物业与社区分工");
    t.keys(&["Tab"]);
    t.text("由物业两周内更换");
    t.wait_until("the decision typed", |s| s.contains("由物业两周内更换"));
    t.keys(&["Enter"]);
    t.wait_for("已记录议题 1 的讨论与议定事项");
    t.keys(&["t"]);
    t.wait_for("议题 1 的决定转为责任事项");
    t.text("jn");
    t.wait_until("蒋娜 highlighted in the owner picker", |s| s.lines().any(|l| l.contains("> 蒋娜")));
    t.keys(&["Enter"]);
    t.wait_until("蒋娜 in the owner field", |s| {
        s.lines().any(|l| field_label(l) == Some("责任人") && l.contains("蒋娜"))
    });
    t.text("12-20");
    t.wait_until("the due date typed", |s| s.contains("12-20"));
    t.keys(&["Enter"]);
    t.wait_for("已新建责任事项“楼道灯不亮”，1 条相关诉求转为办理中");
    t.escape_from("议题（Enter 记录，t 转责任事项）");

    // Progress in two keystrokes plus the note; then finishing asks about the demand.
    t.keys(&["9"]);
    t.wait_list("责任事项 (1)");
    t.keys(&["p"]);
    t.wait_for("报告进展：责任事项 1");
    t.text("已联系物业");
    t.wait_until("the note typed", |s| s.contains("已联系物业"));
    t.keys(&["Enter"]);
    t.wait_for("已记录“楼道灯不亮”的进展");
    t.keys(&["F"]);
    // The meeting is planned for next year: finishing its task today is asked about.
    t.wait_for("会议尚未召开");
    t.keys(&["y"]);
    t.wait_for("其 1 条相关诉求是否已办结？(y/n)");
    t.keys(&["y"]);
    t.wait_for("办结诉求 1");
    t.text("物业已更换楼道灯");
    t.wait_until("the resolution typed", |s| s.contains("物业已更换楼道灯"));
    t.keys(&["Enter"]);
    t.wait_for("诉求 1 已改为“已办结”");

    // The follow-up of the resolved demand (the older of the two, second in the list).
    t.keys(&["7"]);
    t.wait_list("诉求 (2)");
    t.keys(&["j", "m"]);
    t.wait_for("诉求 1（已办结）的下一步");
    t.keys(&["Enter"]);
    t.wait_for("回访诉求 1");
    t.text("居民满意");
    t.wait_until("the summary typed", |s| s.contains("居民满意"));
    t.keys(&["Enter"]);
    t.wait_for("已记录诉求 1 的回访（走访记录 1）");

    // The lists and the overview reflect it.
    t.keys(&["6"]);
    let screen = t.wait_list("走访记录 (1)");
    assert!(has_row(&screen, &["2026-11-29", "居民满意"]), "{screen}");
    t.keys(&["1"]);
    let screen = t.wait_for("下次联席议事会");
    assert!(!screen.contains("尚无例会"), "{screen}");
    // Both demands are topics of the next meeting already: no candidate is left to offer.
    assert!(!screen.contains("候选议题") && !screen.contains("[诉求] 楼道灯不亮"), "{screen}");
    t.keys(&["q"]);
    t.wait_exit();
    drop(t);

    let meeting = json(&db, &["show", "meeting", "1", "--format", "json"]);
    assert_eq!(meeting["attendee_ids"], serde_json::json!([1, 2]));
    assert_eq!(meeting["topics"][0]["decision"], "由物业两周内更换");
    let task = json(&db, &["show", "task", "1", "--format", "json"]);
    assert_eq!((task["status"].as_str(), task["owner_id"].as_u64()), (Some("done"), Some(2)));
    assert_eq!(task["progress"][0]["reporter"], "王芳");
    let demand = json(&db, &["show", "demand", "1", "--format", "json"]);
    assert_eq!(demand["status"], "resolved");
    assert_eq!(demand["follow_up_on"], "2026-11-29");
    assert_eq!(demand["satisfaction"], "satisfied");
}

#[test]
fn a_store_larger_than_the_first_screen_is_read_in_the_background_and_filtered_by_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    ok(&db, &["demo"]);
    let visits = json(&db, &["list", "visit", "--format", "json"]);
    let visits = visits.as_array().expect("a list of visits");
    assert!(visits.len() > silian::tui::PREVIEW_ROWS, "more visits than the first screen reads");
    let by_yu = visits.iter().filter(|v| v["member_id"] == 1).count();
    let Some(t) = Tmux::start(&db, "zh", (100, 30), &[]) else { return };
    t.wait_for("1总览");
    t.keys(&["6"]);
    t.wait_list(&format!("走访记录 ({})", visits.len()));
    let screen = t.wait_for("余伟军");
    assert!(!screen.contains("正在读取"), "{screen}");
    // Visits are found by the member they name, by pinyin initials.
    t.keys(&["/"]);
    t.text("ywj");
    let screen = t.wait_until("the filtered list", |s| s.lines().nth(1).is_some_and(|l| l.contains(") /ywj")));
    let title = screen.lines().nth(1).unwrap_or_default();
    let shown: usize = title.split(['(', ')']).nth(1).and_then(|n| n.parse().ok()).expect("a count in the title");
    // A household whose head has the same initials may add a few.
    assert!(shown >= by_yu && shown < visits.len(), "{by_yu} visits by 余伟军, {shown} shown:\n{screen}");
    assert!(has_row(&screen, &["余伟军"]), "{screen}");
}

/// `silian serve` on `db` for the length of a test.
struct Served(std::process::Child);

impl Served {
    fn start(db: &Path) -> Served {
        let child = Command::new(common::bin())
            .args(["--db", db.to_str().unwrap(), "serve"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("silian serve starts");
        let socket = silian::net::socket_path(db);
        let start = Instant::now();
        while silian::net::client::Client::connect(&socket).is_err() {
            assert!(start.elapsed() < TIMEOUT, "silian serve did not answer");
            std::thread::sleep(POLL);
        }
        Served(child)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn two_workbenches_on_a_served_store_see_each_others_saves_and_a_stale_save_asks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    street(&db);
    let _server = Served::start(&db);
    let Some(a) = Tmux::start(&db, "zh", (100, 30), &[]) else { return };
    let b = Tmux::start(&db, "zh", (100, 30), &[]).expect("tmux was found before");
    a.wait_for("1总览");
    b.wait_for("1总览");
    b.keys(&["6"]);
    b.wait_list("走访记录 (0)");

    // A records a visit; B, left alone, shows it.
    a.keys(&["v"]);
    a.wait_for("新增 走访记录（快速）");
    a.pick("联系户", "zs", "张三");
    a.pick("委员", "ywj", "余伟军");
    a.focus("情况");
    a.text("两人同时录入");
    a.wait_until("the summary typed", |s| {
        s.lines().any(|l| field_label(l) == Some("情况") && l.contains("两人同时录入"))
    });
    a.keys(&["C-s"]);
    a.wait_for("已新增 走访记录");
    let screen = b.wait_list("走访记录 (1)");
    assert!(has_row(&screen, &["余伟军", "两人同时录入"]), "{screen}");

    // B edits it while someone else changes it: saving asks before overwriting.
    b.keys(&["e"]);
    b.wait_until("the edit form", in_form);
    // A, on the same list, sees that the record is open in someone's form.
    a.keys(&["6"]);
    let screen = a.wait_for("正在编辑");
    assert!(has_row(&screen, &["1@", "两人同时录入"]), "{screen}");
    ok(&db, &["edit", "visit", "1", "--summary", "命令行改过"]);
    b.focus("情况");
    // Entering a filled field selects it (typing would replace it); End keeps it to add to.
    b.keys(&["End"]);
    b.text("补充");
    b.keys(&["C-s"]);
    b.wait_for("此记录已被他人修改");
    b.keys(&["y"]);
    b.wait_until("the form closed", |s| hints(s).starts_with("?"));
    let visits = json(&db, &["list", "visit", "--format", "json"]);
    assert_eq!(visits[0]["summary"], "两人同时录入补充", "B chose to overwrite: {visits}");
    // And A, left alone, shows B's save, and the form closed.
    let screen = a.wait_until("B's save", |s| has_row(s, &["两人同时录入补充"]) && !s.contains("正在编辑"));
    assert!(!screen.contains("命令行改过"), "{screen}");
}

/// A served store and a workbench on it with a quick visit form for 张三
/// half typed (`typed` in the summary); then the server is killed, and the
/// workbench has said so.
fn visit_typed_when_the_server_dies(typed: &str) -> Option<(tempfile::TempDir, PathBuf, Tmux)> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    street(&db);
    let server = Served::start(&db);
    let t = Tmux::start(&db, "zh", (100, 30), &[])?;
    t.wait_for("1总览");
    t.keys(&["v"]);
    t.wait_for("新增 走访记录（快速）");
    t.pick("联系户", "zs", "张三");
    t.pick("委员", "ywj", "余伟军");
    t.focus("情况");
    t.text(typed);
    drop(server);
    // The listener says the connection dropped; a draft save sent at the same
    // moment may say instead that the server cannot be reached. Both are true.
    t.wait_until("the workbench saying the server is gone", |s| {
        s.contains("连接已断开") || s.contains("无法连接服务进程")
    });
    Some((dir, db, t))
}

#[test]
fn a_workbench_keeps_its_form_while_the_server_is_away_and_saves_once_it_is_back() {
    let Some((_dir, db, t)) = visit_typed_when_the_server_dies("服务中断前") else { return };
    t.text("，中断时");
    t.keys(&["C-s"]);
    // Unreachable, or gone after the request was written (it may have been
    // carried out): which one depends on when the kernel notices the socket closed.
    let screen = t.wait_until("the save said to have failed", |s| {
        s.contains("无法连接服务进程") || s.contains("服务进程在答复前断开了")
    });
    assert!(screen.contains("新增 走访记录（快速）"), "the form stays open:\n{screen}");
    let _server = Served::start(&db);
    t.wait_for("已重新连接");
    t.keys(&["C-s"]);
    t.wait_for("已新增 走访记录");
    let visits = json(&db, &["list", "visit", "--format", "json"]);
    assert_eq!(visits[0]["summary"], "服务中断前，中断时", "{visits}");
}

#[test]
fn a_form_typed_while_the_server_was_away_is_offered_after_both_went_down() {
    let Some((_dir, db, t)) = visit_typed_when_the_server_dies("断线前") else { return };
    t.text("断线后");
    t.wait_until("the text typed while the server was away", |s| s.contains("断线前断线后"));
    // Then the connection drops too: the workbench ends.
    t.hang_up();
    t.wait_exit();
    drop(t);
    let _server = Served::start(&db);
    let t = Tmux::start(&db, "zh", (100, 30), &[]).expect("tmux was found before");
    t.wait_for("是否恢复");
    t.keys(&["y"]);
    let screen = t.wait_for("断线前断线后");
    assert!(screen.contains("新增 走访记录（快速）"), "{screen}");
    // Typing on reaches the server, which then holds the draft again.
    t.text("。");
    t.wait_for("断线前断线后。");
}

/// Saves the open form with Ctrl-S and waits until the list shows `count` records.
fn save_and_wait(t: &Tmux, list: &str) {
    t.keys(&["C-s"]);
    t.wait_list(list);
}

#[test]
fn a_hurried_clerk_sets_up_a_street_at_80x24_and_saves_no_wrong_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let Some(t) = Tmux::start(&db, "zh", (80, 24), &[]) else { return };
    t.wait_for("数据库还是空的");

    // The street, in the order the empty store's guide gives.
    t.keys(&["4", "a"]);
    t.wait_for("新增 社区");
    t.text("长安社区");
    save_and_wait(&t, "社区 (1)");
    for (name, count) in [("余伟军", 1), ("单雄信", 2)] {
        t.keys(&["2", "a"]);
        t.wait_for("新增 委员");
        t.text(name);
        t.pick("职务", "jianzhi", "兼职委员");
        save_and_wait(&t, &format!("委员 ({count})"));
    }
    for (head, member, query, count) in [("张三", "余伟军", "ywj", 1), ("李四", "单雄信", "sxx", 2)] {
        t.keys(&["5", "a"]);
        t.wait_for("新增 联系户");
        t.pick("社区", "ca", "长安社区");
        t.pick("联系委员", query, member);
        t.focus("户主");
        t.text(head);
        save_and_wait(&t, &format!("联系户 ({count})"));
    }

    // Quick visits, typed in a hurry: the date typed over, Enter on a list nothing was typed into.
    t.keys(&["6", "v"]);
    t.wait_for("新增 走访记录（快速）");
    t.pick("联系户", "zs", "张三");
    t.wait_until("张三's member taken", |s| {
        s.lines().any(|l| field_label(l) == Some("委员") && l.contains("余伟军"))
    });
    t.focus("情况");
    t.text("了解家庭情况");
    t.focus("日期");
    t.text("1128");
    save_and_wait(&t, "走访记录 (1)");
    t.keys(&["v"]);
    t.wait_for("新增 走访记录（快速）");
    // The last visit's member (余伟军) gives way to 李四's own.
    t.pick("联系户", "ls", "李四");
    t.wait_until("李四's member taken", |s| {
        s.lines().any(|l| field_label(l) == Some("委员") && l.contains("单雄信"))
    });
    t.focus("情况");
    t.text("送温暖");
    save_and_wait(&t, "走访记录 (2)");

    // A reception: a visitor with her community, the way picked by typing.
    t.keys(&["a"]);
    t.wait_for("新增 走访记录");
    t.focus("方式");
    t.keys(&["C-u"]);
    t.wait_until("the way cleared, its list open", in_picker);
    t.keys(&["Enter"]);
    t.wait_for("未选择");
    t.text("jiedai");
    t.wait_until("来访接待 highlighted", |s| s.lines().any(|l| l.contains("> 来访接待")));
    t.keys(&["Enter"]);
    t.pick("社区", "ca", "长安社区");
    t.focus("来访人");
    t.text("王阿姨");
    t.focus("情况");
    t.text("咨询低保");
    save_and_wait(&t, "走访记录 (3)");

    // A demand from 张三's visit: its household and member come with it.
    t.keys(&["7", "a"]);
    t.wait_for("新增 诉求");
    t.pick("走访记录", "ljjt", "2026-11-28 了解家庭情况");
    t.pick("类别", "jcss", "基础设施");
    t.focus("诉求内容");
    t.text("楼道灯不亮");
    save_and_wait(&t, "诉求 (1)");
    t.keys(&["q"]);
    t.wait_exit();

    // What was saved: every visit's member is its household's, no date is
    // later than today, no field holds text typed onto another.
    let households = json(&db, &["list", "household", "--format", "json"]);
    let member_of = |id: &serde_json::Value| {
        households.as_array().unwrap().iter().find(|h| &h["id"] == id).map(|h| h["member_id"].clone())
    };
    let visits = json(&db, &["list", "visit", "--format", "json"]);
    assert_eq!(visits.as_array().unwrap().len(), 3, "{visits}");
    for v in visits.as_array().unwrap() {
        if !v["household_id"].is_null() {
            assert_eq!(Some(v["member_id"].clone()), member_of(&v["household_id"]), "{v}");
        }
        assert!(v["date"].as_str().unwrap() <= "2026-11-29", "{v}");
    }
    let dates: Vec<&str> = visits.as_array().unwrap().iter().map(|v| v["date"].as_str().unwrap()).collect();
    assert!(dates.contains(&"2026-11-28") && dates.contains(&"2026-11-29"), "typed over, not appended: {dates:?}");
    let reception = visits.as_array().unwrap().iter().find(|v| v["visitor"] == "王阿姨").expect("the reception");
    assert_eq!((reception["kind"].as_str(), reception["community_id"].as_u64()), (Some("reception"), Some(1)));
    let demands = json(&db, &["list", "demand", "--format", "json"]);
    let demand = &demands[0];
    assert_eq!((demand["household_id"].as_u64(), demand["member_id"].as_u64()), (Some(1), Some(1)), "{demand}");
    assert_eq!(demand["raised_on"], "2026-11-29", "{demand}");
}
