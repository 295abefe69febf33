"""Where the packager's own files live."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def templates_dir() -> Path:
    """Where the templates live: inside the installed wheel, or at the top of a source checkout."""
    installed = Path(str(resources.files("packager"))) / "templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "templates"
