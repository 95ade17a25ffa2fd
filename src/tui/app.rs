//! The workbench state and the one place that changes it: `update` takes
//! every input (keys, replies, pushed records, resizes) and returns the
//! effects to perform; keys resolve to actions through the keymap, in the
//! mode of what is open on top. Drawing reads this state and nothing else.

use super::action::Action;
use super::data::Data;
use super::effects::{Effect, UndoOp};
use super::form::FormState;
use super::input::Input;
use super::key::Key;
use super::keymap::{Keymap, Mode};
use super::list::ListView;
use super::open::{Layer, Stack};
use super::overview::Overview;
use super::related::{flat, related};
use super::text_input::TextInput;
use crate::i18n::Lang;
use crate::model::{AnyData, Kind};
use crate::search::Searcher;
use chrono::NaiveDate;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

pub use super::tabs::TAB_COUNT;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    List,
    Detail,
}

pub use super::open::Question;

pub struct App {
    pub lang: Lang,
    pub ascii: bool,
    pub color: bool,
    pub today: NaiveDate,
    pub data: Data,
    pub keymap: Keymap,
    pub tab: usize,
    pub lists: Vec<ListView>,
    pub pane: Pane,
    /// Selection among the related records of the detail pane, or the overview's items.
    pub detail_selected: usize,
    pub overview_selected: usize,
    /// Where `Back` returns to: (tab, record id).
    pub history: Vec<(usize, Option<u64>)>,
    /// What is open over the lists (forms, questions, the help…), topmost last.
    pub open: Stack,
    pub status: String,
    pub undo: Option<(String, UndoOp)>,
    pub revealed: HashSet<(Kind, u64)>,
    /// The OS account running the workbench.
    pub account: String,
    /// Records open in other people's forms, with their accounts (from the server).
    pub editing_elsewhere: HashMap<(Kind, u64), Vec<String>>,
    /// The record this workbench last told the server it has open in a form.
    announced: Option<(Kind, u64)>,
    /// The last record saved per kind: defaults for the next one.
    pub last_saved: HashMap<Kind, AnyData>,
    /// Rows the list pane shows, set from the terminal size.
    pub page: usize,
    /// The terminal is smaller than the workbench needs: only quit acts.
    pub too_small: bool,
    /// Columns of the terminal, for what scrolls by wrapped rows.
    pub cols: u16,
    pub quit: bool,
    pub searcher: Searcher,
    pub import_mode: crate::io::import::OnDuplicate,
    /// The filter was typed into since the list was last searched (see `settle`).
    pub filter_pending: bool,
    /// The record the detail pane goes on showing while the list moves in a
    /// burst of keys, until they pause (`Input::Paused`); `None` when it
    /// shows the selection (see `detail_record`).
    pub detail_lag: Option<(Kind, u64)>,
    /// The overview as last made, with the data generation and day it was
    /// made for: it reads every visit, and is asked for on every frame and
    /// key of its tab.
    overview: RefCell<Option<(u64, NaiveDate, Rc<Overview>)>>,
}

impl App {
    pub fn new(data: Data, lang: Lang, today: NaiveDate) -> App {
        let mut app = App {
            lang,
            ascii: false,
            color: true,
            today,
            data,
            keymap: Keymap::defaults(),
            tab: 0,
            lists: Kind::ALL.iter().map(|k| ListView::new(*k)).collect(),
            pane: Pane::List,
            detail_selected: 0,
            overview_selected: 0,
            history: Vec::new(),
            open: Stack::default(),
            status: String::new(),
            undo: None,
            revealed: HashSet::new(),
            account: String::new(),
            editing_elsewhere: HashMap::new(),
            announced: None,
            last_saved: HashMap::new(),
            page: 15,
            too_small: false,
            cols: 80,
            quit: false,
            searcher: Searcher::new(),
            import_mode: Default::default(),
            filter_pending: false,
            detail_lag: None,
            overview: RefCell::new(None),
        };
        app.refresh_all();
        app
    }

    /// The overview of the data held today, made again only when either changed.
    pub fn overview(&self) -> Rc<Overview> {
        let key = (self.data.generation(), self.today);
        let mut cache = self.overview.borrow_mut();
        match &*cache {
            Some((generation, day, made)) if (*generation, *day) == key => Rc::clone(made),
            _ => {
                let made = Rc::new(super::overview::overview(&self.data, self.today));
                *cache = Some((key.0, key.1, Rc::clone(&made)));
                made
            }
        }
    }

