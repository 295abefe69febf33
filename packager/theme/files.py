"""A theme's files (logo, cover, fonts, author stylesheet and what it references): each checked,
and mapped to its path in the package (its path in the course folder)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from packager.course.inside import Refused, resolve_inside
from packager.course.media import IMAGE
from packager.course.sniff import content_problem
from packager.errors import Problem
from packager.theme.models import Theme
from packager.theme.palette import Location, contrast_problems
from packager.theme.stylesheet import check_stylesheet

FONT_FORMATS = {".woff2": "woff2", ".woff": "woff", ".ttf": "truetype", ".otf": "opentype"}
SAFE_NAME = re.compile(r"^[A-Za-z0-9._/-]+$")
SYSTEM_FONTS = ("system-sans", "system-serif", "system-rounded", "system-mono")


@dataclass
class ThemeFiles:
    """Package path -> source file of everything the theme ships; what is wrong, by where."""

    files: dict[str, Path] = field(default_factory=dict)
    problems: list[tuple[Location, str]] = field(default_factory=list)
    """Problems at a field of course.yaml."""
    located: list[Problem] = field(default_factory=list)
    """Problems located in another file (the author stylesheet)."""


def load_theme(root: Path, theme: Theme, display: Path, read_text: Callable[[Path], str]) -> ThemeFiles:
    """Check a theme's colours and files; ``read_text(path)`` reads a text file of the course."""
    found = ThemeFiles(problems=contrast_problems(theme))
    base: Location = ("theme",)
    for key in ("logo", "cover"):
        relative = getattr(theme, key)
        if relative and PurePosixPath(relative).suffix.lower() not in IMAGE:
            found.problems.append(
                ((*base, key), f"'{relative}' is not an image ({', '.join(sorted(IMAGE))})")
            )
        elif relative:
            _add(found, root, relative, (*base, key), "image")
    families = {font.family for font in theme.fonts.files}
    for index, font in enumerate(theme.fonts.files):
        if PurePosixPath(font.file).suffix.lower() not in FONT_FORMATS:
            found.problems.append(
                (
                    (*base, "fonts", "files", index, "file"),
                    f"'{font.file}' is not a font file (.woff2, .woff, .ttf, .otf)",
                )
            )
        elif not SAFE_NAME.match(font.file):
            found.problems.append(
                (
                    (*base, "fonts", "files", index, "file"),
                    "name font files with letters, digits, '.', '_', '-' and '/'",
                )
            )
        else:
            _add(found, root, font.file, (*base, "fonts", "files", index, "file"), "font")
    for key in ("body", "headings"):
        family = getattr(theme.fonts, key)
        if family and family not in SYSTEM_FONTS and family not in families:
            found.problems.append(
                (
                    (*base, "fonts", key),
                    f"no font file declares the family '{family}': add it under "
                    f"theme.fonts.files, or use a built-in stack ({', '.join(SYSTEM_FONTS)})",
                )
            )
    if theme.stylesheet:
        _stylesheet(found, root, theme.stylesheet, display, read_text)
    return found


def _add(found: ThemeFiles, root: Path, relative: str, where: Location, kind: str) -> bool:
    try:
        resolved = resolve_inside(root, root / relative)
    except Refused as refused:
        why = (
            "does not exist"
            if refused.refusal.value == "missing"
            else f"cannot be used ({refused.refusal.value})"
        )
        found.problems.append(
            (where, f"the file '{relative}' {why}; it must be a file inside the course folder")
        )
        return False
    wrong = content_problem(kind, resolved, relative) if kind == "image" else None
    if wrong:
        found.problems.append((where, wrong))
        return False
    found.files[relative] = resolved
    return True


def _stylesheet(
    found: ThemeFiles, root: Path, relative: str, display: Path, read_text: Callable[[Path], str]
) -> None:
    where: Location = ("theme", "stylesheet")
    if PurePosixPath(relative).suffix.lower() != ".css":
        found.problems.append((where, f"'{relative}' is not a stylesheet (.css)"))
        return
    if not _add(found, root, relative, where, "stylesheet"):
        return
    shown = display / relative
    checked = check_stylesheet(read_text(root / relative), relative)
    for line, column, message in checked.refused:
        found.located.append(Problem(message, file=shown, line=line, column=column, field="theme.stylesheet"))
    for line, column, reference in checked.references:
        try:
            found.files[reference] = resolve_inside(root, root / reference)
        except Refused:
            found.located.append(
                Problem(
                    f"'{reference}' is not a file inside the course folder",
                    file=shown,
                    line=line,
                    column=column,
                    field="theme.stylesheet",
                )
            )
