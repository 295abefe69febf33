"""Incremental builds redo only what changed, and load no more than they need."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from rich.console import Console

from packager.console import LazyConsole
from packager.progress import progress_bar
from tests.conftest import CourseMaker
from tests.incremental_course import COURSE, LESSON, MEDIA, SECOND, ZIP, build_zip, clean_build, edit, rebuild

pytestmark = pytest.mark.usefixtures("isolated_cache")


def test_rebuild_reuses_unchanged_work(course_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = rebuild(course_dir, out)
    assert first.loaded == first.rendered == ["lesson:intro", "lesson:second"]
    edit(course_dir / "lessons" / "02-second.md", "The second lesson.", "Changed.")
    report = rebuild(course_dir, out)
    assert report.loaded == ["lesson:second"], "the unchanged lesson came from the cache"
    assert report.rendered == ["lesson:second"]
    (result,) = report.targets
    # Every entry but the page is copied from the previous zip.
    assert (result.status, result.copied, result.files) == ("written", result.files - 1, result.files)
    with zipfile.ZipFile(out / ZIP) as package:
        assert len(package.namelist()) == result.files


UP_TO_DATE_RUN = """
import sys
from packager import filestate
from packager.cli import main
filestate.RACY_NS = 0  # as in this module's tests: files count as settled at once
code = main(sys.argv[1:])
heavy = ("packager.course.models", "packager.render", "packager.targets.base", "lxml", "jinja2", "pydantic")
print("loaded:", *[name for name in heavy if name in sys.modules])
sys.exit(code)
"""


def test_unchanged_course_keeps_the_zip_without_loading_anything(course_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build_zip(course_dir, out)
    before = (out / ZIP).stat()
    command = [sys.executable, "-c", UP_TO_DATE_RUN, "build", str(course_dir), "-o", str(out)]
    command += ["-t", "scorm12"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{out / ZIP} is up to date", "loaded:"], (
        "nothing is loaded, rendered or validated when nothing changed"
    )
    after = (out / ZIP).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns), "it was not rewritten"
    assert (out / ZIP).read_bytes() == first
    (result_of_library,) = rebuild(course_dir, out).targets
    assert result_of_library.status == "up to date"


@pytest.mark.parametrize("lazy", [True, False])
def test_the_progress_bar_draws_on_a_terminal(lazy: bool) -> None:
    stream = io.StringIO()
    options: dict[str, Any] = {"file": stream, "force_terminal": True, "width": 100}
    console = cast(Console, LazyConsole(**options)) if lazy else Console(**options)
    with progress_bar(console) as progress:
        task = progress.add_task("writing demo.zip", total=2048)
        progress.advance(task, 1024)
    assert "writing demo.zip" in stream.getvalue()


QUIET_RUN = """
import sys
from packager.cli import main
code = main(sys.argv[1:])
print("rich loaded:", "rich" in sys.modules)
sys.exit(code)
"""


@pytest.mark.parametrize(("options", "loaded"), [(["-q"], False), ([], True)])
def test_a_quiet_build_does_not_import_rich(
    course_dir: Path, tmp_path: Path, options: list[str], loaded: bool
) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-c", QUIET_RUN, "build", str(course_dir), "-o", str(out), "-t", "scorm12"]
    result = subprocess.run(command + options, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    printed = [] if options else [f"wrote {out / ZIP}"]
    assert result.stdout.splitlines() == [*printed, f"rich loaded: {loaded}"]
    assert zipfile.ZipFile(out / ZIP).testzip() is None


QUIZ = "title: Check\nquestions:\n- {id: one, type: true-false, prompt: Yes?, answer: true}\n"
FILES_WITH_QUIZ = {"lessons/01-intro.md": LESSON, "lessons/02-second.md": SECOND, "quiz.yaml": QUIZ, **MEDIA}


def test_only_the_changed_lesson_is_rendered_again(course_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_zip(course_dir, out)
    edit(course_dir / "lessons" / "02-second.md", "The second lesson.", "Changed.")
    report = rebuild(course_dir, out)
    assert report.rendered == ["lesson:second"]  # its id: the file name without the number
    assert (out / ZIP).read_bytes() == clean_build(course_dir, tmp_path)


def test_an_unchanged_quiz_is_not_rendered_again(make_course: CourseMaker, tmp_path: Path) -> None:
    course = make_course({**COURSE, "quiz": "quiz.yaml"}, files=FILES_WITH_QUIZ)
    out = tmp_path / "out"
    assert rebuild(course, out).rendered == ["lesson:intro", "lesson:second", "quiz:quiz"]
    edit(course / "lessons" / "02-second.md", "The second lesson.", "Changed.")
    assert rebuild(course, out).rendered == ["lesson:second"]
    assert (out / ZIP).read_bytes() == clean_build(course, tmp_path)
    edit(course / "quiz.yaml", "Yes?", "Really?")
    report = rebuild(course, out)
    assert (report.loaded, report.rendered) == (["quiz:quiz"], ["quiz:quiz"])
    with zipfile.ZipFile(out / ZIP) as package:
        assert b"Really?" in package.read("index.html")


@pytest.mark.parametrize(
    ("setting", "shown"), [({"language": "fr"}, b'srclang="fr"'), ({"mastery_score": 60}, b"You need 60%")]
)
def test_course_settings_reach_pages_that_did_not_change(
    make_course: CourseMaker, tmp_path: Path, setting: dict[str, Any], shown: bytes
) -> None:
    """A lesson's HTML depends on the course's language, a quiz's on its mastery score: both are
    rendered again when those change, though their own files did not."""
    course = make_course({**COURSE, "quiz": "quiz.yaml"}, files=FILES_WITH_QUIZ)
    out = tmp_path / "out"
    first = build_zip(course, out)
    assert shown not in first
    # Only course.yaml is written again: the pages' files and media stay as they were.
    (course / "course.yaml").write_text(yaml.safe_dump({**COURSE, "quiz": "quiz.yaml", **setting}), "utf-8")
    rebuilt = build_zip(course, out)
    with zipfile.ZipFile(out / ZIP) as package:
        assert shown in package.read("index.html")
    assert rebuilt == clean_build(course, tmp_path)


def test_a_locked_quiz_lists_the_lessons_as_they_are_now(make_course: CourseMaker, tmp_path: Path) -> None:
    """A quiz locked until the lessons are viewed lists them: a retitled lesson renders it again."""
    locked = QUIZ + "locked_until_lessons_viewed: true\n"
    course = make_course({**COURSE, "quiz": "quiz.yaml"}, files={**FILES_WITH_QUIZ, "quiz.yaml": locked})
    out = tmp_path / "out"
    build_zip(course, out)
    edit(course / "lessons" / "02-second.md", "title: Second", "title: Second, retitled")
    report = rebuild(course, out)
    assert report.rendered == ["lesson:second", "quiz:quiz"]
    with zipfile.ZipFile(out / ZIP) as package:
        assert package.read("index.html").count(b"Second, retitled") >= 2  # the lesson and the lock's list
    assert (out / ZIP).read_bytes() == clean_build(course, tmp_path)
