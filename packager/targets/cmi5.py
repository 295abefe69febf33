"""cmi5: the rendered site plus ``cmi5.xml``, one Assignable Unit that reports over xAPI.

The course structure names the course and its one AU by IRIs derived from the course id, so they
stay the same between builds and versions of a course. ``moveOn`` follows the course's completion
rule and ``masteryScore`` the mastery score. The AU is ``index.html``; the LMS adds the launch
parameters, and the runtime (the xAPI scripts and ``runtime/lms/cmi5.js``) does the rest.

The written structure is checked with the linter's cmi5 rules (:func:`structure_problems`):
``CourseStructure.xsd`` (vendored under ``packager/lint/xsd/``; no registry package ships it) and
the rules it cannot express.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from lxml import etree

from packager.course.models import Course
from packager.lint.cmi5_rules import cmi5_problems
from packager.standards import CMI5_NAMESPACE, CMI5_STRUCTURE
from packager.targets.base import XapiTarget, XmlFile

STRUCTURE_FILE = CMI5_STRUCTURE
LAUNCH_URL = "index.html"

MOVE_ON = {"lessons": "Completed", "quiz": "Passed", "lessons-and-quiz": "CompletedAndPassed"}
"""The AU's moveOn for each completion rule: what the LMS waits for before it counts the AU done."""
LAUNCH_METHOD = "AnyWindow"
"""The AU needs no window of its own: it uses no popups or top-level navigation and talks to the
LMS only over HTTP, so the LMS may frame it, open a window or redirect, whichever suits it."""

IRI_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "scorm-course-packager/cmi5")
"""Fixed forever: every course's IRIs are name-based UUIDs in this namespace."""


def course_iri(course: Course) -> str:
    """The course's IRI: a name-based UUID URN derived from the course id."""
    return f"urn:uuid:{uuid.uuid5(IRI_NAMESPACE, f'course:{course.id}')}"


def au_iri(course: Course) -> str:
    """The AU's IRI (the publisher id the LMS puts in every statement's grouping)."""
    return f"urn:uuid:{uuid.uuid5(IRI_NAMESPACE, f'au:{course.id}')}"


def mastery_fraction(course: Course) -> str:
    """The mastery score as cmi5 writes it: a decimal in 0..1 (80 -> "0.8")."""
    return format((Decimal(course.mastery_score) / 100).normalize(), "f")


def _q(name: str) -> str:
    return f"{{{CMI5_NAMESPACE}}}{name}"


def _text(parent: etree._Element, name: str, value: str, language: str) -> None:
    holder = etree.SubElement(parent, _q(name))
    etree.SubElement(holder, _q("langstring"), lang=language).text = value


def course_structure(course: Course) -> etree._Element:
    """The ``cmi5.xml`` tree: the course and its one AU."""
    root = etree.Element(_q("courseStructure"), nsmap={None: CMI5_NAMESPACE})  # type: ignore[dict-item]
    description = course.description or course.title
    course_element = etree.SubElement(root, _q("course"), id=course_iri(course))
    _text(course_element, "title", course.title, course.language)
    _text(course_element, "description", description, course.language)
    au = etree.SubElement(root, _q("au"), id=au_iri(course), moveOn=MOVE_ON[course.completion])
    if course.quiz is not None:
        au.set("masteryScore", mastery_fraction(course))
    au.set("launchMethod", LAUNCH_METHOD)
    _text(au, "title", course.title, course.language)
    _text(au, "description", description, course.language)
    etree.SubElement(au, _q("url")).text = LAUNCH_URL
    return root


def structure_problems(root: etree._Element, package_files: set[str]) -> list[str]:
    """Check a course structure as ``packager lint`` does: against CourseStructure.xsd (the
    linter's vendored copy, see ``packager/lint/xsd/README.md``) and the cmi5 rules the XSD cannot
    express (absolute and unique IRIs, moveOn and masteryScore, launch URLs in the package)."""
    return cmi5_problems(root, package_files)


class Cmi5(XapiTarget):
    """A cmi5 course package: the site, with ``cmi5.xml`` at the root (no imsmanifest, no XSDs)."""

    name = "cmi5"
    description = "cmi5 (xAPI)"
    xml = XmlFile(STRUCTURE_FILE, course_structure, structure_problems)
