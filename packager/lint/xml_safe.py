"""Parse XML from a package without trusting it: no DTD loading, no network, no entity expansion.

A manifest may declare entities (``<!DOCTYPE manifest [<!ENTITY ...>]>``). They are never loaded
or expanded by the parser; they are recorded, so that rules can report them, and each reference
to an internal entity is replaced by the entity's literal text, once, without recursion (what an
LMS that expands them would read; no "billion laughs"). References to external entities become
empty text: their file is never read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from lxml import etree

from packager.lint.findings import Hit


@dataclass(frozen=True)
class Entity:
    """An entity the document's internal DTD declares."""

    name: str
    content: str | None
    """The replacement text of an internal entity; None for an external one."""
    system_url: str | None
    """Where an external entity says its text is (never read)."""


@dataclass
class ParsedXml:
    """The parsed document, or why it could not be parsed, and what its DOCTYPE declared."""

    root: etree._Element | None = None
    problem: Hit | None = None
    entities: list[Entity] = field(default_factory=list)
    external_dtd: str | None = None
    """The system id of an external DTD the DOCTYPE names (never loaded)."""
    line: int | None = None
    """The DOCTYPE's line (1 when unknown)."""


def parser() -> etree.XMLParser:
    """A parser that loads nothing from outside the document and expands no entity."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def parse_untrusted(data: bytes, path: str, what: str) -> ParsedXml:
    """Parse ``data`` (the file ``path``, described as ``what`` in messages); never raises."""
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as error:
        message = (
            f"the {what} is not well-formed XML: {error.msg}; open it in an XML editor, fix the "
            "line named here and rebuild the package"
        )
        return ParsedXml(problem=Hit(message, path, error.lineno))
    except ValueError as error:  # for example an encoding lxml cannot decode
        return ParsedXml(problem=Hit(f"the {what} cannot be parsed: {error}; save it as UTF-8", path))
    if root is None:
        return ParsedXml(problem=Hit(f"the {what} has no root element; it must hold a document", path))
    parsed = ParsedXml(root=root)
    info = cast(Any, root.getroottree().docinfo)  # lxml-stubs lack system_url and internalDTD's entities
    parsed.external_dtd = info.system_url or None
    dtd = info.internalDTD
    if dtd is not None:
        parsed.entities = [Entity(e.name or "", e.content, e.system_url) for e in dtd.iterentities()]
    if parsed.entities or parsed.external_dtd:
        parsed.line = _doctype_line(data)
        _inline_entities(root, {e.name: e.content or "" for e in parsed.entities})
    return parsed


def _doctype_line(data: bytes) -> int:
    at = data.find(b"<!DOCTYPE")
    return 1 if at < 0 else data.count(b"\n", 0, at) + 1


def _inline_entities(root: etree._Element, texts: dict[str, str]) -> None:
    """Replace each entity reference by its entity's text (empty for unknown or external ones)."""
    for reference in list(root.iter(etree.Entity)):
        replacement = texts.get(
            str(reference.text)[1:-1], ""
        )  # the text is '&name;' + (reference.tail or "")
        parent = reference.getparent()
        if parent is None:
            continue
        previous = reference.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + replacement
        else:
            previous.tail = (previous.tail or "") + replacement
        parent.remove(reference)
