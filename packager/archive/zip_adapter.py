"""The one place that reaches into :mod:`zipfile`'s internals, for what its public API cannot do.

zipfile compresses every entry it writes. Two things a rebuild needs are out of its reach:

* writing an entry whose compressed bytes already exist (copied from the previous zip), and
* listing an entry that already lies in the file, untouched (a zip updated in place keeps its
  beginning, the media, where it is).

:class:`RawEntries` does both on a :class:`zipfile.ZipFile` opened for writing, through four of its
internals: ``ZipInfo.FileHeader`` (the local header's bytes), ``ZipFile.filelist`` and
``ZipFile.NameToInfo`` (the central directory written on close), and ``ZipFile.start_dir`` (where
the next entry, and at last the central directory, goes). ``tests/test_zip_adapter.py`` checks each
of them against the Python in use, so an upgrade that changes one fails there, not in a user's build.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import IO

ZIP64_THRESHOLD = 1 << 31
"""Entries this large need zip64 headers (zipfile's own rule, ``ZIP64_LIMIT``)."""


def local_header(info: zipfile.ZipInfo) -> bytes:
    """The local header zipfile writes before the entry's data, for ``info``'s sizes and CRC."""
    info.flag_bits = 0
    return info.FileHeader(zip64=max(info.file_size, info.compress_size) >= ZIP64_THRESHOLD)


class RawEntries:
    """Entries written, or kept, without zipfile compressing them, in a zip open for writing."""

    def __init__(self, archive: zipfile.ZipFile, stream: IO[bytes]) -> None:
        self.archive = archive
        self.stream = stream

    def write(self, info: zipfile.ZipInfo, copy_data: Callable[[IO[bytes]], None]) -> int:
        """Write ``info``'s local header at the end of the zip, then its (compressed) data, which
        ``copy_data`` writes to the stream; ``info`` holds the data's CRC and sizes. Returns where
        the data starts."""
        info.header_offset = self.archive.start_dir
        self.stream.seek(info.header_offset)
        self.stream.write(local_header(info))
        data_offset = self.stream.tell()
        copy_data(self.stream)
        if self.stream.tell() != data_offset + info.compress_size:
            raise ValueError(f"{info.filename}: the data written is not {info.compress_size} bytes")
        self.keep(info)
        return data_offset

    def keep(self, info: zipfile.ZipInfo) -> None:
        """List an entry whose header and data lie in the file up to where the zip now ends."""
        self.archive.filelist.append(info)
        self.archive.NameToInfo[info.filename] = info
        self.archive.start_dir = max(self.archive.start_dir, self.data_end(info))

    def data_end(self, info: zipfile.ZipInfo) -> int:
        """Where an entry's data ends in the file."""
        return info.header_offset + len(local_header(info)) + info.compress_size
