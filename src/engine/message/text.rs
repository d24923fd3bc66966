//! Plain text bodies as blocks: paragraphs, `>` quotes (nested), links found in the text.

use super::{Block, Inline, Span};
use crate::engine::safety::{self, Warning};

/// Turns a text/plain body into blocks; a link to a confusable host goes into `warnings`.
pub(super) fn to_blocks(text: &str, warnings: &mut Vec<Warning>) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    blocks_of(&lines, 0, warnings)
}

fn blocks_of(lines: &[&str], depth: usize, warnings: &mut Vec<Warning>) -> Vec<Block> {
    if depth > 32 {
        return vec![paragraph(lines, warnings)];
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_quoted(lines[i]) {
            let start = i;
            while i < lines.len() && is_quoted(lines[i]) {
                i += 1;
            }
            let inner: Vec<&str> = lines[start..i].iter().map(|l| unquote(l)).collect();
            out.push(Block::Quote {
                blocks: blocks_of(&inner, depth + 1, warnings),
            });
        } else if lines[i].trim().is_empty() {
            i += 1;
        } else {
            let start = i;
            while i < lines.len() && !is_quoted(lines[i]) && !lines[i].trim().is_empty() {
                i += 1;
            }
            out.push(paragraph(&lines[start..i], warnings));
        }
    }
    out
}

fn is_quoted(line: &str) -> bool {
    line.starts_with('>')
}

/// Removes one level of quoting (`>` and one space after it).
fn unquote(line: &str) -> &str {
    let rest = line.strip_prefix('>').unwrap_or(line);
    rest.strip_prefix(' ').unwrap_or(rest)
}

fn paragraph(lines: &[&str], warnings: &mut Vec<Warning>) -> Block {
    let mut content = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            content.push(Inline::Break);
        }
        content.extend(linkify(line.trim_end(), warnings));
    }
    Block::Paragraph { content }
}

/// Splits a line into text and links (`http://`, `https://`, `mailto:`).
pub(super) fn linkify(line: &str, warnings: &mut Vec<Warning>) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = find_link(rest) {
        let (before, from) = rest.split_at(start);
        let end = from
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(from.len());
        let mut url = &from[..end];
        // Sentence punctuation after a link is not part of it; a closing parenthesis is,
        // when the link opened one.
        let opened = url.contains('(');
        while let Some(last) = url.chars().last() {
            let strip = matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'')
                || (last == ')' && !opened);
            if !strip {
                break;
            }
            url = &url[..url.len() - last.len_utf8()];
        }
        if !before.is_empty() {
            out.push(text(before));
        }
        out.push(Inline::Text(Span {
            text: url.to_owned(),
            link: safety::checked_link(url, warnings),
            ..Span::default()
        }));
        rest = &from[url.len()..];
    }
    if !rest.is_empty() {
        out.push(text(rest));
    }
    out
}

/// Where the first link of `s` starts. One pass over the text up to that point: looking
/// for each scheme over the whole rest of a line made a line of 60,000 links take minutes
/// (found by the hostile corpus).
fn find_link(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memchr2(b'h', b'm', &bytes[from..]) {
        let i = from + at;
        let rest = &s[i..];
        let scheme = ["https://", "http://", "mailto:"]
            .iter()
            .find(|p| rest.starts_with(*p));
        if let Some(p) = scheme
            && rest[p.len()..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '<' && c != '>')
        {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

fn text(s: &str) -> Inline {
    Inline::Text(Span {
        text: s.to_owned(),
        ..Span::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(line: &str) -> Vec<String> {
        linkify(line, &mut Vec::new())
            .into_iter()
            .filter_map(|i| match i {
                Inline::Text(Span { link: Some(l), .. }) => Some(l),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn links_end_where_sentences_do() {
        assert_eq!(links("see https://a.test/x."), vec!["https://a.test/x"]);
        assert_eq!(links("(https://a.test/x)"), vec!["https://a.test/x"]);
        assert_eq!(
            links("https://en.wiki.test/A_(b)"),
            vec!["https://en.wiki.test/A_(b)"]
        );
        assert_eq!(
            links("mail mailto:a@b.test, or http://c.test"),
            vec!["mailto:a@b.test", "http://c.test"]
        );
        assert!(links("no link: https:// here").is_empty());
        assert_eq!(links("hmm mhttp://a.test"), vec!["http://a.test"]);
    }
}
