"""What every output target shares: render the site, add the target's own files, name the zip."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, MutableSet
from contextvars import ContextVar
from pathlib import Path

from lxml import etree

from packager.course import Course
from packager.errors import PackagerError, Problem
from packager.render import Site, render_site
from packager.resume import check_fits
from packager.standards import NCNAME


class Target(ABC):
    """One output format. Subclasses set ``name`` and ``adapter_script`` and add their files."""

    name: str
    """The value of ``--target`` and the suffix of the zip's name."""
    adapter_script: str | None
    """The runtime file that talks to this target's LMS API (None: no LMS)."""
    adapter_helpers: tuple[str, ...] = ()
    """Runtime files the adapter needs, loaded just before it."""
    description: str
    suspend_data_limit: int | None = None
    """The most characters the target's LMS stores as resume data (None: no limit)."""
    connect_sources: tuple[str, ...] = ()
    """Origins the page may send requests to besides its own (the page's CSP connect-src)."""

    def archive_name(self, course: Course) -> str:
        """File name of the package."""
        return f"{course.id}-{self.name}.zip"

    def build(self, course: Course) -> Site:
        """Every file of the package, validated."""
        if self.suspend_data_limit is not None:
            check_fits(course, self.suspend_data_limit, self.name)
        site = render_site(course, self)
        self.add_package_files(course, site)
        return site

    @abstractmethod
    def add_package_files(self, course: Course, site: Site) -> None:
        """Add the manifest, schemas and anything else this target needs."""


def identifier(course: Course, kind: str) -> str:
    """A stable, valid xs:ID for one part of the package, derived from the course id."""
    value = f"{kind}-{course.id}"
    if not NCNAME.match(value):
        raise PackagerError(f"cannot derive a valid identifier from the course id {course.id!r}")
    return value


def serialize_xml(root: etree._Element) -> bytes:
    """Pretty-printed UTF-8 XML with a declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def manifest_problems(manifest: etree._Element, site: Site) -> list[str]:
    """Checks the XSDs do not make: identifiers, references, SCO types and the file list.

    These are the manifest rules of ``packager lint`` (:mod:`packager.lint.manifest_rules`),
    whatever the SCORM version. Imported here: a rebuild whose manifest passed them before does
    not need them.
    """
    from packager.lint.manifest_rules import manifest_problems as lint_manifest_problems

    return lint_manifest_problems(manifest, site.files)


PASSED_CHECKS: ContextVar[MutableSet[str] | None] = ContextVar("PASSED_CHECKS", default=None)
"""Generated files that passed their checks in an earlier build, when set (the incremental build,
:mod:`packager.incremental`, sets it; its keys also hold the packager's code and XSDs)."""


def check_generated(
    file_name: str, content: bytes | Path | None, files: Iterable[str], problems: Callable[[], list[str]]
) -> None:
    """Fail on the ``problems`` of a generated file, unless the same file in a package of the same
    files passed them before: the checks look at nothing else, so they would pass again."""
    passed = PASSED_CHECKS.get()
    if passed is None or not isinstance(content, bytes):
        fail_on(problems(), file_name)
        return
    digest = hashlib.sha256(content)
    for name in sorted(files):
        digest.update(b"\0" + name.encode())
    key = f"{file_name}\0{digest.hexdigest()}"
    if key not in passed:
        fail_on(problems(), file_name)
        passed.add(key)


def fail_on(problems: list[str], file_name: str) -> None:
    """Raise one error listing every problem found in a generated file."""
    if problems:
        raise PackagerError(
            problems=[
                Problem(f"internal error, please report: {problem}", file=None, field=file_name)
                for problem in problems
            ]
        )
