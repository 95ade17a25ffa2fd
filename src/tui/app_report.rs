//! A report over the body (述职 material, an import's report, a list of
//! counts): read by scrolling, closed or answered as its question says.

use super::action::Action;
use super::app::App;
use super::app_import::ReportView;
use super::effects::Effect;
use super::open::{Layer, Question};
use crate::model::fields::specs;

impl App {
    pub(super) fn report_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page.max(2) - 1;
        let max = self.report_last_scroll();
        let Some(Layer::Report(view, _)) = self.open.top_mut() else { return Vec::new() };
        view.scroll = match action {
            Action::Confirm | Action::Deny => return self.answer(action),
            Action::Down => view.scroll.saturating_add(1),
            Action::Up => view.scroll.saturating_sub(1),
            Action::PageDown => view.scroll.saturating_add(page),
            Action::PageUp => view.scroll.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            _ => return Vec::new(),
        }
        .min(max);
        Vec::new()
    }

    /// The selected record's every field, long text whole and wrapped, to
    /// read and scroll; masked as the detail pane is unless revealed.
    pub(super) fn show_full(&mut self) {
        let Some((kind, id)) = self.selected() else { return };
        let Some(rec) = self.data.get(kind, id) else { return };
        let map = crate::present::record_json(&rec, &self.data, self.revealed.contains(&(kind, id)));
        let sep = self.lang.pick("：", ": ");
        let mut lines = Vec::new();
        for spec in specs(kind) {
            let Some(value) = map.get(spec.name) else { continue };
            let text = crate::present::field_text(spec, value, &self.data, self.lang);
            // Paragraphs of a long text stay paragraphs.
            for (i, paragraph) in text.split('\n').filter(|p| !p.trim().is_empty()).enumerate() {
                lines.push(if i == 0 {
                    format!("{}{sep}{paragraph}", spec.label(self.lang))
                } else {
                    format!("  {paragraph}")
                });
            }
        }
        lines.push(format!("{} {id}", kind.label(self.lang)));
        let title = format!("{} {}", kind.label(self.lang), self.data.label(kind, id));
        self.show_report(ReportView { title, lines, batch: None, scroll: 0 }, Question::CloseReport);
    }

    /// The furthest a report scrolls: its last row at the bottom of the pane,
    /// as the pane is at the terminal's size (see `ui::report`).
    fn report_last_scroll(&self) -> usize {
        let Some(Layer::Report(view, _)) = self.open.top() else { return 0 };
        let rows = super::ui::report::body_rows(view, usize::from(self.cols.saturating_sub(2)));
        rows.saturating_sub(super::ui::report::room(self.page + 1))
    }
}
