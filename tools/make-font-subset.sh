#!/usr/bin/env bash
# Regenerates assets/fonts/ClinoteOGSansJP-Bold.otf, the font that crates/site/src/og_image embeds to
# draw link-card (OG) images.
#
# It is a subset of Noto Sans CJK JP Bold (SIL OFL 1.1) to the characters that article titles,
# clinic names and author names use, renamed to "Clinote OG Sans JP" (see assets/fonts/README.md
# for why). The output is byte-identical for the same source font and fontTools version.
#
# Requirements:
#   apt-get install -y fonts-noto-cjk        # 1:20220127+repack1-1 (Noto Sans CJK 2.004)
#   pip install fonttools==4.68.0
#
# Usage (from anywhere): bash tools/make-font-subset.sh
# Environment: SRC=path/to/NotoSansCJK-Bold.ttc to use another copy of the same file.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="${SRC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc}"
OUT="$ROOT/assets/fonts/ClinoteOGSansJP-Bold.otf"
# sha256 of NotoSansCJK-Bold.ttc in Debian's fonts-noto-cjk 1:20220127+repack1-1.
SRC_SHA256="faa5f3656a78b2e2d450d27fe8382c778bc2b6bb5ea29c986664a6a435056ceb"
FONTTOOLS_VERSION="4.68.0"

if [[ ! -f "$SRC" ]]; then
    echo "error: $SRC not found; run: apt-get install -y fonts-noto-cjk" >&2
    exit 1
fi
actual="$(sha256sum "$SRC" | cut -d' ' -f1)"
if [[ "$actual" != "$SRC_SHA256" ]]; then
    echo "warning: $SRC has sha256 $actual, not $SRC_SHA256;" \
        "the subset will differ from the committed one" >&2
fi
if ! python3 -c 'import fontTools' 2>/dev/null; then
    echo "error: fontTools not installed; run: pip install fonttools==$FONTTOOLS_VERSION" >&2
    exit 1
fi
have="$(python3 -c 'import fontTools; print(fontTools.version)')"
if [[ "$have" != "$FONTTOOLS_VERSION" ]]; then
    echo "warning: fontTools $have, not $FONTTOOLS_VERSION; the output may differ in bytes" >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. The character list, one hex code point a line.
python3 - "$work/unicodes.txt" <<'PY'
import sys

cps = set()

def block(lo, hi):
    cps.update(range(lo, hi + 1))

block(0x0020, 0x007E)  # ASCII
block(0x00A0, 0x00FF)  # Latin-1: é ü © ® ° ± × ÷ ² ³ µ ·
block(0x2000, 0x206F)  # General Punctuation: – — ‘ ’ “ ” † ‡ • ‥ … ‰ ′ ″ ※ ‼
block(0x2070, 0x209F)  # superscripts and subscripts
block(0x2100, 0x214F)  # letterlike: ℃ № ℡ ™ Ω
block(0x2150, 0x218F)  # number forms: ⅓ Ⅰ Ⅱ Ⅲ ⅰ
block(0x2190, 0x21FF)  # arrows: → ← ↑ ↓ ⇒ ⇔
block(0x2200, 0x22FF)  # maths: ≒ ≠ ≦ ≧ ∞ ∴ √
block(0x2460, 0x24FF)  # enclosed alphanumerics: ① ② ⑳ Ⓐ
block(0x2500, 0x257F)  # box drawing
block(0x25A0, 0x25FF)  # geometric shapes: ■ □ ◆ ◇ ○ ● ◎ △ ▲ ▽ ▼
block(0x2600, 0x26FF)  # miscellaneous symbols: ☀ ☁ ★ ☆ ♪ (those the font has)
block(0x2700, 0x27BF)  # dingbats: ✓ ✔ ❶ (those the font has)
block(0x3000, 0x303F)  # CJK symbols and punctuation: 、 。 「 」 『 』 【 】 〜 〇 々 〒
block(0x3040, 0x309F)  # hiragana, small kana, ゛ ゜ ゝ ゞ
block(0x30A0, 0x30FF)  # katakana, small kana, ・ ー ヽ ヾ
block(0x31F0, 0x31FF)  # katakana phonetic extensions (small ㇰ ㇱ …)
block(0x3200, 0x32FF)  # enclosed CJK: ㈱ ㈲ ㊤ ㊥ ㊦ ㊧ ㊨
block(0x3300, 0x33FF)  # CJK compatibility: ㍉ ㌔ ㎝ ㎏ ㎎ ㏄ ㍻
block(0xFF00, 0xFFEF)  # full-width ASCII, half-width katakana
block(0xFFFD, 0xFFFD)  # replacement character

