"""Pinned npm packages fetched at first use: the official XSDs and the test LMS runtime.

Neither is part of this repository. Each is pinned by version and integrity hash in
``packager/npm_pins.json`` (the same pins as package-lock.json, which a test checks); when no
installed copy is found, the tarball is downloaded once from the npm registry, checked against its
hash and unpacked into the user cache.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from packager.errors import PackagerError


@dataclass(frozen=True)
class PinnedPackage:
    """One npm package at one version, with its ``sha512-...`` integrity hash."""

    name: str
    version: str
    integrity: str
    purpose: str
    """What the package is for, in words a user understands when the download fails."""
    environment_variable: str
    """Names a local copy instead of the download."""

    @property
    def url(self) -> str:
        registry = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/").rstrip("/")
        return f"{registry}/{self.name}/-/{self.name}-{self.version}.tgz"

    def cache_dir(self) -> Path:
        """This version's folder in the user cache (``$XDG_CACHE_HOME/scorm-course-packager``)."""
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "scorm-course-packager" / f"{self.name}-{self.version}"

    def download(self, destination: Path, select: Callable[[str], str | None]) -> None:
        """Download, check and unpack the files ``select`` names, all or nothing, into ``destination``.

        ``select`` maps a path inside the package (without ``package/``) to its path below
        ``destination``, or to None to leave the file out.
        """
        tarball = self._fetch()
        destination.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=destination.parent, prefix=".download-"))
        try:
            with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
                for member in archive.getmembers():
                    relative = select(member.name.removeprefix("package/"))
                    if not member.isfile() or relative is None or ".." in relative.split("/"):
                        continue
                    extracted = archive.extractfile(member)
                    if extracted is not None:
                        target = staging / relative
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(extracted.read())
            os.replace(staging, destination)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _fetch(self) -> bytes:
        try:
            import urllib.request  # only when a package must be downloaded (slow to import)

            with urllib.request.urlopen(self.url, timeout=60) as response:
                tarball: bytes = response.read()
        except OSError as error:
            raise PackagerError(
                f"cannot download {self.name} ({self.purpose}) from {self.url}: {error}. Install it with "
                f"'npm install {self.name}@{self.version}' and set {self.environment_variable} to its folder."
            ) from None
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")
        if digest != self.integrity:
            raise PackagerError(
                f"the {self.name} package downloaded from {self.url} does not match its pinned hash"
            )
        return tarball


def pinned(name: str) -> PinnedPackage:
    """The package ``name`` as ``packager/npm_pins.json`` pins it."""
    pins = json.loads((Path(__file__).parent / "npm_pins.json").read_text("utf-8"))
    return PinnedPackage(name=name, **pins[name])
