"""scorm-again's browser bundles, the LMS runtime the player is built on.

They are not part of this repository. They come from the npm package ``scorm-again``, pinned by
version and integrity hash (``packager/npm_pins.json``, the same pin as package-lock.json), looked
up in order:

1. ``$SCORM_AGAIN_DIR`` (the package's ``dist`` folder);
2. ``node_modules/scorm-again/dist`` below the current folder (``npm ci`` in this project);
3. the user cache (``$XDG_CACHE_HOME/scorm-course-packager``), filled on first use by downloading the
   pinned tarball from the npm registry and checking its hash. So ``packager preview`` and the pytest
   plugin also work where the packager was installed with pip alone.
"""

from __future__ import annotations

import os
from pathlib import Path

from packager.errors import PackagerError
from packager.npm import pinned

SCORM_AGAIN = pinned("scorm-again")
BUNDLES = ("scorm12.js", "scorm2004.js")
"""The plain-script bundles the player page loads (globals Scorm12API and Scorm2004API)."""


def _has_bundles(folder: Path) -> bool:
    return all((folder / name).is_file() for name in BUNDLES)


def cache_dir() -> Path:
    """Where a downloaded copy of the bundles lives."""
    return SCORM_AGAIN.cache_dir() / "dist"


def find_scorm_again(download: bool = True) -> Path:
    """The folder holding scorm-again's bundles; downloads the pinned version once if needed."""
    configured = os.environ.get("SCORM_AGAIN_DIR")
    if configured:
        if not _has_bundles(Path(configured)):
            raise PackagerError(f"SCORM_AGAIN_DIR has no {' or '.join(BUNDLES)}: {configured}")
        return Path(configured).resolve()
    for folder in (Path.cwd() / "node_modules" / SCORM_AGAIN.name / "dist", cache_dir()):
        if _has_bundles(folder):
            return folder.resolve()
    if not download:
        raise PackagerError(
            f"{SCORM_AGAIN.name} is not installed: run 'npm ci' in the project, or set SCORM_AGAIN_DIR "
            f"to the 'dist' folder of the {SCORM_AGAIN.name}@{SCORM_AGAIN.version} npm package"
        )
    bundles = {f"dist/{name}": name for name in BUNDLES}
    SCORM_AGAIN.download(cache_dir(), bundles.get)
    if not _has_bundles(cache_dir()):
        raise PackagerError(f"the {SCORM_AGAIN.name} package has no {' or '.join(BUNDLES)}")
    return cache_dir()
