"""Zip hygiene: what LMS importers need of the archive itself, and the zip-bomb bounds."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterator

from packager.lint.findings import Hit, Severity
from packager.lint.package import Package, is_suspicious
from packager.lint.registry import rule
from packager.standards import MANIFEST

_DRIVE = re.compile(r"^[A-Za-z]:")
_COMPRESSION_NAMES = {
    zipfile.ZIP_STORED: "stored",
    zipfile.ZIP_DEFLATED: "deflate",
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "lzma",
    9: "deflate64",
}


def _entries(package: Package) -> list[zipfile.ZipInfo]:
    assert package.entries is not None, "archive rules run only on an opened zip"
    return package.entries


@rule("ZIP001", Severity.ERROR, "the file is a readable zip archive", needs="file")
def readable_zip(package: Package) -> Iterator[Hit]:
    if package.broken is not None:
        yield Hit(f"this is not a usable zip archive: {package.broken}; export or zip the package again")


@rule("ZIP002", Severity.ERROR, "the zip has a bounded number of entries", needs="file")
def bounded_entry_count(package: Package) -> Iterator[Hit]:
    limits = package.limits
    if package.entry_count > limits.max_entries:
        yield Hit(
            f"the zip holds {package.entry_count:,} entries (the limit is {limits.max_entries:,}); "
            "it was not read further; a course package this large is almost surely a mistake or an attack"
        )
    elif package.directory_bytes > limits.max_central_directory_bytes:
        yield Hit(
            f"the zip's directory takes {package.directory_bytes:,} bytes "
            f"(the limit is {limits.max_central_directory_bytes:,}); it was not read further: zip it again"
        )


@rule("ZIP003", Severity.ERROR, "the entries' total uncompressed size is bounded", needs="archive")
def bounded_total_size(package: Package) -> Iterator[Hit]:
    total = sum(info.file_size for info in _entries(package))
    if total > package.limits.max_total_bytes:
        yield Hit(
            f"the entries add up to {total:,} bytes uncompressed (the limit is "
            f"{package.limits.max_total_bytes:,}); their contents were not scanned: LMSs cap uploads far "
            "lower, so split the course or compress its media"
        )


@rule("ZIP004", Severity.ERROR, "no entry has a zip-bomb compression ratio", needs="archive")
def bounded_compression_ratio(package: Package) -> Iterator[Hit]:
    for info in _entries(package):
        if is_suspicious(info, package.limits):
            ratio = info.file_size // max(info.compress_size, 1)
            yield Hit(
                f"expands from {info.compress_size:,} to {info.file_size:,} bytes (ratio {ratio:,}:1, the "
                f"limit is {package.limits.max_ratio}:1), like a zip bomb; it was not read, and LMSs may "
                "refuse "
                "the upload: check where this file came from",
                info.filename,
            )


@rule("ZIP005", Severity.ERROR, "a SCORM package has imsmanifest.xml at the root of the zip", needs="archive")
def manifest_at_root(package: Package) -> Iterator[Hit]:
    if MANIFEST in package.files or package.kind in ("cmi5", "web"):
        return  # cmi5 and web packages have their own rules (CMI001, WEB001)
    nested = sorted(name for name in package.files if name.rsplit("/", 1)[-1].lower() == MANIFEST)
    if nested:
        yield Hit(
            f"imsmanifest.xml is not at the root of the zip but at {nested[0]!r}: LMSs refuse the "
            "package (Moodle: badimsmanifestlocation); zip the folder's contents, not the folder",
            nested[0],
        )
    else:
        kind = "a SCORM package" if package.kind == "scorm" else "a SCORM, cmi5 or web package"
        yield Hit(
            f"the zip has no imsmanifest.xml at its root (nor cmi5.xml or index.html): it is not {kind}, "
            "and LMSs refuse it; zip the contents of the course folder, with the manifest at the top"
        )


@rule("ZIP006", Severity.ERROR, "no entry path is absolute or climbs out with '..'", needs="archive")
def safe_entry_paths(package: Package) -> Iterator[Hit]:
    for info in _entries(package):
        name = info.filename
        segments = re.split(r"[/\\]", name)
        if name.startswith(("/", "\\")) or _DRIVE.match(name):
            yield Hit(
                "the entry has an absolute path; unpacking it could write anywhere, so LMSs refuse it: "
                "zip the files with paths relative to the package root",
                name,
            )
        elif ".." in segments:
            yield Hit(
                "the entry's path contains '..'; unpacking it could write outside the course, so LMSs "
                "refuse it: "
                "zip the files with paths relative to the package root",
                name,
            )


@rule("ZIP007", Severity.ERROR, "entry paths use forward slashes", needs="archive")
def forward_slashes(package: Package) -> Iterator[Hit]:
    for info in _entries(package):
        if "\\" in info.filename:
            yield Hit(
                "the entry's path contains a backslash; LMSs on Linux make it part of the file name: zip it "
                "with a tool that writes forward slashes",
                info.filename,
            )


@rule("ZIP008", Severity.WARNING, "the zip holds files only, no folder entries", needs="archive")
def no_directory_entries(package: Package) -> Iterator[Hit]:
    for info in _entries(package):
        if info.is_dir():
            yield Hit(
                "folder entry: some importers (Open edX) fail on them; zip files only (zip -D)", info.filename
            )


@rule("ZIP009", Severity.WARNING, "entry names are ASCII", needs="archive")
def ascii_names(package: Package) -> Iterator[Hit]:
    for info in _entries(package):
        if not info.filename.isascii():
            yield Hit(
                "the name is not ASCII; some LMSs (openEQUELLA, older Moodle on Windows) mangle or refuse "
                "such "
                "names: rename it with ASCII letters, digits, '-' and '_'",
                info.filename,
            )


@rule("ZIP010", Severity.ERROR, "no two entries have the same name", needs="archive")
def unique_entry_names(package: Package) -> Iterator[Hit]:
    counts = Counter(info.filename for info in _entries(package))
    for name, count in counts.items():
        if count > 1:
            yield Hit(
                f"{count} entries have this name; LMSs keep one of them at random: zip the package again",
                name,
            )


@rule("ZIP011", Severity.ERROR, "no entry is encrypted", needs="archive")
def no_encryption(package: Package) -> Iterator[Hit]:
    for info in _entries(package):
        if info.flag_bits & 0x1:
            yield Hit(
                "the entry is encrypted; an LMS cannot unpack it: zip the package again without a password",
                info.filename,
            )


@rule("ZIP012", Severity.ERROR, "entries are stored or deflated", needs="archive")
def common_compression(package: Package) -> Iterator[Hit]:
    for info in _entries(package):
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            method = _COMPRESSION_NAMES.get(info.compress_type, f"method {info.compress_type}")
            message = (
                f"compressed with {method}; LMSs unpack only stored and deflated entries: "
                "zip it again with deflate"
            )
            yield Hit(message, info.filename)


@rule("ZIP013", Severity.ERROR, "the entries the linter reads are intact", needs="archive")
def readable_entries(package: Package) -> Iterator[Hit]:
    for name, reason in sorted(package.unreadable.items()):
        yield Hit(f"the entry cannot be unpacked: {reason}; the zip is damaged: make it again", name)


@rule("ZIP014", Severity.INFO, "every HTML, CSS and JavaScript file was scanned", needs="archive")
def everything_scanned(package: Package) -> Iterator[Hit]:
    limits = package.limits
    unscanned = set(package.unscanned)
    for info in _entries(package):
        reported_elsewhere = is_suspicious(info, limits) or info.flag_bits & 0x1  # ZIP004, ZIP011
        if info.filename in unscanned and not reported_elsewhere:
            yield Hit(
                f"not scanned for references: the file is over {limits.max_text_bytes:,} bytes, or the "
                f"files before it add up to {limits.max_scanned_bytes:,}; check what it loads by hand",
                info.filename,
            )
