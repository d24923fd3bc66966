//! `tidings list`, `tidings show` and `tidings search`: reading the local store.
//!
//! Lists are read page by page and printed as they come, so even a 100,000-message folder
//! never sits in memory; `--json` still prints one JSON array.

use super::output;

use serde::Serialize;

use crate::cli::CliError;
use crate::cli::args::{ListArgs, SearchArgs, ShowArgs};
use crate::engine::Profile;
use crate::engine::account::{AccountError, Accounts};
use crate::engine::error::Error;
use crate::engine::message::{Attachment, Block, ImageSource, Inline, ReadMessage};
use crate::engine::safety::Warning;
use crate::engine::store::{
    AccountId, FolderId, MessageId, MessageSummary, Page, Role, Store, StoreError,
};
use crate::tr;

/// How many messages are read from the store at a time.
const PAGE: usize = 500;

pub fn list(profile: &Profile, args: ListArgs) -> Result<(), CliError> {
    let store = open(profile)?;
    let Some(account) = account(profile, &store, &args.account)? else {
        // Known in the settings but never synced: nothing stored yet.
        return print_list(std::iter::empty(), args.json);
    };
    let folder = folder(&store, account, args.folder.as_deref())?;
    let limit = args.limit.map(|l| l as usize);
    let pages = Pager::new(limit, move |page| store.list_folder(folder, page));
    print_list(pages, args.json)
}

pub fn search(profile: &Profile, args: SearchArgs) -> Result<(), CliError> {
    let store = open(profile)?;
    let account = match &args.account {
        Some(name) => match account(profile, &store, name)? {
            Some(id) => Some(id),
            None => return print_list(std::iter::empty(), args.json),
        },
        None => None,
    };
    // Parse before printing anything, so a bad query is an error and not an empty list.
    store
        .search(&args.query, account, &Page::first(1))
        .map_err(Error::from)?;
    let limit = args.limit.map(|l| l as usize);
    let query = args.query.clone();
    let pages = Pager::new(limit, move |page| store.search(&query, account, page));
    print_list(pages, args.json)
}

pub fn show(profile: &Profile, args: ShowArgs) -> Result<(), CliError> {
    let store = open(profile)?;
    let id = MessageId(args.id);
    if args.raw {
        let mut file = store.open_raw(id).map_err(Error::from)?;
        return output::copy(&mut file);
    }
    let summary = store.summary(id).map_err(Error::from)?;
    let read = if summary.downloaded {
        Some(store.read_message(id).map_err(Error::from)?)
    } else {
        None
    };
    if args.json {
        #[derive(Serialize)]
        struct Shown<'a> {
            #[serde(flatten)]
            summary: serde_json::Value,
            text: Option<&'a str>,
            body: &'a [Block],
            from_html: bool,
            remote_images: usize,
            attachments: &'a [Attachment],
            warnings: &'a [Warning],
        }
        let shown = Shown {
            summary: json_message(&summary),
            text: read.as_ref().map(|r| r.text.as_str()),
            body: read.as_ref().map_or(&[], |r| r.body.as_slice()),
            from_html: read.as_ref().is_some_and(|r| r.from_html),
            remote_images: read.as_ref().map_or(0, |r| r.remote_images),
            attachments: read.as_ref().map_or(&[], |r| r.attachments.as_slice()),
            warnings: read.as_ref().map_or(&[], |r| r.warnings.as_slice()),
        };
        return output::write_out(|out| {
            serde_json::to_writer_pretty(&mut *out, &shown).map_err(std::io::Error::other)?;
            writeln!(out)
        });
    }
    let text = render_show(&summary, read.as_ref());
    output::write_out(|out| out.write_all(text.as_bytes()))
}

fn open(profile: &Profile) -> Result<Store, CliError> {
    Ok(Store::open(profile).map_err(Error::from)?)
}

/// The store's id for an account; `None` when it is configured but has nothing stored.
fn account(profile: &Profile, store: &Store, name: &str) -> Result<Option<AccountId>, CliError> {
    match store.account_id(name) {
        Ok(id) => Ok(Some(id)),
        Err(StoreError::NoAccount(_)) => {
            let accounts = Accounts::load(&profile.accounts_file()).map_err(Error::from)?;
            match accounts.get(name) {
                Ok(_) => Ok(None),
                Err(AccountError::NotFound(n)) => {
                    Err(Error::from(AccountError::NotFound(n)).into())
                }
                Err(e) => Err(Error::from(e).into()),
            }
        }
        Err(e) => Err(Error::from(e).into()),
    }
}

