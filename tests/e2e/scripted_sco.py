"""A hand-made SCO that makes exactly the API calls a test lists, to see how the player answers them.

The SCO's page and script are files in ``scripted_sco/``; the test's steps go in ``steps.json`` and the
manifest is written with lxml, so the package needs nothing from the packager.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

SCO_FILES = Path(__file__).parent / "scripted_sco"

Step = list[str]

MANIFESTS = {
    "scorm12": {
        "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
        "schemaversion": "1.2",
    },
    "scorm2004": {
        "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "schemaversion": "2004 3rd Edition",
    },
}


def manifest(standard: str, mastery_score: int | None) -> bytes:
    """A one-SCO manifest for ``standard`` (scorm12 or scorm2004)."""
    names = MANIFESTS[standard]
    cp, adlcp = names["cp"], names["adlcp"]
    root = etree.Element(f"{{{cp}}}manifest", nsmap={None: cp, "adlcp": adlcp}, identifier="scripted")
    metadata = etree.SubElement(root, f"{{{cp}}}metadata")
    etree.SubElement(metadata, f"{{{cp}}}schema").text = "ADL SCORM"
    etree.SubElement(metadata, f"{{{cp}}}schemaversion").text = names["schemaversion"]
    organizations = etree.SubElement(root, f"{{{cp}}}organizations", default="org")
    organization = etree.SubElement(organizations, f"{{{cp}}}organization", identifier="org")
    etree.SubElement(organization, f"{{{cp}}}title").text = "Scripted SCO"
    item = etree.SubElement(organization, f"{{{cp}}}item", identifier="item", identifierref="sco")
    etree.SubElement(item, f"{{{cp}}}title").text = "Scripted SCO"
    if mastery_score is not None:
        etree.SubElement(item, f"{{{adlcp}}}masteryscore").text = str(mastery_score)
    resources = etree.SubElement(root, f"{{{cp}}}resources")
    scorm_type = "scormtype" if standard == "scorm12" else "scormType"
    resource = etree.SubElement(
        resources,
        f"{{{cp}}}resource",
        {"identifier": "sco", "type": "webcontent", "href": "index.html", f"{{{adlcp}}}{scorm_type}": "sco"},
    )
    for name in ("index.html", "sco.js", "steps.json"):
        etree.SubElement(resource, f"{{{cp}}}file", href=name)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def scripted_package(
    path: Path,
    standard: str,
    load: list[Step],
    pagehide: list[Step] | None = None,
    mastery_score: int | None = None,
) -> Path:
    """Write a package whose SCO runs ``load`` at once and ``pagehide`` when it unloads."""
    steps: dict[str, Any] = {"load": load, "pagehide": pagehide or []}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", manifest(standard, mastery_score))
        archive.writestr("steps.json", json.dumps(steps))
        for name in ("index.html", "sco.js"):
            archive.write(SCO_FILES / name, name)
    return path
