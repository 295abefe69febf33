"""xAPI "Tin Can" package: the rendered site plus ``tincan.xml``, the activities the LRS will see.

The course is one launchable activity (``index.html``); each lesson and quiz is an activity below
it, whose id is the course's id plus ``/<kind>/<page id>`` (the runtime derives the same ids from
the ``activity_id`` the LMS launches it with). Ids are name-based UUID URNs derived from the course
id, so they stay the same between builds and versions of a course.

The LMS launches ``index.html`` with the Tin Can launch parameters (endpoint, auth, actor,
registration, activity_id); the runtime (the xAPI scripts and ``runtime/lms/tincan.js``)
reports lessons, answers and the result as statements, and keeps the resume data in an xAPI State
API document.

No registry package ships ``tincan.xsd``, so :func:`activity_problems` checks its rules for what
is written here in code (as :mod:`packager.targets.cmi5` does for cmi5.xml).
"""

from __future__ import annotations

import re
import uuid

from lxml import etree

from packager.course.models import Course
from packager.standards import TINCAN_MANIFEST, TINCAN_NAMESPACE, XAPI_ACTIVITY_TYPES
from packager.targets.base import XapiTarget, XmlFile

Element = etree._Element

LAUNCH_URL = "index.html"
IRI_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "scorm-course-packager/tincan")
"""Fixed forever: every course's activity ids are name-based UUIDs in this namespace."""
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_CHILDREN = ("name", "description", "launch")
"""The elements of an activity that are written here, in tincan.xsd's order."""


def course_activity_id(course: Course) -> str:
    """The course's activity id (the launch activity)."""
    return f"urn:uuid:{uuid.uuid5(IRI_NAMESPACE, f'course:{course.id}')}"


def page_activity_id(course: Course, kind: str, page_id: str) -> str:
    """A lesson's or quiz's activity id: below the course's, as the runtime derives it."""
    return f"{course_activity_id(course)}/{kind}/{page_id}"


def _q(name: str) -> str:
    return f"{{{TINCAN_NAMESPACE}}}{name}"


def _activity(parent: etree._Element, activity_id: str, kind: str, name: str, language: str) -> Element:
    activity = etree.SubElement(parent, _q("activity"), id=activity_id, type=XAPI_ACTIVITY_TYPES[kind])
    etree.SubElement(activity, _q("name"), lang=language).text = name
    return activity


def tincan_xml(course: Course) -> etree._Element:
    """The ``tincan.xml`` tree: the course (launchable), then its lessons and quizzes."""
    root = etree.Element(_q("tincan"), nsmap={None: TINCAN_NAMESPACE})  # type: ignore[dict-item]
    activities = etree.SubElement(root, _q("activities"))
    language = course.language
    course_activity = _activity(activities, course_activity_id(course), "course", course.title, language)
    description = course.description or course.title
    etree.SubElement(course_activity, _q("description"), lang=language).text = description
    etree.SubElement(course_activity, _q("launch"), lang=language).text = LAUNCH_URL
    for page in course.pages:
        kind = page.runtime()["kind"]
        _activity(activities, page_activity_id(course, kind, page.id), kind, page.title, language)
    return root


def activity_problems(root: etree._Element, package_files: set[str]) -> list[str]:
    """Check ``tincan.xml`` against tincan.xsd's rules for what this packager writes: the root and
    ``activities``, each activity's id (an absolute IRI, unique) and type, its elements in order,
    and exactly one launchable activity whose launch names a file of the package."""
    if root.tag != _q("tincan"):
        return [f"the root element is {root.tag!r}, not tincan in the Tin Can namespace"]
    holders = [child for child in root if child.tag == _q("activities")]
    if len(holders) != 1:
        return ["tincan must hold one activities element"]
    problems: list[str] = []
    seen: set[str] = set()
    launches: list[str] = []
    for activity in holders[0]:
        if activity.tag != _q("activity"):
            problems.append(f"activities holds a {etree.QName(activity).localname!r} element")
            continue
        problems += _activity_problems(activity, seen)
        launches += [(child.text or "").strip() for child in activity if child.tag == _q("launch")]
    if len(launches) != 1:
        problems.append(f"tincan.xml has {len(launches)} launchable activities, not one")
    missing = [url for url in launches if url not in package_files]
    return problems + [f"launch {url!r} names no file of the package" for url in missing]


def _activity_problems(activity: etree._Element, seen: set[str]) -> list[str]:
    problems: list[str] = []
    activity_id = activity.get("id", "")
    owner = f"activity {activity_id!r}"
    if not _IRI.match(activity_id):
        problems.append(f"{owner}: the id is not an absolute IRI")
    elif activity_id in seen:
        problems.append(f"{owner}: the id is used twice")
    seen.add(activity_id)
    if not _IRI.match(activity.get("type", "")):
        problems.append(f"{owner} has no type IRI")
    names = [etree.QName(child).localname for child in activity]
    problems += [f"{owner} holds a {name!r} element" for name in names if name not in _CHILDREN]
    names = [name for name in names if name in _CHILDREN]
    if names != sorted(names, key=_CHILDREN.index) or len(set(names)) != len(names):
        problems.append(f"{owner}'s elements are not in the order {', '.join(_CHILDREN)}")
    if "name" not in names:
        problems.append(f"{owner} has no name")
    return problems


class Tincan(XapiTarget):
    """A Tin Can (xAPI) package: the site, with ``tincan.xml`` at the root, for the LRS-based
    platforms that take what Storyline, iSpring and Captivate publish as "Tin Can API"."""

    name = "tincan"
    description = "xAPI (Tin Can)"
    xml = XmlFile(TINCAN_MANIFEST, tincan_xml, activity_problems)
