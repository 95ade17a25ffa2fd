//! Typing into the current list's filter: Enter keeps it, Esc clears it, and
//! Up and Down move through what it leaves.

use super::action::Action;
use super::app::App;
use super::effects::Effect;
use super::open::Layer;
use super::text_input::TextInput;

impl App {
    pub(super) fn filter_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Confirm => self.open.close(|o| matches!(o, Layer::Filter)),
            Action::Cancel => {
                if let Some(list) = self.list_mut() {
                    list.filter = TextInput::default();
                }
                if let Some(kind) = self.kind() {
                    self.refresh_kind(kind);
                }
                self.open.close(|o| matches!(o, Layer::Filter));
            }
            Action::Up | Action::Down => {
                let page = self.page;
                if let Some(list) = self.list_mut() {
                    list.move_by(if action == Action::Up { -1 } else { 1 });
                    list.scroll_into_view(page);
                }
            }
            _ => {}
        }
        Vec::new()
    }
}
