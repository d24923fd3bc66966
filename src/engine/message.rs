//! A message as people read it: decoded headers and addresses, text, attachments.

use serde::{Deserialize, Serialize};

/// A mailbox: a display name (decoded, may be empty) and an address (may be empty for an
/// unparsable or group-only header).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub name: String,
    pub address: String,
}

impl Address {
    pub fn new(name: impl Into<String>, address: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            address: address.into(),
        }
    }

    /// What a list shows: the name if there is one, else the address.
    pub fn display(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.address
        } else {
            &self.name
        }
    }

    pub(crate) fn from_parsed(a: &mail_parser::Addr<'_>) -> Self {
        Self {
            name: a.name().unwrap_or_default().trim().to_owned(),
            address: a.address().unwrap_or_default().trim().to_owned(),
        }
    }

    pub(crate) fn list(a: Option<&mail_parser::Address<'_>>) -> Vec<Self> {
        a.map(|a| a.iter().map(Self::from_parsed).collect())
            .unwrap_or_default()
    }
}