# Every double-byte character of Windows-31J (CP932): all of JIS X 0208 (non-kanji rows 1-8,
# kanji level 1 rows 16-47 and level 2 rows 48-84), NEC special characters (row 13) and the
# NEC/IBM extension kanji that names use (髙 﨑 德 …).
for lead in list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD)):
    for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFD)):
        try:
            s = bytes([lead, trail]).decode("cp932")
        except UnicodeDecodeError:
            continue
        cps.update(ord(c) for c in s)

# JIS X 0208 code points that CP932 maps elsewhere (〜 ‖ − ¢ £ ¬ are the JIS mappings).
cps.update([0x301C, 0x2016, 0x2212, 0x2014])
# 常用漢字 (2010) not in JIS X 0208: 𠮟 剝 頰 塡, and 𠮷 (吉 as many family names write it).
cps.update([0x20B9F, 0x525D, 0x9830, 0x5861, 0x20BB7])

with open(sys.argv[1], "w") as f:
    for cp in sorted(cps):
        f.write(f"{cp:04X}\n")
PY

# 2. The subset, renamed, in one fontTools run:
#    - only the JP face (index 0) of the collection;
#    - the cmap format-14 table (ideographic variation sequences) is dropped before subsetting:
#      its variant glyphs would double the size, and titles don't use IVS;
#    - 'locl' is dropped: in the JP face the default glyphs are the Japanese forms already, and
#      its locl lookups would pull in thousands of Korean and Chinese forms;
#    - vertical features and tables go (cards are set horizontally), and so do hints (resvg
#      draws outlines unhinted);
#    - the family is renamed (OFL: this is a Modified Version; see assets/fonts/README.md).
#      The copyright notice (name ID 0) and the licence (IDs 13, 14) stay as they are.
python3 - "$SRC" "$work/unicodes.txt" "$OUT" <<'PY'
import sys
from fontTools import subset
from fontTools.ttLib import TTFont

src, unicodes, out = sys.argv[1], sys.argv[2], sys.argv[3]
# recalcTimestamp=False keeps the source's head.modified, so the output is reproducible.
font = TTFont(src, fontNumber=0, recalcTimestamp=False)
font["cmap"].tables = [t for t in font["cmap"].tables if t.format != 14]

options = subset.Options()
vertical = {"vert", "vrt2", "vkrn", "vpal", "vhal", "vchw", "valt", "vjmo"}
options.layout_features = [
    f for f in options.layout_features if f not in vertical and f != "locl"
]
options.drop_tables += ["vhea", "vmtx", "VORG"]
options.hinting = False
options.name_IDs = ["*"]
subsetter = subset.Subsetter(options)
with open(unicodes) as f:
    subsetter.populate(unicodes=[int(line, 16) for line in f if line.strip()])
subsetter.subset(font)

family = "Clinote OG Sans JP"
style = "Bold"
ps = "ClinoteOGSansJP-Bold"
name = font["name"]
version = (name.getDebugName(5) or "").split(";")[0]
# Only Windows English names are set below; drop every other copy of the naming IDs (Mac,
# localized) and the typographic-family IDs rather than leave the original family there.
for rec in list(name.names):
    if rec.nameID in (1, 2, 3, 4, 6, 16, 17, 18, 20, 21, 22, 25):
        name.removeNames(nameID=rec.nameID, platformID=rec.platformID,
                         platEncID=rec.platEncID, langID=rec.langID)
name.setName(family, 1, 3, 1, 0x409)
name.setName(style, 2, 3, 1, 0x409)
name.setName(f"{version};{ps};subset of Noto Sans CJK JP Bold", 3, 3, 1, 0x409)
name.setName(f"{family} {style}", 4, 3, 1, 0x409)
name.setName(ps, 6, 3, 1, 0x409)
name.setName(
    "Modified Version (subset, renamed) of Noto Sans CJK JP Bold 2.004 for clinote's "
    "link-card images: JIS X 0208, Windows-31J extensions, kana, punctuation, full-width "
    "forms. Made by tools/make-font-subset.sh.",
    10, 3, 1, 0x409,
)
# The PostScript name inside the CFF table must match name ID 6.
cff = font["CFF "].cff
old = cff.fontNames[0]
cff.fontNames[0] = ps
top = cff.topDictIndex[0]
for attr, value in (("FullName", f"{family} {style}"), ("FamilyName", family),
                    ("CIDFontName", ps)):
    if hasattr(top, attr):
        setattr(top, attr, value)
font.save(out)
print(f"wrote {out}: {len(font.getBestCmap())} characters, {len(font.getGlyphOrder())} glyphs;"
      f" CFF name {old} -> {ps}")
PY
ls -l "$OUT"
sha256sum "$OUT"
