"""Shared by the player's tests without a browser: a built SCORM 1.2 package, a stand-in scorm-again.

Its fixtures (``fake_dist``, ``scorm12_zip``) are registered in conftest.py.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from packager.cli import main
from packager.player import scorm_again

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "course"
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist"
needs_scorm_again = pytest.mark.skipif(not SCORM_AGAIN.is_dir(), reason="npm ci has not been run")


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.fixture(name="fake_dist")
def fixture_fake_dist(tmp_path: Path) -> Path:
    """A folder that looks like scorm-again's dist (the server only serves it)."""
    folder = tmp_path / "dist"
    folder.mkdir()
    for name in scorm_again.BUNDLES:
        (folder / name).write_text("/* bundle */", "utf-8")
    return folder


@pytest.fixture(scope="module", name="scorm12_zip")
def fixture_scorm12_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("preview")
    assert main(["build", str(SAMPLE), "-o", str(out), "-t", "scorm12", "-q"]) == 0
    (package,) = out.glob("*.zip")
    return package
