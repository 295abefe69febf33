"""The pages of a course: lesson and quiz files, read safely and loaded into the models.

A page file must lie inside the course folder (links included), be a regular file of a sane size
and be UTF-8 text. A lesson is Markdown with a YAML front matter; a quiz is a YAML file. A page an
earlier build loaded from the same file is taken from the build cache instead (:class:`KeptPages`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from packager.blocks.registry import block_types
from packager.blocks.source import check_blocks
from packager.course.inside import Refusal, Refused, resolve_inside
from packager.course.media import collect_media, parse_lesson
from packager.course.models import Lesson, LessonBlock, LessonFrontMatter, Quiz, QuizFile
from packager.course.validation import read_yaml
from packager.errors import PackagerError, Problem
from packager.types import carried

PageT = TypeVar("PageT", Lesson, Quiz)

FILE_NOT_FOUND = "file not found"
NOT_A_FILE = "not a regular file"
MAX_TEXT_FILE_BYTES = 1024 * 1024
"""Larger text files are refused: no real lesson or quiz is this big, and parsing stays quick."""

_REFUSALS = {
    Refusal.OUTSIDE: "the file lies outside the course folder (through a link)",
    Refusal.MISSING: FILE_NOT_FOUND,
    Refusal.LOOP: "the file is a symbolic link that points to itself",
    Refusal.NOT_A_FILE: NOT_A_FILE,
    Refusal.UNREADABLE: "cannot read the file: {reason}",
    Refusal.BAD_NAME: "the path holds a character no file name can hold",
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
_LEADING_NUMBER = re.compile(r"^\d+[-_. ]*")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class KeptPages(Protocol):
    """Pages loaded by earlier builds, by a key that names all they were loaded from (the build
    cache's page store, :class:`packager.cache.PageStore`)."""

    def get(self, key: str) -> Lesson | Quiz | None: ...

    def put(self, key: str, page: Lesson | Quiz) -> None: ...


@dataclass(frozen=True)
class CourseFolder:
    """The course folder: resolved for safety checks, and as the author named it for messages."""

    root: Path
    shown: Path

    @classmethod
    def at(cls, course_dir: Path) -> CourseFolder:
        return cls(root=course_dir.resolve(), shown=course_dir)

    def display(self, path: Path) -> Path:
        """``path`` (inside the folder) as the author would write it: ``course/lessons/01-intro.md``."""
        try:
            return self.shown / path.relative_to(self.root)
        except ValueError:
            return path


def read_text(folder: CourseFolder, path: Path) -> str:
    """Read a UTF-8 text file that must lie inside the course folder (symlinks included)."""
    display = folder.display(path)
    try:
        resolved = resolve_inside(folder.root, path)
    except Refused as refused:
        raise PackagerError(_REFUSALS[refused.refusal].format(reason=refused.reason), file=display) from None
    try:
        size = resolved.stat().st_size
        if size > MAX_TEXT_FILE_BYTES:
            raise PackagerError(
                f"the file is too large ({size} bytes; the limit is {MAX_TEXT_FILE_BYTES // 1024} KiB)",
                file=display,
            )
        raw = resolved.read_bytes()
    except OSError as error:
        raise PackagerError(f"cannot read the file: {error.strerror}", file=display) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        found = "UTF-16 text" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "not valid UTF-8 text"
        raise PackagerError(
            f"the file is {found} (bad byte at offset {error.start}); save it as UTF-8",
            file=display,
            line=line,
        ) from None
    return text.removeprefix("\ufeff")


def load_lesson(folder: CourseFolder, path: Path, kept: KeptPages | None = None) -> Lesson:
    """A lesson file: Markdown after a YAML front matter."""
    text = read_text(folder, path)
    return _kept(
        kept, Lesson, ("lesson", str(folder.root), str(path), text), lambda: _load_lesson(folder, path, text)
    )


def load_quiz(folder: CourseFolder, path: Path, graded: bool, kept: KeptPages | None = None) -> Quiz:
    """A quiz file: the assessment (``graded``) or a knowledge check."""
    text = read_text(folder, path)
    parts = (f"quiz {graded}", str(folder.root), str(path), text)
    return _kept(kept, Quiz, parts, lambda: _load_quiz(folder, path, text, graded))


def _kept(
    kept: KeptPages | None, kind: type[PageT], parts: tuple[str, ...], load: Callable[[], PageT]
) -> PageT:
    """The page from ``kept`` when an earlier build loaded it from the very same text and place."""
    key = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    found = kept.get(key) if kept is not None else None
    if isinstance(found, kind):
        return found
    page = load()
    if kept is not None:
        kept.put(key, page)
    return page


def _load_lesson(folder: CourseFolder, path: Path, text: str) -> Lesson:
    display = folder.display(path)
    match = _FRONT_MATTER.match(text)
    if match is None and re.match(r"---[ \t]*\r?\n", text):
        raise PackagerError(
            "the front matter has no closing '---' line (a '---' line after 'title: ...')",
            file=display,
            line=1,
        )
    if match is None:
        raise PackagerError(
            "a lesson starts with front matter: a '---' line, 'title: ...', and another '---' line",
            file=display,
            line=1,
            field="title",
        )
    front_matter = read_yaml(LessonFrontMatter, match.group(1), display, line_offset=1, empty={})
    front, problems = front_matter.model, front_matter.problems
    body = text[match.end() :]
    if not body.strip():
        problems.append(Problem("the lesson has no text after its front matter", file=display))
    first_body_line = text[: match.end()].count("\n") + 1
    tokens = parse_lesson(body)
    media = collect_media(folder.root, path, display, body, tokens, first_body_line)
    problems.extend(media.problems)
    blocks, block_problems = check_blocks(tokens, body, display, first_body_line)
    problems.extend(block_problems)
    if problems or front is None:
        raise PackagerError(problems=problems)
    lesson_id = front.id or id_from_file_name(path, display)
    lesson = Lesson(
        id=lesson_id,
        title=front.title,
        markdown=body,
        source=path,
        media_references=media.references,
        media_files=media.files,
        lesson_links=media.lesson_links,
        blocks=[
            LessonBlock(
                type=block.type,
                size=block.state_size(),
                finish=block_types()[block.type].must_finish,
                done=block.finished_by(),
            )
            for block in blocks
        ],
    )
    return lesson


def id_from_file_name(path: Path, display: Path) -> str:
    """A page's default id: its file name without a leading number, as a slug."""
    words = _NOT_SLUG.split(_LEADING_NUMBER.sub("", path.stem).lower())
    slug = "-".join(word for word in words if word)
    if not slug or not slug[0].isalpha():
        raise PackagerError(
            "cannot make an id from this file name: give the page an 'id' (lower-case letters, "
            "digits and hyphens, starting with a letter)",
            file=display,
            field="id",
        )
    return slug[:64].rstrip("-")


def _load_quiz(folder: CourseFolder, path: Path, text: str, graded: bool) -> Quiz:
    display = folder.display(path)
    read = read_yaml(QuizFile, text, display)
    quiz_file, problems = read.model, read.problems
    if quiz_file is None or problems:
        raise PackagerError(problems=problems)
    return carried(
        quiz_file, Quiz, id=quiz_file.id or id_from_file_name(path, display), graded=graded, source=path
    )
