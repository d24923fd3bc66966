//! Full-text search and its query language.
//!
//! ```text
//! quarterly "annual report" from:anna to:bob subject:invoice has:attachment
//! is:unread is:read is:flagged is:answered before:2025-01-31 after:2024-12-01
//! in:INBOX in:sent account:work -word -from:spam
//! ```
//! Words and "phrases" match subject, sender, recipients, body text (HTML reduced to text)
//! and attachment names, ignoring case and accents. `from:`, `to:` (To and Cc) and
//! `subject:` narrow a word or phrase to one field. `before:` and `after:` take a day in the
//! local time zone (`after:` includes the day, `before:` excludes it). `in:` takes a folder
//! name or a role (`inbox`, `sent`, …). A leading `-` negates a term. All terms must match.
//!
//! User text never becomes SQL: every value is bound as a parameter, and every word handed
//! to FTS5 is quoted as a string, so a query can fail only with a [`QueryProblem`] that says
//! what is wrong.

use chrono::{NaiveDate, TimeZone};
use rusqlite::Connection;
use rusqlite::types::Value;

use super::envelope::Envelope;
use super::error::QueryProblem;
use super::files::{Files, parallel};
use super::ingest::{index_text, parse_file};
use super::query::{MessageSummary, Page, SUMMARY_COLUMNS, SUMMARY_FROM, summary_from_row};
use super::{AccountId, MessageId, Result, Store, StoreError};
use crate::engine::message::Address;

/// A field a word or phrase can be narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    From,
    To,
    Subject,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Text {
        field: Option<Field>,
        text: String,
    },
    HasAttachment,
    Unread,
    Read,
    Flagged,
    Answered,
    /// Before this instant (seconds since the epoch).
    Before(i64),
    /// At or after this instant.
    After(i64),
    In(String),
    Account(String),
}

/// A parsed query: terms that must all match, each possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<(bool, Term)>,
}

/// Splits a query into tokens: `(negated, key, value)`; quotes group words and are removed.
/// Control characters separate words like spaces: nobody types them, and FTS5 reads its
/// query as a C string, so a NUL inside a phrase ended it ("unterminated string", found by
/// the `search_query` fuzz target).
fn tokens(input: &str) -> std::result::Result<Vec<(bool, Option<String>, String)>, QueryProblem> {
    let mut out = Vec::new();
    let mut chars = input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            break;
        }
        let negated = chars.next_if_eq(&'-').is_some();
        let mut key = None;
        let mut value = String::new();
        let mut quoted = false;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() && !quoted {
                break;
            }
            chars.next();
            match c {
                '"' => quoted = !quoted,
                ':' if !quoted
                    && key.is_none()
                    && !value.is_empty()
                    && value.chars().all(|c| c.is_ascii_alphabetic()) =>
                {
                    key = Some(value.to_ascii_lowercase());
                    value = String::new();
                }
                c => value.push(c),
            }
        }
        if quoted {
            return Err(QueryProblem::UnclosedQuote);
        }
        out.push((negated, key, value));
    }
    Ok(out)
}

/// Parses the query language (see the module docs).
pub fn parse(input: &str) -> std::result::Result<Query, QueryProblem> {
    let mut terms = Vec::new();
    for (negated, key, value) in tokens(input)? {
        let value = value.trim().to_owned();
        let term = match key.as_deref() {
            None => {
                if value.is_empty() {
                    continue;
                }
                Term::Text {
                    field: None,
                    text: value,
                }
            }
            Some(k) => {
                if value.is_empty() {
                    return Err(QueryProblem::EmptyValue(k.to_owned()));
                }
                keyed(k, value)?
            }
        };
        terms.push((negated, term));
    }
    if terms.is_empty() {
        return Err(QueryProblem::Empty);
    }
    Ok(Query { terms })
}

fn keyed(key: &str, value: String) -> std::result::Result<Term, QueryProblem> {
    let unknown_value = |value: &str| QueryProblem::UnknownValue {
        key: key.to_owned(),
        value: value.to_owned(),
    };
    Ok(match key {
        "from" => Term::Text {
            field: Some(Field::From),
            text: value,
        },
        "to" => Term::Text {
            field: Some(Field::To),
            text: value,
        },
        "subject" => Term::Text {
            field: Some(Field::Subject),
            text: value,
        },
        "has" => match value.to_lowercase().as_str() {
            "attachment" | "attachments" => Term::HasAttachment,
            _ => return Err(unknown_value(&value)),
        },
        "is" => match value.to_lowercase().as_str() {
            "unread" => Term::Unread,
            "read" | "seen" => Term::Read,
            "flagged" | "starred" => Term::Flagged,
            "answered" | "replied" => Term::Answered,
            _ => return Err(unknown_value(&value)),
        },
        "before" => Term::Before(day_start(&value)?),
        "after" => Term::After(day_start(&value)?),
        "in" => Term::In(value),
        "account" => Term::Account(value),
        other => return Err(QueryProblem::UnknownKey(other.to_owned())),
    })
}

