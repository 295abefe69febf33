"""cmi5 packages (``cmi5.xml``) and web packages (``index.html``): the rules that apply to them.

Sources: the cmi5 specification (AICC, "Quartz"), sections 13 (course structure) and 14 (course
package). The XSD (:mod:`packager.lint.cmi5_schema`) checks the structure; the rules here check
what it cannot: IRIs and their uniqueness, moveOn against masteryScore, and launch URLs. The
offline and file rules (EXT001, FILE003) run on every kind of package.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from lxml import etree

from packager.lint.cmi5_schema import structure_errors
from packager.lint.findings import Hit, Severity
from packager.lint.hrefs import resolve_href, source_line, unresolved
from packager.lint.messages import message
from packager.lint.package import WEB_START, Package
from packager.lint.registry import RULES, rule
from packager.lint.versions import local_name
from packager.lint.xml_safe import ParsedXml
from packager.standards import CMI5_MOVE_ON_VALUES, CMI5_MOVE_ON_WITH_PASSED, CMI5_NAMESPACE, CMI5_STRUCTURE

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def cmi5_problems(structure: etree._Element, files: Iterable[str]) -> list[str]:
    """The messages of every cmi5 structure rule, for a ``cmi5.xml`` tree and the package's files."""
    package = Package(files=frozenset(files), kind="cmi5", structure_xml=ParsedXml(root=structure))
    return [
        finding.message for check in RULES.values() if check.needs == "cmi5" for finding in check.run(package)
    ]


def _structure(package: Package) -> etree._Element:
    assert package.structure is not None, "cmi5 rules run only on a parsed cmi5.xml"
    return package.structure


def _at(element: etree._Element, key: str, /, **facts: object) -> Hit:
    return Hit(message(key, **facts), CMI5_STRUCTURE, source_line(element))


def _own(root: etree._Element, name: str) -> list[etree._Element]:
    return list(root.iter(f"{{{CMI5_NAMESPACE}}}{name}"))


def _start_at_root(package: Package, kind: str, start: str, key: str) -> Iterator[Hit]:
    """The message ``key`` if a package of ``kind`` lacks its start file at the root of the zip, at the
    file of that name in a folder if there is one (the author zipped the folder, not its contents)."""
    if package.kind != kind or start in package.files:
        return
    nested = next((f for f in sorted(package.files) if f.rsplit("/", 1)[-1].lower() == start), None)
    where = f"it is at {nested!r}" if nested else "there is none"
    yield Hit(message(key, where=where), nested)


@rule("CMI001", Severity.ERROR, "a cmi5 package has cmi5.xml at the root of the zip", needs="archive")
def structure_at_root(package: Package) -> Iterator[Hit]:
    return _start_at_root(package, "cmi5", CMI5_STRUCTURE, "CMI001")


@rule("CMI002", Severity.ERROR, "cmi5.xml is readable, well-formed XML", needs="archive")
def structure_well_formed(package: Package) -> Iterator[Hit]:
    parsed = package.structure_xml
    if parsed is not None and parsed.problem is not None:
        yield parsed.problem
    if parsed is not None and (parsed.entities or parsed.external_dtd):
        yield Hit(message("CMI002"), CMI5_STRUCTURE, parsed.line)


@rule("CMI003", Severity.ERROR, "cmi5.xml is valid against CourseStructure.xsd", needs="cmi5")
def structure_valid(package: Package) -> Iterator[Hit]:
    root = _structure(package)
    if root.tag != f"{{{CMI5_NAMESPACE}}}courseStructure":
        yield _at(root, "CMI003-root", tag=root.tag, namespace=CMI5_NAMESPACE)
        return
    for line, problem in structure_errors(root):
        yield Hit(message("CMI003-xsd", problem=problem), CMI5_STRUCTURE, line)


@rule("CMI004", Severity.ERROR, "course, block, AU and objective ids are unique absolute IRIs", needs="cmi5")
def ids_are_iris(package: Package) -> Iterator[Hit]:
    seen: set[str] = set()
    root = _structure(package)
    for element in [*_own(root, "course"), *_own(root, "block"), *_own(root, "au"), *_own(root, "objective")]:
        value = element.get("id")
        if value is None:
            continue  # an objective reference (idref), or CMI003's
        name = local_name(element)
        if not _IRI.match(value):
            yield _at(element, "CMI004-iri", name=name, value=value)
        elif value in seen:
            yield _at(element, "CMI004-unique", name=name, value=value)
        seen.add(value)


@rule("CMI005", Severity.WARNING, "an AU's masteryScore counts for its moveOn", needs="cmi5")
def mastery_score_counts(package: Package) -> Iterator[Hit]:
    for au in _own(_structure(package), "au"):
        move_on = au.get("moveOn", "NotApplicable")
        ignores_passing = move_on in CMI5_MOVE_ON_VALUES and move_on not in CMI5_MOVE_ON_WITH_PASSED
        if au.get("masteryScore") is not None and ignores_passing:
            yield _at(au, "CMI005", au=au.get("id"), move_on=move_on)


@rule("CMI006", Severity.WARNING, "an AU with moveOn Passed can report a pass", needs="cmi5")
def passed_needs_judgement(package: Package) -> Iterator[Hit]:
    for au in _own(_structure(package), "au"):
        if au.get("moveOn") in ("Passed", "CompletedAndPassed") and au.get("masteryScore") is None:
            yield _at(au, "CMI006", au=au.get("id"))


@rule("CMI007", Severity.ERROR, "AU urls are in the package, or absolute URLs", needs="cmi5")
def launch_urls(package: Package) -> Iterator[Hit]:
    for url_element in _own(_structure(package), "url"):
        url = (url_element.text or "").strip()
        if not url or _SCHEME.match(url):
            continue  # empty is CMI003's; a fully qualified URL is allowed (cmi5 14.1)
        path = None if url.startswith("/") or "\\" in url else resolve_href(urlsplit(url).path)
        if problem := unresolved(path, package.files):
            yield _at(url_element, f"CMI007-{problem}", url=url)


@rule("WEB001", Severity.ERROR, "a web package has index.html at the root of the zip", needs="archive")
def web_start_page(package: Package) -> Iterator[Hit]:
    return _start_at_root(package, "web", WEB_START, "WEB001")