/// A folder by name, else by role (`--folder sent`); the Inbox when none is given.
fn folder(store: &Store, account: AccountId, name: Option<&str>) -> Result<FolderId, CliError> {
    let Some(name) = name else {
        return store
            .folder_by_role(account, Role::Inbox)
            .map_err(Error::from)?
            .map(|f| f.id)
            .ok_or_else(|| Error::from(StoreError::NoFolder("INBOX".into())).into());
    };
    if let Some(f) = store.folder_by_name(account, name).map_err(Error::from)? {
        return Ok(f.id);
    }
    let by_role = Role::parse(&name.to_lowercase())
        .map(|role| store.folder_by_role(account, role))
        .transpose()
        .map_err(Error::from)?
        .flatten();
    by_role
        .map(|f| f.id)
        .ok_or_else(|| Error::from(StoreError::NoFolder(name.to_owned())).into())
}

type Fetch = Box<dyn FnMut(&Page) -> Result<Vec<MessageSummary>, StoreError>>;

/// Reads a list page by page, up to an optional limit.
struct Pager {
    fetch: Fetch,
    page: Page,
    left: Option<usize>,
    buffer: std::vec::IntoIter<MessageSummary>,
    done: bool,
    error: Option<StoreError>,
}

impl Pager {
    fn new(
        limit: Option<usize>,
        fetch: impl FnMut(&Page) -> Result<Vec<MessageSummary>, StoreError> + 'static,
    ) -> Self {
        Self {
            fetch: Box::new(fetch),
            page: Page::first(PAGE),
            left: limit,
            buffer: Vec::new().into_iter(),
            done: false,
            error: None,
        }
    }
}

