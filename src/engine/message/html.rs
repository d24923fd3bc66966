//! HTML bodies as blocks, from html5ever's tokenizer.
//!
//! A tag stream is enough for mail HTML and copes with its usual breakage (unclosed tags,
//! stray `</li>`): block tags end the paragraph being built, inline tags switch styles on
//! and off, and containers (lists, quotes) nest. `<script>`, `<style>` and `<title>` content
//! is dropped; nothing is fetched and nothing runs.

use std::cell::RefCell;

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::{Block, Image, ImageSource, Inline, Span};
use crate::engine::safety::{self, Warning};

/// Turns an HTML body into blocks; `cid` finds the attachment an embedded image names.
/// Links that are not web or mail links, or lead to a confusable host, go into `warnings`.
pub(super) fn to_blocks(
    html: &str,
    cid: &dyn Fn(&str) -> Option<usize>,
    warnings: &mut Vec<Warning>,
) -> Vec<Block> {
    let sink = Sink {
        builder: RefCell::new(Builder::new(cid)),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    let builder = tokenizer.sink.builder.into_inner();
    for w in &builder.warnings {
        safety::add(warnings, w.clone());
    }
    builder.finish()
}

struct Sink<'a> {
    builder: RefCell<Builder<'a>>,
}

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut b = self.builder.borrow_mut();
        match token {
            Token::TagToken(tag) => return b.tag(&tag),
            Token::CharacterTokens(text) => b.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

enum Container {
    Root(Vec<Block>),
    Quote(Vec<Block>),
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
}

/// How deep lists and quotes may nest. Deeper ones are read as if flat: a message with
/// 100,000 nested `<blockquote>`s would otherwise become a block tree whose drop, layout
/// and serialisation recurse deeper than any stack (found by the hostile corpus).
const MAX_DEPTH: usize = 32;

#[derive(Default, Clone, Copy, PartialEq, Eq)]
struct Style {
    bold: u32,
    italic: u32,
    underline: u32,
    strike: u32,
    code: u32,
}

struct Builder<'a> {
    stack: Vec<Container>,
    inline: Vec<Inline>,
    heading: Option<u8>,
    style: Style,
    links: Vec<Option<String>>,
    pre: u32,
    pre_text: String,
    /// Inside `<script>`, `<style>` or `<title>`.
    skip: u32,
    space: bool,
    cid: &'a dyn Fn(&str) -> Option<usize>,
    warnings: Vec<Warning>,
    /// List, item and quote tags opened beyond [`MAX_DEPTH`], and so not opened.
    flattened: u32,
}

/// Tags that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "center",
    "address",
    "table",
    "tr",
    "form",
    "fieldset",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "nav",
    "aside",
    "caption",
    "body",
    "html",
    "tbody",
    "thead",
    "tfoot",
];

impl<'a> Builder<'a> {
    fn new(cid: &'a dyn Fn(&str) -> Option<usize>) -> Self {
        Self {
            stack: vec![Container::Root(Vec::new())],
            inline: Vec::new(),
            heading: None,
            style: Style::default(),
            links: Vec::new(),
            pre: 0,
            pre_text: String::new(),
            skip: 0,
            space: false,
            cid,
            warnings: Vec::new(),
            flattened: 0,
        }
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if tag.kind == TagKind::StartTag {
            self.start(name, tag)
        } else {
            self.end(name);
            TokenSinkResult::Continue
        }
    }

