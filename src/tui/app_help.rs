//! The help over the body: every key of the keymap in force, filtered by
//! what is typed, scrolled by the keys of its mode.

use super::action::Action;
use super::app::App;
use super::effects::Effect;
use super::open::Layer;

impl App {
    pub(super) fn help_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page;
        if action == Action::Cancel {
            self.open.close(|o| matches!(o, Layer::Help(_)));
        }
        let Some(help) = self.open.help_mut() else { return Vec::new() };
        match action {
            Action::Down => help.scroll += 1,
            Action::Up => help.scroll = help.scroll.saturating_sub(1),
            Action::PageDown => help.scroll += page,
            Action::PageUp => help.scroll = help.scroll.saturating_sub(page),
            _ => {}
        }
        Vec::new()
    }
}
