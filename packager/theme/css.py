"""The theme's stylesheet (``brand.css``, from templates/brand.css): custom properties light and
dark, and the fonts, @font-face for those shipped in the course."""

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


def brand_context(theme: Theme) -> dict[str, object]:
    """What templates/brand.css is rendered with."""
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
