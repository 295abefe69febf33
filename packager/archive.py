"""Write a package as a deterministic zip, atomically.

Entries are files only, sorted, with forward slashes, fixed timestamps and permissions, so
building the same input twice gives the same bytes. ``SOURCE_DATE_EPOCH`` sets the timestamp.
The zip is written to a temporary file beside the destination and renamed into place, so a
failed build never leaves a half-written zip and never touches the previous one.
"""

from __future__ import annotations

import os
import tempfile
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from packager.errors import PackagerError

ZIP_EPOCH = 315532800
"""1980-01-01T00:00:00Z, the earliest time a zip entry can hold; the default timestamp."""

ALREADY_COMPRESSED = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp4", ".m4v", ".webm", ".mp3", ".m4a", ".ogg",
     ".oga", ".ogv", ".zip", ".pdf", ".woff", ".woff2", ".gz"}
)
"""Stored rather than deflated: compressing them again costs time and saves nothing."""


def entry_timestamp() -> tuple[int, int, int, int, int, int]:
    """The timestamp of every entry: SOURCE_DATE_EPOCH if set, else 1980-01-01 (UTC)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        epoch = int(raw) if raw else ZIP_EPOCH
    except ValueError:
        raise PackagerError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw!r}") from None
    epoch = max(epoch, ZIP_EPOCH)
    stamp = time.gmtime(epoch)
    # Zip stores even seconds only; round down so the value is exact.
    return (stamp.tm_year, stamp.tm_mon, stamp.tm_mday, stamp.tm_hour, stamp.tm_min, stamp.tm_sec // 2 * 2)


def check_entry_name(name: str) -> None:
    """Refuse names that break LMS importers: absolute, '..', backslashes, non-ASCII, folders."""
    path = PurePosixPath(name)
    problem = None
    if not name or name.endswith("/"):
        problem = "is empty or a folder"
    elif name.startswith("/") or "\\" in name or ":" in name:
        problem = "must be a relative path with forward slashes"
    elif ".." in path.parts or "." in path.parts or "" in name.split("/"):
        problem = "must not contain '.', '..' or empty segments"
    elif not name.isascii():
        problem = "must be ASCII (some LMSs cannot import other file names)"
    if problem:
        raise PackagerError(f"the package entry name {name!r} {problem}")


def write_zip(files: Mapping[str, bytes], destination: Path) -> None:
    """Write ``files`` (archive path -> bytes) to ``destination`` deterministically and atomically."""
    for name in files:
        check_entry_name(name)
    date_time = entry_timestamp()
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(
        dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
    )
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w") as archive:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=date_time)
                info.create_system = 3
                info.external_attr = 0o100644 << 16
                if PurePosixPath(name).suffix.lower() in ALREADY_COMPRESSED:
                    info.compress_type = zipfile.ZIP_STORED
                    archive.writestr(info, files[name])
                else:
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, files[name], compresslevel=9)
        os.chmod(temporary, 0o644)
        os.replace(temporary, destination)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
