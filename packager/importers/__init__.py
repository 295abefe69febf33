"""Question banks from other tools into quiz files: one module per format.

:func:`import_questions` reads a file (the format named, or found from the file) into
:class:`~packager.importers.common.Imported`: questions in quiz-file shape, each validated against
the question models, and what could not be converted, each with its line or item id.
:func:`quiz_yaml` writes them as a quiz file, validated as a whole first.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml
from pydantic import ValidationError

from packager.course.models import QuizFile
from packager.errors import PackagerError
from packager.importers.aiken import read_aiken
from packager.importers.common import Imported, Skipped
from packager.importers.gift import read_gift
from packager.importers.moodle_xml import read_moodle_xml
from packager.importers.qti12 import read_qti12
from packager.importers.qti21 import read_qti21
from packager.importers.spreadsheet import read_spreadsheet
from packager.importers.xml_files import documents, local

__all__ = ["FORMATS", "Imported", "Skipped", "detect", "import_questions", "quiz_yaml"]

FORMATS: dict[str, tuple[Callable[[Path], Imported], str]] = {
    "gift": (read_gift, "Moodle GIFT (.gift, .txt)"),
    "aiken": (read_aiken, "Aiken (.txt)"),
    "moodle-xml": (read_moodle_xml, "Moodle XML (.xml)"),
    "qti21": (read_qti21, "QTI 2.1 items (.xml, or a .zip of them)"),
    "qti12": (read_qti12, "QTI 1.2 as Canvas exports it (.xml, or the export's .zip)"),
    "spreadsheet": (read_spreadsheet, "one question a row (.csv, .xlsx)"),
}
ROOTS = {
    "quiz": "moodle-xml",
    "questestinterop": "qti12",
    "assessmentItem": "qti21",
    "assessmentTest": "qti21",
}


def detect(path: Path) -> str:
    """The format of a question bank, from its name and, for XML and zips, its root elements."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".xlsx"):
        return "spreadsheet"
    if suffix == ".gift":
        return "gift"
    if suffix == ".txt":
        text = path.read_text("utf-8-sig", errors="replace")
        return "gift" if "{" in text else "aiken"
    if suffix in (".xml", ".zip") or zipfile.is_zipfile(path):
        roots = {local(root) for _, root in documents(path)}
        found = sorted({ROOTS[root] for root in roots if root in ROOTS}, key=list(FORMATS).index)
        if found:
            return found[-1] if "qti12" in found else found[0]
    raise PackagerError(
        f"cannot tell the format of this file; name it with --format ({', '.join(FORMATS)})", file=path
    )


def import_questions(path: Path, format_name: str | None = None) -> Imported:
    """Read a question bank; raises PackagerError when the file cannot be read at all."""
    if not path.is_file():
        raise PackagerError("no such file", file=path)
    name = format_name or detect(path)
    try:
        return FORMATS[name][0](path)
    except UnicodeDecodeError:
        raise PackagerError("the file is not UTF-8 text", file=path) from None


def quiz_yaml(imported: Imported, title: str | None = None, schema: str | None = None) -> str:
    """A quiz file of the imported questions, validated as a whole (ids unique, and so on)."""
    if not imported.questions:
        raise PackagerError("no question could be converted", file=imported.source)
    data = {"title": title or imported.title or "Imported questions", "questions": imported.questions}
    try:
        QuizFile.model_validate(data)
    except ValidationError as error:
        raise PackagerError(f"the imported quiz does not validate: {error}", file=imported.source) from None
    modeline = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    header = f"# Imported from {imported.source.name} by packager import.\n"
    return modeline + header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
