"""What every output target shares: render the site, add the target's own files, name the zip."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import NamedTuple

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


XAPI_SCRIPTS = (
    "runtime/lms/time.js",
    "runtime/lms/interactions.js",
    "runtime/lms/xapi.js",
    "runtime/lms/statements.js",
)
"""What the xAPI targets' adapters share: time formats, interaction patterns, the LRS connection
(reads and the retrying outbox), and the session (statements, verdicts, the adapter app.js calls);
each target's own script follows."""


def xapi_runtime(target: str, adapter_script: str) -> PageRuntime:
    """The page runtime of an xAPI target (cmi5, Tin Can). The LMS names its LRS endpoint only at
    launch, and it may be on any origin (often not the one serving the content), so the page may
    connect to any http(s) origin. Scripts still come only from the package ('self'), so nothing
    else can use this."""
    return PageRuntime(target, (*XAPI_SCRIPTS, adapter_script), connect_sources=("https:", "http:"))


class XmlFile(NamedTuple):
    """A generated XML file at the package root: its name, how to make its tree from the course,
    and its problems given the package's other files (the target's own rules, where no XSD ships)."""

    name: str
    make: Callable[[Course], etree._Element]
    check: Callable[[etree._Element, set[str]], list[str]]


class XapiTarget(Target):
    """An xAPI target (cmi5, Tin Can): the site, the xAPI scripts with the target's adapter
    (``runtime/lms/<name>.js``), and its XML file at the root."""

    xml: XmlFile

    @property
    def runtime(self) -> PageRuntime:
        return xapi_runtime(self.name, f"runtime/lms/{self.name}.js")

    def add_package_files(self, course: Course, site: Site) -> None:
        add_checked_xml(site, self.xml.name, self.xml.make(course), self.xml.check)


def identifier(course: Course, kind: str) -> str:
    """A stable, valid xs:ID for one part of the package, derived from the course id."""
    value = f"{kind}-{course.id}"
    if not NCNAME.match(value):
        raise PackagerError(f"cannot derive a valid identifier from the course id {course.id!r}")
    return value


def serialize_xml(root: etree._Element) -> bytes:
    """Pretty-printed UTF-8 XML with a declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def add_checked_xml(
    site: Site, file_name: str, root: etree._Element, check: Callable[[etree._Element, set[str]], list[str]]
) -> None:
    """Add a generated XML file to the site, then fail on any problem ``check(root, the site's
    other files)`` finds in it."""
    files = set(site.files)
    site.add(file_name, serialize_xml(root))
    fail_on(check(root, files), file_name)


def fail_on(problems: list[str], file_name: str) -> None:
    """Raise one error listing every problem found in a generated file (a bug of the packager's)."""
    if problems:
        raise PackagerError(
            problems=[
                Problem(f"internal error, please report: {problem}", file=None, field=file_name)
                for problem in problems
            ]
        )
