"""``theme:`` in course.yaml: what an author may set about how the course looks (a leaf module)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from packager.types import RelativePath, StrictModel

Colour = Annotated[str, StringConstraints(pattern=r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", to_lower=True)]
"""A colour as ``#rrggbb`` or ``#rgb``."""

SystemFont = Literal["system-sans", "system-serif", "system-rounded", "system-mono"]
"""The built-in font stacks: the fonts the learner's system already has (nothing downloaded)."""
FontName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$")]


class Palette(StrictModel):
    """The colours of one scheme (light or dark). Every colour is optional: the rest are derived."""

    primary: Colour | None = Field(default=None, description="Buttons, links and the current page.")
    accent: Colour | None = Field(
        default=None, description="Focus ring, progress bar and highlights (3:1 against the background)."
    )
    text: Colour | None = Field(default=None, description="Body text.")
    background: Colour | None = Field(default=None, description="Page background.")
    button_text: Colour | None = Field(
        default=None,
        description="Text on primary buttons. Default: white or near-black, whichever reads better.",
    )


class Colours(Palette):
    """The light scheme's colours, and optionally the dark scheme's (else derived from them)."""

    dark: Palette | None = Field(
        default=None,
        description="Colours for learners whose system asks for dark pages; missing ones are derived.",
    )


class FontFile(StrictModel):
    """A font shipped inside the course folder, declared with @font-face in the package."""

    family: FontName = Field(description="The name the theme's fonts refer to.")
    file: RelativePath = Field(description="A .woff2, .woff, .ttf or .otf file inside the course folder.")
    weight: Annotated[str, StringConstraints(pattern=r"^[1-9]00( [1-9]00)?$")] = Field(
        default="400", description='A weight ("400") or a range of a variable font ("100 900").'
    )
    style: Literal["normal", "italic"] = "normal"


class Fonts(StrictModel):
    """Which fonts the text uses: a built-in system stack, or a family of ``files``."""

    body: SystemFont | FontName = "system-sans"
    headings: SystemFont | FontName | None = Field(default=None, description="Default: the body font.")
    files: list[FontFile] = Field(default=[], description="Fonts shipped in the course folder.")


class Theme(StrictModel):
    """How the course looks: brand colours (checked for WCAG AA contrast), logo, cover and fonts."""

    colors: Colours = Field(default_factory=Colours)
    logo: RelativePath | None = Field(default=None, description="An image inside the course folder.")
    logo_alt: str = Field(
        default="", max_length=200, description="The logo's text alternative; empty: decorative."
    )
    cover: RelativePath | None = Field(default=None, description="The cover page's image.")
    fonts: Fonts = Field(default_factory=Fonts)
    stylesheet: RelativePath | None = Field(
        default=None,
        description="An author stylesheet loaded after the theme; no external URL may appear in it.",
    )


__all__ = ["Colour", "Colours", "FontFile", "Fonts", "Palette", "SystemFont", "Theme"]