    pub fn refresh_all(&mut self) {
        for list in &mut self.lists {
            list.refresh(&self.data, &mut self.searcher, self.lang);
        }
    }

    /// Builds what the filter of the current tab reads, on `/` rather than on
    /// the first letter: tens of milliseconds at 100,000 visits, spent while
    /// the hand moves to the next key.
    fn prepare_filter(&mut self) {
        if let Some(kind) = self.kind() {
            self.data.prepare_filter(kind);
        }
    }

    /// Everything read, in place of the preview the workbench started with.
    pub fn finish_loading(&mut self, full: Result<Data, crate::ops::Error>) {
        match full {
            Ok(full) => {
                let selected: Vec<Option<u64>> = self.lists.iter().map(|l| l.selected_id(&self.data)).collect();
                self.data.finish_loading(full);
                for (list, keep) in self.lists.iter_mut().zip(selected) {
                    list.refresh_selecting(&self.data, &mut self.searcher, self.lang, keep);
                }
            }
            Err(e) => self.status = e.message(self.lang),
        }
    }

    /// Records someone else saved (`Some`) or removed (`None`), as the server
    /// told; each list keeps its highlight on the record it was on. A kind
    /// changed wholesale (a large import) is read again.
    pub fn changed_elsewhere(&mut self, changes: Vec<(Kind, u64, Option<crate::model::AnyRecord>)>) -> Vec<Effect> {
        let reload: Vec<Kind> = changes.iter().filter_map(crate::net::wire::reload_of).collect();
        let kinds: std::collections::BTreeSet<Kind> = changes.iter().map(|(k, _, _)| *k).collect();
        let selected: Vec<Option<u64>> = self.lists.iter().map(|l| l.selected_id(&self.data)).collect();
        for (kind, id, rec) in changes {
            match rec {
                Some(rec) => self.data.upsert(rec),
                None => self.data.remove(kind, id),
            }
        }
        for kind in kinds {
            let keep = selected[kind as usize];
            self.lists[kind as usize].refresh_selecting(&self.data, &mut self.searcher, self.lang, keep);
        }
        reload.into_iter().map(|kind| Effect::ask(crate::ops::records::List { kind, include_archived: true })).collect()
    }

    /// The record open in this workbench's edit form, if any.
    pub fn editing_here(&self) -> Option<(Kind, u64)> {
        self.form().and_then(|f| f.editing.map(|(id, _)| (f.kind, id)))
    }

    /// Telling the server when the record open in the form changed; the runner
    /// asks after every event.
    pub fn presence_effect(&mut self) -> Option<Effect> {
        let now = self.editing_here();
        (now != self.announced).then(|| {
            self.announced = now;
            Effect::ask(crate::ops::accounts::Editing { record: now })
        })
    }

    /// Who has which record open, as the server tells it. This workbench's
    /// own form is among them: its record is left out.
    pub fn set_editing_elsewhere(&mut self, open: Vec<(Kind, u64, String)>) {
        let own = self.editing_here();
        self.editing_elsewhere.clear();
        let mut own_seen = false;
        for (kind, id, account) in open {
            // One entry for our own form (same account, same record) is ours.
            if !own_seen && Some((kind, id)) == own && account == self.account {
                own_seen = true;
                continue;
            }
            self.editing_elsewhere.entry((kind, id)).or_default().push(account);
        }
    }

    /// "张三、李四" when others have the record open in a form.
    pub fn editors_of(&self, kind: Kind, id: u64) -> Option<String> {
        let accounts = self.editing_elsewhere.get(&(kind, id))?;
        Some(accounts.join(crate::i18n::list_sep(self.lang)))
    }

    pub fn server_lost(&mut self) {
        self.status = self
            .lang
            .pick(
                "与服务进程的连接已断开，正在重连……正在输入的表单会保留",
                "Lost the server; reconnecting… the form being typed is kept",
            )
            .into();
    }

