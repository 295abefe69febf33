"""Zip a hand-written package of ``tests/lint_fixtures/``, optionally changed in one place."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "lint_fixtures"
Change = tuple[str, str] | list[tuple[str, str]]
"""(old text, new text), or a list of them, applied in order."""
STAND_IN = b"<!-- stand-in for the official XSD: packager lint validates with its own copy -->\n"


def fixture_files(name: str) -> dict[str, bytes]:
    """Every file of the fixture folder ``name``, by its path in the package."""
    folder = FIXTURES / name
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _schema_stand_ins(files: dict[str, bytes]) -> dict[str, bytes]:
    manifest = files.get("imsmanifest.xml", b"")
    found = re.search(rb'schemaLocation="([^"]*)"', manifest)
    locations = found.group(1).split()[1::2] if found else []
    return {name.decode(): STAND_IN for name in locations if name.decode() not in files}


def zip_fixture(
    name: str,
    target: Path,
    *,
    replace: Mapping[str, Change] | None = None,
    prefix: str = "",
    drop: tuple[str, ...] = (),
) -> Path:
    """Zip the fixture ``name`` to ``target``.

    ``replace`` maps a file to (old text, new text), which must occur in it; ``prefix`` puts every
    entry in a folder; ``drop`` leaves files out."""
    files = fixture_files(name)
    files.update(_schema_stand_ins(files))
    for path, change in (replace or {}).items():
        text = files[path].decode("utf-8")
        for old, new in change if isinstance(change, list) else [change]:
            assert old in text, f"{name}/{path} has no {old!r}"
            text = text.replace(old, new, 1)
        files[path] = text.encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            if path not in drop:
                archive.writestr(prefix + path, data)
    return target
