"""Aiken (Moodle's simplest format) into single-choice questions.

A question is its prompt line, options ``A. text`` or ``A) text`` one a line, and ``ANSWER: B``;
a blank line may separate questions. Aiken has no ids and no feedback. A question without a valid
``ANSWER:`` line, or with fewer than two options, is listed as skipped with its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from packager.importers.common import Collector, Imported

OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
ANSWER = re.compile(r"^ANSWER:\s*([A-Z])\s*$", re.IGNORECASE)


def read_aiken(path: Path) -> Imported:
    """Every question of an Aiken file."""
    collector = Collector(path)
    prompt: str | None = None
    start = 0
    options: list[tuple[str, str]] = []

    def finish(where: str, answer: str | None) -> None:
        letters = [letter for letter, _ in options]
        if answer is None:
            collector.skip(where, "no ANSWER: line after the options")
        elif answer.upper() not in letters:
            collector.skip(where, f"ANSWER: {answer} names no option (the options are {', '.join(letters)})")
        else:
            choices: list[dict[str, Any]] = [
                {"text": text, "correct": True} if letter == answer.upper() else {"text": text}
                for letter, text in options
            ]
            collector.add(where, {"type": "single-choice", "prompt": prompt, "options": choices})

    for number, raw in enumerate(path.read_text("utf-8-sig").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        answer, option = ANSWER.match(line), OPTION.match(line)
        if prompt is None:
            prompt, start, options = line, number, []
        elif answer:
            finish(f"line {start}", answer.group(1))
            prompt = None
        elif option:
            options.append((option.group(1), option.group(2).strip()))
        elif options:  # a new prompt while the last question had no answer line
            finish(f"line {start}", None)
            prompt, start, options = line, number, []
        else:
            prompt = f"{prompt} {line}"
    if prompt is not None:
        finish(f"line {start}", None)
    return collector.result
