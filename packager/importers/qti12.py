"""QTI 1.2 as Canvas exports it (``questestinterop``), a file or the export's zip, into quiz questions.

Canvas names each item's type in its metadata (``question_type``). Read: multiple_choice,
true_false, multiple_answers, short_answer, numerical (exact or range), matching. Kept: the
item's ``ident`` as its id (and its title when that makes a distinct id), each answer's feedback
(``<answer ident>_fb``), ``correct_fb`` and ``general_incorrect_fb`` (``general_fb`` for both when
those are missing). Other types (essay, file upload, text only, fill in multiple blanks,
dropdowns, calculated) are listed as skipped with the item's ident. Without Canvas's metadata, an
item is read from its response elements alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from packager.importers.common import Collector, Imported, choice, feedback, html_text, true_false_or_choice
from packager.importers.xml_files import child, descendants, documents, local


def mattext(element: etree._Element | None) -> str:
    """The plain text of the first ``mattext`` below ``element`` (HTML in Canvas)."""
    found = descendants(element, "mattext") if element is not None else []
    return html_text(found[0].text) if found else ""


def metadata(item: etree._Element) -> dict[str, str]:
    fields = {}
    for entry in descendants(item, "qtimetadatafield"):
        label, value = child(entry, "fieldlabel"), child(entry, "fieldentry")
        if label is not None and value is not None:
            fields[(label.text or "").strip()] = (value.text or "").strip()
    return fields


def scored(item: etree._Element) -> list[etree._Element]:
    """The ``respcondition`` elements that give credit (a SCORE set above 0)."""
    found = []
    for condition in descendants(item, "respcondition"):
        score = next(
            (var for var in descendants(condition, "setvar") if var.get("varname", "SCORE") == "SCORE"), None
        )
        try:
            if score is not None and float(score.text or "0") > 0:
                found.append(condition)
        except ValueError:
            continue
    return found


def right_values(item: etree._Element, tag: str = "varequal") -> list[tuple[str | None, str]]:
    """(respident, value) of each value a scoring condition asks for (not under ``<not>``)."""
    values = []
    for condition in scored(item):
        for equal in descendants(condition, tag):
            parent = equal.getparent()
            if parent is not None and local(parent) == "not":
                continue
            values.append((equal.get("respident"), " ".join((equal.text or "").split())))
    return values


def feedbacks(item: etree._Element) -> dict[str, str]:
    return {found.get("ident", ""): mattext(found) for found in descendants(item, "itemfeedback")}


def convert(kind: str, item: etree._Element) -> dict[str, Any] | str:
    prompt = mattext(child(item, "presentation"))
    notes = feedbacks(item)
    general = notes.get("general_fb") or None
    extra = {
        "feedback": feedback(notes.get("correct_fb") or general, notes.get("general_incorrect_fb") or general)
    }
    if kind in ("multiple_choice_question", "true_false_question", "multiple_answers_question"):
        right = {value for _, value in right_values(item)}
        options: list[dict[str, Any]] = []
        for label in descendants(item, "response_label"):
            option: dict[str, Any] = {"text": mattext(label)}
            if label.get("ident") in right:
                option["correct"] = True
            if notes.get(f"{label.get('ident')}_fb"):
                option["feedback"] = notes[f"{label.get('ident')}_fb"]
            options.append(option)
        if kind == "multiple_answers_question":
            return {**choice(prompt, options, **extra), "type": "multiple-response"}
        return true_false_or_choice(prompt, options, **extra)
    if kind == "short_answer_question":
        answers = list(dict.fromkeys(value for _, value in right_values(item)))
        return {"type": "fill-in", "prompt": prompt, "answers": answers, **extra}
    if kind == "numerical_question":
        exact = right_values(item)
        low, high = right_values(item, "vargte"), right_values(item, "varlte")
        try:
            if exact:
                return {"type": "numeric", "prompt": prompt, "answer": float(exact[0][1]), **extra}
            if low and high:
                return {
                    "type": "numeric",
                    "prompt": prompt,
                    "minimum": float(low[0][1]),
                    "maximum": float(high[0][1]),
                    **extra,
                }
        except ValueError:
            return "a numerical answer that is not a number"
        return "no exact answer or range found"
    if kind == "matching_question":
        matches = dict(right_values(item))
        pairs = []
        for response in descendants(item, "response_lid"):
            labels = {label.get("ident"): mattext(label) for label in descendants(response, "response_label")}
            wanted = matches.get(response.get("ident"))
            if wanted not in labels:
                return f"the prompt {mattext(response)!r} has no correct match"
            pairs.append({"prompt": mattext(response), "match": labels[wanted]})
        return {"type": "matching", "prompt": prompt, "pairs": pairs, **extra}
    return f"the Canvas question type {kind!r} has no equivalent among this project's types"


def guessed_type(item: etree._Element) -> str:
    """A Canvas question type for an item without Canvas's metadata, from its response elements."""
    if descendants(item, "response_str") or descendants(item, "response_num"):
        return "short_answer_question" if descendants(item, "response_str") else "numerical_question"
    lids = descendants(item, "response_lid")
    if len(lids) > 1:
        return "matching_question"
    if lids and lids[0].get("rcardinality", "Single") == "Multiple":
        return "multiple_answers_question"
    return "multiple_choice_question" if lids else "unknown"


def read_qti12(path: Path) -> Imported:
    """Every item of a QTI 1.2 file, or of a Canvas quiz export (zip)."""
    collector = Collector(path)
    for _, root in documents(path):
        if local(root) != "questestinterop":
            continue
        assessment = next(iter(descendants(root, "assessment")), None)
        if assessment is not None and collector.result.title is None:
            collector.result.title = assessment.get("title")
        for item in descendants(root, "item"):
            ident = item.get("ident") or f"line {item.sourceline}"
            where = f"item {ident!r}" + (f" ({item.get('title')})" if item.get("title") else "")
            kind = metadata(item).get("question_type") or guessed_type(item)
            made = convert(kind, item)
            collector.take(where, made, item.get("ident"))
    return collector.result
