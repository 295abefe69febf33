"""``packager translate``: export a course's text as XLIFF for a translator, and import the translation."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from packager.cli.options import add_course_dir
from packager.errors import PackagerError
from packager.types import LanguageTag

if TYPE_CHECKING:
    from rich.console import Console


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``translate export COURSE --to fr [-o FILE]`` and ``translate import FILE [COURSE]``."""
    parser.add_argument("action", choices=["export", "import"])
    parser.add_argument(
        "file_or_course", type=Path, nargs="?", help="export: the course folder; import: the XLIFF file"
    )
    add_course_dir(parser, "course", "COURSE_DIR", "import: the course folder (default: course/)")
    parser.add_argument("--to", metavar="LANGUAGE", help="export: the language to translate into (BCP 47)")
    parser.add_argument(
        "-o", "--output", type=Path, help="export: the XLIFF file (default: <id>-<language>.xlf)"
    )


def run(args: argparse.Namespace, console: Console) -> int:
    from pydantic import TypeAdapter, ValidationError

    from packager.course.loader import load_course
    from packager.translate.apply import TRANSLATIONS, translation_files
    from packager.translate.captions import chosen_captions
    from packager.translate.segments import course_segments, is_captions
    from packager.translate.xliff import read_xliff, write_xliff

    if args.action == "export":
        course_dir = args.file_or_course or Path("course")
        try:
            language = TypeAdapter(LanguageTag).validate_python(args.to)
        except ValidationError as error:
            raise PackagerError("--to needs a language tag such as fr or pt-BR") from error
        course = load_course(course_dir)
        segments = course_segments(course)
        existing = translation_files(course_dir).get(language)
        kept = read_xliff(existing, {s.id: s for s in segments}) if existing else None
        out = args.output or Path(f"{course.id}-{language}.xlf")
        write_xliff(segments, course.language, language, out, kept)
        console.print(f"wrote {out}: {len(segments)} segments to translate into {language}", markup=False)
        return 0
    if args.file_or_course is None:
        raise PackagerError("translate import needs the translated XLIFF file")
    course = load_course(args.course)
    by_id = {segment.id: segment for segment in course_segments(course)}
    units = read_xliff(args.file_or_course, by_id)
    for identifier, unit in units.items():
        segment = by_id.get(identifier)
        if segment is not None and is_captions(segment) and unit.target is not None:
            chosen_captions(course.source_dir, segment, unit.target, args.file_or_course, unit.line)
    language = _target_language(args.file_or_course)
    destination = args.course / TRANSLATIONS / f"{language}.xlf"
    destination.parent.mkdir(exist_ok=True)
    shutil.copyfile(args.file_or_course, destination)
    done = sum(1 for unit in units.values() if unit.target is not None)
    console.print(f"imported {destination}: {done} of {len(by_id)} segments translated", markup=False)
    return 0


def _target_language(path: Path) -> str:
    from translate.storage import xliff

    store = xliff.xlifffile.parsestring(path.read_bytes())  # type: ignore[no-untyped-call]
    language = store.gettargetlanguage()
    if not language:
        raise PackagerError("the XLIFF file names no target-language", file=path)
    return str(language)
