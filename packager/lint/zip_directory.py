"""The zip's end records, read before :mod:`zipfile` reads its central directory."""

from __future__ import annotations

import struct
from typing import BinaryIO

_END_RECORD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_END_RECORD = struct.Struct("<4sQ2H2L4Q")
_MAX_COMMENT = 0xFFFF


def announced_size(stream: BinaryIO) -> tuple[int, int] | None:
    """(entry count, central directory bytes) from the zip's end records; None if there are none.

    Read before :mod:`zipfile` loads the central directory, so that a zip announcing millions of
    entries is refused without building them in memory. The zip64 record, when there is one,
    is read too, as :mod:`zipfile` would use its figures.
    """
    end = stream.seek(0, 2)
    start = max(0, end - _END_RECORD.size - _MAX_COMMENT)
    stream.seek(start)
    tail = stream.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _END_RECORD.size > len(tail):
        return None
    fields = _END_RECORD.unpack_from(tail, at)
    count, directory_bytes = fields[4], fields[5]
    locator_at = start + at - _ZIP64_LOCATOR.size
    if locator_at >= 0:
        stream.seek(locator_at)
        locator = stream.read(_ZIP64_LOCATOR.size)
        if locator[:4] == b"PK\x06\x07":
            stream.seek(_ZIP64_LOCATOR.unpack(locator)[2])
            record = stream.read(_ZIP64_END_RECORD.size)
            if len(record) == _ZIP64_END_RECORD.size and record[:4] == b"PK\x06\x06":
                zip64 = _ZIP64_END_RECORD.unpack(record)
                count, directory_bytes = max(count, zip64[7]), max(directory_bytes, zip64[8])
    return count, directory_bytes
