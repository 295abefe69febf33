"""Incremental builds give the bytes of a clean build, and redo only what changed."""

from __future__ import annotations

import functools
import io
import itertools
import json
import os
import shutil
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from packager import archive, filestate, incremental, render
from packager.archive import PreviousZip, write_zip
from packager.cli import build, main
from packager.console import LazyConsole
from packager.course import loader
from packager.errors import PackagerError
from packager.targets import cmi5, content_package
from packager.targets.web import Web
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


def test_rebuild_reuses_unchanged_work(
    course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    build_zip(course_dir, out)
    edit(course_dir / "lessons" / "02-second.md", "The second lesson.", "Changed.")
    loaded: list[str] = []
    original = loader._load_lesson

    @functools.wraps(original)
    def spy(folder: Any, path: Path) -> Any:
        loaded.append(path.name)
        return original(folder, path)

    monkeypatch.setattr(loader, "_load_lesson", spy)
    capsys.readouterr()
    assert main(["build", str(course_dir), "-o", str(out), "-t", "scorm12", "-v"]) == 0
    assert loaded == ["02-second.md"], "the unchanged lesson came from the cache"
    printed = capsys.readouterr().out
    # Every entry but the page and the manifest is copied from the previous zip.
    with zipfile.ZipFile(out / ZIP) as package:
        count = len(package.namelist())
    assert f"SCORM 1.2: {count - 1} of {count} entries copied unchanged" in printed


def test_a_zip_other_code_wrote_is_not_copied_from(
    course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another version may compress differently: copying its bytes would not give a clean build's."""
    out = tmp_path / "out"
    build_zip(course_dir, out)
    edit(course_dir / "lessons" / "02-second.md", "The second lesson.", "Changed.")
    monkeypatch.setattr(incremental, "code_digest", lambda: "another version of the packager")
    capsys.readouterr()
    assert main(["build", str(course_dir), "-o", str(out), "-t", "scorm12", "-v"]) == 0
    with zipfile.ZipFile(out / ZIP) as package:
        count = len(package.namelist())
    assert f"SCORM 1.2: 0 of {count} entries copied unchanged" in capsys.readouterr().out
    assert (out / ZIP).read_bytes() == clean_build(course_dir, tmp_path)


@pytest.mark.parametrize("target", ["scorm12", "cmi5"])
def test_a_manifest_that_passed_its_checks_is_not_checked_again(
    course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    out = tmp_path / "out"
    checked: list[str] = []
    for module, name in ((content_package, "manifest_problems"), (cmi5, "structure_problems")):
        original = getattr(module, name)

        def spy(*args: Any, original: Any = original, name: str = name) -> Any:
            checked.append(name)
            return original(*args)

        monkeypatch.setattr(module, name, spy)
    assert main(["build", str(course_dir), "-o", str(out), "-t", target, "-q"]) == 0
    assert len(checked) == 1
    edit(course_dir / "lessons" / "02-second.md", "The second lesson.", "The same files, other words.")
    assert main(["build", str(course_dir), "-o", str(out), "-t", target, "-q"]) == 0
    assert len(checked) == 1, "the same manifest in a package of the same files passed already"
    (course_dir / "media" / "welcome.vtt").unlink()  # the package loses a file: a new manifest
    edit(course_dir / "lessons" / "01-intro.md", "![Welcome video](../media/welcome.mp4)\n", "")
    assert main(["build", str(course_dir), "-o", str(out), "-t", target, "-q"]) == 0
    assert len(checked) == 2
    assert main(["build", str(course_dir), "-o", str(tmp_path / "again"), "-t", target, "-q"]) == 0
    assert len(checked) == 3, "another output folder has its own cache"


UP_TO_DATE_RUN = """
import sys
from packager import filestate
from packager.cli import main
filestate.RACY_NS = 0  # as in this module's tests: files count as settled at once
code = main(sys.argv[1:])
heavy = ("packager.course.models", "packager.render", "packager.targets.base", "lxml.etree", "jinja2")
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


@pytest.mark.parametrize("target", ["scorm12", "scorm2004-4th", "cmi5"])
def test_other_packager_code_rebuilds_and_checks_the_zip_again(
    course_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: str,
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(course_dir), "-o", str(out), "-t", target, "-q"]) == 0
    # A new packager version whose checks find a problem the zip on disk was built without.
    monkeypatch.setattr(incremental, "code_digest", lambda: "another version of the packager")
    monkeypatch.setattr(content_package, "manifest_problems", lambda manifest, site: ["planted problem"])
    monkeypatch.setattr(cmi5, "structure_problems", lambda root, files: ["planted problem"])
    assert main(["build", str(course_dir), "-o", str(out), "-t", target]) == 1
    assert "planted problem" in capsys.readouterr().err


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
@pytest.mark.parametrize("shown", [True, False])
def test_progress_is_drawn_only_when_shown(shown: bool, lazy: bool) -> None:
    stream = io.StringIO()
    options: dict[str, Any] = {"file": stream, "force_terminal": True, "width": 100}
    console = cast(Console, LazyConsole(**options)) if lazy else Console(**options)
    with build._progress(console, shown=shown) as progress:
        task = progress.add_task("writing demo.zip", total=2048)
        progress.advance(task, 1024)
    assert ("writing demo.zip" in stream.getvalue()) is shown


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


# The zip writer itself


def blocks_of(data: bytes) -> int:
    return -(-len(data) // archive.DEFLATE_BLOCK)


def test_large_entries_deflate_in_blocks_the_same_whatever_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = b"".join(b"line %d of a long generated page\n" % index for index in range(200_000))
    assert blocks_of(text) > 3
    files: dict[str, bytes | Path] = {"index.html": text, "small.js": b"var x = 1;\n"}
    outputs = []
    for workers in (1, 3):
        monkeypatch.setattr(archive, "_workers", lambda workers=workers: workers)
        write_zip(files, tmp_path / f"{workers}.zip")
        outputs.append((tmp_path / f"{workers}.zip").read_bytes())
    assert outputs[0] == outputs[1]
    with zipfile.ZipFile(tmp_path / "1.zip") as package:
        assert package.testzip() is None
        assert package.read("index.html") == text
        assert package.getinfo("index.html").compress_size < len(text) // 5


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


def test_a_target_failing_late_leaves_every_zip_as_it_was(
    course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(course_dir), "-o", str(out), "-q"]) == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    edit(course_dir / "lessons" / "02-second.md", "The second lesson.", "Changed.")

    def fail(self: Any, course: Any, site: Any) -> None:
        raise PackagerError("planted failure")

    # The last target fails after the others' zips were written beside their destinations.
    monkeypatch.setattr(Web, "add_package_files", fail)
    assert main(["build", str(course_dir), "-o", str(out), "-q"]) == 1
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before, "no zip changed, no file left"


QUIZ = "title: Check\nquestions:\n- {id: one, type: true-false, prompt: Yes?, answer: true}\n"
FILES_WITH_QUIZ = {"lessons/01-intro.md": LESSON, "lessons/02-second.md": SECOND, "quiz.yaml": QUIZ, **MEDIA}


def pages_rendered_by(monkeypatch: pytest.MonkeyPatch, renderer: str) -> list[str]:
    """The ids of the pages ``render.<renderer>`` renders from now on, in order."""
    rendered: list[str] = []
    original = getattr(render, renderer)

    def spy(page: Any, course: Any) -> str:
        rendered.append(page.id)
        return str(original(page, course))

    monkeypatch.setattr(render, renderer, spy)
    return rendered


def test_only_the_changed_lesson_is_rendered_again(
    course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build_zip(course_dir, out)
    rendered = pages_rendered_by(monkeypatch, "_lesson_html")
    edit(course_dir / "lessons" / "02-second.md", "The second lesson.", "Changed.")
    rebuilt = build_zip(course_dir, out)
    assert rendered == ["second"]  # its id: the file name without the number
    assert rebuilt == clean_build(course_dir, tmp_path)


def test_an_unchanged_quiz_is_not_rendered_again(
    make_course: CourseMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = make_course({**COURSE, "quiz": "quiz.yaml"}, files=FILES_WITH_QUIZ)
    out = tmp_path / "out"
    build_zip(course, out)
    rendered = pages_rendered_by(monkeypatch, "_quiz_html")
    edit(course / "lessons" / "02-second.md", "The second lesson.", "Changed.")
    rebuilt = build_zip(course, out)
    assert rendered == []
    assert rebuilt == clean_build(course, tmp_path)
    assert rendered == ["quiz"]  # the clean build renders it
    edit(course / "quiz.yaml", "Yes?", "Really?")
    rendered.clear()
    build_zip(course, out)
    assert rendered == ["quiz"]
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


def sections(count: int, edited: int | None = None) -> tuple[bytes, list[int]]:
    """A long page of ``count`` sections (a few KB of varied text each) and where they start."""
    parts = []
    for number in range(count):
        words = " ".join(f"word{(number * 7919 + index * 104729) % 100003}" for index in range(600))
        extra = " An added paragraph." if number == edited else ""
        parts.append(f'\n<section class="view lesson" id="s{number}">{words}{extra}</section>'.encode())
    starts = [sum(map(len, parts[:index])) for index in range(count)]
    return b"".join(parts), starts


def test_block_cuts_follow_the_sections_not_their_offsets() -> None:
    page, starts = sections(400)
    edited, edited_starts = sections(400, edited=200)
    blocks = archive.deflate_blocks(page, starts)
    again = archive.deflate_blocks(edited, edited_starts)
    assert len(blocks) > 4, "a page this long is deflated in several blocks"
    assert blocks[0][0] == 0 and blocks[-1][1] == len(page)
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(blocks))
    # Every cut is at a section boundary; the edit moves the later ones by its length only.
    assert {end for _, end in blocks[:-1]} <= set(starts)
    grown = len(edited) - len(page)
    moved = [
        (start, end) if end <= edited_starts[200] else (start - grown, end - grown) for start, end in again
    ]
    changed = set(moved) ^ set(blocks)
    assert len(changed) <= 2, "only the block holding the edited section differs"


def test_an_edit_to_one_section_deflates_one_block_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, starts = sections(400)
    first = write_zip({"index.html": page}, tmp_path / "first.zip", split_at={"index.html": starts})
    assert len(first["index.html"].blocks) > 4
    edited, edited_starts = sections(400, edited=200)
    deflated: list[int] = []
    original = archive._deflate_block

    def counting(data: bytes, start: int, end: int) -> bytes:
        deflated.append(start)
        return original(data, start, end)

    monkeypatch.setattr(archive, "_deflate_block", counting)
    previous = PreviousZip(tmp_path / "first.zip", first)
    write_zip(
        {"index.html": edited},
        tmp_path / "copied.zip",
        previous=previous,
        split_at={"index.html": edited_starts},
    )
    assert len(deflated) == 1, "the blocks before and after the edited one were copied"
    write_zip({"index.html": edited}, tmp_path / "fresh.zip", split_at={"index.html": edited_starts})
    assert (tmp_path / "copied.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "copied.zip") as package:
        assert package.read("index.html") == edited


def test_the_code_digest_is_kept_until_the_code_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "code"
    code.mkdir()
    source = code / "module.py"
    source.write_text("one = 1\n")
    os.utime(source, (1_600_000_000, 1_600_000_000))
    monkeypatch.setattr(incremental, "_code_files", lambda: iter([(code, source)]))
    incremental.code_digest.cache_clear()
    try:
        first = incremental.code_digest()
        memo = tmp_path / "cache" / "code-digest.json"
        kept = json.loads(memo.read_text())
        memo.write_text(json.dumps({**kept, "digest": "kept"}))
        incremental.code_digest.cache_clear()
        assert incremental.code_digest() == "kept", "the same files: the kept digest"
        source.write_text("one = 2\n")
        os.utime(source, (1_600_000_100, 1_600_000_100))
        incremental.code_digest.cache_clear()
        changed = incremental.code_digest()
        assert changed not in (first, "kept")
        source.write_text("one = 1\n")
        os.utime(source, (1_600_000_000, 1_600_000_000))
        incremental.code_digest.cache_clear()
        assert incremental.code_digest() == first, "the digest is of the contents"
    finally:
        incremental.code_digest.cache_clear()


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=3 * 1024 * 1024).map(lambda head: head * 2),
    cuts=st.lists(st.integers(min_value=-10, max_value=7 * 1024 * 1024), max_size=40),
)
def test_blocks_cover_the_content_whatever_the_parts(data: bytes, cuts: list[int]) -> None:
    blocks = archive.deflate_blocks(data, cuts)
    assert blocks[0][0] == 0 and blocks[-1][1] == len(data)
    assert all(end == start for (_, end), (start, _) in itertools.pairwise(blocks))
    assert all(start < end for start, end in blocks) or data == b""
    assert all(end - start <= archive.MAX_BLOCK + archive.DEFLATE_BLOCK for start, end in blocks)
    # Blocks deflated apart and joined are one valid deflate stream of the whole.
    joined = b"".join(archive._deflate_block(data, start, end) for start, end in blocks)
    assert zlib.decompress(joined, -15) == data
