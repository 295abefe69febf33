"""A translated course with a process and flip cards: a copy of a shipped course and its translation,
with blocks added to one lesson and their text translated through the XLIFF round trip."""

from __future__ import annotations

import shutil
from pathlib import Path

from translate.storage import xliff

from packager.cli import main


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
