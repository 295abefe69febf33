"""The packager runs where authors work (Linux, macOS, Windows): a build, and a rebuild that updates
a large zip in place, still work in a Python that lacks the Linux- and POSIX-only calls."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import CourseMaker

WITHOUT_POSIX_ONLY_CALLS = """
import os, sys
sys.modules["fcntl"] = None  # an import of it fails, as on Windows
POSIX_ONLY = ("fdatasync", "pread", "pwrite", "copy_file_range", "sched_getaffinity", "sendfile")
for name in POSIX_ONLY:
    if hasattr(os, name):
        delattr(os, name)
from pathlib import Path
from packager import build
from packager import filestate
from packager.archive import inplace
inplace.IN_PLACE_MIN_BYTES = 0
filestate.RACY_NS = 0  # trust the zip just written
course, out = Path(sys.argv[1]), Path(sys.argv[2])
for result in build(course, out, ["scorm12"]).targets:
    print(result.status, result.kept_bytes)
"""


def test_a_rebuild_in_place_needs_no_posix_only_call(make_course: CourseMaker, tmp_path: Path) -> None:
    lesson = "---\ntitle: Video\n---\nWatch this.\n\n![The welcome video](../media/welcome.mp4)\n"
    video = b"\x00\x00\x00\x18ftypmp42" + os.urandom(1_000_000)
    captions = "WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome.\n"
    files = {"lessons/01-intro.md": lesson, "media/welcome.mp4": video, "media/welcome.vtt": captions}
    course = make_course(files=files)
    out = tmp_path / "out"
    env = {**os.environ, "PACKAGER_CACHE_DIR": str(tmp_path / "cache")}

    def build() -> str:
        command = [sys.executable, "-c", WITHOUT_POSIX_ONLY_CALLS, str(course), str(out)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert build().split()[0] == "written"
    (course / "lessons" / "01-intro.md").write_text(lesson.replace("this.", "this first."), "utf-8")
    status, kept = build().split()
    assert status == "written" and int(kept) >= 1_000_000, "the video stayed in place"
    (package,) = out.glob("*.zip")
    with zipfile.ZipFile(package) as archive:
        assert archive.testzip() is None
        assert b"Watch this first." in archive.read("index.html")