    /// Back on the server: everything read again, in place of what was held.
    pub fn reconnected(&mut self, full: Result<Data, crate::ops::Error>) {
        match full {
            Ok(full) => {
                let selected: Vec<Option<u64>> = self.lists.iter().map(|l| l.selected_id(&self.data)).collect();
                self.data = full;
                // A new load counts its generations afresh.
                self.overview.take();
                for (list, keep) in self.lists.iter_mut().zip(selected) {
                    list.refresh_selecting(&self.data, &mut self.searcher, self.lang, keep);
                }
                self.status = self.lang.pick("已重新连接服务进程", "Reconnected to the server").into();
            }
            Err(e) => self.status = e.message(self.lang),
        }
    }

    pub fn refresh_kind(&mut self, kind: Kind) {
        self.lists[kind as usize].refresh(&self.data, &mut self.searcher, self.lang);
    }

    /// The record kind of the current tab; `None` on the overview.
    pub fn kind(&self) -> Option<Kind> {
        self.tab.checked_sub(1).map(|i| Kind::ALL[i])
    }

    pub fn list(&self) -> Option<&ListView> {
        self.kind().map(|k| &self.lists[k as usize])
    }

    pub(super) fn list_mut(&mut self) -> Option<&mut ListView> {
        self.kind().map(|k| &mut self.lists[k as usize])
    }

    /// The record selected in the current tab's list.
    pub fn selected(&self) -> Option<(Kind, u64)> {
        let kind = self.kind()?;
        Some((kind, self.lists[kind as usize].selected_id(&self.data)?))
    }

    /// The record the detail pane shows: the selection, or while keys move
    /// the list in a burst, the one it showed before the burst.
    pub fn detail_record(&self) -> Option<(Kind, u64)> {
        let lag =
            self.detail_lag.filter(|(kind, id)| self.kind() == Some(*kind) && self.data.position(*kind, *id).is_some());
        lag.or_else(|| self.selected())
    }

    pub fn related_items(&self) -> Vec<(Kind, u64)> {
        self.selected().map(|(k, id)| flat(&related(&self.data, k, id, self.lang))).unwrap_or_default()
    }

    /// The mode keys resolve in: that of what is open on top.
    pub fn mode(&self) -> Mode {
        self.open.mode()
    }

    /// The open form, if any (a question may be over it).
    pub fn form(&self) -> Option<&FormState> {
        self.open.form()
    }

    pub fn form_mut(&mut self) -> Option<&mut FormState> {
        self.open.form_mut()
    }

    /// The one way in for the runner: keys, pasted text, resizes, what came
    /// back of an effect, records read or pushed by the server. Returns the
    /// effects to perform, whose outcomes come back as `Input::Outcome`.
    pub fn update(&mut self, input: Input) -> Vec<Effect> {
        let mut effects = match input {
            Input::Key(key) => self.on_key(key),
            Input::Paste(text) => self.on_paste(&text),
            Input::Resize(cols, rows) => {
                self.page = usize::from(rows.saturating_sub(super::ui::CHROME_ROWS)).max(1);
                self.too_small = cols < super::ui::MIN_WIDTH || rows < super::ui::MIN_HEIGHT;
                self.cols = cols;
                Vec::new()
            }
            Input::Outcome(outcome) => self.apply(outcome),
            Input::Loaded(full) => {
                self.finish_loading(*full);
                Vec::new()
            }
            Input::Changed(changes) => self.changed_elsewhere(changes),
            Input::Settings(settings) => {
                self.data.set_settings(settings);
                Vec::new()
            }
            Input::Editing(open) => {
                self.set_editing_elsewhere(open);
                Vec::new()
            }
            Input::ServerLost => {
                self.server_lost();
                Vec::new()
            }
            Input::Reconnected(full) => {
                self.reconnected(*full);
                Vec::new()
            }
            Input::Hangup => {
                self.quit = true;
                return Vec::new();
            }
            Input::Paused => {
                self.detail_lag = None;
                return Vec::new();
            }
        };
        // Whoever else has the store open is told when the record in our form changes.
        effects.extend(self.presence_effect());
        effects
    }

    pub fn on_key(&mut self, key: Key) -> Vec<Effect> {
        let mode = self.mode();
        // A screen too small shows only how large it must be: keys would act unseen.
        if self.too_small && self.keymap.resolve(Mode::Normal, &key) != Some(Action::Quit) {
            return Vec::new();
        }
        match self.keymap.resolve(mode, &key) {
            Some(action) => self.act(action),
            None if mode.takes_text() => self.type_key(&key),
            None => Vec::new(),
        }
    }

