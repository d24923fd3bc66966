#!/usr/bin/env python3
"""Cuts Noto Sans CJK JP down to what Japanese text uses (see README.md).

usage: subset-japanese.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc OUT.otf
Needs fonttools (pip install fonttools).
"""
import subprocess
import sys
import tempfile

RANGES = [
    (0x20, 0x7F), (0xA0, 0x250), (0x2000, 0x2070), (0x2190, 0x2200), (0x2460, 0x2500),
    (0x3000, 0x3100), (0x31F0, 0x3200), (0xFF00, 0xFFF0),
]


def characters():
    chars = {chr(c) for lo, hi in RANGES for c in range(lo, hi)}
    # Every two-byte EUC-JP code is a JIS X 0208 character.
    for b1 in range(0xA1, 0xFF):
        for b2 in range(0xA1, 0xFF):
            try:
                chars.add(bytes([b1, b2]).decode("euc_jp"))
            except UnicodeDecodeError:
                pass
    return "".join(sorted(chars))


def main():
    source, out = sys.argv[1], sys.argv[2]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as text:
        text.write(characters())
        text.flush()
        subprocess.run(
            ["pyftsubset", source, "--font-number=0", f"--text-file={text.name}",
             "--layout-features=*", f"--output-file={out}"],
            check=True,
        )


if __name__ == "__main__":
    main()
