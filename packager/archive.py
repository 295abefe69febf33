"""Write a package as a deterministic zip, atomically.

Entries are files only, sorted, with forward slashes, fixed timestamps and permissions, so
building the same input twice gives the same bytes. ``SOURCE_DATE_EPOCH`` sets the timestamp.
The zip is written to a temporary file beside the destination and renamed into place, so a
failed build never leaves a half-written zip and never touches the previous one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from packager.errors import PackagerError

ZIP_EPOCH = 315532800
"""1980-01-01T00:00:00Z, the earliest time a zip entry can hold; the default timestamp."""
ZIP_LAST_YEAR = 2107
"""Zip timestamps store the year as an offset from 1980 in seven bits."""

CHUNK_BYTES = 1024 * 1024
ZIP64_THRESHOLD = 1 << 31
"""Entries this large need zip64 headers, which must be chosen before streaming starts."""

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
    try:
        stamp = time.gmtime(epoch)
    except (OverflowError, OSError, ValueError):
        stamp = None
    if stamp is None or stamp.tm_year > ZIP_LAST_YEAR:
        raise PackagerError(f"SOURCE_DATE_EPOCH {raw} is after {ZIP_LAST_YEAR}, the last year a zip can hold")
    # Zip stores even seconds only; round down so the value is exact.
    return (stamp.tm_year, stamp.tm_mon, stamp.tm_mday, stamp.tm_hour, stamp.tm_min, stamp.tm_sec // 2 * 2)


def check_entry_name(name: str) -> None:
    """Refuse names that break LMS importers: absolute, '..', backslashes, non-ASCII, folders."""
    # Split by hand: PurePosixPath drops '.' segments and repeated slashes.
    segments = name.split("/")
    problem = None
    if not name or name.endswith("/"):
        problem = "is empty or a folder"
    elif name.startswith("/") or "\\" in name or ":" in name:
        problem = "must be a relative path with forward slashes"
    elif ".." in segments or "." in segments or "" in segments:
        problem = "must not contain '.', '..' or empty segments"
    elif not name.isascii():
        problem = "must be ASCII (some LMSs cannot import other file names)"
    if problem:
        raise PackagerError(f"the package entry name {name!r} {problem}")


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: Path) -> None:
    try:
        large = source.stat().st_size >= ZIP64_THRESHOLD
        with source.open("rb") as reader, archive.open(info, "w", force_zip64=large) as sink:
            shutil.copyfileobj(reader, sink, CHUNK_BYTES)
    except OSError as error:
        raise PackagerError(f"cannot read the file: {error.strerror}", file=source) from None


def write_zip(files: Mapping[str, bytes | Path], destination: Path) -> None:
    """Write ``files`` to ``destination`` deterministically and atomically.

    Each value is the entry's bytes, or the path of a file on disk, which is streamed (never read
    into memory whole).
    """
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
                stored = PurePosixPath(name).suffix.lower() in ALREADY_COMPRESSED
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                content = files[name]
                if isinstance(content, Path):
                    _stream(archive, info, content)
                else:
                    archive.writestr(info, content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, destination)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
