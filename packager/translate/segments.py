"""Every translatable string of a course, each with a stable id and where it is."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from markdown_it.token import Token

from packager.blocks.source import BlockProblem, blocks_in
from packager.course.media import CAPTIONS_SUFFIX, media_kind, new_markdown_parser
from packager.course.models import Course, Lesson

TRANSLATABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "prompt",
        "text",
        "feedback",
        "correct",
        "incorrect",
        "match",
        "items",
        "answers",
        "logo_alt",
    }
)
"""Keys of course.yaml and quiz files whose text values a translator translates (ids, types and
numbers are not text of these keys, and booleans such as ``correct: true`` are not text)."""
_NOT_TEXT = frozenset({"id", "type", "lessons", "quiz", "language", "strings", "colors", "fonts"})
"""Keys whose values are never text for the learner (a theme's ``colors.text`` is a colour)."""


@dataclass(frozen=True)
class Pair:
    """Inline markup around text (bold, a link, an image's alt text): ``<g>`` in XLIFF."""

    id: str
    open: str
    close: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Single:
    """Inline markup a translator moves but does not change (code, a line break): ``<x/>``."""

    id: str
    markup: str


Part = str | Pair | Single


@dataclass(frozen=True)
class Segment:
    """One translatable string."""

    id: str
    parts: tuple[Part, ...]
    file: str
    """The file, relative to the course folder."""
    where: str
    """The line (Markdown) or the field (YAML) in that file."""
    lines: tuple[int, int] = (0, 0)
    """For a Markdown block: its lines in the file (first, after last)."""
    raw: str = ""
    """For a Markdown block: its inline source as markdown-it reads it."""
    path: tuple[str | int, ...] = field(default=())
    """For a YAML value: its path in the file's data."""
    opening: bool = False
    """A block's title on its opening line (``::: callout tip Title``): the end of line ``lines[0]``,
    plain text (not Markdown)."""

    @property
    def location(self) -> str:
        return f"{self.file}:{self.where}"


def course_segments(course: Course) -> list[Segment]:
    """The course's segments, in reading order."""
    found = list(_yaml_segments(course.source_dir, "course.yaml", "course"))
    for page in course.pages:
        relative = page.source.relative_to(course.source_dir).as_posix()
        if isinstance(page, Lesson):
            found.append(Segment(f"lesson/{page.id}/title", (page.title,), relative, "title"))
            found.extend(_markdown_segments(page, relative))
            found.extend(s for s in _lesson_captions(course, page) if s.id not in {f.id for f in found})
        else:
            found.extend(_yaml_segments(course.source_dir, relative, f"quiz/{page.id}"))
    return found


CAPTIONS = "captions/"
"""The start of a captions segment's id: ``captions/<the captions file's path in the course>``."""


def _lesson_captions(course: Course, lesson: Lesson) -> Iterator[Segment]:
    relative = lesson.source.relative_to(course.source_dir).as_posix()
    lines = lesson.source.read_text("utf-8").split("\n")
    for reference, package_path in lesson.media_references.items():
        if media_kind(reference) == "video":
            captions = PurePosixPath(package_path).with_suffix(CAPTIONS_SUFFIX).as_posix()
            line = next((number for number, text in enumerate(lines, 1) if reference in text), 1)
            yield Segment(f"{CAPTIONS}{captions}", (captions,), relative, str(line))


def is_captions(segment: Segment) -> bool:
    return segment.id.startswith(CAPTIONS)


def plain(parts: tuple[Part, ...]) -> str:
    """A segment's text with its markup as written (to compare and to show)."""
    return "".join(p if isinstance(p, str) else _markup(p) for p in parts)


def _markup(part: Pair | Single) -> str:
    return part.markup if isinstance(part, Single) else part.open + plain(part.parts) + part.close


def _yaml_segments(root: Path, relative: str, prefix: str) -> Iterator[Segment]:
    data = yaml.safe_load((root / relative).read_text("utf-8"))
    for path, value in _texts(data, (), False):
        name = ".".join(str(step) for step in path)
        yield Segment(f"{prefix}/{_stable_name(data, path)}", (value,), relative, name, path=path)


def _stable_name(data: Any, path: tuple[str | int, ...]) -> str:
    """A value's path with each list item that has an ``id`` (a question, an option) named by it, so
    inserting an item does not change the ids of the others: ``questions.why-trust.options.b.feedback``."""
    steps: list[str] = []
    for step in path:
        data = data[step]
        named = isinstance(step, int) and isinstance(data, dict) and isinstance(data.get("id"), str)
        steps.append(str(data["id"]) if named else str(step))
    return ".".join(steps)


def _texts(
    data: Any, path: tuple[str | int, ...], wanted: bool
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_TEXT:
                yield from _texts(value, (*path, key), key in TRANSLATABLE_FIELDS)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*path, index), wanted)
    elif isinstance(data, str) and wanted and data.strip():
        yield path, data


