"""SCORM 1.2: the imscp 1.1.2 manifest with adlcp extensions and the 1.2 runtime adapter."""

from __future__ import annotations

from lxml import etree

from packager.course.models import Course
from packager.standards import SCORM_12
from packager.targets.content_package import ContentPackageTarget


class Scorm12(ContentPackageTarget):
    """SCORM 1.2 package."""

    name: str = "scorm12"
    description: str = "SCORM 1.2"
    dialect_scripts = ("runtime/lms/scorm12.js",)
    version = SCORM_12

    def extend_item(self, course: Course, item: etree._Element) -> None:
        """The LMS compares score.raw with masteryscore (0..100) when there is a quiz."""
        if course.quiz is not None:
            etree.SubElement(item, self.q("adlcp", "masteryscore")).text = str(course.mastery_score)
