"""A translated course with a process and flip cards: a copy of a shipped course and its translation,
with blocks added to one lesson and their text translated through the XLIFF round trip."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Locator
from translate.storage import xliff

from packager.cli import main
from packager.testing.session import PlayerSession


def with_translated_blocks(
    source: Path, folder: Path, lesson: str, language: str, blocks: str, translated: dict[str, str]
) -> Path:
    """``source`` copied to ``folder`` with ``blocks`` (Markdown) appended to ``lesson``; the units
    this adds to its ``language`` translation take their target from ``translated`` (by source text)."""
    course = Path(shutil.copytree(source, folder))
    with (course / "lessons" / lesson).open("a", encoding="utf-8") as written:
        written.write(f"\n{blocks}")
    exported = folder.parent / f"{folder.name}-{language}.xlf"
    assert main(["translate", "export", str(course), "--to", language, "-o", str(exported), "-q"]) == 0
    store = xliff.xlifffile.parsestring(exported.read_bytes())
    added = [unit for unit in store.getunits() if not unit.target]
    for unit in added:
        unit.target = translated[str(unit.source)]
    assert added, "the blocks added no text to translate"
    exported.write_bytes(bytes(store))
    assert main(["translate", "import", str(exported), str(course), "-q"]) == 0
    return course


def flip_card(view: Locator, name: str) -> tuple[str, str]:
    """What the flip card named ``name`` offers to do (its last line), before and after it turns."""
    card = view.get_by_role("button", name=name)
    before = card.inner_text().split("\n")[-1]
    card.click()
    return before, card.inner_text().split("\n")[-1]


def process_words(process: Locator) -> tuple[str, str]:
    """A process block's note and its step's heading (white space collapsed), as the learner reads them."""
    heading = process.get_by_role("heading").text_content() or ""
    return process.locator(".process-note").inner_text(), " ".join(heading.split())


def passes(session: PlayerSession) -> None:
    """The plug-in's learner completes the course right: the LMS records a pass, the page no error."""
    session.learner.complete(correct=True)
    record = session.end()
    assert record is not None
    assert record["cmi"]["cmi.core.lesson_status"] == "passed"
    assert session.page_errors == []
