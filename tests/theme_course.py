"""A small branded course for the theme tests: colours, a logo, a cover, a shipped font, a quiz."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

FONT_FAMILY = "Test Brand"
PRIMARY = "#6a1b9a"
TEXT = "#222222"
BACKGROUND = "#fffdf8"
ACCENT = "#c2410c"
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="40" height="40">'
    '<rect width="10" height="10" fill="#6a1b9a"/></svg>\n'
)

COURSE_YAML = f"""\
id: branded
title: Branded course
description: A course in its brand's colours.
duration: 12
lessons:
  - lessons/01-one.md
  - lessons/02-two.md
quiz: quiz.yaml
theme:
  colors:
    primary: "{PRIMARY}"
    accent: "{ACCENT}"
    text: "{TEXT}"
    background: "{BACKGROUND}"
  logo: media/logo.svg
  logo_alt: Brand logo
  cover: media/cover.svg
  fonts:
    body: {FONT_FAMILY}
    headings: system-serif
    files:
      - family: {FONT_FAMILY}
        file: fonts/brand.ttf
"""

QUIZ_YAML = """\
title: Final check
questions:
  - id: sky
    type: true-false
    prompt: The sky is blue on a clear day.
    answer: true
"""


def tiny_font() -> bytes:
    """A valid TrueType font with a square glyph for every ASCII letter (no font file is borrowed)."""
    letters = [chr(code) for code in range(0x20, 0x7F)]
    names = [".notdef", *(f"g{ord(letter)}" for letter in letters)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(letter): f"g{ord(letter)}" for letter in letters})
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 600))
    pen.lineTo((500, 600))
    pen.lineTo((500, 0))
    pen.closePath()
    square = pen.glyph()
    builder.setupGlyf({name: square for name in names})
    builder.setupHorizontalMetrics({name: (600, 100) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": FONT_FAMILY, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    out = BytesIO()
    builder.save(out)
    return out.getvalue()


def write_branded_course(folder: Path) -> Path:
    """The branded course in ``folder``; returns it."""
    (folder / "lessons").mkdir(parents=True)
    (folder / "media").mkdir()
    (folder / "fonts").mkdir()
    (folder / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    (folder / "quiz.yaml").write_text(QUIZ_YAML, encoding="utf-8")
    for number, title in ((1, "First lesson"), (2, "Second lesson")):
        (folder / "lessons" / f"0{number}-{'one' if number == 1 else 'two'}.md").write_text(
            f"---\ntitle: {title}\n---\n\nSome text of the {title.lower()}.\n", encoding="utf-8"
        )
    (folder / "media" / "logo.svg").write_text(LOGO, encoding="utf-8")
    (folder / "media" / "cover.svg").write_text(LOGO.replace("#6a1b9a", "#c2410c"), encoding="utf-8")
    (folder / "fonts" / "brand.ttf").write_bytes(tiny_font())
    return folder
