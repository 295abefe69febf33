"""``packager new``: scaffold a course that builds, from the templates in ``templates/scaffold/``.

The scaffold is rendered into a temporary folder beside ``DIR``, loaded and validated like any
course, and only then moved into place: a failure leaves nothing behind.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from rich.console import Console

from packager.blocks.registry import block_types
from packager.cli.schema import schema_files
from packager.course.loader import load_course
from packager.errors import PackagerError
from packager.questions.registry import question_types
from packager.resources import templates_dir
from packager.text import text_environment
from packager.types import Slug, Title

SCAFFOLD = "scaffold"
SCHEMA_FOLDER = "schemas"
"""Where the new course gets the JSON Schemas its YAML files name in their modeline
(``# yaml-language-server: $schema=...``), for editors to check and complete them."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``packager new``."""
    parser.add_argument("course_dir", type=Path, metavar="DIR", help="the folder to create (new or empty)")
    parser.add_argument("--title", help="the course title (default: from the folder's name)")


def scaffold_dir() -> Path:
    """The scaffold's template files."""
    return templates_dir() / SCAFFOLD


def course_id(text: str) -> str:
    """A valid course id (a slug) derived from a title or a folder name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug or not slug[0].isalpha():
        slug = f"course-{slug}".strip("-")
    return slug[:64].rstrip("-")


def default_title(folder: Path) -> str:
    """'my-first-course' -> 'My first course'."""
    words = re.sub(r"[-_.]+", " ", folder.name).strip()
    return words[:1].upper() + words[1:] if words else "My course"


def render_scaffold(title: str, identifier: str) -> dict[str, str]:
    """Every file of the new course, by relative path."""
    examples = [question_type.example for question_type in question_types().values()]
    blocks = [block.example for block in block_types().values()]
    context = {
        "title": title,
        "id": identifier,
        "examples": examples,
        "blocks": blocks,
        "schemas": SCHEMA_FOLDER,
    }
    files = {
        f"lessons/{relative}": text
        for block in block_types().values()
        for relative, text in block.example_files.items()
    }
    for path in sorted(scaffold_dir().rglob("*")):
        relative = path.relative_to(scaffold_dir()).as_posix()
        if path.is_file():
            files[relative] = text_environment().get_template(f"{SCAFFOLD}/{relative}").render(context)
    for file_name, schema in schema_files().items():
        files[f"{SCHEMA_FOLDER}/{file_name}"] = schema
    return files


def run(args: argparse.Namespace, console: Console) -> int:
    """Create the course folder, or refuse without touching anything."""
    destination: Path = args.course_dir
    _check_destination(destination)
    title = _valid(Title, args.title if args.title is not None else default_title(destination.resolve()))
    identifier = _valid(Slug, course_id(destination.resolve().name))
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=destination.parent, prefix=f".{destination.name}.new-"))
        staging.chmod(0o755)  # mkdtemp's folder is private; the course folder is not
    except OSError as error:
        raise PackagerError(f"cannot create the folder: {error.strerror}", file=destination) from None
    try:
        for relative, text in render_scaffold(title, identifier).items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        course = load_course(staging)  # the scaffold must be a valid course, whatever the title
        if destination.exists():
            destination.rmdir()  # empty, checked above
        staging.rename(destination)
    except OSError as error:
        raise PackagerError(f"cannot create the folder: {error.strerror}", file=destination) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    questions = sum(len(quiz.questions) for quiz in course.quizzes)
    console.print(
        f"created {destination}: {len(course.lessons)} lessons and a quiz with {questions} questions "
        f"(one of each type). Next: packager build {destination}",
        markup=False,
    )
    return 0


def _check_destination(destination: Path) -> None:
    if destination.is_symlink() or (destination.exists() and not destination.is_dir()):
        raise PackagerError("this exists and is not a folder; choose a new folder name", file=destination)
    if destination.is_dir() and any(destination.iterdir()):
        raise PackagerError(
            "the folder is not empty; choose a new folder, or empty this one first", file=destination
        )


def _valid(kind: Any, value: str) -> str:
    """``value`` checked against a course field type (Title, Slug), as the loader would check it."""
    field = "--title" if kind is Title else "id"
    try:
        value.encode("utf-8")
        return str(TypeAdapter(kind).validate_python(value))
    except UnicodeEncodeError:
        raise PackagerError(f"not valid text: {value!r}", field=field) from None
    except ValidationError as error:
        raise PackagerError(f"{error.errors()[0]['msg']}: {value!r}", field=field) from None
