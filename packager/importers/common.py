"""What every importer shares: the result, the question checks, ids, and text from HTML.

An importer reads one format and hands each question it finds to a :class:`Collector` as plain
data in this project's quiz-file shape; the collector validates it against the question models
(:func:`packager.questions.registry.question_union`) and gives it a unique id. What cannot be
converted is recorded as :class:`Skipped` with where it is (a line, or an item's id) and why.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree, html
from pydantic import TypeAdapter, ValidationError

from packager.questions.registry import question_union

MAX_SLUG = 64


@dataclass(frozen=True)
class Skipped:
    """A question (or part of the file) the importer could not convert."""

    where: str
    """``line 12``, ``item 'q3'``: where the author finds it in the source."""
    reason: str


@dataclass
class Imported:
    """What one source file gave: questions in quiz-file shape, and what was left out."""

    source: Path
    title: str | None = None
    questions: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def slug(text: str) -> str:
    """A quiz-file id from any text: ``Q 3: Trust!`` -> ``q-3-trust`` ("" when nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    value = "-".join(words)[:MAX_SLUG].strip("-")
    if value and not value[0].isalpha():
        value = f"q-{value}"[:MAX_SLUG].strip("-")
    return value


def html_text(fragment: str | None) -> str:
    """The text of an HTML fragment, whitespace collapsed (question text is plain text here)."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())
    try:
        element = html.fragment_fromstring(fragment, create_parent="div")
    except etree.ParserError:
        return " ".join(fragment.split())
    return " ".join(element.text_content().split())


def feedback(correct: str | None, incorrect: str | None) -> dict[str, str] | None:
    """The ``feedback`` block of a question, or None when the source has none."""
    block = {key: value for key, value in (("correct", correct), ("incorrect", incorrect)) if value}
    return block or None


def choice(prompt: str, options: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A single-choice question, or multiple-response when more than one option is correct."""
    correct = sum(1 for option in options if option.get("correct"))
    kind = "multiple-response" if correct > 1 else "single-choice"
    return {"type": kind, "prompt": prompt, "options": options, **extra}


def true_false_or_choice(prompt: str, options: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A two-option question whose options read True and False becomes a true-false question."""
    texts = [str(option.get("text", "")).strip().lower() for option in options]
    if len(options) == 2 and sorted(texts) == ["false", "true"]:
        right = next((option for option in options if option.get("correct")), None)
        if right is not None:
            return {
                "type": "true-false",
                "prompt": prompt,
                "answer": right["text"].lower() == "true",
                **extra,
            }
    return choice(prompt, options, **extra)


class Collector:
    """Gathers an import's questions: each validated, each with a unique id."""

    def __init__(self, source: Path, title: str | None = None) -> None:
        self.result = Imported(source, title)
        self._check: TypeAdapter[Any] = TypeAdapter(question_union())
        self._ids: set[str] = set()

    def skip(self, where: str, reason: str) -> None:
        self.result.skipped.append(Skipped(where, reason))

    def take(self, where: str, made: dict[str, Any] | str, source_id: str | None = None) -> None:
        """Keep a converted question, or list why it could not be converted (``made`` is the reason)."""
        if isinstance(made, str):
            self.skip(where, made)
        else:
            self.add(where, made, source_id)

    def add(self, where: str, question: dict[str, Any], source_id: str | None = None) -> None:
        """Keep ``question`` (quiz-file shape, without ``id``) if it validates; else list it as skipped."""
        wanted = slug(source_id or "") or f"q{len(self.result.questions) + 1}"
        question_id, number = wanted, 2
        while question_id in self._ids:
            question_id = f"{wanted[: MAX_SLUG - 4]}-{number}"
            number += 1
        candidate = {
            "id": question_id,
            **{key: value for key, value in question.items() if value is not None},
        }
        try:
            self._check.validate_python(candidate)
        except ValidationError as error:
            first = error.errors()[0]
            place = ".".join(str(part) for part in first["loc"][1:])
            self.skip(
                where,
                f"not a valid {question.get('type')} question: {place + ': ' if place else ''}{first['msg']}",
            )
            return
        self._ids.add(question_id)
        self.result.questions.append(candidate)
