"""Moodle XML (``<quiz><question type="...">``) into quiz questions.

Read: multichoice (single or not), truefalse, shortanswer, numerical, matching, ordering. Kept:
the question's name as its id, each answer's feedback, the correct/incorrect feedback (else the
general feedback for both). Question text is HTML in Moodle; the text is kept. Categories are not
questions; every other type (essay, cloze, calculated, drag and drop...) is listed as skipped
with its name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from packager.importers.common import Collector, Imported, choice, feedback, html_text
from packager.importers.xml_files import documents


def text_of(element: etree._Element | None, path: str = "text") -> str:
    """The plain text of ``element``'s ``<text>`` (HTML in Moodle) child."""
    if element is None:
        return ""
    found = element.find(path)
    return html_text(found.text if found is not None else None)


def fraction(answer: etree._Element) -> float:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        return 0.0


def convert(kind: str, question: etree._Element) -> dict[str, Any] | str:
    """One question in quiz-file shape, or why it cannot be converted."""
    prompt = text_of(question.find("questiontext"))
    general = text_of(question.find("generalfeedback")) or None
    right = text_of(question.find("correctfeedback")) or general
    wrong = text_of(question.find("incorrectfeedback")) or general
    extra = {"feedback": feedback(right, wrong)}
    answers = question.findall("answer")
    if kind == "multichoice":
        options: list[dict[str, Any]] = []
        for answer in answers:
            option: dict[str, Any] = {"text": text_of(answer)}
            if fraction(answer) > 0:
                option["correct"] = True
            note = text_of(answer.find("feedback"))
            if note:
                option["feedback"] = note
            options.append(option)
        made = choice(prompt, options, **extra)
        single = (question.findtext("single") or "true").strip().lower() in ("true", "1")
        if not single:
            made["type"] = "multiple-response"
        return made
    if kind == "truefalse":
        right_answer = next((answer for answer in answers if fraction(answer) > 0), None)
        if right_answer is None:
            return "no answer has a positive fraction"
        notes = {text_of(answer).lower(): text_of(answer.find("feedback")) or None for answer in answers}
        is_true = text_of(right_answer).lower() == "true"
        own = feedback(notes.get(str(is_true).lower()), notes.get(str(not is_true).lower()))
        return {
            "type": "true-false",
            "prompt": prompt,
            "answer": is_true,
            "feedback": own or extra["feedback"],
        }
    if kind == "shortanswer":
        accepted = [text_of(answer) for answer in answers if fraction(answer) >= 100]
        case = (question.findtext("usecase") or "0").strip() == "1"
        return {"type": "fill-in", "prompt": prompt, "answers": accepted, "case_sensitive": case, **extra}
    if kind == "numerical":
        best = max(answers, key=fraction, default=None)
        if best is None or fraction(best) <= 0:
            return "no answer has a positive fraction"
        try:
            value, tolerance = float(text_of(best)), float(best.findtext("tolerance") or 0)
        except ValueError:
            return f"the answer {text_of(best)!r} is not a number"
        return {"type": "numeric", "prompt": prompt, "answer": value, "tolerance": tolerance, **extra}
    if kind == "matching":
        pairs = [
            {"prompt": text_of(sub), "match": text_of(sub.find("answer"))}
            for sub in question.findall("subquestion")
        ]
        extras = [pair["match"] for pair in pairs if not pair["prompt"]]
        if extras:
            return f"extra wrong matches ({', '.join(extras)}): this project's matching has none"
        return {"type": "matching", "prompt": prompt, "pairs": pairs, **extra}
    if kind == "ordering":
        items = [text_of(answer) for answer in sorted(answers, key=fraction)]
        return {"type": "sequencing", "prompt": prompt, "items": items, **extra}
    return f"the Moodle question type {kind!r} has no equivalent among this project's types"


def read_moodle_xml(path: Path) -> Imported:
    """Every question of a Moodle XML file."""
    ((_, root),) = documents(path)
    collector = Collector(path)
    for question in root.iter("question"):
        kind = question.get("type", "")
        if kind == "category":
            continue
        name = text_of(question.find("name")) or None
        where = f"line {question.sourceline}" + (f" ({name})" if name else "")
        made = convert(kind, question)
        collector.take(where, made, name)
    return collector.result
