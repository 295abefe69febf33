"""Whether a file changed since it was last seen, without reading it: its stat signature."""

from __future__ import annotations

import os
import time
from pathlib import Path

RACY_NS = 2_000_000_000
"""A file changed this recently (2 s) may change again within the file system's timestamp
resolution without its signature changing (git's "racily clean" files), so it is not trusted."""


def signature(path: Path | str, *, trust_recent: bool = False) -> str | None:
    """Size, modification and change times, inode and device of ``path`` (links followed).

    None when the file is missing, or was changed too recently to be trusted (unless
    ``trust_recent``: for files only this program writes, such as its own zips).
    """
    try:
        state = os.stat(path)
    except OSError:
        return None
    if not trust_recent and time.time_ns() - max(state.st_mtime_ns, state.st_ctime_ns) < RACY_NS:
        return None
    return f"{state.st_size}:{state.st_mtime_ns}:{state.st_ctime_ns}:{state.st_ino}:{state.st_dev}"
