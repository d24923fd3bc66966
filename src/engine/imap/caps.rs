//! What the server says it can do (RFC 3501 §7.2.1), and the extensions sync relies on.

use std::collections::BTreeSet;

use async_imap::imap_proto::Capability;

/// A server's capabilities, upper-cased. Only ever taken from what the server said *after*
/// TLS is up: a list seen in plaintext is discarded (RFC 3501 §6.2.1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    atoms: BTreeSet<String>,
    auth: BTreeSet<String>,
}

impl Capabilities {
    /// From a CAPABILITY response or response code.
    pub fn from_proto(list: &[Capability<'_>]) -> Self {
        let mut caps = Self::default();
        for c in list {
            match c {
                Capability::Imap4rev1 => {
                    caps.atoms.insert("IMAP4REV1".into());
                }
                Capability::Auth(m) => {
                    caps.auth.insert(m.to_ascii_uppercase());
                }
                Capability::Atom(a) => {
                    caps.atoms.insert(a.to_ascii_uppercase());
                }
            }
        }
        caps
    }

    /// From a plain list of names (tests, and `AUTH=` entries written out).
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut caps = Self::default();
        for n in names {
            let upper = n.to_ascii_uppercase();
            match upper.strip_prefix("AUTH=") {
                Some(mech) => caps.auth.insert(mech.to_owned()),
                None => caps.atoms.insert(upper),
            };
        }
        caps
    }

    pub fn is_empty(&self) -> bool {
        self.atoms.is_empty() && self.auth.is_empty()
    }

    pub fn has(&self, name: &str) -> bool {
        self.atoms.contains(&name.to_ascii_uppercase())
    }

    /// Whether `AUTHENTICATE <mechanism>` is offered.
    pub fn auth(&self, mechanism: &str) -> bool {
        self.auth.contains(&mechanism.to_ascii_uppercase())
    }

    pub fn starttls(&self) -> bool {
        self.has("STARTTLS")
    }

    /// RFC 3501 §6.2.3: the LOGIN command is refused here.
    pub fn login_disabled(&self) -> bool {
        self.has("LOGINDISABLED")
    }

    pub fn sasl_ir(&self) -> bool {
        self.has("SASL-IR")
    }

    pub fn idle(&self) -> bool {
        self.has("IDLE")
    }

    /// RFC 7162: per-message modification sequences.
    pub fn condstore(&self) -> bool {
        self.has("CONDSTORE") || self.qresync()
    }

    /// RFC 7162: quick resynchronisation with VANISHED.
    pub fn qresync(&self) -> bool {
        self.has("QRESYNC")
    }

    /// RFC 4315: UID EXPUNGE, APPENDUID and COPYUID.
    pub fn uidplus(&self) -> bool {
        self.has("UIDPLUS")
    }

    /// RFC 6851.
    pub fn move_(&self) -> bool {
        self.has("MOVE")
    }

    /// RFC 6154 folder roles.
    pub fn special_use(&self) -> bool {
        self.has("SPECIAL-USE")
    }

    /// RFC 5258: `LIST ... RETURN (...)`.
    pub fn list_extended(&self) -> bool {
        self.has("LIST-EXTENDED")
    }

    /// RFC 5161.
    pub fn enable(&self) -> bool {
        self.has("ENABLE")
    }

    /// RFC 6855: mailbox names as UTF-8.
    pub fn utf8_accept(&self) -> bool {
        self.has("UTF8=ACCEPT") || self.has("UTF8=ONLY")
    }

    /// RFC 7888: non-synchronising literals of any size.
    pub fn literal_plus(&self) -> bool {
        self.has("LITERAL+")
    }

    /// Names for logs and the account's diagnostics.
    pub fn names(&self) -> Vec<String> {
        self.atoms
            .iter()
            .cloned()
            .chain(self.auth.iter().map(|m| format!("AUTH={m}")))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_case_insensitive_and_auth_is_separate() {
        let caps = Capabilities::from_names(["IMAP4rev1", "idle", "AUTH=plain", "Qresync"]);
        assert!(caps.idle() && caps.qresync() && caps.condstore());
        assert!(caps.auth("PLAIN") && !caps.auth("LOGIN"));
        assert!(!caps.has("AUTH=PLAIN"));
        assert!(!caps.starttls() && !caps.move_());
    }
}
