//! Writing for the window: new messages, replies and forwards (built by
//! [`crate::engine::compose`]), drafts saved while typing ([`crate::engine::drafts`]),
//! sending into the outbox, and the addresses to complete recipients from.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Engine, Failure, blocking, lock};
use crate::engine::account::{Account, AccountError};
use crate::engine::actions::{self, Mark};
use crate::engine::compose::{self, Attachment, Identity, Outgoing, Person};
use crate::engine::drafts::DraftId;
use crate::engine::error::Error;
use crate::engine::message::Address;
use crate::engine::store::{MessageId, Page, Role};

/// A message being written, as the composer holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Its saved draft, once saved.
    pub id: Option<DraftId>,
    /// The account it is sent from.
    pub account: String,
    pub message: Outgoing,
    /// The stored message this answers: marked answered once this is queued.
    pub answers: Option<i64>,
    /// The stored message this forwards.
    pub forwards: Option<i64>,
}

/// Messages read to learn addresses for completion.
const ADDRESS_SAMPLE: usize = 5000;

/// Addresses seen in mail, with how often, for completing recipients.
#[derive(Debug, Default)]
pub struct AddressBook {
    /// Lower-case address → (the way to write it, times seen).
    entries: HashMap<String, (String, u32)>,
}

impl AddressBook {
    fn add(&mut self, a: &Address) {
        let address = a.address.trim();
        if address.is_empty() || !address.contains('@') {
            return;
        }
        let shown = Person::new(a.name.trim(), address).display();
        let entry = self
            .entries
            .entry(address.to_ascii_lowercase())
            .or_insert((shown.clone(), 0));
        entry.1 += 1;
        // A name is better than none.
        if entry.0.len() < shown.len() {
            entry.0 = shown;
        }
    }

    /// Addresses whose address or a word of whose name starts with `prefix`, most seen
    /// first.
    pub fn complete(&self, prefix: &str, limit: usize) -> Vec<String> {
        let prefix = prefix.trim().to_lowercase();
        if prefix.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<&(String, u32)> = self
            .entries
            .iter()
            .filter(|(address, (shown, _))| {
                address.starts_with(&prefix)
                    || shown
                        .to_lowercase()
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.starts_with(&prefix))
            })
            .map(|(_, e)| e)
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found.into_iter().take(limit).map(|e| e.0.clone()).collect()
    }
}

impl Engine {
    fn account_or_error(&self, name: &str) -> Result<Account, Error> {
        self.account(name)
            .ok_or_else(|| AccountError::NotFound(name.to_owned()).into())
    }

    /// A new, empty message from an account (its signature below).
    pub fn new_draft(&self, account: &str) -> Option<Draft> {
        let account = self.account(account)?;
        Some(Draft {
            id: None,
            message: Outgoing::new(&account),
            account: account.name,
            answers: None,
            forwards: None,
        })
    }

    /// A reply to a stored message, addressed and quoted; `all` answers everyone but us.
    pub async fn reply(self, id: i64, all: bool) -> Result<Draft, Failure> {
        blocking(move || {
            let store = &self.inner.store;
            let account = self.account_or_error(&store.summary(MessageId(id))?.account)?;
            let raw = store.raw(MessageId(id))?;
            let me = Identity::of(&account);
            let message = if all {
                compose::reply_all(&raw, &me)?
            } else {
                compose::reply(&raw, &me)?
            };
            Ok(Draft {
                id: None,
                account: account.name,
                message,
                answers: Some(id),
                forwards: None,
            })
        })
        .await
    }

    /// A forward of a stored message, quoted inline.
    pub async fn forward(self, id: i64) -> Result<Draft, Failure> {
        blocking(move || {
            let store = &self.inner.store;
            let account = self.account_or_error(&store.summary(MessageId(id))?.account)?;
            let raw = store.raw(MessageId(id))?;
            let message = compose::forward_inline(&raw, &Identity::of(&account))?;
            Ok(Draft {
                id: None,
                account: account.name,
                message,
                answers: None,
                forwards: Some(id),
            })
        })
        .await
    }

    /// Reads a file to attach.
    pub async fn read_attachment(self, path: std::path::PathBuf) -> Result<Attachment, Failure> {
        blocking(move || Ok(Attachment::from_file(&path)?)).await
    }

