"""The theme's stylesheet (``brand.css``, from templates/brand.css): custom properties light and
dark, and the fonts, @font-face for those shipped in the course; the built-in ones without a theme."""

from __future__ import annotations

from pathlib import PurePosixPath

from markupsafe import Markup

from packager.theme.files import FONT_FORMATS
from packager.theme.models import Theme
from packager.theme.palette import Scheme, schemes

BRAND_STYLESHEET = "brand.css"
STACKS = {
    "system-sans": 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
    "system-serif": 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Noto Serif", serif',
    "system-rounded": 'ui-rounded, "Hiragino Maru Gothic ProN", Quicksand, Comfortaa, Manjari, '
    '"Arial Rounded MT", Calibri, system-ui, sans-serif',
    "system-mono": 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", '
    "monospace",
}
PROPERTIES = {
    "text": "text",
    "background": "background",
    "muted": "muted",
    "surface": "surface",
    "border": "border",
    "accent": "primary",
    "accent-text": "button_text",
    "focus": "accent",
    "highlight": "accent",
    "good": "good",
    "bad": "bad",
}
"""The stylesheet's custom property -> the scheme's colour it holds."""


def stack(family: str) -> Markup:
    """A font-family value: a built-in stack, or a shipped family with the sans-serif stack after it."""
    return Markup(STACKS.get(family) or f'"{family}", {STACKS["system-sans"]}')


def _values(scheme: Scheme) -> list[tuple[str, str]]:
    return [(name, getattr(scheme, key).value) for name, key in PROPERTIES.items()]


BUILT_IN: dict[str, object] = {
    "fonts": [],
    "light": [
        ("text", "#1f2328"),
        ("background", "#ffffff"),
        ("muted", "#4a5360"),
        ("surface", "#f3f5f8"),
        ("border", "#6b7480"),
        ("accent", "#0b5cad"),
        ("accent-text", "#ffffff"),
        ("focus", "#b34700"),
        ("good", "#1a6b2f"),
        ("bad", "#a3191f"),
    ],
    "dark": [
        ("text", "#e6e9ef"),
        ("background", "#15181d"),
        ("muted", "#b3bac5"),
        ("surface", "#22262e"),
        ("border", "#8a94a3"),
        ("accent", "#7cb7ff"),
        ("accent-text", "#0b1320"),
        ("focus", "#ffb870"),
        ("good", "#7ad18f"),
        ("bad", "#ff8a8f"),
    ],
    "body": Markup('system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'),
    "headings": Markup('system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'),
}
"""The course without a theme: its colours (no highlight: cards use the accent) and system fonts."""


def brand_context(theme: Theme | None) -> dict[str, object]:
    """What templates/brand.css is rendered with."""
    if theme is None:
        return BUILT_IN
    light, dark = schemes(theme)
    fonts = [
        {
            "family": font.family,
            "file": font.file,
            "format": FONT_FORMATS[PurePosixPath(font.file).suffix.lower()],
            "weight": font.weight,
            "style": font.style,
        }
        for font in theme.fonts.files
    ]
    return {
        "fonts": fonts,
        "light": _values(light),
        "dark": _values(dark),
        "body": stack(theme.fonts.body),
        "headings": stack(theme.fonts.headings or theme.fonts.body),
    }