/// Midnight at the start of a `YYYY-MM-DD` day, local time.
fn day_start(value: &str) -> std::result::Result<i64, QueryProblem> {
    let bad = || QueryProblem::BadDate(value.to_owned());
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| bad())?;
    let midnight = date.and_hms_opt(0, 0, 0).ok_or_else(bad)?;
    chrono::Local
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.timestamp())
        .ok_or_else(bad)
}

/// A word or phrase as an FTS5 string: quoted, inner quotes doubled, so nothing the user
/// types is FTS5 syntax.
fn fts_string(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn fts_term(field: Option<Field>, text: &str) -> String {
    let columns = match field {
        None => return fts_string(text),
        Some(Field::From) => "sender",
        Some(Field::To) => "recipient cc",
        Some(Field::Subject) => "subject",
    };
    format!("{{{columns}}} : {}", fts_string(text))
}

/// The SQL conditions and parameters of a query's non-text terms and negated text, and the
/// FTS5 expression of its positive text terms (if any).
fn to_sql(q: &Query) -> (Vec<String>, Vec<Value>, Option<String>) {
    let mut conds = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let mut positive_text = Vec::new();
    for (negated, term) in &q.terms {
        let mut arg = |v: Value| {
            args.push(v);
            format!("?{}", args.len())
        };
        let cond = match term {
            Term::Text { field, text } => {
                if *negated {
                    let p = arg(Value::Text(fts_term(*field, text)));
                    conds.push(format!(
                        "(({KEY_SQL}) NOT IN (SELECT rowid FROM search WHERE search MATCH {p}))"
                    ));
                } else {
                    positive_text.push(fts_term(*field, text));
                }
                continue;
            }
            Term::HasAttachment => "m.has_attachments = 1".to_owned(),
            Term::Unread => "m.flags & 1 = 0".to_owned(),
            Term::Read => "m.flags & 1 = 1".to_owned(),
            Term::Flagged => "m.flags & 4 = 4".to_owned(),
            Term::Answered => "m.flags & 2 = 2".to_owned(),
            Term::Before(t) => format!("m.date < {}", arg(Value::Integer(*t))),
            Term::After(t) => format!("m.date >= {}", arg(Value::Integer(*t))),
            Term::In(name) => {
                let p = arg(Value::Text(name.clone()));
                format!("(f.name = {p} COLLATE NOCASE OR f.role = lower({p}))")
            }
            Term::Account(name) => format!("a.name = {}", arg(Value::Text(name.clone()))),
        };
        conds.push(if *negated {
            format!("NOT ({cond})")
        } else {
            cond
        });
    }
    let fts = (!positive_text.is_empty()).then(|| positive_text.join(" AND "));
    (conds, args, fts)
}

/// Bits of a search key that hold the message id (the rest hold the date).
const ID_BITS: u32 = 28;
const ID_MASK: i64 = (1 << ID_BITS) - 1;
/// The largest date a key can hold (year 3058); later dates sort as this one.
const MAX_KEY_DATE: i64 = (1 << 35) - 1;

/// The FTS5 rowid of a message: its date in the high bits and its id in the low 28, so the
/// index's own order is the list's order (newest first) and a search stops after one page.
/// Dates before 1970 sort as 1970. Ids stay below 2^28 (268 million messages ever stored).
pub(crate) fn search_key(date: i64, id: i64) -> i64 {
    (date.clamp(0, MAX_KEY_DATE) << ID_BITS) | (id & ID_MASK)
}

/// [`search_key`] in SQL, for a row `m`.
const KEY_SQL: &str = "(max(min(m.date, 34359738367), 0) << 28) | (m.id & 268435455)";

/// Indexes the messages queued in `search_pending` (after the version-2 migration), a batch
/// per transaction so an interrupted open resumes where it stopped.
pub(crate) fn reindex_pending(conn: &mut Connection, files: &Files) -> Result<usize> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'search_pending')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(0);
    }
    conn.execute(
        "DELETE FROM search_pending WHERE id NOT IN (SELECT id FROM messages)",
        [],
    )?;
    let mut done = 0;
    loop {
        let batch: Vec<Pending> = {
            let mut s = conn.prepare(
                "SELECT m.id, m.date, m.body, m.file, m.subject, m.from_name, m.from_addr,
                        m.to_list, m.cc_list
                 FROM search_pending p JOIN messages m ON m.id = p.id LIMIT 500",
            )?;
            let rows = s.query_map([], |r| {
                Ok(Pending {
                    id: r.get(0)?,
                    date: r.get(1)?,
                    file: if r.get::<_, i64>(2)? == 1 {
                        r.get(3)?
                    } else {
                        None
                    },
                    subject: r.get(4)?,
                    from: Address::new(r.get::<_, String>(5)?, r.get::<_, String>(6)?),
                    to: r.get(7)?,
                    cc: r.get(8)?,
                })
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if batch.is_empty() {
            break;
        }
        if done == 0 {
            tracing::info!("indexing the stored mail for search again (once, after an upgrade)");
        }
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let envs = parallel(batch, threads, |p| {
            let env = match &p.file {
                Some(rel) => parse_file(&files.abs(rel), false),
                None => Envelope {
                    subject: p.subject.clone(),
                    from: p.from.clone(),
                    to: serde_json::from_str(&p.to).unwrap_or_default(),
                    cc: serde_json::from_str(&p.cc).unwrap_or_default(),
                    ..Envelope::default()
                },
            };
            (p.id, p.date, env)
        });
        let tx = conn.transaction()?;
        for (id, date, env) in &envs {
            index_text(&tx, *id, *date, env)?;
            tx.execute("DELETE FROM search_pending WHERE id = ?1", [id])?;
        }
        tx.commit()?;
        done += envs.len();
    }
    Ok(done)
}

struct Pending {
    id: MessageId,
    date: i64,
    file: Option<String>,
    subject: String,
    from: Address,
    to: String,
    cc: String,
}

impl Store {
    /// Messages matching a query, newest first, paged like the lists; optionally within one
    /// account.
    pub fn search(
        &self,
        query: &str,
        account: Option<AccountId>,
        page: &Page,
    ) -> Result<Vec<MessageSummary>> {
        let parsed = parse(query).map_err(|reason| StoreError::Query {
            query: query.to_owned(),
            reason,
        })?;
        let (mut conds, mut args, fts) = to_sql(&parsed);
        let mut arg = |v: Value| {
            args.push(v);
            format!("?{}", args.len())
        };
        conds.push(format!(
            "(?{a} IS NULL OR m.account_id = ?{a})",
            a = arg(account.map_or(Value::Null, |a| Value::Integer(a.0))).trim_start_matches('?')
        ));
        let limit = arg(Value::Integer(page.limit as i64));
        let sql = match fts {
            // Walk the FTS index newest first (its rowids are date-ordered keys) and stop
            // after a page; the CROSS JOIN keeps it the outer loop.
            Some(expr) => {
                let expr = arg(Value::Text(expr));
                // before:/after: bound the walk itself, so it starts at the right date
                // instead of skipping every newer match.
                let mut upper = page.after.map_or(i64::MAX, |c| search_key(c.date, c.id.0));
                let mut lower = i64::MIN;
                for (negated, term) in &parsed.terms {
                    match (negated, term) {
                        (false, Term::Before(t)) => upper = upper.min(search_key(*t, 0)),
                        (false, Term::After(t)) => lower = lower.max(search_key(*t, 0)),
                        _ => {}
                    }
                }
                let after = arg(Value::Integer(upper));
                let lower = arg(Value::Integer(lower));
                format!(
                    "SELECT {SUMMARY_COLUMNS} FROM search
                       CROSS JOIN messages m ON m.id = (search.rowid & {ID_MASK})
                       JOIN folders f ON f.id = m.folder_id
                       JOIN accounts a ON a.id = m.account_id
                     WHERE search MATCH {expr} AND search.rowid < {after}
                       AND search.rowid >= {lower} AND {}
                     ORDER BY search.rowid DESC LIMIT {limit}",
                    conds.join(" AND ")
                )
            }
            None => {
                let (date, id) = page
                    .after
                    .map_or((i64::MAX, i64::MAX), |c| (c.date, c.id.0));
                let d = arg(Value::Integer(date));
                let i = arg(Value::Integer(id));
                format!(
                    "SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM}
                     WHERE {} AND m.date <= {d} AND (m.date < {d} OR m.id < {i})
                     ORDER BY m.date DESC, m.id DESC LIMIT {limit}",
                    conds.join(" AND ")
                )
            }
        };
        self.read(|c| {
            let mut s = c.prepare_cached(&sql)?;
            let rows = s.query_map(rusqlite::params_from_iter(args.iter()), summary_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(field: Option<Field>, t: &str) -> Term {
        Term::Text {
            field,
            text: t.to_owned(),
        }
    }

    #[test]
    fn words_phrases_and_keys() {
        let q = parse(r#"quarterly "annual report" from:anna to:"Bob B" subject:invoice"#).unwrap();
        assert_eq!(
            q.terms,
            vec![
                (false, text(None, "quarterly")),
                (false, text(None, "annual report")),
                (false, text(Some(Field::From), "anna")),
                (false, text(Some(Field::To), "Bob B")),
                (false, text(Some(Field::Subject), "invoice")),
            ]
        );
    }

    #[test]
    fn flags_dates_folders_accounts_and_negation() {
        let q = parse("has:attachment is:unread IS:Flagged in:Sent account:work -spam -is:read")
            .unwrap();
        assert_eq!(
            q.terms,
            vec![
                (false, Term::HasAttachment),
                (false, Term::Unread),
                (false, Term::Flagged),
                (false, Term::In("Sent".into())),
                (false, Term::Account("work".into())),
                (true, text(None, "spam")),
                (true, Term::Read),
            ]
        );
        let q = parse("before:2025-01-31 after:2024-12-01").unwrap();
        match (&q.terms[0].1, &q.terms[1].1) {
            (Term::Before(b), Term::After(a)) => assert!(a < b),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn malformed_queries_say_what_is_wrong() {
        assert_eq!(parse(r#"from:"anna"#), Err(QueryProblem::UnclosedQuote));
        assert_eq!(parse("from:"), Err(QueryProblem::EmptyValue("from".into())));
        assert_eq!(
            parse("colour:red"),
            Err(QueryProblem::UnknownKey("colour".into()))
        );
        assert_eq!(
            parse("is:purple"),
            Err(QueryProblem::UnknownValue {
                key: "is".into(),
                value: "purple".into()
            })
        );
        assert_eq!(
            parse("before:31.01.2025"),
            Err(QueryProblem::BadDate("31.01.2025".into()))
        );
        assert_eq!(
            parse("before:2025-02-30"),
            Err(QueryProblem::BadDate("2025-02-30".into()))
        );
        assert_eq!(parse("   "), Err(QueryProblem::Empty));
        assert_eq!(parse(r#""""#), Err(QueryProblem::Empty));
    }

    #[test]
    fn search_keys_sort_like_the_list() {
        let mut rows = vec![(5, 9), (5, 10), (4, 99), (1_700_000_000, 1), (-20, 3)];
        rows.sort_by_key(|&(d, i)| search_key(d, i));
        assert_eq!(
            rows,
            vec![(-20, 3), (4, 99), (5, 9), (5, 10), (1_700_000_000, 1)]
        );
        assert_eq!(search_key(1_700_000_000, 12_345) & ID_MASK, 12_345);
    }

    #[test]
    fn colons_inside_words_and_quotes_are_text() {
        let q = parse(r#"10:30 "re: lunch""#).unwrap();
        assert_eq!(
            q.terms,
            vec![
                (false, text(None, "10:30")),
                (false, text(None, "re: lunch"))
            ]
        );
    }

    #[test]
    fn control_characters_separate_words_and_never_reach_fts() {
        let q = parse("q\0\0uarterly \"a\u{1}b\"").unwrap();
        assert_eq!(
            q.terms,
            vec![
                (false, text(None, "q")),
                (false, text(None, "uarterly")),
                (false, text(None, "a b"))
            ]
        );
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        for query in ["q\0\0uarterly", "\"x\0y\"", "-a\0b", "from:x\0y"] {
            store
                .search(query, None, &Page::first(5))
                .unwrap_or_else(|e| panic!("{query:?}: {e}"));
        }
    }

    #[test]
    fn user_text_is_always_an_fts_string() {
        assert_eq!(fts_string(r#"a" OR b"#), r#""a"" OR b""#);
        assert_eq!(fts_term(Some(Field::To), "x"), r#"{recipient cc} : "x""#);
        let (conds, args, fts) = to_sql(&parse("'; DROP TABLE messages; -- NEAR(").unwrap());
        // `--` is a negated "-": its text goes in as a bound parameter, never as SQL.
        assert!(!conds.join(" ").contains("DROP") && !conds.join(" ").contains("--"));
        assert_eq!(args, vec![Value::Text(r#""-""#.into())]);
        assert_eq!(
            fts.as_deref(),
            Some(r#""';" AND "DROP" AND "TABLE" AND "messages;" AND "NEAR(""#)
        );
    }
}