impl Iterator for Pager {
    type Item = Result<MessageSummary, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == Some(0) {
            return None;
        }
        if let Some(e) = self.error.take() {
            return Some(Err(e));
        }
        if let Some(m) = self.buffer.next() {
            self.left = self.left.map(|l| l - 1);
            return Some(Ok(m));
        }
        if self.done {
            return None;
        }
        self.page.limit = self.left.map_or(PAGE, |l| l.min(PAGE));
        match (self.fetch)(&self.page) {
            Ok(rows) => {
                self.done = rows.len() < self.page.limit;
                if let Some(last) = rows.last() {
                    self.page = Page::after(last.cursor(), PAGE);
                }
                self.buffer = rows.into_iter();
                let m = self.buffer.next()?;
                self.left = self.left.map(|l| l - 1);
                Some(Ok(m))
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// A message as `--json` prints it (DESIGN.md §6): the summary with the subject of an
/// unreadable message spelled out.
///
/// Built as a JSON object rather than a struct flattening the summary: a flattened summary
/// and a `subject` field beside it printed the key twice.
fn json_message(summary: &MessageSummary) -> serde_json::Value {
    let mut value = serde_json::to_value(summary).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert("subject".into(), subject_of(summary).into());
    }
    value
}

fn subject_of(m: &MessageSummary) -> String {
    if m.unreadable {
        tr!("message-unreadable")
    } else if m.subject.is_empty() {
        tr!("message-no-subject")
    } else {
        m.subject.clone()
    }
}

fn print_list(
    mut messages: impl Iterator<Item = Result<MessageSummary, StoreError>>,
    json: bool,
) -> Result<(), CliError> {
    let now = chrono::Local::now();
    let mut failure = None;
    output::write_out(|out| {
        if json {
            out.write_all(b"[")?;
        }
        let mut first = true;
        for m in messages.by_ref() {
            let m = match m {
                Ok(m) => m,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            };
            if json {
                if !first {
                    out.write_all(b",")?;
                }
                out.write_all(b"\n  ")?;
                serde_json::to_writer(&mut *out, &json_message(&m))
                    .map_err(std::io::Error::other)?;
            } else {
                writeln!(out, "{}", list_line(&m, &now))?;
            }
            first = false;
        }
        if json {
            out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
        }
        Ok(())
    })?;
    match failure {
        Some(e) => Err(Error::from(e).into()),
        None => Ok(()),
    }
}

/// One line of `tidings list`: id, date, markers, sender, subject.
fn list_line(m: &MessageSummary, now: &chrono::DateTime<chrono::Local>) -> String {
    use crate::engine::store::Flags;
    let date = chrono::DateTime::from_timestamp(m.date, 0)
        .map(|d| crate::i18n::format_list_date(&d.with_timezone(&chrono::Local), now))
        .unwrap_or_default();
    let markers: String = [
        (m.is_unread(), '●'),
        (m.flags.contains(Flags::FLAGGED), '★'),
        (m.flags.contains(Flags::ANSWERED), '↩'),
        (m.has_attachments, '📎'),
    ]
    .iter()
    .map(|(on, c)| if *on { *c } else { ' ' })
    .collect();
    let from: String = m.from.display().chars().take(28).collect();
    format!(
        "{:>7}  {:<10} {markers} {:<28}  {}",
        m.id.0,
        date,
        from,
        subject_of(m)
    )
}

/// The sentence that tells the reader what may be deceptive in a message.
fn warning_line(w: &Warning) -> String {
    match w {
        Warning::NameHidesAddress { shown, address, .. } => tr!(
            "reader-warning-name-hides-address",
            shown = shown.as_str(),
            address = address.as_str()
        ),
        Warning::ConfusableDomain { domain, ascii } => tr!(
            "reader-warning-confusable-domain",
            domain = domain.as_str(),
            ascii = ascii.as_str()
        ),
        Warning::LinkTextDiffers { text, target } => tr!(
            "reader-warning-link-differs",
            text = text.as_str(),
            target = target.as_str()
        ),
        Warning::UnsafeLink { target } => {
            tr!("reader-warning-unsafe-link", target = target.as_str())
        }
    }
}

/// `tidings show` without `--json`: the headers, then the body as text.
fn render_show(m: &MessageSummary, read: Option<&ReadMessage>) -> String {
    let mut out = String::new();
    let line = |out: &mut String, label: String, value: String| {
        if !value.is_empty() {
            out.push_str(&format!("{label}: {value}\n"));
        }
    };
    let join = |list: &[crate::engine::message::Address]| {
        list.iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match read {
        Some(r) if !r.unreadable => {
            line(&mut out, tr!("reader-from"), join(&r.from));
            line(&mut out, tr!("reader-to"), join(&r.to));
            line(&mut out, tr!("reader-cc"), join(&r.cc));
        }
        _ => {
            line(&mut out, tr!("reader-from"), m.from.to_string());
            line(&mut out, tr!("reader-to"), join(&m.to));
        }
    }
    let date = chrono::DateTime::from_timestamp(m.date, 0)
        .map(|d| crate::i18n::format_full_date(&d.with_timezone(&chrono::Local)))
        .unwrap_or_default();
    line(&mut out, tr!("reader-date"), date);
    line(&mut out, tr!("reader-subject"), subject_of(m));
    let Some(r) = read else {
        out.push('\n');
        out.push_str(&tr!("reader-not-downloaded"));
        out.push('\n');
        return out;
    };
    let files: Vec<String> = r
        .attachments
        .iter()
        .filter(|a| !a.inline)
        .map(|a| {
            let size = crate::i18n::format_size(a.size);
            match (&a.extension, a.risky) {
                (Some(ext), true) => tr!(
                    "reader-attachment-risky",
                    name = a.file_name.as_str(),
                    size = size,
                    extension = ext.as_str()
                ),
                _ => format!("{} ({size})", a.file_name),
            }
        })
        .collect();
    line(&mut out, tr!("reader-attachments"), files.join(", "));
    for w in &r.warnings {
        out.push_str(&warning_line(w));
        out.push('\n');
    }
    if r.remote_images > 0 {
        out.push_str(&tr!(
            "reader-remote-blocked",
            count = r.remote_images as i64
        ));
        out.push('\n');
    }
    out.push('\n');
    render_blocks(&r.body, "", &mut out);
    out
}

/// The body blocks as plain text, `prefix` before every line (quotes, list indents).
fn render_blocks(blocks: &[Block], prefix: &str, out: &mut String) {
    for (n, b) in blocks.iter().enumerate() {
        if n > 0 {
            out.push_str(prefix.trim_end());
            out.push('\n');
        }
        match b {
            Block::Paragraph { content } => push_lines(out, prefix, &inline_text(content)),
            Block::Heading { content, .. } => {
                push_lines(out, prefix, &inline_text(content).to_uppercase())
            }
            Block::Preformatted { text } => push_lines(out, prefix, text),
            Block::Rule => push_lines(out, prefix, "――――――――――――――――――――"),
            Block::Quote { blocks } => render_blocks(blocks, &format!("{prefix}> "), out),
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let bullet = if *ordered {
                        format!("{}. ", i + 1)
                    } else {
                        "• ".to_owned()
                    };
                    let mut inner = String::new();
                    render_blocks(item, "", &mut inner);
                    let indent = " ".repeat(bullet.chars().count());
                    for (k, l) in inner.lines().enumerate() {
                        let lead = if k == 0 { &bullet } else { &indent };
                        out.push_str(&format!("{prefix}{lead}{l}\n"));
                    }
                }
            }
        }
    }
}

fn push_lines(out: &mut String, prefix: &str, text: &str) {
    for l in text.lines() {
        out.push_str(prefix);
        out.push_str(l);
        out.push('\n');
    }
}

fn inline_text(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text(span) => {
                s.push_str(&span.text);
                // Show where a link really goes when its text says something else.
                if let Some(link) = &span.link
                    && link.trim() != span.text.trim()
                {
                    s.push_str(&format!(" <{link}>"));
                }
            }
            Inline::Break => s.push('\n'),
            Inline::Image(img) => s.push_str(&match &img.source {
                ImageSource::Remote { .. } => tr!("reader-image-remote", alt = img.alt.as_str()),
                _ => tr!("reader-image", alt = img.alt.as_str()),
            }),
        }
    }
    s
}
