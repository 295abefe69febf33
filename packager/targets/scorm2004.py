"""SCORM 2004, 3rd or 4th edition: imscp 1.1 with adlcp/adlseq/adlnav/imsss and sequencing.

Success comes from the score: the primary objective is satisfied by measure, with
``minNormalizedMeasure`` taken from the course's mastery score. Completion comes from progress:
the item's completion threshold is 1.0, written in the form each edition's XSD requires, and the
runtime reports ``cmi.progress_measure`` (1.0 exactly when the course's completion rule is met)
as well as ``cmi.completion_status``.
"""

from __future__ import annotations

from typing import Literal

from lxml import etree

from packager.course.models import Course
from packager.standards import SCORM_2004_3RD, SCORM_2004_4TH
from packager.targets.content_package import ContentPackageTarget


class Scorm2004(ContentPackageTarget):
    """SCORM 2004 package of one edition (3 or 4)."""

    dialect_scripts = ("runtime/lms/time.js", "runtime/lms/scorm2004.js")

    def __init__(self, edition: Literal[3, 4]) -> None:
        self.edition_number = edition
        self.version = {3: SCORM_2004_3RD, 4: SCORM_2004_4TH}[edition]
        self.name = self.version.edition
        self.description = f"SCORM {self.version.schemaversion}"

    def extend_item(self, course: Course, item: etree._Element) -> None:
        """Completion threshold (edition form) and the primary objective's passing measure."""
        threshold = etree.SubElement(item, self.q("adlcp", "completionThreshold"))
        if self.edition_number == 3:
            threshold.text = "1.0"
        else:
            threshold.set("completedByMeasure", "true")
            threshold.set("minProgressMeasure", "1.0")
        sequencing = etree.SubElement(item, self.q("imsss", "sequencing"))
        if course.quiz is not None:
            objectives = etree.SubElement(sequencing, self.q("imsss", "objectives"))
            primary = etree.SubElement(
                objectives,
                self.q("imsss", "primaryObjective"),
                objectiveID=f"PASS-{course.id}",
                satisfiedByMeasure="true",
            )
            etree.SubElement(primary, self.q("imsss", "minNormalizedMeasure")).text = format(
                course.passing_fraction, ".2f"
            )
        etree.SubElement(
            sequencing,
            self.q("imsss", "deliveryControls"),
            completionSetByContent="true",
            objectiveSetByContent="true",
        )

    def extend_organization(self, course: Course, organization: etree._Element) -> None:
        """Let the learner move freely and let the LMS flow into the one SCO."""
        sequencing = etree.SubElement(organization, self.q("imsss", "sequencing"))
        etree.SubElement(sequencing, self.q("imsss", "controlMode"), choice="true", flow="true")
