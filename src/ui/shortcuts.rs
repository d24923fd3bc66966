//! Keyboard shortcuts, as Thunderbird and Gmail have them.
//!
//! Only keys no widget took reach here (iced's `keyboard::listen` hears ignored events), so
//! typing "c" into the search box or the composer types a "c" and never opens a new message.

use iced::keyboard::{Key, Modifiers, key::Named};

/// What a shortcut does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    Compose,
    Reply,
    ReplyAll,
    Forward,
    Next,
    Previous,
    Delete,
    ToggleUnread,
    ToggleFlag,
    Archive,
    Search,
    Help,
    /// Close whatever is on top: the help overlay, a dialog, the composer.
    Escape,
}

/// One line of the help overlay: the keys and the Fluent key of what they do.
pub struct Entry {
    pub keys: &'static str,
    pub shortcut: Shortcut,
}

/// Every shortcut, in the order the help overlay lists them.
pub const ALL: &[Entry] = &[
    Entry {
        keys: "c",
        shortcut: Shortcut::Compose,
    },
    Entry {
        keys: "r",
        shortcut: Shortcut::Reply,
    },
    Entry {
        keys: "a",
        shortcut: Shortcut::ReplyAll,
    },
    Entry {
        keys: "f",
        shortcut: Shortcut::Forward,
    },
    Entry {
        keys: "j",
        shortcut: Shortcut::Next,
    },
    Entry {
        keys: "k",
        shortcut: Shortcut::Previous,
    },
    Entry {
        keys: "Delete",
        shortcut: Shortcut::Delete,
    },
    Entry {
        keys: "u",
        shortcut: Shortcut::ToggleUnread,
    },
    Entry {
        keys: "s",
        shortcut: Shortcut::ToggleFlag,
    },
    Entry {
        keys: "e",
        shortcut: Shortcut::Archive,
    },
    Entry {
        keys: "/",
        shortcut: Shortcut::Search,
    },
    Entry {
        keys: "?",
        shortcut: Shortcut::Help,
    },
    Entry {
        keys: "Esc",
        shortcut: Shortcut::Escape,
    },
];

/// The shortcut a key press means, if any. Presses with Ctrl, Alt or Super belong to the
/// system and to text fields, never to us.
pub fn shortcut(key: &Key, modifiers: Modifiers) -> Option<Shortcut> {
    if modifiers.control() || modifiers.alt() || modifiers.logo() {
        return None;
    }
    match key {
        Key::Named(Named::Delete) => Some(Shortcut::Delete),
        Key::Named(Named::Escape) => Some(Shortcut::Escape),
        Key::Named(Named::ArrowDown) => Some(Shortcut::Next),
        Key::Named(Named::ArrowUp) => Some(Shortcut::Previous),
        Key::Named(Named::F1) => Some(Shortcut::Help),
        Key::Character(c) => match c.as_str() {
            "c" => Some(Shortcut::Compose),
            "r" => Some(Shortcut::Reply),
            "a" => Some(Shortcut::ReplyAll),
            "f" => Some(Shortcut::Forward),
            "j" => Some(Shortcut::Next),
            "k" => Some(Shortcut::Previous),
            "u" => Some(Shortcut::ToggleUnread),
            "s" => Some(Shortcut::ToggleFlag),
            "e" => Some(Shortcut::Archive),
            "/" => Some(Shortcut::Search),
            "?" => Some(Shortcut::Help),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(c: &str) -> Key {
        Key::Character(c.into())
    }

    #[test]
    fn letters_map_to_their_actions() {
        let none = Modifiers::default();
        assert_eq!(shortcut(&ch("c"), none), Some(Shortcut::Compose));
        assert_eq!(shortcut(&ch("r"), none), Some(Shortcut::Reply));
        assert_eq!(shortcut(&ch("a"), none), Some(Shortcut::ReplyAll));
        assert_eq!(shortcut(&ch("f"), none), Some(Shortcut::Forward));
        assert_eq!(shortcut(&ch("j"), none), Some(Shortcut::Next));
        assert_eq!(shortcut(&ch("k"), none), Some(Shortcut::Previous));
        assert_eq!(shortcut(&ch("u"), none), Some(Shortcut::ToggleUnread));
        assert_eq!(shortcut(&ch("s"), none), Some(Shortcut::ToggleFlag));
        assert_eq!(shortcut(&ch("/"), none), Some(Shortcut::Search));
        assert_eq!(
            shortcut(&Key::Named(Named::Delete), none),
            Some(Shortcut::Delete)
        );
        assert_eq!(shortcut(&ch("x"), none), None);
    }

    #[test]
    fn modified_keys_are_not_shortcuts() {
        assert_eq!(shortcut(&ch("c"), Modifiers::CTRL), None);
        assert_eq!(shortcut(&ch("r"), Modifiers::ALT), None);
    }

    #[test]
    fn every_listed_shortcut_has_a_key_that_triggers_it() {
        for entry in ALL {
            let key = match entry.keys {
                "Delete" => Key::Named(Named::Delete),
                "Esc" => Key::Named(Named::Escape),
                k => ch(k),
            };
            assert_eq!(
                shortcut(&key, Modifiers::default()),
                Some(entry.shortcut),
                "{}",
                entry.keys
            );
        }
    }
}
