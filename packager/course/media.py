"""Files a lesson references (images, audio, video, downloads): found, checked and mapped.

References are resolved relative to the lesson file, as Markdown editors preview them, and must
stay inside the course folder. Each becomes a package path relative to the course folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from packager.blocks.source import CONTAINER
from packager.course.inside import Refusal, Refused, resolve_inside
from packager.course.sniff import captions_problem, content_problem
from packager.errors import Problem

_FILE_URL = re.compile(r"\]\(\s*<?((?i:file):[^)\s>]*)")
"""A Markdown link or image to a ``file:`` URL, which markdown-it leaves as plain text."""
IMAGE = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"})
VIDEO = frozenset({".mp4", ".webm", ".m4v", ".ogv"})
AUDIO = frozenset({".mp3", ".m4a", ".ogg", ".oga", ".wav"})
CAPTIONS_SUFFIX = ".vtt"
LESSON_SUFFIXES = (".md", ".markdown")
"""Lesson files: in course.yaml's list, and the links from one lesson to another."""


def media_kind(reference: str) -> str:
    """image, video, audio or download, from the file name's suffix."""
    suffix = PurePosixPath(urlsplit(reference).path).suffix.lower()
    if suffix in VIDEO:
        return "video"
    if suffix in AUDIO:
        return "audio"
    if suffix in IMAGE:
        return "image"
    return "download"


def is_external(reference: str) -> bool:
    """A URL with a scheme or host (http:, https:, //host, mailto:, data:...)."""
    parts = urlsplit(reference)
    return bool(parts.scheme or parts.netloc)


def new_markdown_parser() -> MarkdownIt:
    """The CommonMark dialect of lessons: tables; raw HTML is not rendered (it is escaped); every
    ``:::`` container is a lesson block (:mod:`packager.blocks`), whatever its name."""
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.use(container_plugin, CONTAINER, validate=lambda params, *_: True)
    return parser


@cache
def _parser() -> MarkdownIt:
    return new_markdown_parser()


def parse_lesson(markdown: str) -> list[Token]:
    """A lesson's Markdown as tokens (read once when loading: media and blocks are checked on them)."""
    return _parser().parse(markdown)


@dataclass
class LessonMedia:
    """What one lesson references: reference as written -> package path, and the files to ship."""

    references: dict[str, str] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    lesson_links: dict[str, Path] = field(default_factory=dict)
    """Links to lesson files (``[see](02-media.md)``): they go to that page, not a download."""
    problems: list[Problem] = field(default_factory=list)


def collect_media(
    root: Path, lesson: Path, display: Path, markdown: str, tokens: list[Token], first_line: int
) -> LessonMedia:
    """Find every local file the lesson's Markdown (as text, and as :func:`parse_lesson`'s tokens)
    references and check it.

    ``first_line`` is the file line of the Markdown's first line (after the front matter).
    """
    found = LessonMedia()
    lines = markdown.splitlines()
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        line = first_line + (block.map[0] if block.map else 0)
        for match in _FILE_URL.finditer(block.content):
            at = line + block.content.count("\n", 0, match.start())
            found.problems.append(
                _Where(display, at, _column(lines, at - first_line, match.group(1))).problem(
                    f"'{match.group(1)}' names a file on your computer, which learners do not have: copy "
                    "the file into the course folder and write its path relative to the lesson",
                    "link",
                )
            )
        for token in block.children:
            if token.type in ("softbreak", "hardbreak"):
                line += 1
            elif token.type == "image":
                source = str(token.attrs.get("src", ""))
                where = _Where(display, line, _column(lines, line - first_line, source))
                _check_image(token, where, found)
                _reference(source, root, lesson, where, found, "image")
            elif token.type == "link_open":
                href = str(token.attrs.get("href", ""))
                if href and not href.startswith("#") and not is_external(href):
                    where = _Where(display, line, _column(lines, line - first_line, href))
                    _reference(href, root, lesson, where, found, "link")
    return found


@dataclass(frozen=True)
class _Where:
    """Where a reference is written: the lesson as the author named it, line and column."""

    file: Path
    line: int
    column: int | None

    def problem(self, message: str, field: str) -> Problem:
        return Problem(message, file=self.file, line=self.line, column=self.column, field=field)


