//! The top of the window: which screen is shown, and routing between screens.

use iced::{Element, Task};

use crate::engine::Profile;
use crate::tr;
use crate::ui::screen::welcome;

pub struct App {
    profile: Profile,
    screen: Screen,
}

enum Screen {
    Welcome(welcome::Welcome),
}

#[derive(Debug, Clone)]
pub enum Message {
    Welcome(welcome::Message),
}

impl App {
    pub fn new(profile: Profile) -> Self {
        Self {
            profile,
            screen: Screen::Welcome(welcome::Welcome),
        }
    }

    pub fn title(&self) -> String {
        tr!("app-name")
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match (&mut self.screen, message) {
            (Screen::Welcome(screen), Message::Welcome(m)) => {
                screen.update(m).map(Message::Welcome)
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        match &self.screen {
            Screen::Welcome(screen) => screen.view().map(Message::Welcome),
        }
    }
}
