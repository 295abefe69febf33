"""Incremental builds give the bytes of a clean build, whatever changed (what they redo:
test_incremental_work.py)."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from packager import build, filestate
from packager.archive.writer import PreviousZip, write_zip
from packager.cli import main
from packager.errors import PackagerError
from tests.conftest import CourseMaker
from tests.incremental_course import COURSE, LESSON, MEDIA, SECOND, ZIP, build_zip, clean_build, edit, rebuild

pytestmark = pytest.mark.usefixtures("isolated_cache")


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
