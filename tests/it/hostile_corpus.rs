//! A corpus of hostile messages, generated: deep MIME nesting, a 50 MB attachment, broken
//! transfer encodings, NUL bytes, megabyte-long header lines, wrong and absurd charsets,
//! missing and malformed boundaries, HTML and quoting bombs, address bombs, deceptive names,
//! plain garbage. Deterministic (a fixed seed), so a failure names a message that can be
//! made again. Used by `hostile_messages`, `hostile_reading` and to seed the `ingest` fuzz corpus
//! (`fuzz_seeds`).

use std::fmt::Write as _;

/// One generated message: a name saying what it tries, and its bytes.
pub struct Hostile {
    pub name: String,
    pub raw: Vec<u8>,
}

/// A small deterministic generator (xorshift64*), so the corpus never changes by accident.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next() >> 32) as u8).collect()
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const HEAD: &str = "From: Mallory <mallory@example.test>\r\nTo: alice@example.test\r\n\
Date: Tue, 1 Jul 2025 10:52:37 +0200\r\nMIME-Version: 1.0\r\n";

fn msg(subject: &str, extra_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut m = format!("{HEAD}Subject: {subject}\r\n{extra_headers}\r\n").into_bytes();
    m.extend_from_slice(body);
    m
}

fn base64_lines(data: &[u8], line: usize) -> Vec<u8> {
    use base64::Engine as _;
    let text = base64::engine::general_purpose::STANDARD.encode(data);
    if line == 0 {
        let mut out = text.into_bytes();
        out.extend_from_slice(b"\r\n");
        return out;
    }
    let mut out = Vec::with_capacity(text.len() + text.len() / line * 2 + 2);
    for chunk in text.as_bytes().chunks(line) {
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// The corpus. `big` includes the large ones (a 50 MB attachment and two 20 MB bodies).
pub fn corpus(big: bool) -> Vec<Hostile> {
    let mut out = Vec::new();
    let mut add = |name: String, raw: Vec<u8>| out.push(Hostile { name, raw });
    let mut rng = Rng(0x7469_6469_6e67_7321);

    // Deep MIME nesting.
    for depth in [2, 5, 10, 50, 100, 500, 1000, 5000, 20000] {
        let mut body = String::new();
        for d in 0..depth {
            let _ = write!(
                body,
                "--b{d}\r\nContent-Type: multipart/mixed; boundary=\"b{}\"\r\n\r\n",
                d + 1
            );
        }
        body.push_str(&format!(
            "--b{depth}\r\nContent-Type: text/plain\r\n\r\ndeep\r\n"
        ));
        for d in (0..=depth).rev() {
            let _ = write!(body, "--b{d}--\r\n");
        }
        add(
            format!("multipart nested {depth} deep"),
            msg(
                &format!("nested {depth}"),
                "Content-Type: multipart/mixed; boundary=\"b0\"\r\n",
                body.as_bytes(),
            ),
        );
    }
    for depth in [10, 100, 1000, 5000] {
        let mut inner = b"From: a@b.test\r\nSubject: innermost\r\n\r\ncore\r\n".to_vec();
        for d in 0..depth {
            let mut wrap = format!(
                "From: a@b.test\r\nSubject: layer {d}\r\nContent-Type: message/rfc822\r\n\r\n"
            )
            .into_bytes();
            wrap.extend_from_slice(&inner);
            inner = wrap;
        }
        add(format!("message/rfc822 nested {depth} deep"), inner);
    }
    for (parts, kind) in [
        (10_000, "mixed"),
        (20_000, "alternative"),
        (3000, "related"),
    ] {
        let mut body = String::new();
        for i in 0..parts {
            let _ = write!(body, "--s\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n");
        }
        body.push_str("--s--\r\n");
        add(
            format!("{parts} sibling parts in multipart/{kind}"),
            msg(
                "many parts",
                &format!("Content-Type: multipart/{kind}; boundary=s\r\n"),
                body.as_bytes(),
            ),
        );
    }

    // Big messages.
    if big {
        let attachment: Vec<u8> = rng.bytes(50 * 1024 * 1024);
        let mut body = b"--B\r\nContent-Type: text/plain\r\n\r\nSee the attachment.\r\n--B\r\n\
Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=big.bin\r\n\
Content-Transfer-Encoding: base64\r\n\r\n"
            .to_vec();
        body.extend_from_slice(&base64_lines(&attachment, 76));
        body.extend_from_slice(b"--B--\r\n");
        add(
            "a 50 MB attachment".into(),
            msg(
                "50 MB",
                "Content-Type: multipart/mixed; boundary=B\r\n",
                &body,
            ),
        );
        let body = base64_lines(&attachment[..20 * 1024 * 1024], 0);
        add(
            "a 20 MB base64 body on one line".into(),
            msg(
                "one long line",
                "Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n",
                &body,
            ),
        );
        let text: Vec<u8> = (0..20 * 1024 * 1024)
            .map(|i| {
                if i % 97 == 96 {
                    b'\n'
                } else {
                    b'a' + (i % 26) as u8
                }
            })
            .collect();
        add(
            "a 20 MB text body".into(),
            msg("20 MB of text", "Content-Type: text/plain\r\n", &text),
        );
    }

    // Megabyte-long header lines and header floods.
    let mb = 1024 * 1024;
    add(
        "a 1 MB unfolded subject".into(),
        msg(&"s".repeat(mb), "", b"body\r\n"),
    );
    add(
        "a 1 MB subject folded into 100k lines".into(),
        msg(&"word\r\n ".repeat(100_000), "", b"body\r\n"),
    );
    add(
        "a 1 MB display name".into(),
        format!(
            "From: \"{}\" <x@example.test>\r\nSubject: name\r\n\r\nbody\r\n",
            "n".repeat(mb)
        )
        .into_bytes(),
    );
    let mut many = String::new();
    for i in 0..100_000 {
        let _ = write!(many, "X-Header-{i}: value {i}\r\n");
    }
    add(
        "100k header fields".into(),
        msg("many headers", &many, b"body\r\n"),
    );
    let to: Vec<String> = (0..50_000).map(|i| format!("u{i}@example.test")).collect();
    add(
        "50k recipients".into(),
        msg(
            "many recipients",
            &format!("Cc: {}\r\n", to.join(", ")),
            b"body\r\n",
        ),
    );
    let refs: Vec<String> = (0..100_000)
        .map(|i| format!("<r{i}@example.test>"))
        .collect();
    add(
        "100k references".into(),
        msg(
            "many references",
            &format!(
                "References: {}\r\nIn-Reply-To: {}\r\n",
                refs.join(" "),
                refs[0]
            ),
            b"body\r\n",
        ),
    );
    add(
        "a 1 MB encoded-word subject".into(),
        msg(&"=?UTF-8?B?w6nDqcOp?= ".repeat(50_000), "", b"body\r\n"),
    );
    let params: String = (0..10_000).map(|i| format!("; p{i}=v{i}")).collect();
    add(
        "10k content-type parameters".into(),
        msg(
            "params",
            &format!("Content-Type: text/plain{params}\r\n"),
            b"body\r\n",
        ),
    );
    let continuation: String = (0..10_000)
        .map(|i| format!(";\r\n filename*{i}*=UTF-8''part{i}"))
        .collect();
    add(
        "a filename in 10k RFC 2231 pieces".into(),
        msg(
            "rfc2231",
            "Content-Type: multipart/mixed; boundary=B\r\n",
            format!(
                "--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment{continuation}\r\n\r\nxx\r\n--B--\r\n"
            )
            .as_bytes(),
        ),
    );
    add(
        "a 1 MB header name".into(),
        format!("{}: value\r\nSubject: x\r\n\r\nbody\r\n", "H".repeat(mb)).into_bytes(),
    );
    add(
        "a 1 MB header line without a colon".into(),
        format!("Subject: x\r\n{}\r\n\r\nbody\r\n", "h".repeat(mb)).into_bytes(),
    );

    // Broken transfer encodings, in a text part, an HTML part and an attachment.
    let encodings: [(&str, &str, &[u8]); 9] = [
        (
            "base64 with garbage",
            "base64",
            b"SGVsbG8*&^%$#@!!!~~~\r\nV29y bGQ=\r\n=====\r\n",
        ),
        (
            "base64 cut short",
            "base64",
            b"SGVsbG8gV29ybGQgaXMgY3V0IHNob3J0IGhlcmUgYW5kIG5vdyB0aGU",
        ),
        (
            "base64 of NUL bytes",
            "base64",
            b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n",
        ),
        (
            "quoted-printable with bad escapes",
            "quoted-printable",
            b"caf=E9 =ZZ =4 =\r\n=G0=\r\n= = ==",
        ),
        (
            "quoted-printable ending in a soft break",
            "quoted-printable",
            b"line=\r\nline=",
        ),
        (
            "8-bit in a 7bit part",
            "7bit",
            b"\xff\xfe\xfd 8-bit \x80\x81\r\n",
        ),
        ("an unknown transfer encoding", "x-made-up", b"whatever\r\n"),
        (
            "uuencode",
            "x-uuencode",
            b"begin 644 f\r\n#0V%T\r\n`\r\nend\r\n",
        ),
        ("binary with a NUL", "binary", b"a\x00b\x00c\r\n"),
    ];
    for (what, cte, data) in encodings {
        for (part, ctype) in [
            ("text", "text/plain; charset=utf-8"),
            ("html", "text/html; charset=utf-8"),
            ("attachment", "application/octet-stream"),
        ] {
            let mut body = format!(
                "--E\r\nContent-Type: {ctype}\r\nContent-Transfer-Encoding: {cte}\r\n\
Content-Disposition: {}\r\n\r\n",
                if part == "attachment" {
                    "attachment; filename=\"f.bin\""
                } else {
                    "inline"
                }
            )
            .into_bytes();
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n--E--\r\n");
            add(
                format!("{what}, in the {part} part"),
                msg(what, "Content-Type: multipart/mixed; boundary=E\r\n", &body),
            );
        }
    }

    // Wrong and absurd charsets.
    let long_charset = "c".repeat(10_000);
    let charsets = [
        "utf-8",
        "us-ascii",
        "iso-8859-1",
        "windows-1252",
        "utf-7",
        "utf-16",
        "utf-16le",
        "utf-32",
        "shift_jis",
        "euc-jp",
        "iso-2022-jp",
        "gb2312",
        "gb18030",
        "big5",
        "euc-kr",
        "koi8-r",
        "x-unknown",
        "",
        "../../etc/passwd",
        long_charset.as_str(),
    ];
    let bodies: [(&str, Vec<u8>); 3] = [
        (
            "invalid UTF-8",
            b"caf\xc3 \xc3\x28 \xa0\xa1 \xf0\x28\x8c\x28\r\n".to_vec(),
        ),
        ("Latin-1", b"Gr\xfc\xdfe aus K\xf6ln\r\n".to_vec()),
        ("random bytes", rng.bytes(4096)),
    ];
    for cs in charsets {
        let label: String = cs.chars().take(24).collect();
        for (what, data) in &bodies {
            for ctype in ["text/plain", "text/html"] {
                add(
                    format!("{what} declared as {ctype} charset {label:?}"),
                    msg(
                        "charset",
                        &format!("Content-Type: {ctype}; charset=\"{cs}\"\r\n"),
                        data,
                    ),
                );
            }
        }
        add(
            format!("an encoded-word in charset {label:?}"),
            msg(
                &format!("=?{cs}?B?wOHi4+Tl5ufo6err7O3u7w==?= =?{cs}?Q?=FF=FE=00?="),
                "",
                b"body\r\n",
            ),
        );
    }

    // NUL bytes everywhere.
    let nul_cases: [(&str, Vec<u8>); 7] = [
        ("in a header name", b"Sub\x00ject: x\r\nFrom: a@b.test\r\n\r\nbody\r\n".to_vec()),
        ("in a header value", b"Subject: a\x00b\x00c\r\nFrom: a\x00@b.test\r\n\r\nbody\r\n".to_vec()),
        ("in the body", msg("nul body", "", b"one\x00two\x00\x00three\r\n")),
        (
            "in the boundary",
            msg(
                "nul boundary",
                "Content-Type: multipart/mixed; boundary=\"a\x00b\"\r\n",
                b"--a\x00b\r\nContent-Type: text/plain\r\n\r\nx\r\n--a\x00b--\r\n",
            ),
        ),
        (
            "in a file name",
            msg(
                "nul name",
                "Content-Type: multipart/mixed; boundary=B\r\n",
                b"--B\r\nContent-Disposition: attachment; filename=\"evil\x00.txt.exe\"\r\n\r\nx\r\n--B--\r\n",
            ),
        ),
        ("decoded from an encoded-word", msg("=?utf-8?Q?a=00b?=", "", b"body\r\n")),
        ("a megabyte of them", vec![0u8; mb]),
    ];
    for (what, raw) in nul_cases {
        add(format!("NUL bytes {what}"), raw);
    }

    // Missing and malformed boundaries.
    let boundary_cases: [(&str, String, String); 11] = [
        ("no boundary parameter", "multipart/mixed".into(), "--x\r\n\r\nbody\r\n--x--\r\n".into()),
        ("a boundary that never comes", "multipart/mixed; boundary=never".into(), "just text\r\n".repeat(1000)),
        ("no closing boundary", "multipart/mixed; boundary=B".into(), "--B\r\nContent-Type: text/plain\r\n\r\nopen\r\n".into()),
        ("an empty boundary", "multipart/mixed; boundary=\"\"".into(), "--\r\n\r\nx\r\n----\r\n".into()),
        ("a 1000-character boundary", format!("multipart/mixed; boundary=\"{}\"", "b".repeat(1000)), format!("--{0}\r\n\r\nx\r\n--{0}--\r\n", "b".repeat(1000))),
        ("a boundary that prefixes content", "multipart/mixed; boundary=a".into(), "--a\r\n\r\n--ab --a- --aa\r\n--a\r\n\r\nmore\r\n--a--\r\n".into()),
        ("nested parts reusing the boundary", "multipart/mixed; boundary=R".into(), "--R\r\nContent-Type: multipart/mixed; boundary=R\r\n\r\n--R\r\n\r\ninner\r\n--R--\r\n--R--\r\n".into()),
        ("bare LF line ends", "multipart/mixed; boundary=L".into(), "--L\nContent-Type: text/plain\n\nlf\n--L--\n".into()),
        ("bare CR line ends", "multipart/mixed; boundary=C".into(), "--C\rContent-Type: text/plain\r\rcr\r--C--\r".into()),
        ("a hundred thousand empty parts", "multipart/mixed; boundary=e".into(), "--e\r\n".repeat(100_000)),
        ("a quoted boundary with spaces", "multipart/mixed; boundary=\"a b c\"".into(), "--a b c\r\n\r\nspaced\r\n--a b c--\r\n".into()),
    ];
    for (what, ctype, body) in boundary_cases {
        add(
            format!("boundaries: {what}"),
            msg(what, &format!("Content-Type: {ctype}\r\n"), body.as_bytes()),
        );
    }

    // HTML and quoting bombs.
    let html_cases: [(&str, String); 16] = [
        ("100k nested divs", "<div>".repeat(100_000) + "deep"),
        ("100k nested blockquotes", "<blockquote>".repeat(100_000) + "deep"),
        ("50k nested lists", "<ul><li>".repeat(50_000) + "deep"),
        ("100k nested bold", "<b>".repeat(100_000) + "deep"),
        ("100k unclosed links", "<a href=\"https://a.test/\">x".repeat(100_000)),
        ("a million entities", "&amp;&#x41;&nbsp;".repeat(350_000)),
        ("a 1 MB attribute", format!("<a href=\"https://x.test/{}\">x</a>", "a".repeat(mb))),
        ("an unclosed comment", format!("<!-- {}", "c".repeat(mb))),
        ("scripts inside scripts", "<script><script>alert(1)</script></script><p>after</p>".repeat(1000)),
        ("event handlers and svg", "<svg onload=alert(1)><script>x()</script></svg><img src=x onerror=alert(1)><body onload=alert(2)>".repeat(1000)),
        ("an unclosed style", format!("<style>{}", "p{}".repeat(300_000))),
        ("10k remote images", "<img src=\"https://tracker.test/p.gif?id=1\">".repeat(10_000)),
        ("10k javascript links", "<a href=\"javascript:alert(1)\">click</a> ".repeat(10_000)),
        ("100k line breaks", "<br>".repeat(100_000)),
        ("a 1 MB pre line", format!("<pre>{}</pre>", "p".repeat(mb))),
        ("a 10k-row table", "<tr><td>a</td><td>b</td></tr>".repeat(10_000)),
    ];
    for (what, html) in html_cases {
        add(
            format!("HTML: {what}"),
            msg(
                what,
                "Content-Type: text/html; charset=utf-8\r\n",
                html.as_bytes(),
            ),
        );
    }
    let text_cases: [(&str, String); 7] = [
        (
            "100k lines quoted 200 deep",
            format!("{}text\r\n", ">".repeat(200)).repeat(100_000),
        ),
        ("a 1 MB line", "t".repeat(mb)),
        ("a million links", "https://a.test/x ".repeat(60_000)),
        (
            "link prefixes without links",
            "http:// https:// mailto: ".repeat(40_000),
        ),
        (
            "a link with a million parentheses",
            format!("https://a.test/{}", "(".repeat(mb)),
        ),
        (
            "a link closed a million times",
            format!("https://a.test/{}", ")".repeat(mb)),
        ),
        (
            "alternating quote depths",
            (0..50_000)
                .map(|i| format!("{}q\r\n", ">".repeat(i % 40)))
                .collect(),
        ),
    ];
    for (what, text) in text_cases {
        add(
            format!("text: {what}"),
            msg(
                what,
                "Content-Type: text/plain; charset=utf-8\r\n",
                text.as_bytes(),
            ),
        );
    }

    // Address bombs and deceptive senders.
    let address_cases: [(&str, String); 9] = [
        ("100k nested groups", format!("From: {}a@b.test{}\r\n", "g:".repeat(100_000), ";".repeat(100_000))),
        ("an unbalanced quote", format!("From: \"{} <a@b.test>\r\n", "q".repeat(mb))),
        ("100k nested comments", format!("From: a@b.test {}\r\n", "(".repeat(100_000))),
        ("a 1 MB local part", format!("From: {}@b.test\r\n", "l".repeat(mb))),
        ("a name hiding another address", "From: \"support@bank.test\" <x@evil.test>\r\n".into()),
        ("a mixed-script domain", "From: PayPal <service@p\u{430}ypal.test>\r\nReply-To: billing@\u{430}\u{440}\u{440}\u{4cf}\u{435}.test\r\n".into()),
        ("bidi controls in the name", "From: \"\u{202e}moc.knab\u{202c} Support\" <x@evil.test>\r\n".into()),
        ("1000 From addresses", format!("From: {}\r\n", (0..1000).map(|i| format!("f{i}@x.test")).collect::<Vec<_>>().join(", "))),
        ("no address at all", "From: ;;;,,,<<<>>>\r\n".into()),
    ];
    for (what, from) in address_cases {
        let mut m = from.into_bytes();
        m.extend_from_slice(b"To: alice@example.test\r\nSubject: addresses\r\n\r\nbody\r\n");
        add(format!("addresses: {what}"), m);
    }

    // Hostile attachment names.
    let names = [
        "../../../../etc/passwd",
        "..\\..\\Windows\\System32\\drivers\\etc\\hosts",
        "/etc/shadow",
        "C:\\boot.ini",
        "..",
        ".",
        "CON",
        "nul.txt",
        "COM1.pdf",
        "LPT9",
        "invoice\u{202e}fdp.exe",
        "report.pdf                                        .exe",
        "a\u{200b}b\u{feff}c.js",
        "tab\there\nnewline.txt",
        ".bashrc",
        "name.",
        "trailing space ",
        "?*:<>|\".txt",
        "",
    ];
    for name in names {
        let label: String = name.escape_debug().to_string().chars().take(40).collect();
        add(
            format!("attachment named {label}"),
            msg(
                "hostile name",
                "Content-Type: multipart/mixed; boundary=N\r\n",
                format!(
                    "--N\r\nContent-Type: text/plain\r\n\r\nsee\r\n--N\r\n\
Content-Type: application/octet-stream; name=\"{name}\"\r\n\
Content-Disposition: attachment; filename=\"{name}\"\r\n\r\ndata\r\n--N--\r\n"
                )
                .as_bytes(),
            ),
        );
    }
    add(
        "a 10k-character attachment name".into(),
        msg(
            "long name",
            "Content-Type: multipart/mixed; boundary=N\r\n",
            format!(
                "--N\r\nContent-Disposition: attachment; filename=\"{}.exe\"\r\n\r\nx\r\n--N--\r\n",
                "n".repeat(10_000)
            )
            .as_bytes(),
        ),
    );

    // Dates nobody wrote.
    for date in [
        "Tue, 1 Jul 99999 10:52:37 +0200",
        "Tue, 1 Jul -2025 10:52:37 +0200",
        "Fri, 31 Feb 2025 25:61:61 +9999",
        "0",
        "",
        "Thu, 01 Jan 1970 00:00:00 -2400",
        "Sun, 7 Feb 2106 06:28:16 +0000",
        "yesterday at noon",
        "Mon, 1 Jan 0001 00:00:00 +0000",
        "9999999999999999999999",
    ] {
        add(
            format!("the date {date:?}"),
            format!("From: a@b.test\r\nSubject: date\r\nDate: {date}\r\n\r\nbody\r\n").into_bytes(),
        );
    }

    // Garbage.
    for seed in 0..3u64 {
        let mut r = Rng(0x9e37_79b9_7f4a_7c15 ^ (seed + 1));
        for size in [0usize, 1, 10, 100, 1000, 10_000, 100_000, mb] {
            add(
                format!("random bytes, {size} of them, seed {seed}"),
                r.bytes(size),
            );
        }
    }
    add("0xFF bytes".into(), vec![0xff; mb]);
    add(
        "only a header".into(),
        b"Subject: nothing after me".to_vec(),
    );
    add(
        "no blank line after the headers".into(),
        b"Subject: x\r\nFrom: a@b.test\r\nbody without a separator\r\n".to_vec(),
    );
    add("a million empty lines".into(), b"\r\n".repeat(mb));
    add(
        "headers continued forever".into(),
        format!("Subject: x\r\n{}", " more\r\n".repeat(150_000)).into_bytes(),
    );

    // Mixtures: random pieces of the above put together.
    let pieces: Vec<&[u8]> = vec![
        b"--B\r\n",
        b"--B--\r\n",
        b"Content-Type: multipart/mixed; boundary=B\r\n",
        b"Content-Type: text/html; charset=iso-2022-jp\r\n",
        b"Content-Transfer-Encoding: base64\r\n",
        b"Content-Transfer-Encoding: quoted-printable\r\n",
        b"Content-Type: message/rfc822\r\n",
        b"Content-Disposition: attachment; filename*=UTF-8''..%2F%00x\r\n",
        b"\r\n",
        b"<blockquote><ul><li><b><a href='javascript:x'>",
        b"=?utf-8?B?AAAA?= =?gb18030?Q?=81=30?=",
        b"\x00\xff\x1b[2J",
        b"> > > > >\r\n",
        b"From: \"a@b.test\" <c@d.test>\r\n",
        b"SGVsbG8gV29ybGQ=\r\n",
        b"=E9=\r\n",
    ];
    for i in 0..60 {
        let mut m = format!("{HEAD}Subject: mixture {i}\r\n").into_bytes();
        for _ in 0..(20 + rng.below(200)) {
            let p = pieces[rng.below(pieces.len())];
            for _ in 0..(1 + rng.below(20)) {
                m.extend_from_slice(p);
            }
        }
        add(format!("mixture {i}"), m);
    }
    out
}

#[test]
fn the_corpus_is_a_few_hundred_distinct_messages() {
    let corpus = corpus(false);
    assert!(corpus.len() >= 300, "{}", corpus.len());
    let mut names: Vec<&str> = corpus.iter().map(|h| h.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), corpus.len(), "every message has its own name");
}
