"""Updating a large zip in place: same bytes as a fresh write, and never a broken zip left behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from packager import filestate
from packager.archive import inplace
from packager.archive.inplace import restore_interrupted, undo_journal
from packager.archive.writer import PreviousZip, StagedZip, stage_zip, write_zip
from packager.cli import main
from packager.errors import PackagerError
from tests.conftest import CourseMaker

MEDIA_BYTES = 400_000
LARGER_PAGE = os.urandom(100_000)
"""A page that does not compress: the new zip's end is larger than the old one's."""


@pytest.fixture(autouse=True)
def _small_zips_update_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inplace, "IN_PLACE_MIN_BYTES", 0)
    monkeypatch.setattr(filestate, "RACY_NS", 0)  # trust the files just written
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def course_files(tmp_path: Path, page: bytes) -> dict[str, bytes | Path]:
    """Two media files (most of the zip's bytes) and some text, as a course's package has."""
    media = tmp_path / "media"
    media.mkdir(exist_ok=True)
    files: dict[str, bytes | Path] = {"index.html": page, "runtime/app.js": b"var app = 1;\n" * 50}
    for name in ("clip.mp4", "photo.jpg"):
        path = media / name
        if not path.exists():
            path.write_bytes(os.urandom(MEDIA_BYTES))
            os.utime(path, (1_600_000_000, 1_600_000_000))
        files[f"media/{name}"] = path
    return files


def previous_of(destination: Path) -> PreviousZip:
    entries = write_zip(course_files(destination.parent.parent, b"<p>first</p>\n" * 100), destination)
    return PreviousZip(destination, entries)


def test_a_text_change_rewrites_only_the_end_and_gives_a_fresh_writes_bytes(tmp_path: Path) -> None:
    destination = tmp_path / "out" / "course.zip"
    previous = previous_of(destination)
    inode = destination.stat().st_ino
    files = course_files(tmp_path, b"<p>second, a little longer</p>\n" * 100)
    staged = stage_zip(files, destination, previous=previous)
    assert staged.kept_bytes >= 2 * MEDIA_BYTES, "the media at the front are kept where they are"
    # The staged file holds only the end: its beginning is a hole.
    assert os.stat(staged.temporary).st_blocks * 512 < 2 * MEDIA_BYTES
    staged.commit()
    assert destination.stat().st_ino == inode, "updated in place, not replaced"
    write_zip(files, tmp_path / "fresh.zip")
    assert destination.read_bytes() == (tmp_path / "fresh.zip").read_bytes()
    assert sorted(path.name for path in destination.parent.iterdir()) == ["course.zip"]
    with zipfile.ZipFile(destination) as package:
        assert package.testzip() is None
    if shutil.which("unzip"):
        subprocess.run(["unzip", "-tq", str(destination)], check=True, stdout=subprocess.DEVNULL)


def test_a_shorter_end_truncates_the_zip(tmp_path: Path) -> None:
    destination = tmp_path / "out" / "course.zip"
    previous = previous_of(destination)
    files = course_files(tmp_path, b"<p>1</p>")
    write_zip(files, destination, previous=previous)
    write_zip(files, tmp_path / "fresh.zip")
    assert destination.read_bytes() == (tmp_path / "fresh.zip").read_bytes()


def test_changed_media_or_a_small_zip_are_written_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    destination = tmp_path / "out" / "course.zip"
    previous = previous_of(destination)
    files = course_files(tmp_path, b"<p>first</p>\n" * 100)
    (tmp_path / "media" / "clip.mp4").write_bytes(os.urandom(MEDIA_BYTES))  # the first entry changes
    staged = stage_zip(files, destination, previous=previous)
    assert staged.kept_bytes == 0
    staged.discard()
    monkeypatch.setattr(inplace, "IN_PLACE_MIN_BYTES", 10 * MEDIA_BYTES)
    previous = previous_of(destination)
    staged = stage_zip(course_files(tmp_path, b"<p>new</p>"), destination, previous=previous)
    assert staged.kept_bytes == 0, "a small zip is cheap to write whole"
    staged.discard()


def test_a_hard_linked_zip_is_never_changed_in_place(tmp_path: Path) -> None:
    destination = tmp_path / "out" / "course.zip"
    previous = previous_of(destination)
    uploaded = tmp_path / "uploaded.zip"
    os.link(destination, uploaded)
    before = uploaded.read_bytes()
    write_zip(course_files(tmp_path, b"<p>second</p>"), destination, previous=previous)
    assert uploaded.read_bytes() == before, "the other name still has the earlier build"
    assert destination.read_bytes() != before


COMMIT_WITH_A_FILE_SIZE_LIMIT = """
import resource, signal, sys
from pathlib import Path
from packager.archive.inplace import FileIdentity
from packager.archive.writer import StagedZip
destination, tail, kept, limit, killed = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
staged = StagedZip(Path(tail), Path(destination), {}, kept, FileIdentity(*map(int, sys.argv[6:10])))
# Killed: a write past the limit ends the process. Else (Python's default) the write fails (EFBIG).
signal.signal(signal.SIGXFSZ, signal.SIG_DFL if killed else signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    staged.commit()
except Exception as error:
    print(error)
"""


def commit_with_a_file_size_limit(staged: StagedZip, killed: bool) -> subprocess.CompletedProcess[str]:
    """Commit a staged update that makes the zip larger, in another process that may write files
    only up to half-way between the old zip's end and the new one's: the write fails there (the disk
    is full), or the process is killed there (SIGXFSZ)."""
    assert staged.replaces is not None and staged.kept_bytes
    old_size, new_size = staged.replaces.size, staged.temporary.stat().st_size
    assert new_size > old_size
    limit = (old_size + new_size) // 2
    identity = staged.replaces
    arguments = [
        str(staged.destination),
        str(staged.temporary),
        str(staged.kept_bytes),
        str(limit),
        str(int(killed)),
    ]
    arguments += [str(identity.device), str(identity.inode), str(identity.size), str(identity.modified_ns)]
    return subprocess.run(
        [sys.executable, "-c", COMMIT_WITH_A_FILE_SIZE_LIMIT, *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_failed_update_puts_the_previous_zip_back(tmp_path: Path) -> None:
    destination = tmp_path / "out" / "course.zip"
    previous = previous_of(destination)
    before = destination.read_bytes()
    staged = stage_zip(course_files(tmp_path, LARGER_PAGE), destination, previous=previous)
    outcome = commit_with_a_file_size_limit(staged, killed=False)
    assert "cannot write the package: File too large" in outcome.stdout
    assert destination.read_bytes() == before
    assert sorted(path.name for path in destination.parent.iterdir()) == ["course.zip"]


def test_a_zip_the_destination_no_longer_is_is_not_touched(tmp_path: Path) -> None:
    destination = tmp_path / "out" / "course.zip"
    previous = previous_of(destination)
    staged = stage_zip(course_files(tmp_path, b"<p>second</p>"), destination, previous=previous)
    destination.write_bytes(b"someone else's file")
    with pytest.raises(PackagerError, match="changed while the build was running"):
        staged.commit()
    assert destination.read_bytes() == b"someone else's file"
    assert not staged.temporary.exists()
    previous = previous_of(destination)
    staged = stage_zip(course_files(tmp_path, b"<p>third</p>"), destination, previous=previous)
    destination.unlink()
    with pytest.raises(PackagerError, match="changed while the build was running"):
        staged.commit()
    assert sorted(path.name for path in destination.parent.iterdir()) == []


def interrupt_after_the_journal(tmp_path: Path) -> tuple[Path, bytes]:
    """Update the zip in place, but in a process killed half-way through the new end."""
    destination = tmp_path / "out" / "course.zip"
    previous = previous_of(destination)
    before = destination.read_bytes()
    staged = stage_zip(course_files(tmp_path, LARGER_PAGE), destination, previous=previous)
    outcome = commit_with_a_file_size_limit(staged, killed=True)
    assert outcome.returncode == -signal.SIGXFSZ, outcome
    staged.discard()
    assert undo_journal(destination).exists()
    assert destination.read_bytes() != before, "the zip really is half-written"
    return destination, before


def test_the_next_build_restores_a_zip_an_interrupted_update_left(tmp_path: Path) -> None:
    destination, before = interrupt_after_the_journal(tmp_path)
    assert restore_interrupted(destination.parent) == [destination]
    assert destination.read_bytes() == before
    assert sorted(path.name for path in destination.parent.iterdir()) == ["course.zip"]
    assert restore_interrupted(destination.parent) == []


def test_build_says_what_it_restored_even_when_the_course_is_bad(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    destination, before = interrupt_after_the_journal(tmp_path)
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "course.yaml").write_text("title: [unclosed\n", "utf-8")
    monkeypatch.setenv("PACKAGER_CACHE_DIR", str(tmp_path / "cache"))
    code = main(["build", str(tmp_path / "course"), "-o", str(destination.parent)])
    assert code == 1
    assert destination.read_bytes() == before, "the earlier build is back, whole"
    assert f"restored {destination}" in capsys.readouterr().out


def test_a_journal_cut_short_means_the_zip_was_never_touched(tmp_path: Path) -> None:
    destination = tmp_path / "out" / "course.zip"
    previous_of(destination)
    before = destination.read_bytes()
    partial = undo_journal(destination).with_name(undo_journal(destination).name + ".partial")
    partial.write_bytes(b"PKGUNDO1 half")
    assert restore_interrupted(destination.parent) == []
    assert destination.read_bytes() == before
    assert not partial.exists()


def test_a_damaged_journal_is_reported_not_applied(tmp_path: Path) -> None:
    destination = tmp_path / "out" / "course.zip"
    previous_of(destination)
    before = destination.read_bytes()
    undo_journal(destination).write_bytes(b"PKGUNDO1" + bytes(16) + b"extra")
    with pytest.raises(PackagerError, match=r"cannot restore the package .*journal .* is damaged"):
        restore_interrupted(destination.parent)
    assert destination.read_bytes() == before


def test_a_zip_this_user_may_not_write_is_replaced_not_updated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    destination = tmp_path / "out" / "course.zip"
    previous = previous_of(destination)
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode)
    )
    staged = stage_zip(course_files(tmp_path, b"<p>second</p>"), destination, previous=previous)
    assert staged.kept_bytes == 0
    staged.commit()
    write_zip(course_files(tmp_path, b"<p>second</p>"), tmp_path / "fresh.zip")
    assert destination.read_bytes() == (tmp_path / "fresh.zip").read_bytes()


def test_a_rebuild_after_a_lesson_edit_updates_the_zip_in_place(
    make_course: CourseMaker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """End to end: a course whose video is most of its zip; a text edit keeps the video where it is."""
    monkeypatch.setenv("PACKAGER_CACHE_DIR", str(tmp_path / "cache"))
    lesson = "---\ntitle: Video\n---\nWatch this.\n\n![The welcome video](../media/welcome.mp4)\n"
    video = b"\x00\x00\x00\x18ftypmp42" + os.urandom(2_000_000)
    captions = "WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome.\n"
    course = make_course(
        files={"lessons/01-intro.md": lesson, "media/welcome.mp4": video, "media/welcome.vtt": captions}
    )
    out = tmp_path / "out"
    assert main(["build", str(course), "-o", str(out), "-t", "scorm12", "-q"]) == 0
    (package,) = out.glob("*.zip")
    inode = package.stat().st_ino
    edited = lesson.replace("Watch this.", "Watch this first.")
    (course / "lessons" / "01-intro.md").write_text(edited, "utf-8")
    capsys.readouterr()
    assert main(["build", str(course), "-o", str(out), "-t", "scorm12", "-v"]) == 0
    printed = capsys.readouterr().out
    assert "SCORM 1.2: updated in place, 2.0 MB kept" in printed
    assert package.stat().st_ino == inode
    clean = ["build", str(course), "-o", str(tmp_path / "clean"), "-t", "scorm12", "-q", "--no-cache"]
    assert main(clean) == 0
    assert package.read_bytes() == (tmp_path / "clean" / package.name).read_bytes()
    with zipfile.ZipFile(package) as archive:
        assert b"Watch this first." in archive.read("index.html")
