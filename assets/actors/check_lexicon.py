#!/usr/bin/env python3
"""Sanity checks for the actor lexicons (assets/actors/*.json).

Usage: python3 assets/actors/check_lexicon.py [FILE ...]   (default: world.json)

Checks: JSON parses; ids unique, ASCII kebab-case; kinds valid; names present;
no Arabic one-word alias shorter than 3 letters; no blocked trap word as an
alias; no strong form (name or alias) shared by two different ids after the
same normalisation the matcher applies (harakat/tatweel removed, hamza forms
to bare alef, ى→ي, ة→ه, Persian ی ک, leading ال on each word, Latin
lowercased). Prints counts per kind, weak (context) overlaps for review, and
exits 1 on any hard failure.
"""
import json
import os
import re
import sys
from collections import defaultdict

KINDS = {"person", "organization", "country"}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC = re.compile("[\u0600-\u06ff]")

# Words that must never be a strong alias: bare titles, common words, nisbas.
BLOCKED = {
    "الرئيس", "الملك", "الأمير", "الشيخ", "السلطان", "الوزير", "رئيس", "ملك",
    "أمير", "شيخ", "ولي العهد", "رئيس الوزراء", "كيف", "أمل", "عمر", "الأمين",
    "علي", "محمد", "حسن", "حسين", "أحمد", "صالح", "عباس", "سلمان", "عون",
    "بري", "مالي", "عمان", "الجزيرة", "العربية", "القاعدة", "فتح", "الأسد",
    "الشرع", "آبي", "أبل", "آبل", "لولا", "سلام", "هادي", "مبارك", "مرسي",
    "قاسم", "رئيسي", "روحاني", "ظريف", "الروسي", "الأمريكية", "الأمريكي",
    "الإسرائيلي", "الاحتلال", "المملكة", "الجمهورية", "الدولة", "الحكومة",
    "الإخوان", "الشباب", "الحوثي", "فارس", "تسنيم", "البشير", "الصدر",
}


# Country ids world.json must cover: the 193 UN members plus commonly named others.
WORLD_COUNTRIES = """
afghanistan albania algeria andorra angola antigua-and-barbuda argentina
armenia australia austria azerbaijan bahamas bahrain bangladesh barbados
belarus belgium belize benin bhutan bolivia bosnia-and-herzegovina botswana
brazil brunei bulgaria burkina-faso burundi cape-verde cambodia cameroon
canada central-african-republic chad chile china colombia comoros
republic-of-the-congo costa-rica ivory-coast croatia cuba cyprus
czech-republic dr-congo denmark djibouti dominica dominican-republic ecuador
egypt el-salvador equatorial-guinea eritrea estonia eswatini ethiopia fiji
finland france gabon gambia georgia germany ghana greece grenada guatemala
guinea guinea-bissau guyana haiti honduras hungary iceland india indonesia
iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya
kiribati kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali
malta marshall-islands mauritania mauritius mexico micronesia moldova monaco
mongolia montenegro morocco mozambique myanmar namibia nauru nepal
netherlands new-zealand nicaragua niger nigeria north-korea north-macedonia
norway oman pakistan palau panama papua-new-guinea paraguay peru philippines
poland portugal qatar south-korea romania russia rwanda
saint-kitts-and-nevis saint-lucia saint-vincent-and-the-grenadines samoa
san-marino sao-tome-and-principe saudi-arabia senegal serbia seychelles
sierra-leone singapore slovakia slovenia solomon-islands somalia
south-africa south-sudan spain sri-lanka sudan suriname sweden switzerland
syria tajikistan tanzania thailand east-timor togo tonga trinidad-and-tobago
tunisia turkey turkmenistan tuvalu uganda ukraine uae united-kingdom
united-states uruguay uzbekistan vanuatu venezuela vietnam yemen zambia
zimbabwe palestine taiwan kosovo western-sahara vatican
""".split()


def norm(s):
    """Normalise a surface form the way the matcher compares text."""
    s = HARAKAT.sub("", s)
    s = (s.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
          .replace("ٱ", "ا").replace("ى", "ي").replace("ة", "ه")
          .replace("ی", "ي").replace("ک", "ك"))
    s = s.lower()
    s = re.sub(r"[\-_'’‘\".,()]", " ", s)
    words = []
    for w in s.split():
        if ARABIC.search(w) and w.startswith("ال") and len(w) > 3:
            w = w[2:]
        words.append(w)
    return " ".join(words)


def check(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    actors = data["actors"]
    errors, warnings = [], []
    ids = set()
    strong = defaultdict(set)   # normalised form -> ids (names + aliases)
    weak = defaultdict(set)     # normalised form -> ids (context_aliases)
    blocked = {norm(b) for b in BLOCKED}
    counts = defaultdict(int)
    for a in actors:
        aid = a.get("id", "")
        if not ID_RE.match(aid):
            errors.append(f"bad id: {aid!r}")
        if aid in ids:
            errors.append(f"duplicate id: {aid}")
        ids.add(aid)
        if a.get("kind") not in KINDS:
            errors.append(f"{aid}: bad kind {a.get('kind')!r}")
        counts[a.get("kind")] += 1
        name = a.get("name", {})
        if not name.get("ar") or not name.get("en"):
            errors.append(f"{aid}: missing name.ar or name.en")
        if not a.get("note"):
            warnings.append(f"{aid}: empty note")
        for key in ("aliases", "context_aliases"):
            if not isinstance(a.get(key), list):
                errors.append(f"{aid}: {key} must be a list")
        forms = [("name", name.get("ar", "")), ("name", name.get("en", ""))]
        forms += [("alias", x) for x in a.get("aliases", [])]
        forms += [("context", x) for x in a.get("context_aliases", [])]
        for field, form in forms:
            n = norm(form)
            if not n:
                errors.append(f"{aid}: empty {field} form {form!r}")
                continue
            if ARABIC.search(n) and " " not in n and len(n) < 3:
                errors.append(f"{aid}: Arabic {field} shorter than 3 letters: {form!r}")
            if field != "context" and n in blocked:
                errors.append(f"{aid}: blocked word as strong form: {form!r}")
            (weak if field == "context" else strong)[n].add(aid)
    for n, who in sorted(strong.items()):
        if len(who) > 1:
            errors.append(f"strong collision {n!r}: {sorted(who)}")
    for n, who in sorted(weak.items()):
        others = (strong.get(n, set()) | who)
        if len(others) > 1:
            warnings.append(f"context overlap {n!r}: {sorted(others)}")
    if os.path.basename(path) == "world.json":
        have = {a.get("id") for a in actors if a.get("kind") == "country"}
        for cid in WORLD_COUNTRIES:
            if cid not in have:
                errors.append(f"missing country: {cid}")
    print(f"{path}: {len(actors)} actors " +
          ", ".join(f"{k}={counts[k]}" for k in sorted(counts)))
    for w in warnings:
        print("  warn:", w)
    for e in errors:
        print("  ERROR:", e)
    return not errors


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    paths = sys.argv[1:] or [os.path.join(here, "world.json")]
    ok = all([check(p) for p in paths])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