def _column(lines: list[str], index: int, written: str) -> int | None:
    """The column of ``written`` on the Markdown's line ``index`` (None when not there as is)."""
    found = lines[index].find(written) if 0 <= index < len(lines) and written else -1
    return found + 1 if found >= 0 else None


def _check_image(token: Token, where: _Where, found: LessonMedia) -> None:
    source = str(token.attrs.get("src", ""))
    if source and media_kind(source) == "download" and not is_external(source):
        found.problems.append(
            where.problem(
                f"'{source}' is not a picture, audio or video, so ![...] cannot show it; link to it "
                f"as a download instead: [{token.content or 'the file'}]({source})",
                "image",
            )
        )
    if media_kind(source) == "image" and not token.content.strip():
        found.problems.append(
            where.problem(
                f"the image '{source}' has no alt text: write it as ![what the image shows]({source})", "alt"
            )
        )


def _reference(
    reference: str, root: Path, lesson: Path, where: _Where, found: LessonMedia, role: str
) -> None:
    if reference in found.references or reference in found.lesson_links:
        return
    path = unquote(urlsplit(reference).path)
    if (
        role == "link"
        and PurePosixPath(path).suffix.lower() in LESSON_SUFFIXES
        and not is_external(reference)
    ):
        try:
            found.lesson_links[reference] = resolve_inside(root, lesson.parent / path)
        except Refused as refused:
            found.problems.append(where.problem(_refused(f"'{reference}'", refused), role))
        return
    problem = _add_file(reference, root, lesson, found)
    if problem:
        found.problems.append(where.problem(problem, role))


def _from_the_root(relative: str, root: Path, lesson: Path) -> str:
    """A hint when the path was written from the course folder (``media/x.png`` in a lesson)."""
    meant = (root / relative).resolve()
    if not meant.is_relative_to(root) or not meant.is_file():
        return ""
    from_lesson = Path(os.path.relpath(meant, lesson.parent.resolve())).as_posix()
    return f"; paths are relative to the lesson file: did you mean '{from_lesson}'?"


def _add_file(reference: str, root: Path, lesson: Path, found: LessonMedia) -> str | None:
    """Map one reference to its package path; returns what is wrong with it, if anything."""
    if is_external(reference):
        return (
            f"'{reference}' is outside the package: copy the file into the course folder "
            "(packages must not load anything from other sites)"
        )
    relative = unquote(urlsplit(reference).path)
    if not relative or relative.startswith("/"):
        return f"'{reference}' must be a path relative to the lesson file"
    try:
        target = resolve_inside(root, lesson.parent / relative)
        wrong_content = content_problem(media_kind(reference), target, reference)
    except Refused as refused:
        hint = _from_the_root(relative, root, lesson) if refused.refusal is Refusal.MISSING else ""
        return _refused(f"'{reference}'", refused) + hint
    except OSError as error:
        return f"cannot read '{reference}': {error.strerror or 'not a usable file'}"
    if wrong_content:
        return wrong_content
    package_path = target.relative_to(root).as_posix()
    if not package_path.isascii() or " " in package_path:
        return (
            f"rename '{package_path}': package file names must be ASCII without spaces "
            "(some LMSs cannot import others)"
        )
    found.references[reference] = package_path
    found.files[package_path] = target
    if media_kind(reference) == "video":
        beside = target.with_suffix(CAPTIONS_SUFFIX)
        try:
            captions = resolve_inside(root, beside)
            wrong_captions = captions_problem(captions, beside.name)
        except Refused as refused:
            if refused.refusal is Refusal.MISSING:
                return f"the video '{reference}' needs captions: add {beside.name} (WebVTT) beside it"
            return _refused(f"'{beside.name}' (the captions of '{reference}')", refused)
        except OSError as error:
            return f"cannot read '{beside.name}': {error.strerror or 'not a usable file'}"
        if wrong_captions:
            return wrong_captions
        found.files[beside.relative_to(root).as_posix()] = captions
    return None


def _refused(quoted: str, refused: Refused) -> str:
    """What is wrong with a reference (``quoted`` as the message names it) the shared check refused."""
    if refused.refusal is Refusal.OUTSIDE:
        return f"{quoted} points outside the course folder"
    if refused.refusal is Refusal.MISSING:
        return f"the file {quoted} does not exist"
    if refused.refusal is Refusal.NOT_A_FILE:
        return f"{quoted} is not a file (a folder, or a device)"
    return f"cannot read {quoted}: {refused.reason}"
