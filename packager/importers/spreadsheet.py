"""Spreadsheets (CSV, or XLSX through openpyxl) into quiz questions: one question a row.

The first row names the columns (any order, any case): ``prompt`` (or ``question``), ``id``,
``type`` (a question type; default: single-choice, or multiple-response when several options are
correct), options in ``a``, ``b``... or ``option 1``, ``option 2``..., ``answer`` (the correct
options' letters, ``A`` or ``A, C``; ``true``/``false``; a number, ``N +- T`` or ``MIN..MAX``;
fill-in answers separated by ``|``), ``feedback correct`` and ``feedback incorrect``. Matching
options are ``prompt -> match``; sequencing options are listed in their correct order. A row that
cannot be converted is listed as skipped with its row number.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from packager.errors import PackagerError
from packager.importers.common import Collector, Imported, choice, feedback

OPTION_COLUMN = re.compile(r"^(?:option\s*)?([a-z])$|^option\s*(\d+)$")
NUMBER = r"[-+]?\d+(?:\.\d+)?"
NUMERIC = re.compile(rf"^({NUMBER})(?:\s*(?:\+-|±|\+/-)\s*({NUMBER}))?$")
RANGE = re.compile(rf"^({NUMBER})\s*\.\.\s*({NUMBER})$")


def rows(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(where, cells) for each row, the header first."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            for number, cells in enumerate(csv.reader(stream), start=1):
                yield f"row {number}", cells
        return
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise PackagerError(f"cannot read this spreadsheet (an .xlsx file): {error}", file=path) from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if value is None else str(value) for value in values]
            yield f"{sheet.title} row {number}", cells
    finally:
        workbook.close()


def option_columns(header: list[str]) -> list[int]:
    """The indexes of the option columns, in option order."""
    found = []
    for index, name in enumerate(header):
        match = OPTION_COLUMN.match(name)
        if match:
            order = ord(match.group(1)) - ord("a") if match.group(1) else int(match.group(2)) - 1
            found.append((order, index))
    return [index for _, index in sorted(found)]


def question_from(row: dict[str, str], options: list[str]) -> dict[str, Any] | str:
    """The question a row describes, or why it cannot be converted."""
    kind = row.get("type", "").strip().lower()
    prompt, answer = row.get("prompt") or row.get("question", ""), row.get("answer", "").strip()
    extra = {"feedback": feedback(row.get("feedback correct"), row.get("feedback incorrect"))}
    if kind == "true-false":
        if answer.lower() not in ("true", "false"):
            return f"a true-false answer must be true or false, not {answer!r}"
        return {"type": kind, "prompt": prompt, "answer": answer.lower() == "true", **extra}
    if kind == "fill-in":
        return {"type": kind, "prompt": prompt, "answers": [a.strip() for a in answer.split("|")], **extra}
    if kind == "numeric":
        exact, ranged = NUMERIC.match(answer), RANGE.match(answer)
        if ranged:
            low, high = float(ranged.group(1)), float(ranged.group(2))
            return {"type": kind, "prompt": prompt, "minimum": low, "maximum": high, **extra}
        if not exact:
            return f"a numeric answer must be N, N +- T or MIN..MAX, not {answer!r}"
        tolerance = float(exact.group(2) or 0)
        return {
            "type": kind,
            "prompt": prompt,
            "answer": float(exact.group(1)),
            "tolerance": tolerance,
            **extra,
        }
    if kind == "sequencing":
        return {"type": kind, "prompt": prompt, "items": options, **extra}
    if kind == "matching":
        if not all("->" in option for option in options):
            return "every option of a matching question must read 'prompt -> match'"
        pairs = [
            dict(zip(("prompt", "match"), map(str.strip, o.split("->", 1)), strict=True)) for o in options
        ]
        return {"type": kind, "prompt": prompt, "pairs": pairs, **extra}
    if kind not in ("", "single-choice", "multiple-response"):
        return f"the type {kind!r} is not one this importer reads from a spreadsheet"
    letters = [letter.strip().upper() for letter in re.split(r"[,; ]+", answer) if letter.strip()]
    wrong = [letter for letter in letters if len(letter) != 1 or not 0 <= ord(letter) - 65 < len(options)]
    if not letters or wrong:
        return f"the answer {answer!r} must name options by letter (A to {chr(64 + len(options))})"
    made: list[dict[str, Any]] = [
        {"text": text, "correct": True} if chr(65 + index) in letters else {"text": text}
        for index, text in enumerate(options)
    ]
    question = choice(prompt, made, **extra)
    if kind:
        question["type"] = kind
    return question


def read_spreadsheet(path: Path) -> Imported:
    """Every question of a CSV or XLSX file (its first sheet)."""
    collector = Collector(path)
    header: list[str] | None = None
    columns: list[int] = []
    for where, cells in rows(path):
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = [" ".join(cell.strip().lower().replace("_", " ").split()) for cell in cells]
            columns = option_columns(header)
            if "prompt" not in header and "question" not in header:
                collector.skip(where, "the first row must name the columns, one of them 'prompt'")
                return collector.result
            continue
        row = {name: cells[index].strip() for index, name in enumerate(header) if index < len(cells)}
        options = [cells[index].strip() for index in columns if index < len(cells) and cells[index].strip()]
        question = question_from(row, options)
        collector.take(where, question, row.get("id"))
    return collector.result
