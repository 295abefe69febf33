"""scorm-again's browser bundles, the LMS runtime the player is built on.

They are not part of this repository. They come from the npm package ``scorm-again``, pinned by
version and integrity hash (the same pin as package-lock.json), looked up in order:

1. ``$SCORM_AGAIN_DIR`` (the package's ``dist`` folder);
2. ``node_modules/scorm-again/dist`` below the current folder (``npm ci`` in this project);
3. the user cache (``$XDG_CACHE_HOME/scorm-course-packager``), filled on first use by downloading the
   pinned tarball from the npm registry and checking its hash. So ``packager preview`` and the pytest
   plugin also work where the packager was installed with pip alone.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import urllib.request
from pathlib import Path

from packager.errors import PackagerError

PACKAGE = "scorm-again"
VERSION = "3.4.3"
INTEGRITY = "sha512-Zbe+7ArMUbT1lVnqYxsbGRfI9JD9JVqEPzZLQdk0nfNmcDYJ404rMO9nbkQ0Hzwux5uACF9zKsvc29Q/ZzMOdg=="
BUNDLES = ("scorm12.js", "scorm2004.js")
"""The plain-script bundles the player page loads (globals Scorm12API and Scorm2004API)."""


def _registry() -> str:
    return os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/").rstrip("/")


def _has_bundles(folder: Path) -> bool:
    return all((folder / name).is_file() for name in BUNDLES)


def cache_dir() -> Path:
    """Where a downloaded copy of the bundles lives."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scorm-course-packager" / f"{PACKAGE}-{VERSION}" / "dist"


def find_scorm_again(download: bool = True) -> Path:
    """The folder holding scorm-again's bundles; downloads the pinned version once if needed."""
    configured = os.environ.get("SCORM_AGAIN_DIR")
    if configured:
        if not _has_bundles(Path(configured)):
            raise PackagerError(f"SCORM_AGAIN_DIR has no {' or '.join(BUNDLES)}: {configured}")
        return Path(configured).resolve()
    for folder in (Path.cwd() / "node_modules" / PACKAGE / "dist", cache_dir()):
        if _has_bundles(folder):
            return folder.resolve()
    if not download:
        raise PackagerError(
            f"{PACKAGE} is not installed: run 'npm ci' in the project, or set SCORM_AGAIN_DIR "
            f"to the 'dist' folder of the {PACKAGE}@{VERSION} npm package"
        )
    _download(cache_dir())
    return cache_dir()


def _download(destination: Path) -> None:
    url = f"{_registry()}/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            tarball: bytes = response.read()
    except OSError as error:
        raise PackagerError(
            f"cannot download {PACKAGE} (the test LMS runtime) from {url}: {error}. Install it with "
            f"'npm install {PACKAGE}@{VERSION}' and set SCORM_AGAIN_DIR to its 'dist' folder."
        ) from None
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")
    if digest != INTEGRITY:
        raise PackagerError(f"the {PACKAGE} package downloaded from {url} does not match its pinned hash")
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=destination.parent, prefix=".download-"))
    try:
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            for name in BUNDLES:
                member = archive.extractfile(f"package/dist/{name}")
                if member is None:
                    raise PackagerError(f"the {PACKAGE} package has no dist/{name}")
                (staging / name).write_bytes(member.read())
        os.replace(staging, destination)
    except KeyError as error:
        raise PackagerError(f"the {PACKAGE} package lacks a file: {error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
