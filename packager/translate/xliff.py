"""XLIFF files for translators (translate-toolkit writes XLIFF 1.1, which CAT tools read as 1.2).

Inline markup is kept as placeholders: ``<g id="n">`` around text (bold, links, an image's alt
text) and ``<x id="n"/>`` for what is moved but not changed (code, line breaks), so a translator's
tool cannot break the Markdown. Each unit's id is the segment's stable id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import G, X

from packager.errors import PackagerError
from packager.translate.segments import Pair, Part, Segment, Single


@dataclass(frozen=True)
class Unit:
    """One unit of a translation file: the source it was translated from, and its translation."""

    source: tuple[Part, ...]
    target: tuple[Part, ...] | None
    line: int | None = None
    """Where the unit starts in the translation file."""


def _rich(parts: tuple[Part, ...]) -> list[object]:
    return [
        part
        if isinstance(part, str)
        else G(id=part.id, sub=_rich(part.parts))
        if isinstance(part, Pair)
        else X(id=part.id)
        for part in parts
    ]


def write_xliff(
    segments: list[Segment],
    source_language: str,
    language: str,
    path: Path,
    kept: dict[str, Unit] | None = None,
) -> None:
    """Write every segment as a unit; a unit of ``kept`` with the same source keeps its translation."""
    store: Any = xliff.xlifffile(sourcelanguage=source_language, targetlanguage=language)
    for segment in segments:
        unit = store.addsourceunit("")
        unit.setid(segment.id)
        unit.rich_source = [StringElem(_rich(segment.parts))]
        previous = (kept or {}).get(segment.id)
        if previous is not None and previous.target is not None and previous.source == segment.parts:
            unit.rich_target = [StringElem(_rich(previous.target))]
        unit.addlocation(segment.location)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(store))


def read_xliff(path: Path, sources: dict[str, Segment] | None = None) -> dict[str, Unit]:
    """The units of a translation file, by segment id. A placeholder the source does not have is an error."""
    try:
        store: Any = xliff.xlifffile.parsestring(path.read_bytes())  # type: ignore[no-untyped-call]
    except Exception as error:  # translate-toolkit raises lxml's and its own errors
        raise PackagerError(f"not an XLIFF file: {error}", file=path) from error
    units: dict[str, Unit] = {}
    for unit in store.getunits():
        if unit.isheader():
            continue
        identifier = unit.getid().split(xliff.ID_SEPARATOR)[-1]
        current = sources.get(identifier) if sources else None
        markup = _markup(current.parts) if current else {}
        source = tuple(_parts(unit.rich_source[0], markup, path, "")) if unit.rich_source else ()
        target = None
        if unit.target and unit.rich_target:
            target = tuple(_parts(unit.rich_target[0], markup, path, identifier))
        units[identifier] = Unit(source, target, unit.xmlelement.sourceline)
    return units


def _markup(parts: tuple[Part, ...]) -> dict[str, Pair | Single]:
    found: dict[str, Pair | Single] = {}
    for part in parts:
        if isinstance(part, Pair):
            found[part.id] = part
            found.update(_markup(part.parts))
        elif isinstance(part, Single):
            found[part.id] = part
    return found


def _parts(element: object, markup: dict[str, Pair | Single], path: Path, unit: str) -> list[Part]:
    """translate-toolkit's rich string as segment parts; placeholders take the source's markup."""
    parts: list[Part] = []
    for child in element.sub if isinstance(element, StringElem) else [element]:
        if isinstance(child, G | X):
            known = markup.get(str(child.id))
            if unit and markup and known is None:
                raise PackagerError(
                    f"unit '{unit}' has a placeholder id={child.id} its source does not have", file=path
                )
            if isinstance(child, G):
                inner = tuple(_parts(child, markup, path, unit))
                parts.append(
                    Pair(
                        str(child.id),
                        known.open if isinstance(known, Pair) else "",
                        known.close if isinstance(known, Pair) else "",
                        inner,
                    )
                )
            else:
                parts.append(Single(str(child.id), known.markup if isinstance(known, Single) else ""))
        elif isinstance(child, StringElem):
            parts.extend(_parts(child, markup, path, unit))
        else:
            text = str(child)
            if not text:
                continue
            if parts and isinstance(parts[-1], str):
                parts[-1] += text
            else:
                parts.append(text)
    return parts
