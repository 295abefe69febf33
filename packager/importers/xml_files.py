"""Reading the XML of a question bank: a file, or every XML file of an exported zip, safely.

QTI exports (Canvas, Blackboard, item banks) are zips of XML files; the importers look at each
document's root element and take the ones they read. Namespaces differ between exporters and
versions, so elements are matched by local name (:func:`local`, :func:`children`, :func:`descendants`).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from packager.errors import PackagerError

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def local(element: etree._Element) -> str:
    """An element's name without its namespace ("" for comments and processing instructions)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local(child) == name]


def child(element: etree._Element, name: str) -> etree._Element | None:
    return next(iter(children(element, name)), None)


def descendants(element: etree._Element, name: str) -> list[etree._Element]:
    return [found for found in element.iter() if local(found) == name]


def documents(path: Path) -> Iterator[tuple[str, etree._Element]]:
    """(name, root element) of the file, or of each XML file in the zip, in name order."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for name in sorted(archive.namelist()):
                    if name.lower().endswith(".xml"):
                        yield name, etree.fromstring(archive.read(name), PARSER)
        else:
            yield path.name, etree.parse(str(path), PARSER).getroot()
    except etree.XMLSyntaxError as error:
        raise PackagerError(f"not well-formed XML: {error.msg}", file=path, line=error.lineno) from None
    except (zipfile.BadZipFile, OSError) as error:
        raise PackagerError(f"cannot read the question bank: {error}", file=path) from None
