"""What a package's zip entries are: their names, order, timestamp and identity.

Entries are files only, with forward slashes, fixed timestamps and permissions, in a fixed order:
already-compressed media first (they change least, and are most of the bytes), then everything
else, each group in name order. ``SOURCE_DATE_EPOCH`` sets the timestamp, so the same input gives
the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from packager.errors import PackagerError
from packager.filestate import signature

ZIP_EPOCH = 315532800
"""1980-01-01T00:00:00Z, the earliest time a zip entry can hold; the default timestamp."""
ZIP_LAST_YEAR = 2107
"""Zip timestamps store the year as an offset from 1980 in seven bits."""

ALREADY_COMPRESSED = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp4", ".m4v", ".webm", ".mp3", ".m4a", ".ogg"}
    | {".oga", ".ogv", ".zip", ".pdf", ".woff", ".woff2", ".gz"}
)
"""Stored rather than deflated: compressing them again costs time and saves nothing."""

Signature = Callable[[Path], str | None]
"""How a file's signature is taken (:func:`packager.filestate.signature`, or a build's memo of it)."""

DateTime = tuple[int, int, int, int, int, int]


def entry_timestamp() -> DateTime:
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


def is_stored(name: str) -> bool:
    """Whether the entry is stored as is (already-compressed media) rather than deflated."""
    return PurePosixPath(name).suffix.lower() in ALREADY_COMPRESSED


def entry_order(name: str) -> tuple[bool, str]:
    """Already-compressed media first, then the rest; each in name order."""
    return (not is_stored(name), name)


def zip_info(name: str, date_time: DateTime) -> zipfile.ZipInfo:
    """The entry's header fields: a regular file, rw-r--r--, stored or deflated by its kind."""
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.create_system = 3  # Unix, so that the permissions below are read
    info.external_attr = 0o100644 << 16
    info.compress_type = zipfile.ZIP_STORED if is_stored(name) else zipfile.ZIP_DEFLATED
    return info


def content_digest(content: bytes | Path, file_signature: Signature = signature) -> str | None:
    """What identifies an entry's content: a hash of its bytes, or the signature of its file
    (None: a file changed just now, whose signature cannot be trusted)."""
    if isinstance(content, Path):
        state = file_signature(content)
        return None if state is None else f"file:{state}"
    return f"sha256:{hashlib.sha256(content).hexdigest()}"


def content_size(content: bytes | Path) -> int:
    """The entry's size before compression (0 for a file that cannot be read: it fails later)."""
    if isinstance(content, Path):
        try:
            return content.stat().st_size
        except OSError:
            return 0
    return len(content)
