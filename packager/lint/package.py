"""Read a package for the rules, safely: in memory, bounded, and never extracted.

A package may come from any tool, or from an attacker. Nothing is written to disk. The zip's entry
count is checked before :mod:`zipfile` reads its central directory, and only the manifest and
the HTML, CSS and JavaScript files are decompressed. An entry is read only if its declared size and
compression ratio are within :class:`Limits`; :mod:`zipfile` never returns more than an
entry's declared size. A file that is not a zip, or is corrupt, makes a :class:`Package` with
``broken`` set, which a rule reports; it never raises.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Literal

from lxml import etree

from packager.errors import PackagerError
from packager.lint.findings import Hit
from packager.lint.versions import Detection, detect_version
from packager.lint.xml_safe import ParsedXml, parse_untrusted
from packager.lint.zip_directory import announced_size
from packager.standards import CMI5_STRUCTURE, MANIFEST

TEXT_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".css", ".js", ".mjs"})
"""Files whose text the content rules scan for references."""
READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
)
"""What reading a damaged, encrypted or oddly compressed entry can raise."""
MiB = 1024 * 1024
WEB_START = "index.html"
"""The page a web package opens with, at its root."""

Kind = Literal["scorm", "cmi5", "web"]
"""What a package is: a SCORM package (``imsmanifest.xml``), a cmi5 package (``cmi5.xml``), or a
web site (``index.html``)."""
KINDS: tuple[Kind, ...] = ("scorm", "cmi5", "web")


def detect_kind(files: frozenset[str]) -> Kind | None:
    """The kind of package its files make, as an LMS would see it; None when nothing says."""
    if MANIFEST in files:
        return "scorm"
    if CMI5_STRUCTURE in files:
        return "cmi5"
    if any(name.rsplit("/", 1)[-1].lower() == MANIFEST for name in files):
        return "scorm"  # in a folder: ZIP005 says so
    if any(name.rsplit("/", 1)[-1].lower() == CMI5_STRUCTURE for name in files):
        return "cmi5"
    return "web" if WEB_START in files else None


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile zip from exhausting memory, disk or time."""

    max_entries: int = 20_000
    max_central_directory_bytes: int = 32 * MiB
    max_total_bytes: int = 4 * 1024 * MiB
    """Total declared uncompressed size of every entry."""
    max_ratio: int = 100
    """Largest uncompressed/compressed ratio of an entry (deflate reaches about 1000 on zeros)."""
    ratio_floor_bytes: int = 1 * MiB
    """Entries smaller than this are not judged by their ratio (small text compresses well)."""
    max_manifest_bytes: int = 16 * MiB
    max_text_bytes: int = 16 * MiB
    """HTML, CSS and JavaScript files larger than this are not scanned."""
    max_scanned_bytes: int = 256 * MiB
    """HTML, CSS and JavaScript files are scanned until their sizes add up to this."""


@dataclass(eq=False)
class Package:
    """What the rules look at. Built by :func:`read_package`, or from a manifest by the build."""

    files: frozenset[str] = frozenset()
    """Names of the file entries (folders excluded)."""
    manifest: etree._Element | None = None
    entries: list[zipfile.ZipInfo] | None = None
    """Every entry, in zip order; None when the zip could not be opened."""
    broken: str | None = None
    """Why the file is not a usable zip."""
    entry_count: int = 0
    """The number of entries, as the zip announces it."""
    directory_bytes: int = 0
    """The size of the zip's central directory, as announced."""
    manifest_problem: Hit | None = None
    """Why ``imsmanifest.xml`` could not be read or parsed."""
    manifest_xml: ParsedXml | None = None
    """What parsing the manifest found besides its tree: its DOCTYPE's entities."""
    kind: Kind | None = None
    """What the package is (given by the user, else detected from its files)."""
    structure_xml: ParsedXml | None = None
    """``cmi5.xml``, parsed, in a cmi5 package."""
    texts: dict[str, bytes] = field(default_factory=dict)
    """Contents of the HTML, CSS and JavaScript files, by entry name."""
    unscanned: list[str] = field(default_factory=list)
    """HTML, CSS and JavaScript files left unread: beyond the size limits, or suspicious."""
    unreadable: dict[str, str] = field(default_factory=dict)
    """Entries whose data could not be read, and why."""
    limits: Limits = field(default_factory=Limits)
    derived: dict[str, Any] = field(default_factory=dict, repr=False)
    """What the rules work out from the manifest once and share (see manifest_rules.py)."""

    @cached_property
    def version(self) -> Detection:
        """The SCORM version the manifest declares."""
        if self.manifest is None:
            raise ValueError("a package without a manifest has no version")
        return detect_version(self.manifest)

    @property
    def structure(self) -> etree._Element | None:
        """The cmi5 course structure's root element, if it parsed."""
        return None if self.structure_xml is None else self.structure_xml.root


