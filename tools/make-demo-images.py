#!/usr/bin/env python3
"""Draw the demo site's images: covers, avatars, logo, favicon and inline figures.

Every image is a flat, abstract illustration made of simple shapes. There is no
text in any image, because no font is guaranteed to exist on the build machine.

The output is deterministic: no clock, no unseeded randomness, and Pillow writes
no timestamp chunks, so running the script again gives byte-identical files
(with the same Pillow and zlib versions).

Usage (from anywhere):

    pip install pillow
    python3 tools/make-demo-images.py

Files are written relative to the repository root (the parent of tools/).
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent

# Draw at SS times the final size, then shrink: this gives smooth edges.
SS = 2

# A small shared palette of soft, friendly colours.
C = {
    "cream": (253, 248, 238),
    "white": (255, 255, 255),
    "mint": (214, 240, 228),
    "green": (120, 190, 150),
    "leaf": (88, 160, 118),
    "deep_green": (58, 120, 90),
    "sky": (214, 234, 248),
    "blue": (110, 170, 220),
    "water": (150, 200, 240),
    "navy": (70, 90, 140),
    "lavender": (206, 204, 236),
    "night": (96, 104, 160),
    "moon": (255, 236, 170),
    "peach": (255, 226, 208),
    "coral": (240, 140, 120),
    "pink": (252, 222, 228),
    "rose": (230, 120, 140),
    "lemon": (255, 244, 200),
    "sun": (255, 196, 80),
    "orange": (246, 160, 70),
    "sand": (238, 222, 196),
    "brown": (150, 110, 80),
    "grey": (200, 204, 214),
    "skin": (250, 218, 190),
    "hair_dark": (70, 60, 60),
    "hair_brown": (120, 80, 60),
}


# ── helpers ──────────────────────────────────────────────────────────────


class Canvas:
    """A supersampled drawing surface; coordinates are given at final size."""

    def __init__(self, w, h, bg):
        self.w, self.h = w, h
        self.img = Image.new("RGB", (w * SS, h * SS), bg)
        self.d = ImageDraw.Draw(self.img)

    @staticmethod
    def _s(v):
        return [round(x * SS) for x in v]

    def ellipse(self, box, fill):
        self.d.ellipse(self._s(box), fill=fill)

    def circle(self, cx, cy, r, fill):
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill)

    def rect(self, box, fill, radius=0):
        if radius:
            self.d.rounded_rectangle(self._s(box), radius=round(radius * SS), fill=fill)
        else:
            self.d.rectangle(self._s(box), fill=fill)

    def polygon(self, pts, fill):
        self.d.polygon([(round(x * SS), round(y * SS)) for x, y in pts], fill=fill)

    def line(self, pts, fill, width, round_caps=True):
        spts = [(round(x * SS), round(y * SS)) for x, y in pts]
        self.d.line(spts, fill=fill, width=round(width * SS), joint="curve")
        if round_caps:
            r = width / 2
            for x, y in (pts[0], pts[-1]):
                self.circle(x, y, r, fill)

    def arc(self, box, start, end, fill, width):
        self.d.arc(self._s(box), start, end, fill=fill, width=round(width * SS))

    def pieslice(self, box, start, end, fill):
        self.d.pieslice(self._s(box), start, end, fill=fill)

    def save(self, path, colors=48):
        final = self.img.resize((self.w, self.h), Image.LANCZOS)
        save_png(final, path, colors)


def save_png(img, path, colors=48):
    """Quantize to a small palette (small files) and write an optimised PNG."""
    path = ROOT / path
    path.parent.mkdir(parents=True, exist_ok=True)
    pal = img.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    pal.save(path, format="PNG", optimize=True)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")


def drop(cv, cx, cy, r, fill):
    """A water drop: a circle with a pointed top."""
    cv.circle(cx, cy, r, fill)
    cv.polygon([(cx - r * 0.87, cy - r * 0.5), (cx, cy - r * 2.1), (cx + r * 0.87, cy - r * 0.5)], fill)


def leaf(cv, cx, cy, length, angle_deg, fill, vein=None):
    """A leaf: two arcs meeting at the tips, drawn as a polygon."""
    a = math.radians(angle_deg)
    pts_top, pts_bot = [], []
    n = 24
    for i in range(n + 1):
        t = i / n
        along = (t - 0.5) * length
        side = math.sin(math.pi * t) * length * 0.28
        for sign, acc in ((1, pts_top), (-1, pts_bot)):
            x = cx + along * math.cos(a) - sign * side * math.sin(a)
            y = cy + along * math.sin(a) + sign * side * math.cos(a)
            acc.append((x, y))
    cv.polygon(pts_top + pts_bot[::-1], fill)
    if vein:
        x0 = cx - 0.42 * length * math.cos(a)
        y0 = cy - 0.42 * length * math.sin(a)
        x1 = cx + 0.42 * length * math.cos(a)
        y1 = cy + 0.42 * length * math.sin(a)
        cv.line([(x0, y0), (x1, y1)], vein, max(2, length / 40))


def star(cv, cx, cy, r, fill):
    """A soft four-pointed sparkle."""
    k = r * 0.32
    cv.polygon(
        [(cx, cy - r), (cx + k, cy - k), (cx + r, cy), (cx + k, cy + k),
         (cx, cy + r), (cx - k, cy + k), (cx - r, cy), (cx - k, cy - k)],
        fill,
    )


def cloud(cv, cx, cy, s, fill):
    cv.circle(cx - s * 0.9, cy + s * 0.15, s * 0.55, fill)
    cv.circle(cx - s * 0.2, cy - s * 0.25, s * 0.75, fill)
    cv.circle(cx + s * 0.7, cy + s * 0.05, s * 0.6, fill)
    cv.rect((cx - s * 1.4, cy + s * 0.1, cx + s * 1.3, cy + s * 0.7), fill, radius=s * 0.3)


def heart(cv, cx, cy, s, fill):
    cv.circle(cx - s * 0.5, cy - s * 0.2, s * 0.55, fill)
    cv.circle(cx + s * 0.5, cy - s * 0.2, s * 0.55, fill)
    cv.polygon([(cx - s * 1.03, cy), (cx + s * 1.03, cy), (cx, cy + s * 1.1)], fill)


def dots(cv, rng, n, box, rmin, rmax, colors):
    x0, y0, x1, y1 = box
    for _ in range(n):
        x = rng.uniform(x0, x1)
        y = rng.uniform(y0, y1)
        cv.circle(x, y, rng.uniform(rmin, rmax), rng.choice(colors))


def spine(cv, x, y_top, n, w, h, gap, curve, bone, disc):
    """A stack of rounded blocks (vertebrae) with thin discs between them."""
    for i in range(n):
        t = i / max(1, n - 1)
        dx = math.sin(t * math.pi * 1.6 - 0.4) * curve
        y = y_top + i * (h + gap)
        ww = w * (0.8 + 0.35 * t)
        cv.rect((x + dx - ww / 2, y, x + dx + ww / 2, y + h), bone, radius=h * 0.35)
        if i < n - 1:
            t2 = (i + 0.5) / max(1, n - 1)
            dx2 = math.sin(t2 * math.pi * 1.6 - 0.4) * curve
            dw = ww * 0.7
            cv.rect((x + dx2 - dw / 2, y + h + gap * 0.2, x + dx2 + dw / 2, y + h + gap * 0.8),
                    disc, radius=gap * 0.3)


COVER_W, COVER_H = 1200, 630


def cover(name):
    return f"static/images/covers/{name}.png"


# ── covers (1200×630) ─────────────────────────────────────────────────────


def cover_philosophy():
    cv = Canvas(COVER_W, COVER_H, C["mint"])
    cv.circle(1020, 520, 260, (200, 232, 216))
    cv.circle(150, 90, 180, (200, 232, 216))
    # two speech bubbles facing each other
    cv.rect((300, 150, 620, 350), C["white"], radius=60)
    cv.polygon([(380, 340), (350, 420), (450, 345)], C["white"])
    cv.rect((600, 260, 900, 440), C["cream"], radius=60)
    cv.polygon([(820, 430), (860, 500), (760, 435)], C["cream"])
    for i, x in enumerate((400, 460, 520)):
        cv.circle(x, 250, 16, C["green"] if i != 1 else C["leaf"])
    cv.rect((660, 330, 840, 352), C["sand"], radius=11)
    cv.rect((660, 370, 790, 392), C["sand"], radius=11)
    # leaves in the corners
    leaf(cv, 140, 470, 170, -40, C["green"], C["mint"])
    leaf(cv, 230, 540, 130, -80, C["leaf"], C["mint"])
    leaf(cv, 1050, 140, 150, 30, C["green"], C["mint"])
    cv.save(cover("philosophy"))


def cover_hand_washing():
    cv = Canvas(COVER_W, COVER_H, C["sky"])
    rng = random.Random(2)
    dots(cv, rng, 26, (40, 40, 1160, 590), 10, 34, [C["white"], (232, 244, 252)])
    drop(cv, 600, 360, 120, C["water"])
    cv.circle(560, 330, 30, (200, 228, 248))
    drop(cv, 380, 410, 62, C["blue"])
    drop(cv, 820, 420, 74, C["blue"])
    drop(cv, 930, 260, 40, C["water"])
    drop(cv, 270, 250, 36, C["water"])
    # a soft bar of soap
    cv.rect((470, 520, 730, 580), C["pink"], radius=28)
    cv.save(cover("hand-washing"))


def cover_night_fever():
    cv = Canvas(COVER_W, COVER_H, C["lavender"])
    cv.circle(600, 300, 175, C["moon"])
    cv.circle(680, 250, 160, C["lavender"])  # cut a crescent
    rng = random.Random(3)
    placed = 0
    while placed < 14:
        x, y = rng.uniform(80, 1120), rng.uniform(50, 470)
        if abs(x - 600) < 230 and abs(y - 300) < 230:
            continue  # keep the sparkles away from the moon
        star(cv, x, y, rng.uniform(10, 24), C["white"])
        placed += 1
    # a small cosy blanket hill
    cv.ellipse((250, 480, 950, 800), C["night"])
    cv.ellipse((420, 500, 780, 700), (120, 128, 184))
    cv.save(cover("night-fever"))


def cover_back_pain_posture():
    cv = Canvas(COVER_W, COVER_H, C["mint"])
    cv.circle(900, 320, 230, (200, 232, 216))
    spine(cv, 600, 60, 9, 130, 40, 20, 45, C["white"], C["coral"])
    # soft round stones and leaves: calm, balanced
    cv.ellipse((150, 470, 370, 540), C["green"])
    cv.ellipse((185, 410, 335, 475), (160, 212, 180))
    cv.ellipse((215, 365, 305, 415), C["white"])
    leaf(cv, 1000, 520, 120, -30, C["leaf"], C["mint"])
    leaf(cv, 1080, 450, 90, -75, C["green"], C["mint"])
    cv.save(cover("back-pain-posture"))


def cover_back_pain_stretch():
    cv = Canvas(COVER_W, COVER_H, C["peach"])
    cv.circle(250, 480, 240, (255, 236, 224))
    spine(cv, 600, 60, 9, 130, 40, 20, 25, C["white"], C["green"])
    for r, col in ((330, C["coral"]), (390, (246, 184, 160))):
        cv.arc((600 - r, 315 - r, 600 + r, 315 + r), 200, 250, col, 16)
        cv.arc((600 - r, 315 - r, 600 + r, 315 + r), 290, 340, col, 16)
    cv.save(cover("back-pain-stretch"))


def cover_heatstroke():
    cv = Canvas(COVER_W, COVER_H, C["lemon"])
    cx, cy = 600, 290
    for i in range(12):
        a = math.radians(i * 30)
        cv.line([(cx + 170 * math.cos(a), cy + 170 * math.sin(a)),
                 (cx + 235 * math.cos(a), cy + 235 * math.sin(a))], C["orange"], 26)
    cv.circle(cx, cy, 140, C["sun"])
    drop(cv, 240, 480, 46, C["water"])
    # a glass of water
    cv.polygon([(910, 360), (1030, 360), (1015, 560), (925, 560)], C["white"])
    cv.polygon([(916, 420), (1024, 420), (1015, 552), (925, 552)], C["water"])
    cv.rect((0, 590, 1200, 630), (250, 230, 170))
    cv.save(cover("heatstroke"))


def cover_flu_vaccine():
    cv = Canvas(COVER_W, COVER_H, C["sky"])
    rng = random.Random(7)
    dots(cv, rng, 30, (40, 40, 1160, 590), 6, 16, [C["white"]])
    # a shield
    pts = [(600, 110), (780, 170), (760, 390), (600, 520), (440, 390), (420, 170)]
    cv.polygon(pts, C["blue"])
    cv.polygon([(600, 150), (740, 198), (724, 380), (600, 478), (476, 380), (460, 198)], C["white"])
    cv.rect((575, 230, 625, 410), C["green"], radius=20)
    cv.rect((510, 295, 690, 345), C["green"], radius=20)
    cloud(cv, 230, 470, 90, C["white"])
    cloud(cv, 980, 160, 70, C["white"])
    cv.save(cover("flu-vaccine"))


def cover_year_end():
    cv = Canvas(COVER_W, COVER_H, C["cream"])
    cv.circle(600, 400, 170, (252, 214, 200))
    cv.rect((0, 470, 1200, 630), C["sand"])
    for x, s in ((280, 1.0), (920, 0.85)):
        for k in range(3):
            w = (150 - k * 35) * s
            top = 200 * s + k * 60 * s + (470 - 450 * s)
            cv.polygon([(x, top - 60 * s), (x + w, top + 110 * s), (x - w, top + 110 * s)], C["leaf"])
        cv.rect((x - 18 * s, 470 - 20, x + 18 * s, 500), C["brown"], radius=6)
    rng = random.Random(11)
    dots(cv, rng, 22, (40, 40, 1160, 440), 5, 11, [C["white"], C["grey"]])
    cv.save(cover("year-end"))


def cover_hay_fever():
    cv = Canvas(COVER_W, COVER_H, (226, 242, 220))
    cv.rect((0, 500, 1200, 630), (200, 228, 190))
    for x, s in ((180, 1.0), (330, 0.8), (950, 1.1), (1080, 0.75)):
        for k in range(4):
            w = (90 - k * 18) * s
            top = 500 - 90 * s - k * 70 * s
            cv.polygon([(x, top - 40 * s), (x + w, top + 70 * s), (x - w, top + 70 * s)], C["deep_green"])
        cv.rect((x - 12 * s, 500 - 30 * s, x + 12 * s, 520), C["brown"], radius=5)
    rng = random.Random(13)
    dots(cv, rng, 60, (380, 60, 880, 520), 6, 14, [C["sun"], (250, 220, 120)])
    # a mask-like rounded shape in the middle
    cv.rect((470, 230, 730, 370), C["white"], radius=50)
    cv.line([(500, 280), (700, 280)], C["grey"], 6)
    cv.line([(500, 320), (700, 320)], C["grey"], 6)
    cv.save(cover("hay-fever"))


def cover_sleep():
    cv = Canvas(COVER_W, COVER_H, (200, 210, 240))
    cv.circle(820, 210, 120, C["moon"])
    cv.circle(870, 175, 110, (200, 210, 240))
    rng = random.Random(17)
    for _ in range(10):
        star(cv, rng.uniform(80, 1120), rng.uniform(40, 330), rng.uniform(8, 18), C["white"])
    cloud(cv, 330, 300, 110, C["white"])
    # a pillow
    cv.rect((380, 430, 820, 560), C["cream"], radius=60)
    cv.rect((430, 465, 770, 525), (246, 236, 220), radius=30)
    cv.save(cover("sleep"))


def cover_kids_vaccine():
    cv = Canvas(COVER_W, COVER_H, C["pink"])
    # a calendar of soft blocks, a few highlighted
    x0, y0, cw, ch, g = 300, 130, 80, 64, 14
    cv.rect((x0 - 30, y0 - 70, x0 + 6 * (cw + g) + 16, y0 + 5 * (ch + g) + 20), C["white"], radius=30)
    cv.rect((x0 - 30, y0 - 70, x0 + 6 * (cw + g) + 16, y0 - 20), C["rose"], radius=30)
    cv.rect((x0 - 30, y0 - 45, x0 + 6 * (cw + g) + 16, y0 - 20), C["rose"])
    marks = {(0, 1): C["blue"], (2, 1): C["blue"], (1, 3): C["green"], (4, 2): C["orange"], (5, 4): C["green"]}
    for r in range(5):
        for c in range(6):
            col = marks.get((c, r), (246, 238, 240))
            cv.rect((x0 + c * (cw + g), y0 + r * (ch + g), x0 + c * (cw + g) + cw, y0 + r * (ch + g) + ch),
                    col, radius=14)
    heart(cv, 1000, 470, 60, C["rose"])
    leaf(cv, 160, 470, 140, -50, C["green"], C["mint"])
    cv.save(cover("kids-vaccine"))


def cover_blood_pressure():
    cv = Canvas(COVER_W, COVER_H, C["peach"])
    heart(cv, 420, 290, 150, C["rose"])
    # a calm wave line
    pts = [(620 + i * 8, 300 + 40 * math.sin(i / 6)) for i in range(60)]
    cv.line(pts, C["coral"], 14)
    # a bowl of vegetables: circles in a half-ellipse
    cv.circle(850, 470, 48, C["green"])
    cv.circle(920, 455, 40, C["orange"])
    cv.circle(980, 480, 36, C["leaf"])
    cv.pieslice((760, 380, 1060, 600), 0, 180, C["white"])
    cv.save(cover("blood-pressure"))


# ── avatars (256×256) ─────────────────────────────────────────────────────


def avatar(key, bg, hair, style):
    cv = Canvas(256, 256, C["white"])
    cv.circle(128, 128, 128, bg)
    # shoulders
    cv.ellipse((48, 200, 208, 320), style["shirt"])
    if style.get("collar"):
        cv.polygon([(108, 205), (128, 235), (148, 205)], C["white"])
    # hair behind the head (long styles)
    if style["hair"] == "bob":
        cv.rect((66, 70, 190, 190), hair, radius=50)
    if style["hair"] == "pony":
        cv.circle(190, 110, 30, hair)
    # neck and face
    cv.rect((112, 170, 144, 212), C["skin"], radius=10)
    cv.circle(128, 120, 56, C["skin"])
    # hair on top
    if style["hair"] == "short":
        cv.pieslice((70, 58, 186, 170), 180, 360, hair)
        cv.rect((70, 100, 84, 130), hair, radius=6)
        cv.rect((172, 100, 186, 130), hair, radius=6)
    elif style["hair"] == "bob":
        cv.pieslice((66, 56, 190, 176), 180, 360, hair)
        cv.polygon([(80, 110), (150, 70), (175, 110)], hair)
    elif style["hair"] == "pony":
        cv.pieslice((70, 60, 186, 170), 180, 360, hair)
        cv.polygon([(80, 112), (110, 80), (184, 112)], hair)
    # eyes and a smile
    cv.circle(108, 128, 6, C["hair_dark"])
    cv.circle(148, 128, 6, C["hair_dark"])
    cv.arc((110, 136, 146, 160), 20, 160, C["coral"], 5)
    cv.circle(96, 146, 8, (248, 196, 186))
    cv.circle(160, 146, 8, (248, 196, 186))
    if style.get("glasses"):
        cv.arc((90, 112, 126, 144), 0, 360, C["navy"], 4)
        cv.arc((130, 112, 166, 144), 0, 360, C["navy"], 4)
        cv.line([(126, 126), (130, 126)], C["navy"], 4, round_caps=False)
    if style.get("cap"):
        cv.rect((92, 52, 164, 80), C["white"], radius=10)
        cv.rect((122, 58, 134, 74), C["rose"], radius=2)
        cv.rect((120, 60, 136, 72), C["rose"], radius=2)
    cv.save(f"static/images/authors/{key}.png", colors=32)


# ── logo, favicon ────────────────────────────────────────────────────────


def logo_image(size):
    cv = Canvas(size, size, C["white"])
    s = size / 256
    cv.circle(128 * s, 128 * s, 124 * s, C["mint"])
    # a rounded cross with a leaf growing from it
    cv.rect((104 * s, 60 * s, 152 * s, 196 * s), C["leaf"], radius=20 * s)
    cv.rect((60 * s, 104 * s, 196 * s, 152 * s), C["leaf"], radius=20 * s)
    leaf(cv, 170 * s, 82 * s, 70 * s, -45, C["green"], C["mint"])
    cv.circle(128 * s, 128 * s, 14 * s, C["white"])
    return cv


def make_logo():
    logo_image(256).save("static/images/logo.png", colors=32)
    logo_image(64).save("static/favicon.png", colors=32)


# ── inline figures ───────────────────────────────────────────────────────


def make_flu_schedule():
    """Months as columns; a blue band (vaccination window) and an orange band (flu season)."""
    cv = Canvas(800, 450, C["cream"])
    cols, x0, y0, cw, g = 7, 60, 60, 90, 8  # Oct .. Apr
    for i in range(cols):
        x = x0 + i * (cw + g)
        cv.rect((x, y0, x + cw, 390), C["white"], radius=12)
        cv.rect((x, y0, x + cw, y0 + 36), C["sky"] if i % 2 else (226, 240, 250), radius=12)
        cv.rect((x, y0 + 24, x + cw, y0 + 36), C["sky"] if i % 2 else (226, 240, 250))
    def band(c0, c1, y, col):
        xa = x0 + c0 * (cw + g) + 6
        xb = x0 + c1 * (cw + g) - g - 6
        cv.rect((xa, y, xb, y + 56), col, radius=28)
    band(0, 2.5, 140, C["blue"])        # Oct – mid Dec: get vaccinated
    band(0, 1, 220, C["water"])         # children: first dose
    band(1.25, 2.25, 220, C["water"])   # children: second dose, 2–4 weeks later
    band(2.2, 6.6, 300, C["orange"])    # Dec – Apr: flu season
    cv.circle(x0 + 2.5 * (cw + g), 168, 14, C["navy"])
    cv.save("content/articles/flu-vaccine-2026/schedule.png", colors=32)


def make_stretch():
    """Three simple poses: knee hug, cat back, lying twist."""
    W, H = 1000, 400
    cv = Canvas(W, H, C["peach"])
    body, mat, head = C["coral"], (255, 240, 230), C["skin"]
    for i in range(3):
        cv.rect((30 + i * 325, 40, 320 + i * 325, 360), C["white"], radius=28)
        cv.rect((50 + i * 325, 300, 300 + i * 325, 330), mat, radius=12)
        # a small numbered marker: 1, 2 or 3 dots
        for k in range(i + 1):
            cv.circle(64 + i * 325 + k * 22, 70, 8, C["green"])
    # 1. lying on the back, hugging the knees
    ox = 30
    cv.circle(ox + 70, 272, 24, head)
    cv.line([(ox + 95, 282), (ox + 190, 282)], body, 26)
    cv.line([(ox + 190, 282), (ox + 150, 200), (ox + 215, 185)], body, 24)
    cv.line([(ox + 115, 276), (ox + 155, 212)], C["orange"], 16)
    # 2. on hands and knees, back rounded like a cat
    ox = 355
    cv.circle(ox + 80, 236, 24, head)
    pts = [(ox + 95 + t * 120, 210 - 50 * math.sin(math.pi * t)) for t in [k / 20 for k in range(21)]]
    cv.line(pts, body, 26)
    cv.line([(ox + 100, 215), (ox + 100, 295)], body, 18)
    cv.line([(ox + 215, 210), (ox + 215, 295), (ox + 255, 295)], body, 18)
    # 3. lying on the back, knees falling to one side
    ox = 680
    cv.circle(ox + 70, 272, 24, head)
    cv.line([(ox + 95, 282), (ox + 190, 282)], body, 26)
    cv.line([(ox + 190, 282), (ox + 230, 210), (ox + 272, 282)], body, 24)
    cv.arc((ox + 160, 150, ox + 300, 290), 200, 260, C["green"], 8)
    cv.arc((ox + 160, 150, ox + 300, 290), 280, 340, C["green"], 8)
    cv.save("static/images/stretch.png", colors=64)


def main():
    cover_philosophy()
    cover_hand_washing()
    cover_night_fever()
    cover_back_pain_posture()
    cover_back_pain_stretch()
    cover_heatstroke()
    cover_flu_vaccine()
    cover_year_end()
    cover_hay_fever()
    cover_sleep()
    cover_kids_vaccine()
    cover_blood_pressure()
    avatar("yamada", C["sky"], C["hair_dark"],
           {"hair": "short", "shirt": C["white"], "collar": False, "glasses": True})
    avatar("sato", C["pink"], C["hair_brown"],
           {"hair": "bob", "shirt": C["white"], "collar": False})
    avatar("tanaka", C["mint"], C["hair_dark"],
           {"hair": "pony", "shirt": (150, 200, 230), "collar": True, "cap": False})
    make_logo()
    make_flu_schedule()
    make_stretch()


if __name__ == "__main__":
    main()