    fn start(&mut self, name: &str, tag: &Tag) -> TokenSinkResult<()> {
        match name {
            "script" => {
                self.skip += 1;
                return TokenSinkResult::RawData(RawKind::ScriptData);
            }
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                self.skip += 1;
                return TokenSinkResult::RawData(RawKind::Rawtext);
            }
            "title" | "textarea" => {
                self.skip += 1;
                return TokenSinkResult::RawData(RawKind::Rcdata);
            }
            "br" => {
                if !self.inline.is_empty() {
                    self.inline.push(Inline::Break);
                }
                self.space = false;
            }
            "hr" => {
                self.flush();
                self.blocks().push(Block::Rule);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = name[1..].parse().ok();
            }
            "ul" | "ol" | "blockquote" if self.stack.len() >= MAX_DEPTH => {
                self.flush();
                self.flattened += 1;
            }
            "li" if self.stack.len() + 1 >= MAX_DEPTH
                && !matches!(self.stack.last(), Some(Container::Item(_))) =>
            {
                self.flush();
                self.flattened += 1;
            }
            "ul" | "ol" => {
                self.flush();
                self.stack.push(Container::List {
                    ordered: name == "ol",
                    items: Vec::new(),
                });
            }
            "li" => {
                self.flush();
                if matches!(self.stack.last(), Some(Container::Item(_))) {
                    self.close_top();
                }
                if !matches!(self.stack.last(), Some(Container::List { .. })) {
                    self.stack.push(Container::List {
                        ordered: false,
                        items: Vec::new(),
                    });
                }
                self.stack.push(Container::Item(Vec::new()));
            }
            "blockquote" => {
                self.flush();
                self.stack.push(Container::Quote(Vec::new()));
            }
            "pre" | "listing" | "plaintext" => {
                self.flush();
                self.pre += 1;
            }
            "img" => self.image(tag),
            "td" | "th" => self.space = true,
            _ if tag.self_closing => {}
            "b" | "strong" => self.style.bold += 1,
            "i" | "em" | "cite" | "var" | "dfn" => self.style.italic += 1,
            "u" | "ins" => self.style.underline += 1,
            "s" | "strike" | "del" => self.style.strike += 1,
            "code" | "tt" | "kbd" | "samp" => self.style.code += 1,
            "a" => {
                // Only web and mail links are clickable; `javascript:` and the like stay text.
                let link = attr(tag, "href")
                    .and_then(|href| safety::checked_link(&href, &mut self.warnings));
                self.links.push(link);
            }
            _ if BLOCK_TAGS.contains(&name) => self.flush(),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn end(&mut self, name: &str) {
        let dec = |n: &mut u32| *n = n.saturating_sub(1);
        if self.flattened > 0 && matches!(name, "ul" | "ol" | "li" | "blockquote") {
            self.flattened -= 1;
            self.flush();
            return;
        }
        match name {
            "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "title"
            | "textarea" => dec(&mut self.skip),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = None;
            }
            "ul" | "ol" => {
                self.flush();
                if self
                    .stack
                    .iter()
                    .any(|c| matches!(c, Container::List { .. }))
                {
                    while !matches!(self.stack.last(), Some(Container::List { .. })) {
                        self.close_top();
                    }
                    self.close_top();
                }
            }
            "li" => {
                self.flush();
                if matches!(self.stack.last(), Some(Container::Item(_))) {
                    self.close_top();
                }
            }
            "blockquote" => {
                self.flush();
                if self.stack.iter().any(|c| matches!(c, Container::Quote(_))) {
                    while !matches!(self.stack.last(), Some(Container::Quote(_))) {
                        self.close_top();
                    }
                    self.close_top();
                }
            }
            "pre" | "listing" | "plaintext" => {
                dec(&mut self.pre);
                if self.pre == 0 {
                    let text = std::mem::take(&mut self.pre_text);
                    let text = text
                        .strip_prefix('\n')
                        .unwrap_or(&text)
                        .trim_end()
                        .to_owned();
                    if !text.is_empty() {
                        self.blocks().push(Block::Preformatted { text });
                    }
                }
            }
            "b" | "strong" => dec(&mut self.style.bold),
            "i" | "em" | "cite" | "var" | "dfn" => dec(&mut self.style.italic),
            "u" | "ins" => dec(&mut self.style.underline),
            "s" | "strike" | "del" => dec(&mut self.style.strike),
            "code" | "tt" | "kbd" | "samp" => dec(&mut self.style.code),
            "a" => {
                self.links.pop();
            }
            _ if BLOCK_TAGS.contains(&name) => self.flush(),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip > 0 {
            return;
        }
        if self.pre > 0 {
            self.pre_text.push_str(text);
            return;
        }
        for word_or_space in split_keep_space(text) {
            if word_or_space.trim_ascii().is_empty() {
                self.space = true;
                continue;
            }
            let mut s = String::new();
            if self.space && self.has_content() {
                s.push(' ');
            }
            self.space = false;
            s.push_str(word_or_space);
            self.push_text(&s);
        }
    }

    fn has_content(&self) -> bool {
        self.inline
            .last()
            .is_some_and(|i| !matches!(i, Inline::Break))
    }

    fn push_text(&mut self, s: &str) {
        let link = self.links.iter().rev().find_map(|l| l.clone());
        let st = self.style;
        if let Some(Inline::Text(last)) = self.inline.last_mut()
            && last.bold == (st.bold > 0)
            && last.italic == (st.italic > 0)
            && last.underline == (st.underline > 0)
            && last.strike == (st.strike > 0)
            && last.code == (st.code > 0)
            && last.link == link
        {
            last.text.push_str(s);
            return;
        }
        // A space between two styles is drawn plain: it joins the neighbour that is plain
        // text, or stands alone.
        let new_plain = link.is_none() && st == Style::default();
        let (rest, lead) = match s.strip_prefix(' ') {
            Some(rest) if !new_plain => (rest, true),
            _ => (s, false),
        };
        if lead {
            match self.inline.last_mut() {
                Some(Inline::Text(last)) if is_plain(last) => last.text.push(' '),
                _ => self.inline.push(Inline::Text(Span {
                    text: " ".to_owned(),
                    ..Span::default()
                })),
            }
        }
        self.inline.push(Inline::Text(Span {
            text: rest.to_owned(),
            bold: st.bold > 0,
            italic: st.italic > 0,
            underline: st.underline > 0,
            strike: st.strike > 0,
            code: st.code > 0,
            link,
        }));
    }

    fn image(&mut self, tag: &Tag) {
        let src = attr(tag, "src").unwrap_or_default();
        let alt = attr(tag, "alt").unwrap_or_default();
        let lower = src.trim().to_ascii_lowercase();
        let source = if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("//")
        {
            ImageSource::Remote {
                url: src.trim().to_owned(),
            }
        } else if lower.starts_with("cid:") {
            let content_id = src.trim()[4..].trim_matches(['<', '>']).to_owned();
            ImageSource::Embedded {
                attachment: (self.cid)(&content_id),
                content_id,
            }
        } else if lower.starts_with("data:") {
            ImageSource::Data
        } else {
            ImageSource::Unknown { src }
        };
        if self.space && self.has_content() {
            self.push_text(" ");
        }
        self.space = false;
        let link = self.links.iter().rev().find_map(|l| l.clone());
        self.inline.push(Inline::Image(Image { alt, source, link }));
    }

    /// The block list new blocks go into (inside a list, into its current item).
    fn blocks(&mut self) -> &mut Vec<Block> {
        if matches!(self.stack.last(), Some(Container::List { .. })) {
            self.stack.push(Container::Item(Vec::new()));
        }
        match self.stack.last_mut() {
            Some(Container::Root(b) | Container::Quote(b) | Container::Item(b)) => b,
            // The root is never popped, and a list always gets an item above.
            _ => unreachable!("the container stack always ends in a block list"),
        }
    }

    /// Ends the paragraph (or heading) being built.
    fn flush(&mut self) {
        self.space = false;
        let mut content = std::mem::take(&mut self.inline);
        while matches!(content.last(), Some(Inline::Break)) {
            content.pop();
        }
        if let Some(Inline::Text(last)) = content.last_mut() {
            let trimmed = last.text.trim_end().len();
            last.text.truncate(trimmed);
        }
        content.retain(|i| !matches!(i, Inline::Text(s) if s.text.is_empty()));
        let visible = content.iter().any(|i| match i {
            Inline::Text(s) => !s.text.trim().is_empty(),
            Inline::Image(_) => true,
            Inline::Break => false,
        });
        if !visible {
            return;
        }
        let block = match self.heading {
            Some(level) => Block::Heading { level, content },
            None => Block::Paragraph { content },
        };
        self.blocks().push(block);
    }

    /// Pops the top container into its parent.
    fn close_top(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        let Some(top) = self.stack.pop() else {
            return;
        };
        match top {
            Container::Item(blocks) => {
                if let Some(Container::List { items, .. }) = self.stack.last_mut() {
                    items.push(blocks);
                } else {
                    self.blocks().extend(blocks);
                }
            }
            Container::List { ordered, items } => {
                if !items.is_empty() {
                    self.blocks().push(Block::List { ordered, items });
                }
            }
            Container::Quote(blocks) => {
                if !blocks.is_empty() {
                    self.blocks().push(Block::Quote { blocks });
                }
            }
            Container::Root(blocks) => self.stack.push(Container::Root(blocks)),
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        if self.pre > 0 {
            self.pre = 1;
            self.end("pre");
        }
        while self.stack.len() > 1 {
            self.close_top();
        }
        match self.stack.pop() {
            Some(Container::Root(b)) => b,
            _ => Vec::new(),
        }
    }
}

fn is_plain(s: &Span) -> bool {
    !(s.bold || s.italic || s.underline || s.strike || s.code || s.link.is_some())
}

fn attr(tag: &Tag, name: &str) -> Option<String> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

/// Splits text into runs of whitespace and runs of non-whitespace.
fn split_keep_space(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        // HTML's whitespace is ASCII only: a no-break space is text.
        let ws = first.is_ascii_whitespace();
        let end = rest
            .char_indices()
            .find(|(_, c)| c.is_ascii_whitespace() != ws)
            .map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some(run)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<Block> {
        to_blocks(html, &|_| None, &mut Vec::new())
    }

    fn texts(content: &[Inline]) -> String {
        content
            .iter()
            .map(|i| match i {
                Inline::Text(s) => s.text.clone(),
                Inline::Image(_) => "[img]".into(),
                Inline::Break => "\n".into(),
            })
            .collect()
    }

    #[test]
    fn broken_html_still_reads() {
        let b = blocks("<p>one<p>two <b>bold<p>three</b> <ul><li>a<li>b</ul><li>stray");
        let paras: Vec<String> = b
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { content } => Some(texts(content)),
                _ => None,
            })
            .collect();
        assert_eq!(paras[..3], ["one", "two bold", "three"]);
        assert!(matches!(&b[3], Block::List { items, .. } if items.len() == 2));
    }

