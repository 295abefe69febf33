"""Where the packager's own files live: its templates, and its cache."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def templates_dir() -> Path:
    """Where the templates live: inside the installed wheel, or at the top of a source checkout."""
    installed = Path(str(resources.files("packager"))) / "templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "templates"


def cache_root() -> Path:
    """Where the packager keeps what saves work between runs (build caches, compiled templates)."""
    configured = os.environ.get("PACKAGER_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scorm-course-packager"
