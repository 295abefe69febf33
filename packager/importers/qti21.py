"""QTI 2.1 (and 2.2) assessment items into quiz questions: an item's XML file, or a zip of them.

Read: ``choiceInteraction`` (single choice, or multiple response when ``maxChoices`` is not 1),
``textEntryInteraction`` (fill-in, or numeric for a float or integer response), ``orderInteraction``
(sequencing), ``matchInteraction`` and ``associateInteraction`` (matching). Kept: the item's
``identifier`` as its id, choice identifiers as option ids, ``feedbackInline`` in a choice as its
feedback, ``modalFeedback`` whose identifier says correct or incorrect. Items with another
interaction, or several, are listed as skipped with their identifier.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from lxml import etree

from packager.importers.common import Collector, Imported, choice, feedback, slug, true_false_or_choice
from packager.importers.xml_files import child, children, descendants, documents, local

READ = {
    "choiceInteraction",
    "textEntryInteraction",
    "orderInteraction",
    "matchInteraction",
    "associateInteraction",
}
INTERACTIONS = READ | {
    "extendedTextInteraction", "hotspotInteraction", "gapMatchInteraction", "inlineChoiceInteraction",
    "sliderInteraction", "uploadInteraction", "drawingInteraction", "hottextInteraction",
    "graphicOrderInteraction", "graphicAssociateInteraction", "graphicGapMatchInteraction",
    "selectPointInteraction", "positionObjectInteraction", "mediaInteraction", "customInteraction",
}  # fmt: skip


def text(element: etree._Element | None, drop: frozenset[str] = frozenset({"feedbackInline"})) -> str:
    """The element's text, without the parts named in ``drop``, whitespace collapsed."""
    if element is None:
        return ""
    clone = copy.deepcopy(element)
    for unwanted in [found for found in clone.iter() if local(found) in drop]:
        parent = unwanted.getparent()
        if parent is not None:
            tail = unwanted.tail or ""
            unwanted.tail = None
            previous = unwanted.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(unwanted)
    return " ".join("".join(str(part) for part in clone.itertext()).split())


def correct_values(item: etree._Element, response: str | None) -> tuple[list[str], etree._Element | None]:
    """The correct response's values and the declaration they come from."""
    declaration = next(
        (found for found in descendants(item, "responseDeclaration") if found.get("identifier") == response),
        None,
    )
    if declaration is None:
        return [], None
    correct = child(declaration, "correctResponse")
    values = (
        [" ".join((value.text or "").split()) for value in children(correct, "value")]
        if correct is not None
        else []
    )
    return values, declaration


def option_ids(identifiers: list[str]) -> list[str | None]:
    """The choices' identifiers as option ids, when every one makes a distinct valid id."""
    ids = [slug(identifier) for identifier in identifiers]
    if all(ids) and len(set(ids)) == len(ids):
        return list(ids)
    return [None] * len(ids)


def convert(item: etree._Element, interaction: etree._Element) -> dict[str, Any] | str:
    kind = local(interaction)
    body = child(item, "itemBody")
    values, declaration = correct_values(item, interaction.get("responseIdentifier"))
    marked = frozenset(INTERACTIONS | {"prompt"})
    stem = text(body, marked | {"feedbackInline"})
    if kind == "textEntryInteraction":
        interaction.tail = " _____ " + (interaction.tail or "")
        stem = text(body, frozenset(INTERACTIONS - {"textEntryInteraction"}) | {"prompt"})
    prompt = " ".join(part for part in (stem, text(child(interaction, "prompt"))) if part)
    prompt = re.sub(r"_____ ([.,;:?!])", r"_____\1", prompt)
    notes: dict[str, str] = {}
    for modal in descendants(item, "modalFeedback"):
        name = (modal.get("identifier") or "").lower()
        notes["incorrect" if "incorrect" in name or "wrong" in name else "correct"] = text(modal)
    extra = {"feedback": feedback(notes.get("correct"), notes.get("incorrect"))}
    if not values:
        return "no correctResponse for its interaction"
    if kind == "choiceInteraction":
        choices = children(interaction, "simpleChoice")
        ids = option_ids([found.get("identifier", "") for found in choices])
        options: list[dict[str, Any]] = []
        for option_id, found in zip(ids, choices, strict=True):
            option: dict[str, Any] = {"id": option_id, "text": text(found)}
            option = {key: value for key, value in option.items() if value}
            if found.get("identifier") in values:
                option["correct"] = True
            note = text(child(found, "feedbackInline"), frozenset())
            if note:
                option["feedback"] = note
            options.append(option)
        if interaction.get("maxChoices", "1") != "1":
            return {**choice(prompt, options, **extra), "type": "multiple-response"}
        return true_false_or_choice(prompt, options, **extra)
    if kind == "textEntryInteraction":
        base = declaration.get("baseType", "string") if declaration is not None else "string"
        if base in ("float", "integer"):
            return {"type": "numeric", "prompt": prompt, "answer": float(values[0]), **extra}
        mapped = [
            entry
            for entry in (descendants(declaration, "mapEntry") if declaration is not None else [])
            if float(entry.get("mappedValue", "0")) > 0
        ]
        answers = list(dict.fromkeys(values + [entry.get("mapKey", "") for entry in mapped]))
        case = any(entry.get("caseSensitive") == "true" for entry in mapped)
        return {"type": "fill-in", "prompt": prompt, "answers": answers, "case_sensitive": case, **extra}
    if kind == "orderInteraction":
        labels = {found.get("identifier"): text(found) for found in children(interaction, "simpleChoice")}
        return {
            "type": "sequencing",
            "prompt": prompt,
            "items": [labels.get(value, value) for value in values],
            **extra,
        }
    labels = {
        found.get("identifier"): text(found) for found in descendants(interaction, "simpleAssociableChoice")
    }
    pairs = []
    for value in values:
        left, _, right = value.partition(" ")
        pairs.append({"prompt": labels.get(left, left), "match": labels.get(right, right)})
    return {"type": "matching", "prompt": prompt, "pairs": pairs, **extra}


def read_qti21(path: Path) -> Imported:
    """Every assessment item of a QTI 2.x file, or of a zip of them."""
    collector = Collector(path)
    for name, root in documents(path):
        if local(root) == "assessmentTest" and collector.result.title is None:
            collector.result.title = root.get("title")
        if local(root) != "assessmentItem":
            continue
        identifier = root.get("identifier") or name
        where = f"item {identifier!r}" + (f" ({name})" if name != path.name else "")
        found = [element for element in root.iter() if local(element) in INTERACTIONS]
        if len(found) != 1:
            collector.skip(where, f"{len(found)} interactions: only items with one interaction are read")
            continue
        if local(found[0]) not in READ:
            collector.skip(
                where, f"the interaction {local(found[0])} has no equivalent among this project's types"
            )
            continue
        made = convert(root, found[0])
        collector.take(where, made, root.get("identifier"))
    return collector.result
