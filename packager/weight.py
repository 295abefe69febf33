"""Runtime weight: the bytes of JavaScript and CSS a package makes the learner's browser load.

Counted unminified, as shipped (every ``.js`` and ``.css`` file of the zip), against the budget
the product promises for a course (:data:`RUNTIME_BUDGET`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

RUNTIME_BUDGET = 60_000
"""The most bytes of JavaScript and CSS a package may ship."""
RUNTIME_SUFFIXES = (".js", ".css")


def runtime_files(package: Path) -> dict[str, int]:
    """Each JavaScript and CSS file of a package (a zip) with its size in bytes."""
    with zipfile.ZipFile(package) as archive:
        return {
            info.filename: info.file_size
            for info in archive.infolist()
            if PurePosixPath(info.filename).suffix in RUNTIME_SUFFIXES
        }


def runtime_weight(package: Path) -> int:
    """All the package's JavaScript and CSS, in bytes."""
    return sum(runtime_files(package).values())
