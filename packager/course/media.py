"""Files a lesson references (images, audio, video, downloads): found, checked and mapped.

References are resolved relative to the lesson file, as Markdown editors preview them, and must
stay inside the course folder. Each becomes a package path relative to the course folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from packager.blocks.source import CONTAINER
from packager.errors import Problem

IMAGE = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"})
VIDEO = frozenset({".mp4", ".webm", ".m4v", ".ogv"})
AUDIO = frozenset({".mp3", ".m4a", ".ogg", ".oga", ".wav"})
CAPTIONS_SUFFIX = ".vtt"


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
    problems: list[Problem] = field(default_factory=list)


def collect_media(
    root: Path, lesson: Path, display: Path, tokens: list[Token], first_line: int
) -> LessonMedia:
    """Find every local file the lesson's Markdown (:func:`parse_lesson`'s tokens) references and check it.

    ``first_line`` is the file line of the Markdown's first line (after the front matter).
    """
    found = LessonMedia()
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        line = first_line + (block.map[0] if block.map else 0)
        for token in block.children:
            if token.type in ("softbreak", "hardbreak"):
                line += 1
            elif token.type == "image":
                _check_image(token, display, line, found)
                _reference(str(token.attrs.get("src", "")), root, lesson, display, line, found, "image")
            elif token.type == "link_open":
                href = str(token.attrs.get("href", ""))
                if href and not href.startswith("#") and not is_external(href):
                    _reference(href, root, lesson, display, line, found, "link")
    return found


def _check_image(token: Token, display: Path, line: int, found: LessonMedia) -> None:
    source = str(token.attrs.get("src", ""))
    if media_kind(source) == "image" and not token.content.strip():
        found.problems.append(
            Problem(
                f"the image '{source}' has no alt text: write it as ![what the image shows]({source})",
                file=display,
                line=line,
                field="alt",
            )
        )


def _reference(
    reference: str, root: Path, lesson: Path, display: Path, line: int, found: LessonMedia, role: str
) -> None:
    if reference in found.references:
        return
    problem = _add_file(reference, root, lesson, found)
    if problem:
        found.problems.append(Problem(problem, file=display, line=line, field=role))


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
        target = (lesson.parent / relative).resolve()
        if not target.is_relative_to(root):
            return f"'{reference}' points outside the course folder"
        if not target.is_file():
            return f"the file '{reference}' does not exist"
        with target.open("rb"):
            pass
    except (OSError, ValueError, RuntimeError) as error:
        # Unreadable, a name the system refuses (too long, a NUL byte), or a symbolic link loop.
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "not a usable file"
        return f"cannot read '{reference}': {reason}"
    package_path = target.relative_to(root).as_posix()
    if not package_path.isascii() or " " in package_path:
        return (
            f"rename '{package_path}': package file names must be ASCII without spaces "
            "(some LMSs cannot import others)"
        )
    found.references[reference] = package_path
    found.files[package_path] = target
    if media_kind(reference) == "video":
        captions = target.with_suffix(CAPTIONS_SUFFIX)
        if not captions.is_file():
            return f"the video '{reference}' needs captions: add {captions.name} (WebVTT) beside it"
        found.files[captions.relative_to(root).as_posix()] = captions
    return None
