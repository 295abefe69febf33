"""What every output target shares: render the site, add the target's own files, name the zip."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from lxml import etree
from markupsafe import Markup

from packager.course.models import Course
from packager.errors import PackagerError, Problem
from packager.render import PageRuntime, Site, render_site
from packager.resume import check_fits
from packager.standards import NCNAME


class Target(ABC):
    """One output format. Subclasses set ``name``, ``description`` and ``runtime`` and add their files."""

    name: str
    """The value of ``--target`` and the suffix of the zip's name."""
    description: str

    @property
    @abstractmethod
    def runtime(self) -> PageRuntime:
        """What the target puts in the learner's page: its adapter scripts, the origins it may reach."""

    @property
    def suspend_data_limit(self) -> int | None:
        """The most characters the target's LMS stores as resume data (None: no limit)."""
        return None

    def archive_name(self, course: Course) -> str:
        """File name of the package."""
        return f"{course.id}-{self.name}.zip"

    def build(self, course: Course, pages: Sequence[Markup] | None = None) -> Site:
        """Every file of the package, validated (``pages``: the pages' HTML, if already rendered)."""
        if self.suspend_data_limit is not None:
            check_fits(course, self.suspend_data_limit, self.name)
        site = render_site(course, self.runtime, pages)
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


def fail_on(problems: list[str], file_name: str) -> None:
    """Raise one error listing every problem found in a generated file (a bug of the packager's)."""
    if problems:
        raise PackagerError(
            problems=[
                Problem(f"internal error, please report: {problem}", file=None, field=file_name)
                for problem in problems
            ]
        )
