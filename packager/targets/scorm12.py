"""SCORM 1.2: the imscp 1.1.2 manifest with adlcp extensions and the 1.2 runtime adapter."""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from packager.course import Course
from packager.targets.content_package import ContentPackageTarget

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"


class Scorm12(ContentPackageTarget):
    """SCORM 1.2 package."""

    name: str = "scorm12"
    description: str = "SCORM 1.2"
    adapter_script: str | None = "runtime/lms/scorm12.js"
    edition: str = "scorm12"
    suspend_data_limit: int | None = 4096
    schemaversion: str = "1.2"
    imscp: str = IMSCP
    prefixes: ClassVar[dict[str, str]] = {"adlcp": ADLCP}
    schema_locations: tuple[tuple[str, str], ...] = (
        (IMSCP, "imscp_rootv1p1p2.xsd"),
        (ADLCP, "adlcp_rootv1p2.xsd"),
    )
    scormtype_attribute: str = f"{{{ADLCP}}}scormtype"

    def extend_item(self, course: Course, item: etree._Element) -> None:
        """The LMS compares score.raw with masteryscore (0..100) when there is a quiz."""
        if course.quiz is not None:
            etree.SubElement(item, self.q("adlcp", "masteryscore")).text = str(course.mastery_score)
