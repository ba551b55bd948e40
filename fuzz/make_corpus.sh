#!/usr/bin/env bash
# Build the seed corpus for the `layout` fuzz target in fuzz/corpus/layout/ (gitignored).
# Each seed is 2 header bytes (width, flags: see fuzz_targets/layout.rs) + one paragraph:
# every line of seeds/*.txt under a few headers, plus hostile paragraphs.
set -euo pipefail
cd "$(dirname "$0")"
out=corpus/layout
mkdir -p "$out"

python3 - "$out" ../seeds/*.txt <<'PY'
import hashlib, os, sys

out, files = sys.argv[1], sys.argv[2:]
count = 0

def put(header, text):
    global count
    data = bytes(header) + (text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    count += 1

# Headers: (width, flags). flags bits 0-1: 0 auto, 1 rtl, 2 ltr; bit 2 neutral rtl;
# bit 3 shaping off; bits 4-7 move the style spans.
headers = [(40, 0x00), (24, 0x19), (80, 0x22), (0, 0x08), (7, 0x35), (1, 0x84)]
for path in files:
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(l.rstrip("\n") for l in f):
            if line.strip():
                put(headers[i % len(headers)], line)

hostile = [
    "\u2067" * 200 + "abc" + "\u2069" * 200,          # 200 nested RLI, closed
    "\u2067" * 200 + "abc جد 123",                     # 200 nested RLI, never closed
    "\u202b\u202a" * 100 + "abc جد",                   # deep embeddings (over the 125 limit)
    "\u202eabc جد 123 (x)",                            # unclosed RLO
    "\u202dجد abc\u202c\u202e",                        # LRO, PDF, dangling RLO at the end
    "\u064e\u064b\u0651 \u0652",                       # lone harakat
    "\u064e",                                          # one lone haraka
    "\u200d\u0644\u0627",                              # ZWJ before lam-alef
    "\u200dلا\u200dلأ ب\u200d",                        # ZWJ around lam-alef variants
    "ل\u064e\u0627 ل\u0651\u0627",                     # lam, mark, alef
    "a\x1b[31;1mred\x1b[0m \x1b]52;c;ZXZpbA==\x07b",   # CSI and OSC 52
    "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",        # OSC 8 link with ST
    "a\x1b]0;never ends جد",                           # unterminated OSC
    "x\x9b2Jy\x9d0;t\x9cz\x90q\x9c",                    # 8-bit CSI, OSC, DCS
    "a\x1bPq#0\x1b\\b\x1bc\x1b(B\x1b",                 # DCS, two-byte escapes, lone ESC
    "a\tb\r\nc\u2028d\u2029e\x0bf\x0cg\x85h",          # paragraph breakers and a tab
    "\u2068\u0627 abc\u2069 \u2066جد\u2069 x",         # FSI / LRI isolates
    "中文 عربي 한국어 \u1100\u1161 👩\u200d👩\u200d👧 🇸🇦",  # wide, jamo, ZWJ emoji, flag
    "\ufeff\u00ad\u180e\u200b\u2060\U000e0041\u061c",  # removed-after-reorder only
    "ـــ \u0640\u064b (([[{<«»>}]])) ١٢٣ 1,234.5%",    # tatweel, mirrored brackets, numbers
    " \u064e" * 30,                                    # spaces carrying marks
    "  \t  ",                                          # whitespace only
    "",
]
for text in hostile:
    for header in [(0, 0x00), (1, 0x01), (5, 0x0a), (40, 0x06)]:
        put(header, text)
put((3, 0x00), b"\xff\xfe\xd9\x84\xd8\xa7\xc0\x80\xed\xa0\x80")  # invalid UTF-8 around lam-alef
print(f"{count} seeds written to {out}")
PY
