//! The list pane: columns that fit the width, cut by display width, the
//! selected row marked, a row count and the filter in the title.

use super::theme::Theme;
use super::{fit, width, window};
use crate::i18n::Lang;
use crate::present::{cell, column_label, record_json, table_columns};
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};
use crate::tui::keymap::Mode;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Table};
use ratatui::Frame;

/// No column is wider than this, so that several fit.
const MAX_COLUMN: usize = 24;

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let Some(list) = app.list() else { return };
    let kind = list.kind;
    let focused = app.pane == Pane::List && matches!(app.mode(), Mode::Normal | Mode::Filter);
    let block = theme.block(title(app, area.width as usize), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if list.rows.is_empty() {
        frame.render_widget(Paragraph::new(Line::from(empty_text(app))).style(theme.dim()), inner);
        return;
    }
    let height = inner.height.saturating_sub(1) as usize;
    let offset = window(list.selected, list.offset, height, list.rows.len());
    let records = app.data.records(kind);
    let visible: Vec<Vec<String>> = list.rows[offset..(offset + height).min(list.rows.len())]
        .iter()
        .filter_map(|p| records.get(*p))
        .map(|rec| {
            let map = record_json(&rec, &app.data, app.revealed.contains(&(kind, rec.id())));
            let id = if rec.meta.archived { format!("{}*", rec.id()) } else { rec.id().to_string() };
            let id = format!("{id}{}", crate::tui::overview::overdue_mark(&app.data, &rec, app.today));
            // Open in someone else's form.
            let id = if app.editing_elsewhere.contains_key(&(kind, rec.id())) { format!("{id}@") } else { id };
            std::iter::once(id)
                .chain(table_columns(kind).iter().map(|c| cell(kind, &map, c, &app.data, app.lang)))
                .collect()
        })
        .collect();
    let mut headers = vec!["ID".to_string()];
    headers.extend(table_columns(kind).iter().map(|c| column_label(kind, c, app.lang)));
    let columns = Columns::of(kind);
    let widths = fitted_widths(&headers, &visible, &list.widths, inner.width as usize, &columns);
    // Only the columns given room, each with its width.
    let shown = |cells: &[String]| -> Vec<String> {
        cells.iter().zip(&widths).filter_map(|(c, w)| w.map(|w| fit(c, w, theme.ascii))).collect()
    };
    let rows = visible.iter().enumerate().map(|(i, cells)| {
        let row = Row::new(shown(cells));
        if offset + i == list.selected {
            row.style(theme.selected(focused))
        } else {
            row
        }
    });
    let header = Row::new(shown(&headers)).style(theme.heading());
    let constraints: Vec<Constraint> = widths.iter().flatten().map(|w| Constraint::Length(*w as u16)).collect();
    frame.render_widget(Table::new(rows, constraints).header(header).column_spacing(1), inner);
}

fn title(app: &App, width: usize) -> String {
    let Some(list) = app.list() else { return String::new() };
    // While the rest are read, the count is only of the newest rows.
    let more = if app.data.is_loading() { "+" } else { "" };
    let mut t = format!(" {} ({}{more}) ", list.kind.plural_label(app.lang), list.rows.len());
    if !list.filter.value().is_empty() || app.mode() == Mode::Filter {
        t.push_str(&format!("/{} ", list.filter.value()));
    }
    fit(&t, width.saturating_sub(2), app.ascii)
}

fn empty_text(app: &App) -> String {
    let filtering = app.list().is_some_and(|l| !l.filter.value().is_empty());
    let key = |mode, action| app.keymap.key_text(mode, action, app.lang);
    let (clear, add, command) =
        (key(Mode::Filter, Action::Cancel), key(Mode::Normal, Action::Add), key(Mode::Normal, Action::CommandLine));
    match (filtering, app.lang) {
        (true, Lang::Zh) => format!("没有匹配的记录（{clear} 清除筛选）"),
        (true, Lang::En) => format!("No matching records ({clear} clears the filter)"),
        (false, Lang::Zh) => format!("还没有记录。按 {add} 新增，或用 {command} 打开命令行。"),
        (false, Lang::En) => format!("No records yet. Press {add} to add one, or {command} for the command line."),
    }
}

/// Which columns of a kind's list matter most: the id with its marks first,
/// then these in order (by column name); the main text column takes the room
/// that is left, and the others give way, from the last, when it runs out.
struct Columns {
    /// Positions in the row (0 is the id), most important first.
    keep: Vec<usize>,
    /// The position of the main text column, if the kind has one.
    main: Option<usize>,
}

impl Columns {
    fn of(kind: crate::model::Kind) -> Columns {
        use crate::model::Kind::*;
        let (keep, main): (&[&str], Option<&str>) = match kind {
            Visit => (&["date", "summary", "member_id", "target", "kind"], Some("summary")),
            Demand => (&["raised_on", "status", "content", "category", "target", "member_id"], Some("content")),
            Task => (&["title", "due", "status", "owner_id", "meeting_id"], Some("title")),
            Member => (&["name", "role", "line", "unit_id", "community_id", "post", "phone"], None),
            Household => (&["head", "address", "community_id", "member_id", "phone", "size", "tags"], Some("address")),
            Meeting => (&["date", "status", "kind", "quarter", "location"], None),
            _ => (&[], None),
        };
        let columns = table_columns(kind);
        let at = |name: &str| columns.iter().position(|c| *c == name).map(|i| i + 1);
        let mut order: Vec<usize> = std::iter::once(0).chain(keep.iter().filter_map(|c| at(c))).collect();
        // Columns not named keep their place after the named ones.
        let rest: Vec<usize> = (1..=columns.len()).filter(|i| !order.contains(i)).collect();
        order.extend(rest);
        Columns { keep: order, main: main.and_then(at) }
    }
}

/// The least room a main text column is left, so that some of it shows.
const MAIN_MIN: usize = 12;

/// Natural widths (capped; from the list's sample when it has one, so that
/// they stay put while the list scrolls); then the columns in order of
/// importance while they fit whole, keeping room for the main text column,
/// which takes what is left. `None` for a column given no room.
fn fitted_widths(
    headers: &[String],
    rows: &[Vec<String>],
    sampled: &[usize],
    total: usize,
    columns: &Columns,
) -> Vec<Option<usize>> {
    let natural: Vec<usize> = (0..headers.len())
        .map(|c| {
            let body = match sampled.get(c) {
                Some(w) if sampled.len() == headers.len() => *w,
                _ => rows.iter().map(|r| width(&r[c])).max().unwrap_or(1),
            };
            body.max(width(&headers[c])).clamp(1, MAX_COLUMN)
        })
        .collect();
    let main = columns.main.filter(|m| *m < natural.len());
    let reserve = main.map_or(0, |m| natural[m].min(MAIN_MIN) + 1);
    let mut widths = vec![None; natural.len()];
    let mut used = 0;
    for &c in columns.keep.iter().filter(|c| **c < natural.len() && Some(**c) != main) {
        let need = natural[c] + usize::from(used > 0);
        if used + need + reserve <= total {
            widths[c] = Some(natural[c]);
            used += need;
        } else if main.is_none() {
            // Without a main column, the first that does not fit takes what is left.
            let left = total.saturating_sub(used + 1);
            if left >= 4 {
                widths[c] = Some(left);
            }
            break;
        }
    }
    if let Some(m) = main {
        let left = total.saturating_sub(used + usize::from(used > 0));
        if left >= 4 {
            widths[m] = Some(left);
        }
    }
    widths
}
