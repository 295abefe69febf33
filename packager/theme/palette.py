"""The colours a theme produces, light and dark, and the WCAG AA check of every pair it shows.

Each colour remembers the course.yaml field it comes from (given, or derived from it), so a failing
pair is reported at the field the author can change.
"""

from __future__ import annotations

from dataclasses import dataclass

from packager.theme.contrast import NON_TEXT, TEXT, mix, ratio, readable_on, shown_ratio, toward_contrast
from packager.theme.models import Palette, Theme

Location = tuple[str | int, ...]

LIGHT_DEFAULTS = {"primary": "#0b5cad", "accent": "#b34700", "text": "#1f2328", "background": "#ffffff"}
DARK_DEFAULTS = {"primary": "#7cb7ff", "accent": "#ffb870", "text": "#e6e9ef", "background": "#15181d"}
BUTTON_TEXT = ("#ffffff", "#0b1320")
FEEDBACK = {"light": ("#1a6b2f", "#a3191f"), "dark": ("#7ad18f", "#ff8a8f")}
"""The built-in colours of correct and incorrect feedback, which are checked against the background."""


@dataclass(frozen=True)
class Shade:
    """A colour and where it comes from: a field of course.yaml (None: built in)."""

    value: str
    field: Location | None = None
    derived: bool = False

    @property
    def name(self) -> str:
        return self.field[-1] if self.field else "built-in"  # type: ignore[return-value]


@dataclass(frozen=True)
class Scheme:
    """Every colour of one scheme (light or dark), as the stylesheet's custom properties use them."""

    name: str
    primary: Shade
    accent: Shade
    text: Shade
    background: Shade
    button_text: Shade
    muted: Shade
    surface: Shade
    border: Shade
    good: Shade
    bad: Shade


def _given(palette: Palette | None, key: str, base: Location) -> Shade | None:
    value = getattr(palette, key, None) if palette is not None else None
    return Shade(value, (*base, key)) if value else None


def _scheme(name: str, palette: Palette | None, base: Location, light: Scheme | None) -> Scheme:
    defaults = LIGHT_DEFAULTS if light is None else DARK_DEFAULTS

    def pick(key: str, needed: float) -> Shade:
        given = _given(palette, key, base)
        if given:
            return given
        if light is None:
            return Shade(defaults[key])
        # Dark, not given: the light colour made readable on the dark background.
        source: Shade = getattr(light, key)
        if source.field is None:
            return Shade(defaults[key])
        return Shade(toward_contrast(source.value, grounds, needed), source.field, True)

    background = _given(palette, "background", base) or Shade(defaults["background"])
    text = _given(palette, "text", base) or Shade(defaults["text"])
    grounds = (background.value, mix(background.value, text.value, 0.05))
    primary, accent = pick("primary", TEXT), pick("accent", NON_TEXT)
    button_text = _given(palette, "button_text", base) or Shade(
        readable_on(primary.value, BUTTON_TEXT), primary.field, primary.field is not None
    )
    good, bad = FEEDBACK[name]
    return Scheme(
        name,
        primary,
        accent,
        text,
        background,
        button_text,
        muted=Shade(mix(text.value, background.value, 0.22), text.field, True),
        surface=Shade(grounds[1], background.field, True),
        border=Shade(mix(text.value, background.value, 0.4), text.field, True),
        good=Shade(good),
        bad=Shade(bad),
    )


def schemes(theme: Theme | None) -> tuple[Scheme, Scheme]:
    """The light and the dark scheme of a theme (the built-in theme's without one)."""
    colours = theme.colors if theme is not None else None
    base: Location = ("theme", "colors")
    light = _scheme("light", colours, base, None)
    dark = _scheme("dark", colours.dark if colours else None, (*base, "dark"), light)
    return light, dark


PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("text", "background", TEXT, "body text"),
    ("muted", "background", TEXT, "secondary text (hints, progress)"),
    ("text", "surface", TEXT, "text in the header and panels"),
    ("primary", "background", TEXT, "link text"),
    ("primary", "surface", TEXT, "links in panels"),
    ("button_text", "primary", TEXT, "button text"),
    ("accent", "background", NON_TEXT, "the focus indicator and progress bar"),
    ("accent", "surface", NON_TEXT, "the progress bar in the header"),
    ("border", "background", NON_TEXT, "the borders of answer fields and controls"),
    ("good", "background", TEXT, "correct-answer feedback"),
    ("bad", "background", TEXT, "incorrect-answer feedback"),
)
"""Every text or control colour the stylesheet puts on another: (colour, on, needed, what for)."""


def contrast_problems(theme: Theme | None) -> list[tuple[Location, str]]:
    """Every pair below WCAG AA, light and dark: (the field to change, what fails and why)."""
    found: list[tuple[Location, str]] = []
    seen: set[tuple[str, str, str]] = set()
    for scheme in schemes(theme):
        for front_key, back_key, needed, purpose in PAIRS:
            front: Shade = getattr(scheme, front_key)
            back: Shade = getattr(scheme, back_key)
            found_ratio = ratio(front.value, back.value)
            if found_ratio >= needed or (front.field is None and back.field is None):
                continue
            key = (front.value, back.value, purpose)
            if key in seen:
                continue
            seen.add(key)
            blamed = front if front.field and not front.derived else back if back.field else front
            found.append(
                (
                    blamed.field or (),
                    _message(scheme.name, front, front_key, back, back_key, found_ratio, needed, purpose),
                )
            )
    return found


def _message(
    scheme: str,
    front: Shade,
    front_key: str,
    back: Shade,
    back_key: str,
    value: float,
    needed: float,
    purpose: str,
) -> str:
    def named(shade: Shade, key: str) -> str:
        origin = ""
        if shade.derived and shade.field:
            origin = f" (derived from {'.'.join(str(part) for part in shade.field)})"
        elif shade.field is None:
            origin = " (built in)"
        return f"{key.replace('_', ' ')} {shade.value}{origin}"

    return (
        f"{named(front, front_key)} on {named(back, back_key)} ({scheme} scheme): contrast "
        f"{shown_ratio(value)}, needs {needed:g}:1 for {purpose}"
    )
