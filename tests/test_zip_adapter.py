"""The zipfile internals the archive writer touches (packager/archive/zip_adapter.py), one test each.

If a Python release changes one of them, the test named after it fails here, instead of a user's
rebuild writing a broken zip.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from packager.archive.entries import zip_info
from packager.archive.zip_adapter import RawEntries, local_header

DATE = (2024, 1, 2, 3, 4, 6)


def deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def raw_info(name: str, data: bytes) -> zipfile.ZipInfo:
    """An entry's info with the CRC and sizes of ``data`` as deflated by hand."""
    info = zip_info(name, DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.CRC, info.file_size, info.compress_size = zlib.crc32(data), len(data), len(deflated(data))
    return info


def test_file_header_is_what_zipfile_writes_before_an_entry() -> None:
    """ZipInfo.FileHeader: the header written for a raw entry is byte for byte zipfile's own."""
    data = b"<p>hello</p>\n" * 40
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr(zip_info("index.html", DATE), data)
    info = raw_info("index.html", data)
    info.header_offset = 0
    header = local_header(info)
    assert stream.getvalue()[: len(header)] == header
    assert stream.getvalue()[len(header) : len(header) + info.compress_size] == deflated(data)


def test_filelist_and_name_to_info_make_the_central_directory() -> None:
    """ZipFile.filelist and NameToInfo: an entry written raw is listed, read back and tested."""
    data = b"var answer = 42;\n" * 30
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        raw = RawEntries(archive, stream)
        raw.write(raw_info("app.js", data), lambda sink: sink.write(deflated(data)))
        assert archive.getinfo("app.js").file_size == len(data)
    with zipfile.ZipFile(stream) as archive:
        assert archive.namelist() == ["app.js"]
        assert archive.testzip() is None
        assert archive.read("app.js") == data


def test_start_dir_puts_the_next_entry_and_the_directory_after_raw_data(tmp_path: Path) -> None:
    """ZipFile.start_dir: zipfile writes its next entry, and at last the central directory, where
    the raw entries end; an entry already in the file (kept) is listed without being written."""
    kept_data, raw_data, text = b"\x89PNG" + bytes(300), b"body {}\n" * 50, b"<p>last</p>"
    first = tmp_path / "first.zip"
    with zipfile.ZipFile(first, "w") as archive:
        archive.writestr(zip_info("logo.png", DATE), kept_data)
    kept = zipfile.ZipFile(first).getinfo("logo.png")
    kept_end = kept.header_offset + len(local_header(kept)) + kept.compress_size
    with first.open("r+b") as stream:
        stream.truncate(kept_end)  # the kept entry's header and data stay; the directory goes
        stream.seek(kept_end)
        with zipfile.ZipFile(stream, "w") as archive:
            raw = RawEntries(archive, stream)
            raw.keep(kept)
            raw.write(raw_info("theme.css", raw_data), lambda sink: sink.write(deflated(raw_data)))
            archive.writestr(zip_info("index.html", DATE), text)
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["logo.png", "theme.css", "index.html"]
        assert archive.testzip() is None
        assert [archive.read(name) for name in archive.namelist()] == [kept_data, raw_data, text]
