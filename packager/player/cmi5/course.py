"""Reading a cmi5 package: whether a package is one, and what its ``cmi5.xml`` says about the AU."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from packager.errors import PackagerError
from packager.standards import CMI5_NAMESPACE, CMI5_STRUCTURE, MANIFEST


@dataclass(frozen=True)
class AssignableUnit:
    """What the LMS reads from ``cmi5.xml`` about the package's (first) AU."""

    id: str
    url: str
    title: str
    move_on: str
    mastery_score: float | None
    launch_method: str


def is_cmi5_package(package: Path) -> bool:
    """Whether a package (a zip or a folder) is a cmi5 one: cmi5.xml at its root, no imsmanifest.xml.

    An unreadable zip is not: whoever plays it reports why.
    """
    return has_root_file(package, CMI5_STRUCTURE)


def has_root_file(package: Path, structure: str) -> bool:
    """Whether a package (a zip or a folder) has ``structure`` at its root and no imsmanifest.xml."""
    if package.is_dir():
        names = {path.name for path in package.iterdir()}
    else:
        try:
            with zipfile.ZipFile(package) as archive:
                names = set(archive.namelist())
        except (OSError, zipfile.BadZipFile):
            return False
    return structure in names and MANIFEST not in names


def read_course_structure(content: Path) -> AssignableUnit:
    """The first AU of an extracted package's ``cmi5.xml``."""
    structure = content / "cmi5.xml"
    if not structure.is_file():
        raise PackagerError("the package has no cmi5.xml at its root", file=structure)
    root = etree.parse(str(structure), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    au = root.find(f"{{{CMI5_NAMESPACE}}}au")
    if au is None:
        raise PackagerError("cmi5.xml has no au", file=structure)
    url = (au.findtext(f"{{{CMI5_NAMESPACE}}}url") or "").strip()
    title = (au.findtext(f"{{{CMI5_NAMESPACE}}}title/{{{CMI5_NAMESPACE}}}langstring") or "").strip()
    mastery = au.get("masteryScore")
    return AssignableUnit(
        id=str(au.get("id")),
        url=url,
        title=title,
        move_on=au.get("moveOn", "NotApplicable"),
        mastery_score=float(mastery) if mastery is not None else None,
        launch_method=au.get("launchMethod", "AnyWindow"),
    )
