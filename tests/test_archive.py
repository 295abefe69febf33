"""Deterministic, atomic zips: same input, same bytes; a failed write changes nothing."""

from __future__ import annotations

import os
import shutil
import stat
import struct
import subprocess
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from packager import archive as archive_module
from packager import filestate
from packager.archive import ALIGN_MIN_BYTES, ZIP_EPOCH, check_entry_name, entry_timestamp, write_zip
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


@pytest.mark.parametrize("value", ["yesterday", "1.5", "0x10"])
def test_bad_source_date_epoch_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(PackagerError, match="SOURCE_DATE_EPOCH"):
        write_zip(FILES, tmp_path / "out.zip")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("value", ["4354819200", "99999999999", str(10**30)])
def test_source_date_epoch_after_2107_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    # 4354819200 is 2108-01-01: zip cannot store that year.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(PackagerError, match="2107"):
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


def test_failure_mid_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    destination = tmp_path / "out" / "course.zip"
    destination.parent.mkdir()
    written: list[str] = []
    original = archive_module._write_entry

    def fail_after_first(zip_file: zipfile.ZipFile, entry: Any, *args: Any) -> Any:
        if written:
            raise OSError("disk full")
        written.append(entry.name)
        return original(zip_file, entry, *args)

    monkeypatch.setattr(archive_module, "_write_entry", fail_after_first)
    with pytest.raises(PackagerError, match="cannot write the package: disk full"):
        write_zip(FILES, destination)
    assert written == ["images/Logo.PNG"], "the failure really happened after one entry"
    assert list(destination.parent.iterdir()) == []


def test_failure_mid_write_keeps_the_previous_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    destination = tmp_path / "course.zip"
    write_zip({"old.txt": b"previous build\n"}, destination)
    before = destination.read_bytes()
    calls = 0
    original = archive_module._write_entry

    def fail_after_first(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls > 1:
            raise RuntimeError("interrupted")
        return original(*args)

    monkeypatch.setattr(archive_module, "_write_entry", fail_after_first)
    with pytest.raises(RuntimeError, match="interrupted"):
        write_zip(FILES, destination)
    assert calls == 2
    assert destination.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["course.zip"]


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


@given(st.lists(st.sampled_from(["a", "mp4", "PnG", "jpg", ".", "x"]), max_size=6), st.booleans())
def test_the_stored_suffixes_are_pathlibs(pieces: list[str], in_folder: bool) -> None:
    """is_stored reads the suffix by hand (it runs for every entry); it agrees with pathlib."""
    name = ("media/" if in_folder else "") + "".join(pieces)
    if check_entry_name_ok(name):
        expected = PurePosixPath(name).suffix.lower() in archive_module.ALREADY_COMPRESSED
        assert archive_module.is_stored(name) == expected


def check_entry_name_ok(name: str) -> bool:
    try:
        check_entry_name(name)
    except PackagerError:
        return False
    return True


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


def _local_data_offset(path: Path, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Where an entry's data starts, and its local header's extra field length."""
    with path.open("rb") as stream:
        stream.seek(info.header_offset)
        header = stream.read(30)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return info.header_offset + 30 + name_length + extra_length, extra_length


def test_large_stored_entries_start_on_a_block_boundary(tmp_path: Path) -> None:
    big = tmp_path / "clip.mp4"
    big.write_bytes(os.urandom(ALIGN_MIN_BYTES + 1234))
    files: dict[str, bytes | Path] = {
        **FILES,
        "media/a.mp4": big,
        "media/b.jpg": os.urandom(200_000),
        "media/c.png": b"\x89PNG" * 10,
    }
    destination = tmp_path / "out.zip"
    write_zip(files, destination)
    with zipfile.ZipFile(destination) as package:
        assert package.testzip() is None
        assert package.read("media/a.mp4") == big.read_bytes()
        for info in package.infolist():
            assert info.extra == b""  # the padding is in the local header only
            offset, extra = _local_data_offset(destination, info)
            large = info.compress_type == zipfile.ZIP_STORED and info.file_size >= ALIGN_MIN_BYTES
            assert (offset % archive_module.ALIGNMENT == 0) if large else extra == 0, info.filename
    if shutil.which("unzip"):
        subprocess.run(["unzip", "-tq", str(destination)], check=True, stdout=subprocess.DEVNULL)


@pytest.mark.parametrize("reflinks", [False, True])
def test_copies_from_the_previous_zip_are_the_same_with_or_without_reflinks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reflinks: bool
) -> None:
    """Cloning blocks (simulated where the file system has no reflinks) gives the bytes of a fresh write."""
    monkeypatch.setattr(filestate, "RACY_NS", 0)  # trust the file just written
    media = tmp_path / "clip.mp4"
    media.write_bytes(os.urandom(3 * ALIGN_MIN_BYTES + 77))
    os.utime(media, (1_600_000_000, 1_600_000_000))
    files: dict[str, bytes | Path] = {"index.html": b"<p>1</p>", "media/clip.mp4": media, "z.mp3": b"x" * 100}
    first = write_zip(files, tmp_path / "first.zip")
    cloned: list[int] = []

    def ioctl(fd: int, request: int, argument: bytes) -> None:
        if not reflinks:
            raise OSError(95, "Operation not supported")
        source, offset, length, position = struct.unpack("<qQQQ", argument)
        assert request == archive_module.FICLONERANGE
        assert offset % 4096 == position % 4096 == length % 4096 == 0
        os.pwrite(fd, os.pread(source, length, offset), position)
        cloned.append(length)

    monkeypatch.setattr(archive_module.fcntl, "ioctl", ioctl)
    changed = {**files, "index.html": b"<p>two</p>"}
    previous = archive_module.PreviousZip(tmp_path / "first.zip", first)
    write_zip(changed, tmp_path / "copied.zip", previous=previous)
    write_zip(changed, tmp_path / "fresh.zip")
    assert (tmp_path / "copied.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()
    assert cloned == ([3 * ALIGN_MIN_BYTES] if reflinks else [])
