"""cmi5: the rendered site plus ``cmi5.xml``, one Assignable Unit that reports over xAPI.

The course structure names the course and its one AU by IRIs derived from the course id, so they
stay the same between builds and versions of a course. ``moveOn`` follows the course's completion
rule and ``masteryScore`` the mastery score. The AU is ``index.html``; the LMS adds the launch
parameters, and the runtime (the xAPI scripts and ``runtime/lms/cmi5.js``) does the rest.

No registry package ships the cmi5 ``CourseStructure.xsd`` (checked on npm and PyPI), so
:func:`structure_problems` checks the XSD's rules for the subset written here in code.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal, InvalidOperation

from lxml import etree

from packager.course.models import Course
from packager.standards import CMI5_NAMESPACE, CMI5_STRUCTURE
from packager.targets.base import XapiTarget, XmlFile

STRUCTURE_FILE = CMI5_STRUCTURE
LAUNCH_URL = "index.html"

MOVE_ON = {"lessons": "Completed", "quiz": "Passed", "lessons-and-quiz": "CompletedAndPassed"}
"""The AU's moveOn for each completion rule: what the LMS waits for before it counts the AU done."""
MOVE_ON_VALUES = ("Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable")
LAUNCH_METHODS = ("AnyWindow", "OwnWindow")
LAUNCH_METHOD = "AnyWindow"
"""The AU needs no window of its own: it uses no popups or top-level navigation and talks to the
LMS only over HTTP, so the LMS may frame it, open a window or redirect, whichever suits it."""

IRI_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "scorm-course-packager/cmi5")
"""Fixed forever: every course's IRIs are name-based UUIDs in this namespace."""

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_AU_CHILDREN = ("title", "description", "objectives", "url", "launchParameters", "entitlementKey")
_AU_REQUIRED = ("title", "description", "url")
_AU_ATTRIBUTES = ("id", "moveOn", "masteryScore", "launchMethod", "activityType")


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
    """Check a course structure against CourseStructure.xsd's rules, in code.

    Covers what this packager writes (a course and AUs; no blocks or objectives, which are
    reported as unsupported): element names and order, required attributes and elements,
    value spaces, unique ids, and that a relative AU url names a file of the package.
    """
    if root.tag != _q("courseStructure"):
        return [f"the root element is {root.tag!r}, not courseStructure in the cmi5 namespace"]
    problems: list[str] = []
    children = _own_children(root)
    names = [etree.QName(child).localname for child in children]
    if not names or names[0] != "course":
        problems.append("courseStructure must start with a course element")
    if "au" not in names:
        problems.append("courseStructure has no au")
    for name in names[1:]:
        if name != "au":
            problems.append(f"courseStructure holds a {name!r} element, which this check does not support")
    seen: set[str] = set()
    for child in children:
        name = etree.QName(child).localname
        if name == "course":
            problems += _course_problems(child, seen)
        elif name == "au":
            problems += _au_problems(child, seen, package_files)
    return problems


def _own_children(element: etree._Element) -> list[etree._Element]:
    """Child elements in the cmi5 namespace (other namespaces are extensions and allowed)."""
    return [
        child
        for child in element
        if isinstance(child.tag, str) and child.tag.startswith(f"{{{CMI5_NAMESPACE}}}")
    ]


def _id_problems(element: etree._Element, seen: set[str]) -> list[str]:
    name = etree.QName(element).localname
    value = element.get("id")
    if value is None:
        return [f"{name} has no id"]
    if not _IRI.match(value):
        return [f"{name} id {value!r} is not an absolute IRI"]
    if value in seen:
        return [f"{name} id {value!r} is used twice"]
    seen.add(value)
    return []