    /// Pasted text (and what some input methods send at once) goes into the
    /// field being typed, as if typed.
    pub fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        if !self.mode().takes_text() {
            return Vec::new();
        }
        let mut effects = Vec::new();
        for c in text.chars().filter(|c| !c.is_control()) {
            effects = self.type_key(&Key::ch(c));
        }
        effects
    }

    /// Applies what typing into the filter left to do. Over a slow link keys
    /// arrive in bursts, and an input method commits several characters at
    /// once: the list is searched once for all of them, before the next
    /// action or frame, rather than once per character.
    pub fn settle(&mut self) {
        if std::mem::take(&mut self.filter_pending) {
            if let Some(kind) = self.kind() {
                self.refresh_kind(kind);
            }
        }
    }

    /// Applies an action in the mode of what is open; each kind of layer has
    /// its own module with its own handling.
    pub fn act(&mut self, action: Action) -> Vec<Effect> {
        self.settle();
        let lag = self.detail_lag.take();
        if self.mode() == Mode::Normal && action.moves() && self.pane == Pane::List && self.tab != 0 {
            self.detail_lag = lag.or_else(|| self.selected());
        }
        match self.mode() {
            Mode::Normal => self.normal(action),
            Mode::Filter => self.filter_action(action),
            Mode::Form | Mode::Picker => self.form_action(action),
            Mode::Command => self.command_action(action),
            Mode::Help => self.help_action(action),
            Mode::Confirm => self.answer(action),
            Mode::Report => self.report_action(action),
            Mode::Chooser => self.chooser_action(action),
        }
    }

    fn type_key(&mut self, key: &Key) -> Vec<Effect> {
        match self.mode() {
            Mode::Filter => {
                if let Some(list) = self.list_mut() {
                    list.filter.handle(key);
                }
                self.filter_pending = true;
                Vec::new()
            }
            Mode::Form | Mode::Picker => self.type_in_form(key),
            Mode::Command => {
                if let Some(command) = self.open.command_mut() {
                    command.handle(key);
                }
                Vec::new()
            }
            Mode::Help => {
                if let Some(help) = self.open.help_mut() {
                    help.filter.handle(key);
                    help.scroll = 0;
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn normal(&mut self, action: Action) -> Vec<Effect> {
        use Action::*;
        self.status.clear();
        match action {
            Quit => self.quit = true,
            NextTab => self.go_tab((self.tab + 1) % TAB_COUNT),
            PrevTab => self.go_tab((self.tab + TAB_COUNT - 1) % TAB_COUNT),
            GoTab(i) => self.go_tab(usize::from(i).min(TAB_COUNT - 1)),
            Up => self.move_selection(-1),
            Down => self.move_selection(1),
            PageUp => self.move_selection(-(self.page.max(1) as isize)),
            PageDown => self.move_selection(self.page.max(1) as isize),
            Top => self.move_selection(isize::MIN / 2),
            Bottom => self.move_selection(isize::MAX / 2),
            Open => self.open(),
            Back => self.back(),
            FocusLeft => self.pane = Pane::List,
            FocusRight if self.selected().is_some() => self.pane = Pane::Detail,
            Filter if self.kind().is_some() => {
                self.open.push(Layer::Filter);
                self.prepare_filter();
            }
            Add => return self.open_new_form(self.kind().unwrap_or(Kind::Member), false),
            QuickVisit => return self.open_new_form(Kind::Visit, true),
            DutyReport => return self.duty_report_command(""),
            Remind => return self.remind_command(""),
            Overdue => return self.overdue_command(),
            ShowFull => self.show_full(),
            Edit => return self.open_edit_form(),
            ToggleArchive => return self.toggle_archive(),
            Undo => return self.take_undo(),
            CommandLine => self.open.push(Layer::Command(TextInput::default())),
            Help => self.open.push(Layer::Help(Default::default())),
            SortNext | SortReverse | ShowArchived => self.list_option(action),
            Agenda | Attendance | Topics | Progress | Finish | NextStep | PlanYear | MoveMeeting | MoveToSchedule => {
                return self.cycle_key(action)
            }
            _ => {}
        }
        Vec::new()
    }

    pub fn go_tab(&mut self, tab: usize) {
        self.tab = tab;
        self.pane = Pane::List;
        self.detail_selected = 0;
    }

    fn move_selection(&mut self, delta: isize) {
        let page = self.page;
        if self.tab == 0 {
            let n = self.overview().items().len();
            self.overview_selected = step(self.overview_selected, delta, n);
        } else if self.pane == Pane::Detail {
            self.detail_selected = step(self.detail_selected, delta, self.related_items().len());
        } else if let Some(list) = self.list_mut() {
            list.move_by(delta);
            list.scroll_into_view(page);
            self.detail_selected = 0;
        }
    }

    fn open(&mut self) {
        let target = if self.tab == 0 {
            self.overview().items().get(self.overview_selected).copied()
        } else if self.pane == Pane::List {
            if self.selected().is_some() {
                self.pane = Pane::Detail;
            }
            return;
        } else {
            self.related_items().get(self.detail_selected).copied()
        };
        if let Some((kind, id)) = target {
            self.history.push((self.tab, self.selected().map(|(_, id)| id)));
            self.jump_to(kind, id);
        }
    }

    /// Shows record `id` of `kind` in its tab, revealing archived records if needed.
    pub fn jump_to(&mut self, kind: Kind, id: u64) {
        let list = &mut self.lists[kind as usize];
        list.filter = TextInput::default();
        if self.data.get(kind, id).is_some_and(|r| r.meta.archived) {
            list.show_archived = true;
        }
        list.refresh(&self.data, &mut self.searcher, self.lang);
        list.select_id(&self.data, id);
        list.scroll_into_view(self.page);
        self.go_tab(kind as usize + 1);
        self.pane = Pane::Detail;
    }

    fn back(&mut self) {
        if self.pane == Pane::Detail && self.history.is_empty() {
            self.pane = Pane::List;
            return;
        }
        match self.history.pop() {
            Some((tab, Some(id))) if tab > 0 => self.jump_to(Kind::ALL[tab - 1], id),
            Some((tab, _)) => self.go_tab(tab),
            None => self.pane = Pane::List,
        }
    }

    fn list_option(&mut self, action: Action) {
        let lang = self.lang;
        let Some(kind) = self.kind() else { return };
        let list = &mut self.lists[kind as usize];
        match action {
            Action::SortNext => list.cycle_sort(),
            Action::SortReverse => list.reverse_sort(),
            _ => list.show_archived = !list.show_archived,
        }
        self.refresh_kind(kind);
        self.status = self.list_status(kind, lang);
    }

    fn list_status(&self, kind: Kind, lang: Lang) -> String {
        let list = &self.lists[kind as usize];
        let archived = if list.show_archived { lang.pick("显示已归档", "archived shown") } else { "" };
        let sort = list.sort.map(|(c, rev)| {
            let column = crate::present::table_columns(kind).get(c).copied().unwrap_or_default();
            let label = crate::present::column_label(kind, column, lang);
            // Words, not arrows: CJK terminals draw arrows two cells wide.
            let order = if rev { lang.pick("降序", "descending") } else { lang.pick("升序", "ascending") };
            format!("{}{label}{}{order}", lang.pick("按", "sorted by "), lang.pick("", " "))
        });
        [sort.unwrap_or_default(), archived.to_string()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }

    fn toggle_archive(&mut self) -> Vec<Effect> {
        let Some((kind, id)) = self.selected() else { return Vec::new() };
        let archived = self.data.get(kind, id).is_some_and(|r| r.meta.archived);
        vec![Effect::ask(crate::ops::records::SetArchived { kind, id, archived: !archived })]
    }

    fn take_undo(&mut self) -> Vec<Effect> {
        match self.undo.take() {
            Some((_, op)) => vec![Effect::Undo(op)],
            None => {
                self.status = self.lang.pick("没有可撤销的修改", "Nothing to undo").into();
                Vec::new()
            }
        }
    }
}

fn step(current: usize, delta: isize, len: usize) -> usize {
    let last = len.saturating_sub(1) as isize;
    (current as isize).saturating_add(delta).clamp(0, last.max(0)) as usize
}