def read_package(path: Path, limits: Limits | None = None, kind: Kind | None = None) -> Package:
    """Read ``path`` for linting; raise :class:`PackagerError` only if it cannot be read at all.

    ``kind`` says what the package must be; by default it is detected from the files."""
    limits = limits or Limits()
    try:
        with path.open("rb") as stream:
            package = _read(stream, limits)
            package.kind = kind or detect_kind(package.files)
            return package
    except FileNotFoundError:
        raise PackagerError("file not found", file=path) from None
    except IsADirectoryError:
        raise PackagerError("this is a folder; lint takes a package's .zip file", file=path) from None
    except OSError as error:
        raise PackagerError(f"cannot read the file: {error.strerror}", file=path) from None


def _read(stream: BinaryIO, limits: Limits) -> Package:
    announced = announced_size(stream)
    if announced is None:
        return Package(broken="it has no zip directory (not a zip file, or cut short)", limits=limits)
    count, directory_bytes = announced
    if count > limits.max_entries or directory_bytes > limits.max_central_directory_bytes:
        return Package(entry_count=count, directory_bytes=directory_bytes, limits=limits)
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        return Package(broken=f"its zip directory is damaged ({error})", entry_count=count, limits=limits)
    with archive:
        entries = archive.infolist()
        package = Package(
            files=frozenset(info.filename for info in entries if not info.is_dir()),
            entries=entries,
            entry_count=len(entries),
            directory_bytes=directory_bytes,
            limits=limits,
        )
        if len(entries) > limits.max_entries:
            package.entries = None
            return package
        if MANIFEST in package.files:
            _read_manifest(archive, archive.getinfo(MANIFEST), package)
        if CMI5_STRUCTURE in package.files:
            package.structure_xml = _read_xml(
                archive, archive.getinfo(CMI5_STRUCTURE), package, "course structure"
            )
        if sum(info.file_size for info in entries) <= limits.max_total_bytes:
            _read_texts(archive, package)
    return package


def _read_texts(archive: zipfile.ZipFile, package: Package) -> None:
    """Read the HTML, CSS and JavaScript files, within the per-file and total limits."""
    assert package.entries is not None
    budget = package.limits.max_scanned_bytes
    for info in package.entries:
        suffix = PurePosixPath(info.filename).suffix.lower()
        if info.filename not in package.files or suffix not in TEXT_SUFFIXES:
            continue
        data = None
        if info.file_size <= budget:
            data = _read_entry(archive, info, package.limits.max_text_bytes, package)
        if data is None:
            if info.filename not in package.unreadable:
                package.unscanned.append(info.filename)
            continue
        budget -= len(data)
        package.texts[info.filename] = data


def _read_manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo, package: Package) -> None:
    parsed = _read_xml(archive, info, package, "manifest")
    package.manifest_xml = parsed
    package.manifest = parsed.root
    package.manifest_problem = parsed.problem


def _read_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, package: Package, what: str) -> ParsedXml:
    """Read and parse an XML entry within the manifest size limit; never raises."""
    limit = package.limits.max_manifest_bytes
    data = _read_entry(archive, info, limit, package)
    if data is None:
        reason = package.unreadable.get(info.filename) or skip_reason(info, limit, package.limits)
        return ParsedXml(problem=Hit(f"the {what} cannot be read: {reason}; rebuild the zip", info.filename))
    return parse_untrusted(data, info.filename, what)


def is_suspicious(info: zipfile.ZipInfo, limits: Limits) -> bool:
    """Whether an entry's declared sizes look like a zip bomb."""
    if info.file_size < limits.ratio_floor_bytes:
        return False
    return info.file_size > limits.max_ratio * max(info.compress_size, 1)


def skip_reason(info: zipfile.ZipInfo, limit: int, limits: Limits) -> str | None:
    """Why the linter will not decompress an entry, if it will not."""
    if info.flag_bits & 0x1:
        return "it is encrypted"
    if is_suspicious(info, limits):
        return "its compression ratio is that of a zip bomb"
    if info.file_size > limit:
        return f"it is larger than {limit:,} bytes"
    return None


def _read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, package: Package
) -> bytes | None:
    """The entry's bytes; None if it is skipped (see :func:`skip_reason`) or unreadable (recorded)."""
    if skip_reason(info, limit, package.limits) is not None:
        return None
    try:
        with archive.open(info) as entry:
            # zipfile stops at the declared size, so this reads at most ``limit`` bytes.
            return entry.read(limit + 1)[:limit]
    except READ_ERRORS as error:
        package.unreadable[info.filename] = str(error) or type(error).__name__
        return None
