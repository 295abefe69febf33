"""Incremental builds give the bytes of a clean build, and redo only what changed."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from rich.console import Console

from packager import BuildReport, build, filestate
from packager.archive.writer import PreviousZip, write_zip
from packager.cli import main
from packager.console import LazyConsole
from packager.errors import PackagerError
from packager.progress import progress_bar
from tests.conftest import CourseMaker

LESSON = """---
title: Media
---
Intro paragraph with **emphasis**.

![A diagram of the referral steps](../media/diagram.png)

![Welcome video](../media/welcome.mp4)

[Download the handout](../media/handout.pdf)
"""
SECOND = "---\ntitle: Second\n---\nThe second lesson.\n"
COURSE = {
    "id": "demo-course",
    "title": "Demo course",
    "lessons": ["lessons/01-intro.md", "lessons/02-second.md"],
}
MEDIA: dict[str, str | bytes | None] = {
    "media/diagram.png": b"\x89PNG\r\n\x1a\n" + os.urandom(3000),
    "media/welcome.mp4": b"\x00\x00\x00\x18ftypmp42" + os.urandom(5000),
    "media/welcome.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome.\n",
    "media/handout.pdf": b"%PDF-1.4\n" + os.urandom(2000) + b"%%EOF\n",
}
ZIP = "demo-course-scorm12.zip"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A private cache; files count as settled at once (tests change files within two seconds)."""
    monkeypatch.setenv("PACKAGER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(filestate, "RACY_NS", 0)


@pytest.fixture
def course_dir(make_course: CourseMaker) -> Path:
    return make_course(COURSE, files={"lessons/01-intro.md": LESSON, "lessons/02-second.md": SECOND, **MEDIA})


def build_zip(course: Path, out: Path, *extra: str) -> bytes:
    assert main(["build", str(course), "-o", str(out), "-t", "scorm12", "-q", *extra]) == 0
    return (out / ZIP).read_bytes()


def clean_build(course: Path, tmp_path: Path) -> bytes:
    """The zip a first build, with no cache and no previous zip, writes."""
    return build_zip(course, tmp_path / "clean", "--no-cache")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_rebuild_after_a_lesson_change_matches_a_clean_build(course_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build_zip(course_dir, out)
    edit(course_dir / "lessons" / "02-second.md", "The second lesson.", "The second lesson, revised.")
    rebuilt = build_zip(course_dir, out)
    assert rebuilt != first
    assert rebuilt == clean_build(course_dir, tmp_path)
    with zipfile.ZipFile(out / ZIP) as package:
        assert package.testzip() is None
        assert b"The second lesson, revised." in package.read("index.html")


SAMPLE_COURSE = Path(__file__).resolve().parent.parent / "course"
QUIZ_EDITS = {
    "single-choice option": ("final.yaml", "ended on friendly terms.", "ended amicably."),
    "multiple-response answer": (
        "final.yaml",
        'blur professional boundaries."\n        correct: true',
        'blur professional boundaries."\n        correct: false',
    ),
    "true-false answer": (
        "final.yaml",
        'sits outside the core CRSS role."\n    answer: false',
        'sits outside the core CRSS role."\n    answer: true',
    ),
    "fill-in answers": ("final.yaml", '["well-being", "wellbeing", "well being"]', '["well-being"]'),
    "sequencing order": (
        "final.yaml",
        'with them yourself"\n      - "Help them connect',
        'with them yourself."\n      - "Help them connect',
    ),
    "numeric answer": ("check-former-partners.yaml", "answer: 3", "answer: 4"),
    "matching pair": ("check-former-partners.yaml", "It is hard to judge", "It gets hard to judge"),
}


@pytest.mark.parametrize("change", list(QUIZ_EDITS))
def test_rebuild_after_a_quiz_answer_change_matches_a_clean_build(change: str, tmp_path: Path) -> None:
    """Every question type: a change to its answers reaches the page and the runtime (no stale quiz)."""
    course = tmp_path / "course"
    shutil.copytree(SAMPLE_COURSE, course)
    out = tmp_path / "out"
    assert main(["build", str(course), "-o", str(out), "-t", "web", "-q"]) == 0
    (first,) = out.glob("*.zip")
    before = first.read_bytes()
    quiz, old, new = QUIZ_EDITS[change]
    edit(course / "quizzes" / quiz, old, new)
    assert main(["build", str(course), "-o", str(out), "-t", "web", "-q"]) == 0
    assert main(["build", str(course), "-o", str(tmp_path / "clean"), "-t", "web", "-q", "--no-cache"]) == 0
    assert first.read_bytes() != before
    assert first.read_bytes() == (tmp_path / "clean" / first.name).read_bytes()


def rebuild(course: Path, out: Path, target: str = "scorm12") -> BuildReport:
    """An incremental build through the library function, as the command runs it."""
    return build(course, out, [target])


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


def test_a_zip_other_code_wrote_is_not_copied_from(course_dir: Path, tmp_path: Path) -> None:
    """Another version may compress differently: copying its bytes would not give a clean build's."""
    out = tmp_path / "out"
    rebuild(course_dir, out)
    (record_file,) = (tmp_path / "cache").rglob("targets/scorm12.json")
    record = json.loads(record_file.read_text())
    record_file.write_text(json.dumps({**record, "code": "another version of the packager"}))
    edit(course_dir / "lessons" / "02-second.md", "The second lesson.", "Changed.")
    (result,) = rebuild(course_dir, out).targets
    assert result.copied == 0
    assert (out / ZIP).read_bytes() == clean_build(course_dir, tmp_path)


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


@pytest.mark.parametrize(
    "change",
    ["media content", "captions removed", "zip replaced", "zip removed", "source date", "other target"],
)
def test_changes_outside_the_lessons_are_noticed(
    course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    out = tmp_path / "out"
    first = build_zip(course_dir, out)
    if change == "media content":
        # Same size: only the signature (here its time) tells the files apart.
        video = course_dir / "media" / "welcome.mp4"
        video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(5000))
        os.utime(video, (1_600_000_000, 1_600_000_000))
    elif change == "captions removed":
        (course_dir / "media" / "welcome.vtt").unlink()
        assert main(["build", str(course_dir), "-o", str(out), "-t", "scorm12", "-q"]) == 1
        assert (out / ZIP).read_bytes() == first
        return
    elif change == "zip replaced":
        (out / ZIP).write_bytes(b"PK\x05\x06" + bytes(18))
    elif change == "zip removed":
        (out / ZIP).unlink()
    elif change == "source date":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709618829")
    else:
        assert main(["build", str(course_dir), "-o", str(out), "-t", "web", "-q"]) == 0
    rebuilt = build_zip(course_dir, out)
    assert rebuilt == clean_build(course_dir, tmp_path)
    if change in ("media content", "source date"):
        assert rebuilt != first
    else:
        assert rebuilt == first


def test_course_folder_is_part_of_the_key(make_course: CourseMaker, tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = {"lessons/01-intro.md": LESSON, "lessons/02-second.md": SECOND, **MEDIA}
    first = make_course(COURSE, files=files, name="first")
    second = make_course(
        COURSE, files={**files, "lessons/02-second.md": SECOND.replace("second", "other")}, name="second"
    )
    build_zip(first, out)
    assert build_zip(second, out) == clean_build(second, tmp_path)


def test_recently_changed_files_are_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filestate, "RACY_NS", 2_000_000_000)
    path = tmp_path / "fresh.txt"
    path.write_text("new")
    assert filestate.signature(path) is None
    assert filestate.signature(path, trust_recent=True) is not None
    old = 1_600_000_000
    os.utime(path, (old, old))
    monkeypatch.setattr(filestate.time, "time_ns", lambda: os.stat(path).st_ctime_ns + 3_000_000_000)
    assert filestate.signature(path) is not None
    assert filestate.signature(tmp_path / "missing.txt") is None


def test_damaged_cache_is_only_a_slower_build(course_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_zip(course_dir, out)
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            path.write_bytes(b"not a cache")
    edit(course_dir / "lessons" / "02-second.md", "The second lesson.", "Changed again.")
    assert build_zip(course_dir, out) == clean_build(course_dir, tmp_path)


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


def test_entries_copied_from_the_previous_zip_give_the_same_bytes(tmp_path: Path) -> None:
    media = tmp_path / "clip.mp4"
    media.write_bytes(os.urandom(300_000))
    os.utime(media, (1_600_000_000, 1_600_000_000))
    page = b"<p>page</p>\n" * 100_000
    files: dict[str, bytes | Path] = {"index.html": page, "media/clip.mp4": media, "theme.css": b"p{}" * 100}
    first = write_zip(files, tmp_path / "first.zip")
    assert all(entry.digest for entry in first.values())
    changed = {**files, "theme.css": b"p{color:red}\n"}
    copied = write_zip(changed, tmp_path / "copied.zip", previous=PreviousZip(tmp_path / "first.zip", first))
    fresh = write_zip(changed, tmp_path / "fresh.zip")
    assert (tmp_path / "copied.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()
    assert copied == fresh
    with zipfile.ZipFile(tmp_path / "copied.zip") as package:
        assert package.read("media/clip.mp4") == media.read_bytes()
        assert package.read("index.html") == page


def test_a_file_changed_since_the_previous_zip_is_read_again(tmp_path: Path) -> None:
    media = tmp_path / "clip.mp4"
    media.write_bytes(b"A" * 1000)
    os.utime(media, (1_600_000_000, 1_600_000_000))
    files: dict[str, bytes | Path] = {"media/clip.mp4": media}
    first = write_zip(files, tmp_path / "first.zip")
    media.write_bytes(b"B" * 1000)
    os.utime(media, (1_600_000_100, 1_600_000_100))
    write_zip(files, tmp_path / "second.zip", previous=PreviousZip(tmp_path / "first.zip", first))
    with zipfile.ZipFile(tmp_path / "second.zip") as package:
        assert package.read("media/clip.mp4") == b"B" * 1000


def test_a_target_failing_late_leaves_every_zip_as_it_was(course_dir: Path, tmp_path: Path) -> None:
    """SCORM 1.2 keeps 4,096 characters of resume data, 2004 keeps 64,000: a course whose resume data
    fits only the latter fails in the second target, after the first one's zip was staged."""
    out = tmp_path / "out"
    targets = ["-t", "scorm2004-4th", "-t", "scorm12"]
    assert main(["build", str(course_dir), "-o", str(out), "-q", *targets]) == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    questions = "".join(
        f"- {{id: q{number}, type: fill-in, prompt: Word {number}?, answers: [x]}}\n" for number in range(20)
    )
    (course_dir / "check.yaml").write_text(f"title: Check\nquestions:\n{questions}", "utf-8")
    (course_dir / "course.yaml").write_text(yaml.safe_dump({**COURSE, "quiz": "check.yaml"}), "utf-8")
    with pytest.raises(PackagerError, match="scorm12: resume data"):
        build(course_dir, out, ["scorm2004-4th", "scorm12"])
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before, "no zip changed, no file left"


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
