//! Help, generated from the keymap (so it never drifts from the keys), and
//! filtered by what is typed.

use super::theme::Theme;
use super::{fit, width};
use crate::i18n::Lang;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// Help rows: (mode heading, keys, description), in keymap order.
pub fn help_rows(app: &App) -> Vec<(Mode, String, String)> {
    let filter = app.open.help().map(|h| h.filter.value().trim().to_lowercase()).unwrap_or_default();
    let mut rows = Vec::new();
    for mode in Mode::ALL {
        for (action, keys) in app.keymap.bindings(mode) {
            let keys = keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ");
            let text = action.describe(app.lang).to_string();
            let hay = format!("{keys} {text} {}", action.name()).to_lowercase();
            if filter.is_empty() || hay.contains(&filter) {
                rows.push((mode, keys, text));
            }
        }
    }
    rows
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = theme.block(
        {
            let close = app.keymap.key_text(Mode::Help, Action::Cancel, app.lang);
            match app.lang {
                Lang::Zh => format!(" 帮助（输入文字筛选，{close} 关闭） "),
                Lang::En => format!(" Help (type to filter, {close} closes) "),
            }
        },
        true,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let help = app.open.help().cloned().unwrap_or_default();
    let prompt = format!("/{}", help.filter.value());
    let mut lines = vec![Line::from(prompt.clone())];
    let mut last_mode = None;
    for (mode, keys, text) in help_rows(app) {
        if last_mode != Some(mode) {
            lines.push(Line::styled(format!("{} {}", theme.rule().repeat(2), mode.label(app.lang)), theme.heading()));
            last_mode = Some(mode);
        }
        let keys = fit(&keys, 22, theme.ascii);
        let pad = " ".repeat(24usize.saturating_sub(width(&keys)));
        lines.push(Line::from(fit(&format!("  {keys}{pad}{text}"), w, theme.ascii)));
    }
    lines.push(Line::styled(
        format!("{} {}", theme.rule().repeat(2), app.lang.pick("命令行（: 后输入）", "Command line (after :)")),
        theme.heading(),
    ));
    lines.push(Line::from(fit(
        "  add KIND · v · lang zh|en · export FILE.csv · import [KIND] FILE · evaluate P · report [P] · publish P FILE · tasks · counts · tab KIND · reveal · q",
        w,
        theme.ascii,
    )));
    let body: Vec<Line> = std::iter::once(lines[0].clone())
        .chain(lines.into_iter().skip(1).skip(help.scroll))
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(body), inner);
    let (_, col) = help.filter.view(w.saturating_sub(1));
    frame.set_cursor_position(Position::new(inner.x + 1 + col as u16, inner.y));
}
