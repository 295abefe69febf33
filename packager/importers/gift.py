"""GIFT (Moodle's plain-text question format) into quiz questions.

Questions are separated by blank lines; ``//`` lines are comments; ``$CATEGORY:`` lines name a
category. A question is ``::id:: prompt {answers}``: ``{T}``/``{F}`` true-false (``#`` wrong, then
right feedback); ``=right ~wrong`` choices (``%50%`` weights: several correct make it multiple
response); only ``=`` answers a fill-in; ``=a -> b`` pairs matching; ``#3.1:0.1`` or ``#1..5``
numeric; ``####`` general feedback (shown whatever the answer, so both feedbacks here). Essays
(``{}``) and descriptions (no answers) are listed as skipped, as is anything else this project
has no type for.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from packager.importers.common import Collector, Imported, choice, feedback

ESCAPES = {":": ":", "#": "#", "=": "=", "~": "~", "{": "{", "}": "}", "n": "\n"}
FORMAT_PREFIX = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
NUMBER = r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"


def unescape(text: str) -> str:
    """GIFT text as the learner reads it: escapes resolved, a format prefix dropped, spaces collapsed."""
    text = FORMAT_PREFIX.sub("", text.strip())
    text = re.sub(r"\\(.)", lambda match: ESCAPES.get(match.group(1), match.group(0)), text)
    return " ".join(text.split())


def split(text: str, marks: str) -> list[tuple[str, str]]:
    """``text`` cut before each unescaped character of ``marks``: (mark, rest) pairs; the text before
    the first mark comes with mark ""."""
    parts: list[tuple[str, str]] = [("", "")]
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            parts[-1] = (parts[-1][0], parts[-1][1] + text[index : index + 2])
            index += 2
            continue
        if char in marks:
            parts.append((char, ""))
        else:
            parts[-1] = (parts[-1][0], parts[-1][1] + char)
        index += 1
    return parts


def find_unescaped(text: str, char: str, start: int = 0) -> int:
    """The index of the first ``char`` not escaped with a backslash, or -1."""
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == char:
            return index
        index += 1
    return -1


def blocks(text: str) -> list[tuple[int, str]]:
    """Each question's text with its first line's number: comments dropped, blank lines between."""
    found: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("//"):
            continue
        if not line.strip():
            if current:
                found.append((start, "\n".join(current)))
                current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        found.append((start, "\n".join(current)))
    return found


def answer_feedback(text: str) -> tuple[str, str | None]:
    """An answer's text and its ``#`` feedback."""
    parts = split(text, "#")
    feedback_text = unescape(parts[1][1]) if len(parts) > 1 else None
    return unescape(parts[0][1]), feedback_text or None


def parse_answers(prompt: str, body: str) -> dict[str, Any] | str:
    """The question from its answer block, or why it cannot be converted."""
    general = None
    cut = body.find("####")
    if cut >= 0:
        body, general = body[:cut], unescape(body[cut + 4 :]) or None
    body = body.strip()
    if not body:
        return "an essay question (no answers): this project has no essay type"
    if body.startswith("#"):
        return numeric(prompt, body[1:])
    head = split(body, "#")
    if head[0][1].strip().upper() in ("T", "TRUE", "F", "FALSE"):
        wrong = unescape(head[1][1]) if len(head) > 1 else None
        right = unescape(head[2][1]) if len(head) > 2 else None
        answer = head[0][1].strip().upper().startswith("T")
        return {"type": "true-false", "prompt": prompt, "answer": answer, "feedback": feedback(right, wrong)}
    answers = [(mark, text) for mark, text in split(body, "=~") if mark]
    if not answers:
        return "no answers marked with = or ~"
    if any("->" in text for _, text in answers):
        pairs = [text.split("->", 1) for _, text in answers]
        matched = [{"prompt": unescape(left), "match": unescape(right)} for left, right in pairs]
        return {
            "type": "matching",
            "prompt": prompt,
            "pairs": matched,
            "feedback": feedback(general, general),
        }
    options = []
    for mark, text in answers:
        weight = re.match(r"\s*%(-?\d+(?:\.\d+)?)%", text)
        if weight:
            text = text[weight.end() :]
        option_text, option_feedback = answer_feedback(text)
        correct = mark == "=" or bool(weight and float(weight.group(1)) > 0)
        options.append({"text": option_text, "correct": correct, "feedback": option_feedback})
    if all(mark == "=" for mark, _ in answers):
        return {
            "type": "fill-in",
            "prompt": prompt,
            "answers": [option["text"] for option in options],
            "feedback": feedback(general, general),
        }
    for option in options:
        if option["feedback"] is None:
            del option["feedback"]
        if not option["correct"]:
            del option["correct"]
    return choice(prompt, options, feedback=feedback(general, general))


def numeric(prompt: str, body: str) -> dict[str, Any] | str:
    """``#answer:tolerance``, ``#min..max``, or ``#=answer:tolerance ...`` (the first right one)."""
    right = next((text for _, text in split(body, "=") if text.strip()), body)
    value, note = answer_feedback(re.sub(r"^\s*%-?[\d.]+%", "", right))
    ranged = re.fullmatch(rf"({NUMBER})\s*\.\.\s*({NUMBER})", value)
    if ranged:
        low, high = float(ranged.group(1)), float(ranged.group(2))
        return {
            "type": "numeric",
            "prompt": prompt,
            "minimum": low,
            "maximum": high,
            "feedback": feedback(note, None),
        }
    exact = re.fullmatch(rf"({NUMBER})(?:\s*:\s*({NUMBER}))?", value)
    if not exact:
        return f"a numeric answer that is not a number: {value!r}"
    tolerance = float(exact.group(2)) if exact.group(2) else 0.0
    result: dict[str, Any] = {"type": "numeric", "prompt": prompt, "answer": float(exact.group(1))}
    return {**result, "tolerance": tolerance, "feedback": feedback(note, None)}


def read_gift(path: Path) -> Imported:
    """Every question of a GIFT file."""
    collector = Collector(path)
    for line, text in blocks(path.read_text("utf-8-sig")):
        where = f"line {line}"
        if text.lstrip().startswith("$CATEGORY:"):
            continue
        name = None
        if text.lstrip().startswith("::"):
            rest = text.lstrip()[2:]
            end = rest.find("::")
            if end >= 0:
                name, text = unescape(rest[:end]), rest[end + 2 :]
        opening = find_unescaped(text, "{")
        closing = find_unescaped(text, "}", opening + 1) if opening >= 0 else -1
        if opening < 0 or closing < 0:
            collector.skip(where, "a description (no answer block): not a question")
            continue
        before, after = unescape(text[:opening]), unescape(text[closing + 1 :])
        prompt = f"{before} _____ {after}" if after else before
        question = parse_answers(prompt, text[opening + 1 : closing])
        collector.take(where + (f" ({name})" if name else ""), question, name)
    return collector.result
