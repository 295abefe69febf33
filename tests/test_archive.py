"""Deterministic, atomic zips: same input, same bytes; a failed write changes nothing."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from packager import filestate
from packager.archive.entries import ZIP_EPOCH, check_entry_name, entry_timestamp
from packager.archive.writer import PreviousZip, stage_zip, write_zip
from packager.errors import PackagerError

FILES = {
    "index.html": b"<!DOCTYPE html><title>Hi</title>\n" * 20,
    "runtime/lms/scorm12.js": b"var api = null;\n" * 20,
    "theme.css": b"body { margin: 0 }\n" * 20,
    "media/clip.mp4": b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4,
    "images/Logo.PNG": b"\x89PNG\r\n\x1a\n" + b"\x00" * 512,
    "a.txt": b"first in order\n",
}


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def entries(path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return archive.infolist()


def test_two_writes_are_byte_identical(tmp_path: Path) -> None:
    write_zip(FILES, tmp_path / "one.zip")
    # The same files given in another order still make the same bytes.
    write_zip(dict(reversed(list(FILES.items()))), tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_contents_round_trip(tmp_path: Path) -> None:
    write_zip(FILES, tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert {name: archive.read(name) for name in archive.namelist()} == FILES


def test_entries_ordered_files_only_forward_slashes(tmp_path: Path) -> None:
    write_zip(FILES, tmp_path / "out.zip")
    names = [info.filename for info in entries(tmp_path / "out.zip")]
    # Already-compressed media first (they change least), then the rest, each in name order.
    media = ["images/Logo.PNG", "media/clip.mp4"]
    assert names == [*media, "a.txt", "index.html", "runtime/lms/scorm12.js", "theme.css"]
    for info in entries(tmp_path / "out.zip"):
        assert not info.is_dir()
        assert not info.filename.endswith("/")
        assert "\\" not in info.filename
    # No folder entries even though files sit in folders.
    assert "runtime/" not in names and "runtime/lms/" not in names


def test_entries_have_fixed_permissions(tmp_path: Path) -> None:
    write_zip(FILES, tmp_path / "out.zip")
    for info in entries(tmp_path / "out.zip"):
        assert info.create_system == 3
        assert stat.S_IMODE(info.external_attr >> 16) == 0o644
        assert stat.S_ISREG(info.external_attr >> 16)
    assert stat.S_IMODE((tmp_path / "out.zip").stat().st_mode) == 0o644


def test_timestamps_default_to_1980(tmp_path: Path) -> None:
    write_zip(FILES, tmp_path / "out.zip")
    assert {info.date_time for info in entries(tmp_path / "out.zip")} == {(1980, 1, 1, 0, 0, 0)}
    assert entry_timestamp() == (1980, 1, 1, 0, 0, 0)
    assert ZIP_EPOCH == 315532800


def test_timestamps_follow_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 2024-03-05T06:07:09Z; zip keeps even seconds, so :09 becomes :08.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709618829")
    write_zip(FILES, tmp_path / "out.zip")
    assert {info.date_time for info in entries(tmp_path / "out.zip")} == {(2024, 3, 5, 6, 7, 8)}


def test_source_date_epoch_changes_the_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_zip(FILES, tmp_path / "default.zip")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709618829")
    write_zip(FILES, tmp_path / "dated.zip")
    write_zip(FILES, tmp_path / "dated-again.zip")
    assert (tmp_path / "dated.zip").read_bytes() != (tmp_path / "default.zip").read_bytes()
    assert (tmp_path / "dated.zip").read_bytes() == (tmp_path / "dated-again.zip").read_bytes()


def test_source_date_epoch_before_1980_is_clamped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert entry_timestamp() == (1980, 1, 1, 0, 0, 0)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("yesterday", "SOURCE_DATE_EPOCH"),
        ("1.5", "SOURCE_DATE_EPOCH"),
        ("0x10", "SOURCE_DATE_EPOCH"),
        # 4354819200 is 2108-01-01: zip cannot store that year.
        ("4354819200", "2107"),
        ("99999999999", "2107"),
        (str(10**30), "2107"),
    ],
)
def test_a_source_date_epoch_zip_cannot_store_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(PackagerError, match=message):
        write_zip(FILES, tmp_path / "out.zip")
    assert list(tmp_path.iterdir()) == []


def test_last_second_of_2107_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4354819199")
    assert entry_timestamp() == (2107, 12, 31, 23, 59, 58)


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd",
        "../escape.html",
        "lessons/../../escape.html",
        "lessons/./intro.html",
        "lessons\\intro.html",
        "C:/intro.html",
        "caf\u00e9.html",
        "lessons//intro.html",
        "lessons/",
        "",
    ],
)
def test_bad_entry_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(PackagerError) as caught:
        write_zip({"index.html": b"ok", name: b"bad"}, tmp_path / "out.zip")
    assert repr(name) in str(caught.value)
    assert list(tmp_path.iterdir()) == [], "nothing is written when a name is refused"


@pytest.mark.parametrize("name", ["index.html", "runtime/lms/scorm12.js", "a-b_c.d/e.f"])
def test_good_entry_names_pass(name: str) -> None:
    check_entry_name(name)


class Interrupted(Exception):
    """What a build cut short raises (standing in for Ctrl-C)."""


def interrupt_after(entries: int) -> Callable[[int], None]:
    """A progress callback that stops the write once ``entries`` entries went in."""
    calls = 0

    def progress(count: int) -> None:
        nonlocal calls
        calls += 1
        if calls >= entries:
            raise Interrupted

    return progress


def test_failure_mid_write_leaves_no_partial_file(tmp_path: Path) -> None:
    destination = tmp_path / "out" / "course.zip"
    with pytest.raises(Interrupted):
        stage_zip(FILES, destination, progress=interrupt_after(2))
    assert list(destination.parent.iterdir()) == []


def test_failure_mid_write_keeps_the_previous_zip(tmp_path: Path) -> None:
    destination = tmp_path / "course.zip"
    write_zip({"old.txt": b"previous build\n"}, destination)
    before = destination.read_bytes()
    with pytest.raises(Interrupted):
        stage_zip(FILES, destination, progress=interrupt_after(3))
    assert destination.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["course.zip"]


def test_a_staged_zip_discarded_leaves_the_previous_one(tmp_path: Path) -> None:
    destination = tmp_path / "course.zip"
    write_zip({"old.txt": b"previous build\n"}, destination)
    before = destination.read_bytes()
    staged = stage_zip(FILES, destination)
    assert destination.read_bytes() == before, "staging writes beside the zip, not over it"
    staged.discard()
    assert [path.name for path in tmp_path.iterdir()] == ["course.zip"]
    assert destination.read_bytes() == before


def test_successful_write_replaces_the_previous_zip(tmp_path: Path) -> None:
    destination = tmp_path / "course.zip"
    write_zip({"old.txt": b"previous build\n"}, destination)
    write_zip(FILES, destination)
    assert sorted(info.filename for info in entries(destination)) == sorted(FILES)
    assert [path.name for path in tmp_path.iterdir()] == ["course.zip"]


def test_missing_output_folders_are_created(tmp_path: Path) -> None:
    destination = tmp_path / "a" / "b" / "course.zip"
    write_zip(FILES, destination)
    assert destination.is_file()


def test_compressed_media_is_stored_text_is_deflated(tmp_path: Path) -> None:
    write_zip(FILES, tmp_path / "out.zip")
    methods = {info.filename: info.compress_type for info in entries(tmp_path / "out.zip")}
    assert methods["media/clip.mp4"] == zipfile.ZIP_STORED
    assert methods["images/Logo.PNG"] == zipfile.ZIP_STORED, "the suffix check ignores case"
    assert methods["index.html"] == zipfile.ZIP_DEFLATED
    assert methods["runtime/lms/scorm12.js"] == zipfile.ZIP_DEFLATED
    assert methods["theme.css"] == zipfile.ZIP_DEFLATED
    sizes = {info.filename: (info.compress_size, info.file_size) for info in entries(tmp_path / "out.zip")}
    assert sizes["media/clip.mp4"][0] == sizes["media/clip.mp4"][1]
    assert sizes["index.html"][0] < sizes["index.html"][1]


def test_file_backed_entries_are_streamed_deterministically(tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir()
    (media / "clip.mp4").write_bytes(FILES["media/clip.mp4"])
    (media / "notes.txt").write_bytes(b"notes\n" * 100)
    files: dict[str, bytes | Path] = {
        "index.html": FILES["index.html"],
        "media/clip.mp4": media / "clip.mp4",
        "media/notes.txt": media / "notes.txt",
    }
    write_zip(files, tmp_path / "one.zip")
    write_zip(files, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.read("media/clip.mp4") == FILES["media/clip.mp4"]
        assert archive.read("media/notes.txt") == b"notes\n" * 100
        assert archive.getinfo("media/clip.mp4").compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("media/notes.txt").compress_type == zipfile.ZIP_DEFLATED
        assert archive.getinfo("media/notes.txt").date_time == (1980, 1, 1, 0, 0, 0)


def test_unreadable_file_backed_entry_fails_cleanly(tmp_path: Path) -> None:
    destination = tmp_path / "out" / "course.zip"
    write_zip({"old.txt": b"previous build\n"}, destination)
    before = destination.read_bytes()
    missing = tmp_path / "gone.mp4"
    with pytest.raises(PackagerError) as caught:
        write_zip({"index.html": b"ok", "media/gone.mp4": missing}, destination)
    assert caught.value.file == missing
    assert destination.read_bytes() == before
    assert [path.name for path in destination.parent.iterdir()] == ["course.zip"]


def test_copies_from_the_previous_zip_give_the_bytes_of_a_fresh_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filestate, "RACY_NS", 0)  # trust the file just written
    media = tmp_path / "clip.mp4"
    media.write_bytes(os.urandom(300_000))
    files: dict[str, bytes | Path] = {
        "index.html": b"<p>1</p>" * 50,
        "media/clip.mp4": media,
        "z.mp3": b"x" * 100,
    }
    first = write_zip(files, tmp_path / "first.zip")
    changed = {**files, "index.html": b"<p>two</p>"}
    copied = write_zip(changed, tmp_path / "copied.zip", previous=PreviousZip(tmp_path / "first.zip", first))
    write_zip(changed, tmp_path / "fresh.zip")
    assert (tmp_path / "copied.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()
    assert copied["media/clip.mp4"] == first["media/clip.mp4"], "the media entry sits where it did"
    assert copied["index.html"].digest != first["index.html"].digest
    if shutil.which("unzip"):
        subprocess.run(["unzip", "-tq", str(tmp_path / "copied.zip")], check=True, stdout=subprocess.DEVNULL)


def test_a_previous_zip_shorter_than_its_records_is_a_clean_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filestate, "RACY_NS", 0)
    media = tmp_path / "clip.mp4"
    media.write_bytes(os.urandom(50_000))
    files: dict[str, bytes | Path] = {"index.html": b"<p>1</p>", "media/clip.mp4": media}
    first = write_zip(files, tmp_path / "first.zip")
    with (tmp_path / "first.zip").open("r+b") as stream:
        stream.truncate(1000)  # cut inside the media entry's data
    with pytest.raises(PackagerError, match="shorter than its records"):
        write_zip(files, tmp_path / "second.zip", previous=PreviousZip(tmp_path / "first.zip", first))
    assert not (tmp_path / "second.zip").exists()
