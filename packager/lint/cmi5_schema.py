"""The cmi5 course structure XSD (``xsd/CourseStructure.xsd``), shared by the linter and the cmi5
target. See ``xsd/README.md`` for where the file comes from."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from packager.lint.hrefs import source_line
from packager.lint.xsd_compile import schema_from_file
from packager.standards import CMI5_NAMESPACE

COURSE_STRUCTURE_XSD = Path(__file__).parent / "xsd" / "CourseStructure.xsd"


@cache
def structure_schema() -> etree.XMLSchema:
    """The compiled CourseStructure.xsd."""
    return schema_from_file(COURSE_STRUCTURE_XSD)


def structure_errors(root: etree._Element) -> list[tuple[int | None, str]]:
    """(line, message) of each way ``root`` breaks CourseStructure.xsd; empty when valid."""
    schema = structure_schema()
    document = etree.fromstring(etree.tostring(root)) if source_line(root) is None else root
    try:
        if schema.validate(document):
            return []
    except etree.XMLSchemaValidateError as error:
        return [(None, f"it could not be validated ({error})")]
    prefix = f"{{{CMI5_NAMESPACE}}}"
    return [
        (entry.line or None, str(entry.message).replace(prefix, ""))
        for entry in schema.error_log  # type: ignore[attr-defined]
    ]