    /// Saves a draft durably; returns its id, to replace it on the next save.
    pub async fn save_draft(self, draft: Draft) -> Result<DraftId, Failure> {
        blocking(move || {
            let id = draft.id.unwrap_or_default();
            self.inner
                .drafts
                .save(&id, &draft.account, &draft.message)?;
            Ok(id)
        })
        .await
    }

    /// Saves a draft the user is leaving, with its copy in the account's Drafts folder
    /// (for IMAP queued for the server).
    pub async fn keep_draft(self, draft: Draft) -> Result<DraftId, Failure> {
        let engine = self.clone();
        let account = draft.account.clone();
        let id = blocking(move || {
            let account = engine.account_or_error(&draft.account)?;
            let id = draft.id.unwrap_or_default();
            let drafts = &engine.inner.drafts;
            drafts.save(&id, &account.name, &draft.message)?;
            drafts.save_to_folder(&engine.inner.store, &account, &id)?;
            Ok(id)
        })
        .await?;
        self.changed(&account);
        Ok(id)
    }

    /// Throws a draft away, with its copy in the Drafts folder.
    pub async fn discard_draft(self, id: DraftId) -> Result<(), Failure> {
        let engine = self.clone();
        let account = blocking(move || {
            let drafts = &engine.inner.drafts;
            let draft = drafts.load(&id)?;
            if let Some(copy) = draft.folder_copy {
                engine.inner.store.delete_permanently(&[MessageId(copy)])?;
            }
            drafts.remove(&id)?;
            Ok(draft.account)
        })
        .await?;
        self.changed(&account);
        Ok(())
    }

    /// Puts a message into the outbox (durably, before anything goes on the network); it
    /// leaves when the server accepts it. The draft is removed once the outbox holds it.
    pub async fn send(self, draft: Draft) -> Result<(), Failure> {
        let account = self.account_or_error(&draft.account)?;
        let saved = self.clone().save_draft(draft.clone()).await?;
        self.inner
            .drafts
            .send(&self.inner.outbox, &account, &saved)
            .await
            .map_err(Failure::from)?;
        if let Some(original) = draft.answers {
            let engine = self.clone();
            // The message is queued either way; a flag that cannot be set is only logged.
            let marked = blocking(move || {
                Ok(actions::mark(
                    &engine.inner.store,
                    &[MessageId(original)],
                    Mark::Answered,
                )?)
            })
            .await;
            if let Err(e) = marked {
                tracing::warn!(error = %e, "the answered flag was not set");
            }
        }
        self.changed(&account.name);
        Ok(())
    }

    /// Addresses seen in stored mail that start with `prefix`, the most used first.
    pub async fn known_addresses(
        self,
        prefix: String,
        limit: usize,
    ) -> Result<Vec<String>, Failure> {
        let book = lock(&self.inner.addresses).clone();
        let book = match book {
            Some(book) => book,
            None => {
                let engine = self.clone();
                let book = Arc::new(blocking(move || engine.learn_addresses()).await?);
                *lock(&self.inner.addresses) = Some(book.clone());
                book
            }
        };
        Ok(book.complete(&prefix, limit))
    }

    /// Reads the senders of recent mail and the recipients of sent mail.
    fn learn_addresses(&self) -> Result<AddressBook, Error> {
        let store = &self.inner.store;
        let mut book = AddressBook::default();
        for m in store.list_unified_inbox(&Page::first(ADDRESS_SAMPLE))? {
            book.add(&m.from);
        }
        for (id, _, _) in store.accounts()? {
            if let Some(sent) = store.folder_by_role(id, Role::Sent)? {
                for m in store.list_folder(sent.id, &Page::first(ADDRESS_SAMPLE))? {
                    for a in m.to.iter().chain(&m.cc) {
                        book.add(a);
                    }
                }
            }
        }
        Ok(book)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_matches_addresses_and_names_most_used_first() {
        let mut book = AddressBook::default();
        book.add(&Address::new("Anna Example", "anna@example.test"));
        book.add(&Address::new("", "anna@example.test"));
        book.add(&Address::new("Bob", "bob@example.test"));
        book.add(&Address::new("Annette", "nette@example.test"));
        book.add(&Address::new("", "not an address"));
        assert_eq!(
            book.complete("ann", 5),
            vec![
                "Anna Example <anna@example.test>",
                "Annette <nette@example.test>"
            ]
        );
        assert_eq!(
            book.complete("EXAMPLE", 1),
            vec!["Anna Example <anna@example.test>"]
        );
        assert!(book.complete("zz", 5).is_empty());
        assert!(book.complete(" ", 5).is_empty());
    }
}