def _langstring_problems(owner: str, element: etree._Element) -> list[str]:
    name = etree.QName(element).localname
    strings = _own_children(element)
    if not strings:
        return [f"{owner} {name} has no langstring"]
    problems = []
    for string in strings:
        if etree.QName(string).localname != "langstring":
            problems.append(f"{owner} {name} holds a {etree.QName(string).localname!r} element")
        elif not _LANGUAGE.match(string.get("lang", "")):
            problems.append(f"{owner} {name} langstring has no valid lang attribute")
        elif not (string.text or "").strip():
            problems.append(f"{owner} {name} langstring is empty")
    return problems


def _sequence_problems(
    owner: str, element: etree._Element, order: tuple[str, ...], required: tuple[str, ...]
) -> list[str]:
    names = [etree.QName(child).localname for child in _own_children(element)]
    problems = [f"{owner} holds an unexpected {name!r} element" for name in names if name not in order]
    known = [name for name in names if name in order]
    if known != sorted(known, key=order.index) or len(set(known)) != len(known):
        problems.append(f"{owner}'s elements are not in the order {', '.join(order)} (each at most once)")
    problems += [f"{owner} has no {name}" for name in required if name not in names]
    return problems


def _course_problems(course: etree._Element, seen: set[str]) -> list[str]:
    problems = _id_problems(course, seen)
    problems += _sequence_problems("course", course, ("title", "description"), ("title", "description"))
    for child in _own_children(course):
        if etree.QName(child).localname in ("title", "description"):
            problems += _langstring_problems("course", child)
    return problems


def _au_problems(au: etree._Element, seen: set[str], package_files: set[str]) -> list[str]:
    problems = _id_problems(au, seen)
    owner = f"au {au.get('id')!r}"
    problems += [
        f"{owner} has an unknown attribute {name!r}"
        for name in au.attrib
        if not str(name).startswith("{") and name not in _AU_ATTRIBUTES
    ]
    move_on = au.get("moveOn", "NotApplicable")
    if move_on not in MOVE_ON_VALUES:
        problems.append(f"{owner} moveOn {move_on!r} is not one of {', '.join(MOVE_ON_VALUES)}")
    launch_method = au.get("launchMethod", "AnyWindow")
    if launch_method not in LAUNCH_METHODS:
        problems.append(f"{owner} launchMethod {launch_method!r} is not one of {', '.join(LAUNCH_METHODS)}")
    mastery = au.get("masteryScore")
    if mastery is not None:
        problems += _mastery_problems(owner, mastery)
    activity_type = au.get("activityType")
    if activity_type is not None and not _IRI.match(activity_type):
        problems.append(f"{owner} activityType {activity_type!r} is not an IRI")
    problems += _sequence_problems(owner, au, _AU_CHILDREN, _AU_REQUIRED)
    for child in _own_children(au):
        name = etree.QName(child).localname
        if name in ("title", "description"):
            problems += _langstring_problems(owner, child)
        elif name == "url":
            problems += _url_problems(owner, (child.text or "").strip(), package_files)
    return problems


def _mastery_problems(owner: str, text: str) -> list[str]:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return [f"{owner} masteryScore {text!r} is not a decimal"]
    exponent = value.as_tuple().exponent
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
        return [f"{owner} masteryScore {text} is not between 0 and 1"]
    if isinstance(exponent, int) and exponent < -4:
        return [f"{owner} masteryScore {text} has more than 4 decimal places"]
    return []


def _url_problems(owner: str, url: str, package_files: set[str]) -> list[str]:
    if not url:
        return [f"{owner} has an empty url"]
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url):
        return []
    path = url.split("?", 1)[0].split("#", 1)[0]
    if path not in package_files:
        return [f"{owner} url {url!r} names no file of the package"]
    return []


class Cmi5(XapiTarget):
    """A cmi5 course package: the site, with ``cmi5.xml`` at the root (no imsmanifest, no XSDs)."""

    name = "cmi5"
    description = "cmi5 (xAPI)"
    xml = XmlFile(STRUCTURE_FILE, course_structure, structure_problems)
