"""Compile the official XSDs for validation, patched in memory where libxml2 refuses them.

The files on disk (and those the build ships) are never changed. Two files of SCORM 1.2's
official set do not compile in libxml2 as published, once a manifest carries inline IMS metadata
(Storyline and Adapt write it), which makes the driver import ``imsmd_rootv1p2p1.xsd``:

- ``ims_xml.xsd`` binds the xml namespace as its default namespace, which XML Namespaces forbids
  ("xml namespace URI cannot be the default namespace"); the declaration is dropped (the file
  names everything with the ``xsd:`` prefix, so nothing else changes);
- ``imsmd_rootv1p2p1.xsd``'s extension group is ``xsd:any namespace="##any"``, which makes its
  content models ambiguous ("not determinist"); ``##other`` is what IMS meant (and what the
  content packaging XSD of the same set says): any element of another namespace.

Every file is served by a resolver from the edition's folder, so nothing is read from the network
or from elsewhere on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from packager import schemas

XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema"
PATCHES: dict[str, tuple[tuple[bytes, bytes], ...]] = {
    "ims_xml.xsd": ((b'xmlns="http://www.w3.org/XML/1998/namespace"', b""),),
    "imsmd_rootv1p2p1.xsd": ((b'namespace="##any"', b'namespace="##other"'),),
}
"""File name -> (published bytes, replacement) pairs applied when the file is loaded."""


def patched(name: str, data: bytes) -> bytes:
    """The bytes libxml2 compiles for the official file ``name``."""
    for old, new in PATCHES.get(name, ()):
        data = data.replace(old, new)
    return data


class _EditionFiles(etree.Resolver):
    """Serve an edition's XSDs by file name, patched; refuse anything else."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, system_url: str, public_id: str, context: Any) -> Any:  # type: ignore[override]
        name = system_url.replace("\\", "/").rsplit("/", 1)[-1]
        path = self.folder / name
        if not name or not path.is_file():
            return self.resolve_string(b"", context, base_url=None)  # compiles to an error, never a download
        return self.resolve_string(patched(name, path.read_bytes()), context, base_url=path.as_uri())


@cache
def _compiled(folder: Path, imports: tuple[tuple[str, str], ...]) -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_EditionFiles(folder))
    driver = etree.Element(f"{{{XSD_NAMESPACE}}}schema", nsmap={"xs": XSD_NAMESPACE})
    for namespace, location in imports:
        etree.SubElement(driver, f"{{{XSD_NAMESPACE}}}import", namespace=namespace, schemaLocation=location)
    tree = etree.fromstring(etree.tostring(driver), parser, base_url=(folder / "driver.xsd").as_uri())
    return etree.XMLSchema(tree.getroottree())


def validator(edition: str, imports: Sequence[tuple[str, str]]) -> etree.XMLSchema:
    """The compiled schema (cached) of an official SCORM edition, importing ``imports``
    ((namespace, file name) pairs); raises :class:`lxml.etree.XMLSchemaParseError`."""
    return _compiled(schemas.edition_dir(edition), tuple(imports))


def schema_from_file(path: Path) -> etree.XMLSchema:
    """Compile one XSD that imports nothing (the vendored cmi5 CourseStructure.xsd)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_EditionFiles(path.parent))
    return etree.XMLSchema(etree.parse(str(path), parser))
