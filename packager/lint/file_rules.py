"""The file list: the files the manifest lists are in the package, and the other way round."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from packager.lint.findings import Hit, Severity
from packager.lint.manifest_index import at, listed_files, schema_files
from packager.lint.messages import message
from packager.lint.package import Package
from packager.lint.registry import rule
from packager.standards import MANIFEST

SCHEMA_SUFFIXES = (".xsd", ".dtd")
"""Schema files: the ADL checker leaves them out of the file list, wherever they are."""


@rule("FILE001", Severity.ERROR, "every file the manifest lists is in the package", needs="manifest")
def listed_files_present(package: Package) -> Iterator[Hit]:
    for path, element in sorted(listed_files(package).items()):
        if path not in package.files:
            yield at(element, "FILE001", path=path)


@rule("FILE002", Severity.WARNING, "every file in the package is listed in the manifest", needs="manifest")
def files_listed(package: Package) -> Iterator[Hit]:
    listed = set(listed_files(package)) | schema_files(package)
    for name in sorted(package.files - listed - {MANIFEST}):
        if PurePosixPath(name).suffix.lower() in SCHEMA_SUFFIXES:
            continue  # schema files belong to the package, not to a resource (as the ADL checker has it)
        yield Hit(message("FILE002", name=name), name)