    #[test]
    fn whitespace_collapses_but_pre_keeps_it() {
        let b = blocks("<div>  a\n\n  b  </div><pre>\n x  y\n  z</pre>");
        assert!(matches!(&b[0], Block::Paragraph { content } if texts(content) == "a b"));
        assert_eq!(
            b[1],
            Block::Preformatted {
                text: " x  y\n  z".into()
            }
        );
    }

    #[test]
    fn nested_quotes_and_lists() {
        let b = blocks(
            "<blockquote>outer<blockquote>inner</blockquote></blockquote><ol><li>x<ul><li>y</li></ul></li></ol>",
        );
        let Block::Quote { blocks: outer } = &b[0] else {
            panic!("{b:?}")
        };
        assert!(matches!(&outer[1], Block::Quote { .. }), "{outer:?}");
        let Block::List {
            ordered: true,
            items,
        } = &b[1]
        else {
            panic!("{b:?}")
        };
        assert!(
            matches!(&items[0][1], Block::List { ordered: false, .. }),
            "{items:?}"
        );
    }

    #[test]
    fn nesting_is_bounded() {
        fn depth(blocks: &[Block]) -> usize {
            blocks
                .iter()
                .map(|b| match b {
                    Block::Quote { blocks } => 1 + depth(blocks),
                    Block::List { items, .. } => {
                        1 + items.iter().map(|i| depth(i)).max().unwrap_or(0)
                    }
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        for html in [
            "<blockquote>".repeat(100_000) + "deep",
            "<ul><li>".repeat(50_000) + "deep",
            "<li>".repeat(50_000) + "deep",
            "<blockquote><ol><li>".repeat(30_000) + "deep",
        ] {
            let b = blocks(&html);
            assert!(depth(&b) <= MAX_DEPTH, "{}", depth(&b));
            assert!(format!("{b:?}").contains("deep"));
        }
        // Closing tags beyond the bound close nothing that is still open above it.
        let html = format!(
            "{}x{}<p>after</p>",
            "<blockquote>".repeat(40),
            "</blockquote>".repeat(40)
        );
        let b = blocks(&html);
        assert!(matches!(b.last(), Some(Block::Paragraph { .. })), "{b:?}");
    }

    #[test]
    fn entities_breaks_and_scripts() {
        let b = blocks(
            "<p>a&amp;b&nbsp;c<br>d</p><script>if (a < b) { x() }</script><style>p{}</style>",
        );
        assert_eq!(b.len(), 1, "{b:?}");
        let Block::Paragraph { content } = &b[0] else {
            panic!()
        };
        assert_eq!(texts(content), "a&b\u{a0}c\nd");
    }
}