def _markdown_segments(lesson: Lesson, relative: str) -> list[Segment]:
    """The lesson's Markdown blocks and its blocks' titles, in the order of their lines."""
    text = lesson.source.read_text("utf-8")
    offset = text[: len(text) - len(lesson.markdown)].count("\n") if text.endswith(lesson.markdown) else 0
    tokens = new_markdown_parser().parse(lesson.markdown)
    found = [*_inline_segments(lesson, tokens, relative, offset), *_titles(lesson, tokens, relative, offset)]
    return sorted(found, key=lambda segment: segment.lines[0])


def _titles(lesson: Lesson, tokens: list[Token], relative: str, offset: int) -> Iterator[Segment]:
    """The text on blocks' opening lines that the learner reads (``::: scenario Title``), each named
    by its block's kind and place among the lesson's blocks of that kind: ``lesson/x/callout-2/title``."""
    counts: dict[str, int] = {}
    for source in blocks_in(tokens, lesson.markdown.splitlines(), []):
        counts[source.kind.name] = number = counts.get(source.kind.name, 0) + 1
        try:
            shown = source.model().shown_text
        except BlockProblem:  # the loader has reported it
            continue
        if shown.strip():
            line = source.line + offset
            identifier = f"lesson/{lesson.id}/{source.kind.name}-{number}/title"
            yield Segment(
                identifier, (shown,), relative, str(line + 1), (line, line + 1), shown, opening=True
            )


def _inline_segments(lesson: Lesson, tokens: list[Token], relative: str, offset: int) -> Iterator[Segment]:
    number = 0
    for token in tokens:
        if token.type != "inline" or token.map is None or not token.content.strip():
            continue
        number += 1
        first, last = token.map[0] + offset, token.map[1] + offset
        parts = tuple(_inline(token.children or [], iter(range(1, 10_000))))
        yield Segment(
            f"lesson/{lesson.id}/block-{number}",
            parts,
            relative,
            str(first + 1),
            (first, last),
            token.content,
        )


def _inline(tokens: list[Token], ids: Iterator[int]) -> list[Part]:
    """markdown-it's inline tokens as text and placeholders (nested pairs for bold, links...)."""
    parts: list[Part] = []
    stack: list[tuple[str, str, str, list[Part]]] = []
    for token in tokens:
        target = stack[-1][3] if stack else parts
        if token.type == "text":
            if not token.content:
                continue
            if target and isinstance(target[-1], str):
                target[-1] += token.content
            else:
                target.append(token.content)
        elif token.type == "link_open" and token.markup == "autolink":
            stack.append(("autolink", "", "", []))
        elif token.type.endswith("_open"):
            close = token.markup
            if token.type == "link_open":
                title = token.attrs.get("title")
                close = f"]({token.attrs.get('href', '')}" + (f' "{title}"' if title else "") + ")"
            stack.append((str(next(ids)), "[" if token.type == "link_open" else token.markup, close, []))
        elif token.type.endswith("_close") and stack:
            identifier, opening, closing, inner = stack.pop()
            outer = stack[-1][3] if stack else parts
            if identifier == "autolink":
                outer.append(Single(str(next(ids)), f"<{plain(tuple(inner))}>"))
            else:
                outer.append(Pair(identifier, opening, closing, tuple(inner)))
        elif token.type == "image":
            title = token.attrs.get("title")
            close = f"]({token.attrs.get('src', '')}" + (f' "{title}"' if title else "") + ")"
            target.append(Pair(str(next(ids)), "![", close, (token.content,) if token.content else ()))
        elif token.type == "code_inline":
            fence = token.markup
            padded = (
                f" {token.content} "
                if token.content.startswith("`") or token.content.endswith("`")
                else token.content
            )
            target.append(Single(str(next(ids)), fence + padded + fence))
        elif token.type == "softbreak":
            target.append(Single(str(next(ids)), "\n"))
        elif token.type == "hardbreak":
            target.append(Single(str(next(ids)), "\\\n"))
        else:
            target.append(Single(str(next(ids)), token.content or token.markup))
    return parts
