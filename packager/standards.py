"""The standards' facts, in one place: SCORM 1.2 and 2004 manifests, cmi5, and interactions.

A leaf module: it imports nothing of the packager, so the targets that write packages and the
linter that checks them (which must never import the targets) both read their namespaces,
versions, XSD names and limits from here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

MANIFEST = "imsmanifest.xml"
"""The content-package manifest, at the root of every SCORM package."""
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
"""An xs:ID (an XML name without colons), in the ASCII subset the packager writes."""


@dataclass(frozen=True)
class ScormVersion:
    """One SCORM version: what its manifest looks like and which XSDs validate it."""

    schemaversion: str
    """The text of the manifest's ``metadata/schemaversion``."""
    edition: str
    """Key of the version's XSD set (:mod:`packager.schemas`)."""
    imscp: str
    """The content-packaging namespace: the manifest's default namespace."""
    prefixes: Mapping[str, str]
    """Prefix -> namespace of the extensions, spelt as LMS importers expect them."""
    schema_locations: tuple[tuple[str, str], ...]
    """(namespace, XSD file) pairs named in ``xsi:schemaLocation`` and validated against."""
    scormtype_attribute: str
    """The resource attribute that says sco or asset, as a qualified ``{namespace}name``."""
    suspend_data_limit: int
    """The most characters of resume data (``suspend_data``) an LMS must store."""
    version_length: int | None
    """The most characters of the manifest's ``version`` (the course's version); None: no limit."""

    def qualified(self, prefix: str | None, name: str) -> str:
        """An element or attribute name in the manifest: ``None`` is the imscp namespace."""
        namespace = self.imscp if prefix is None else self.prefixes[prefix]
        return f"{{{namespace}}}{name}"


_ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
_IMSCP_12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
SCORM_12 = ScormVersion(
    schemaversion="1.2",
    edition="scorm12",
    imscp=_IMSCP_12,
    prefixes={"adlcp": _ADLCP_12},
    schema_locations=((_IMSCP_12, "imscp_rootv1p1p2.xsd"), (_ADLCP_12, "adlcp_rootv1p2.xsd")),
    scormtype_attribute=f"{{{_ADLCP_12}}}scormtype",
    suspend_data_limit=4096,
    version_length=20,  # imscp_rootv1p1p2.xsd, attr.version
)

_IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
_PREFIXES_2004 = {
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
}
_LOCATIONS_2004 = (
    (_IMSCP_2004, "imscp_v1p1.xsd"),
    (_PREFIXES_2004["adlcp"], "adlcp_v1p3.xsd"),
    (_PREFIXES_2004["adlseq"], "adlseq_v1p3.xsd"),
    (_PREFIXES_2004["adlnav"], "adlnav_v1p3.xsd"),
    (_PREFIXES_2004["imsss"], "imsss_v1p0.xsd"),
)


def _scorm2004(ordinal: str) -> ScormVersion:
    return ScormVersion(
        schemaversion=f"2004 {ordinal} Edition",
        edition=f"scorm2004-{ordinal}",
        imscp=_IMSCP_2004,
        prefixes=_PREFIXES_2004,
        schema_locations=_LOCATIONS_2004,
        scormtype_attribute=f"{{{_PREFIXES_2004['adlcp']}}}scormType",
        suspend_data_limit=64000,
        version_length=None,  # imscp_v1p1.xsd removed the maxLength facets
    )


SCORM_2004_3RD = _scorm2004("3rd")
SCORM_2004_4TH = _scorm2004("4th")
SCORM_VERSIONS = (SCORM_12, SCORM_2004_3RD, SCORM_2004_4TH)
"""Every SCORM version the packager writes and the linter validates."""

SCORM_2004_2ND = ScormVersion(
    schemaversion="CAM 1.3",
    edition="scorm2004-3rd",
    imscp=_IMSCP_2004,
    prefixes=_PREFIXES_2004,
    schema_locations=_LOCATIONS_2004,
    scormtype_attribute=f"{{{_PREFIXES_2004['adlcp']}}}scormType",
    suspend_data_limit=4000,
    version_length=None,
)
"""SCORM 2004 2nd Edition, which other tools still write; the packager does not. No registry package
publishes its XSDs, so it is validated with the 3rd Edition's (``edition``), a superset of it."""
LINTED_SCORM_VERSIONS = (*SCORM_VERSIONS, SCORM_2004_2ND)
"""Every SCORM version ``packager lint`` recognises."""

CMI5_NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
CMI5_STRUCTURE = "cmi5.xml"
"""The cmi5 course structure, at the root of a cmi5 package."""
CMI5_MOVE_ON_VALUES = ("Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable")
"""What an AU's ``moveOn`` may say: which verbs the LMS waits for before it counts the AU satisfied."""
CMI5_MOVE_ON_WITH_PASSED = ("Passed", "CompletedAndPassed", "CompletedOrPassed")
"""The ``moveOn`` values that take a ``passed`` statement into account (and so a ``masteryScore``)."""

INTERACTION_TYPES = (
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "likert",
    "matching",
    "performance",
    "sequencing",
    "numeric",
    "other",
)
"""The interaction types SCORM 2004 and xAPI (cmi5) share; SCORM 1.2 has all but long-fill-in
and other, which an LMS of 1.2 takes as fill-in."""

TINCAN_NAMESPACE = "http://projecttincan.com/tincan.xsd"
TINCAN_MANIFEST = "tincan.xml"
"""The Tin Can (xAPI) package's activity list, at the root of the package."""
TINCAN_LAUNCH_PARAMETERS = ("endpoint", "auth", "actor", "registration", "activity_id")
"""The query parameters a Tin Can LMS adds to the launch URL (Rustici's "Tin Can launch")."""
XAPI_ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "interaction": "http://adlnet.gov/expapi/activities/cmi.interaction",
}
"""The ADL activity types of the course, each page kind, and each question."""
