"""The translated courses of a build: checked (``--strict``) before anything is written."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from packager.errors import PackagerError
from packager.translate.apply import TranslationReport, translate_course, translation_files


@contextmanager
def build_translations(
    course_dir: Path, strict: bool, only: list[str] | None = None
) -> Iterator[list[tuple[TranslationReport, Path]]]:
    """Each translation of the course (or those of ``only``) as a course folder (temporary), with
    what it lacks."""
    files = {
        language: file
        for language, file in translation_files(course_dir).items()
        if only is None or language in only
    }
    missing = sorted(set(only or ()) - set(files))
    if missing:
        raise PackagerError(f"the course has no translation into {', '.join(missing)}", file=course_dir)
    if not files:
        yield []
        return
    from packager.course.loader import load_course

    course = load_course(course_dir)
    with tempfile.TemporaryDirectory(prefix="packager-translations-") as work:
        made = []
        problems = []
        for language, file in files.items():
            report = translate_course(course, language, file, Path(work) / language)
            problems += report.problems(file)
            made.append((report, Path(work) / language))
        if strict and problems:
            raise PackagerError(problems=problems)
        yield made
