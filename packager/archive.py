"""Write a package as a deterministic zip, atomically and fast.

Entries are files only, sorted, with forward slashes, fixed timestamps and permissions, so
building the same input twice gives the same bytes. ``SOURCE_DATE_EPOCH`` sets the timestamp.
The zip is written to a temporary file beside the destination and renamed into place, so a
failed build never leaves a half-written zip and never touches the previous one.

Speed, without changing a byte:

* already-compressed media are stored, not deflated again;
* other entries are deflated by a pool of threads (zlib releases the GIL), large ones in fixed
  blocks primed with the previous block's tail (as pigz does), so the bytes never depend on the
  number of workers;
* file-backed entries are streamed, never read into memory whole;
* an entry whose content is unchanged since the previous zip (see :class:`PreviousZip`) is copied
  from it raw, in the kernel where it can, instead of being read and compressed again;
* large stored entries start at a multiple of :data:`ALIGNMENT` in the zip (padding in the local
  header's extra field, as Android's zipalign does), so that on a file system with reflinks (XFS,
  Btrfs) copying one from the previous zip shares its blocks instead of copying them
  (``FICLONERANGE``). The padding depends only on the entries, never on the file system.

Local headers come from :meth:`zipfile.ZipInfo.FileHeader` and the central directory from
:class:`zipfile.ZipFile`, so the format itself stays the library's.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import struct
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO

from packager.errors import PackagerError
from packager.filestate import signature

ZIP_EPOCH = 315532800
"""1980-01-01T00:00:00Z, the earliest time a zip entry can hold; the default timestamp."""
ZIP_LAST_YEAR = 2107
"""Zip timestamps store the year as an offset from 1980 in seven bits."""

CHUNK_BYTES = 1024 * 1024
"""How much of a file is read at a time."""
DEFLATE_BLOCK = 1024 * 1024
"""Large entries are deflated in blocks of this size, in parallel."""
DEFLATE_WINDOW = 32 * 1024
"""Each block is primed with this much of the data before it (deflate's whole window)."""
DEFLATE_LEVEL = 6
"""zlib's default level, the one zipfile uses."""
SPOOL_BYTES = 4 * 1024 * 1024
"""A deflated file's output is kept in memory up to this size, then in a temporary file."""
ZIP64_THRESHOLD = 1 << 31
"""Entries this large need zip64 headers, which must be chosen before streaming starts."""
ALIGNMENT = 4096
"""Large stored entries' data starts at a multiple of this (file systems' block size)."""
ALIGN_MIN_BYTES = 64 * 1024
"""Stored entries this large are aligned; the padding costs at most 6% of them."""
ALIGNMENT_EXTRA_ID = 0xD935
"""The extra field that holds the padding: zipalign's (2 bytes of alignment, then zeros)."""
FICLONERANGE = 0x4020940D
"""Linux ioctl: share a range of one file's blocks with another (reflink)."""

ALREADY_COMPRESSED = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp4", ".m4v", ".webm", ".mp3", ".m4a", ".ogg",
     ".oga", ".ogv", ".zip", ".pdf", ".woff", ".woff2", ".gz"}
)
"""Stored rather than deflated: compressing them again costs time and saves nothing."""

Progress = Callable[[int], None]
"""Told how many more bytes of content (before compression) went into the zip."""


@dataclass(frozen=True)
class EntryRecord:
    """One entry as written: what its content was, and where its data sits in the zip."""

    digest: str | None
    """Identifies the content: a hash of the bytes, or a file's signature (None: not reusable)."""
    crc: int
    compress_type: int
    compress_size: int
    file_size: int
    data_offset: int
    """Where the entry's (compressed) data starts in the zip, after its local header."""


@dataclass(frozen=True)
class PreviousZip:
    """A zip this module wrote before, with its records: unchanged entries are copied from it."""

    path: Path
    entries: Mapping[str, EntryRecord]


@dataclass
class _Deflated:
    """A deflated entry ready to write: its CRC, sizes and compressed data."""

    crc: int
    file_size: int
    compress_size: int
    blocks: list[bytes] | None = None
    spool: IO[bytes] | None = None


@dataclass
class _Entry:
    name: str
    info: zipfile.ZipInfo
    content: bytes | Path
    digest: str | None
    reuse: EntryRecord | None = None
    deflated: Future[_Deflated] | list[Future[bytes]] | None = None


def entry_timestamp() -> tuple[int, int, int, int, int, int]:
    """The timestamp of every entry: SOURCE_DATE_EPOCH if set, else 1980-01-01 (UTC)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        epoch = int(raw) if raw else ZIP_EPOCH
    except ValueError:
        raise PackagerError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw!r}") from None
    epoch = max(epoch, ZIP_EPOCH)
    try:
        stamp = time.gmtime(epoch)
    except (OverflowError, OSError, ValueError):
        stamp = None
    if stamp is None or stamp.tm_year > ZIP_LAST_YEAR:
        raise PackagerError(f"SOURCE_DATE_EPOCH {raw} is after {ZIP_LAST_YEAR}, the last year a zip can hold")
    # Zip stores even seconds only; round down so the value is exact.
    return (stamp.tm_year, stamp.tm_mon, stamp.tm_mday, stamp.tm_hour, stamp.tm_min, stamp.tm_sec // 2 * 2)


def check_entry_name(name: str) -> None:
    """Refuse names that break LMS importers: absolute, '..', backslashes, non-ASCII, folders."""
    # Split by hand: PurePosixPath drops '.' segments and repeated slashes.
    segments = name.split("/")
    problem = None
    if not name or name.endswith("/"):
        problem = "is empty or a folder"
    elif name.startswith("/") or "\\" in name or ":" in name:
        problem = "must be a relative path with forward slashes"
    elif ".." in segments or "." in segments or "" in segments:
        problem = "must not contain '.', '..' or empty segments"
    elif not name.isascii():
        problem = "must be ASCII (some LMSs cannot import other file names)"
    if problem:
        raise PackagerError(f"the package entry name {name!r} {problem}")


def is_stored(name: str) -> bool:
    """Whether the entry is stored as is (already-compressed media) rather than deflated."""
    return PurePosixPath(name).suffix.lower() in ALREADY_COMPRESSED


def content_digest(content: bytes | Path) -> str | None:
    """What identifies an entry's content: a hash of its bytes, or the signature of its file."""
    if isinstance(content, Path):
        state = signature(content)
        return None if state is None else f"file:{state}"
    return f"sha256:{hashlib.sha256(content).hexdigest()}"


def content_size(content: bytes | Path) -> int:
    """The entry's size before compression (0 for a file that cannot be read: it fails later)."""
    if isinstance(content, Path):
        try:
            return content.stat().st_size
        except OSError:
            return 0
    return len(content)


def write_zip(
    files: Mapping[str, bytes | Path],
    destination: Path,
    *,
    previous: PreviousZip | None = None,
    progress: Progress | None = None,
) -> dict[str, EntryRecord]:
    """Write ``files`` to ``destination`` deterministically and atomically; return its records.

    Each value is the entry's bytes, or the path of a file on disk, which is streamed (never read
    into memory whole). Entries of ``previous`` whose content is unchanged are copied from it.
    """
    staged = stage_zip(files, destination, previous=previous, progress=progress)
    staged.commit()
    return staged.entries


@dataclass
class StagedZip:
    """A zip written in full beside its destination, waiting to replace it (or to be discarded)."""

    temporary: Path
    destination: Path
    entries: dict[str, EntryRecord]

    def commit(self) -> None:
        """Rename the zip into place (atomically: the destination is always a whole zip)."""
        try:
            os.replace(self.temporary, self.destination)
        except OSError as error:
            self.discard()
            reason = error.strerror or str(error)
            raise PackagerError(f"cannot write the package: {reason}", file=self.destination) from None

    def discard(self) -> None:
        """Remove the zip; the destination stays as it was."""
        self.temporary.unlink(missing_ok=True)


def stage_zip(
    files: Mapping[str, bytes | Path],
    destination: Path,
    *,
    previous: PreviousZip | None = None,
    progress: Progress | None = None,
) -> StagedZip:
    """Write the zip of :func:`write_zip` to a temporary file beside ``destination``, not yet in place."""
    for name in files:
        check_entry_name(name)
    date_time = entry_timestamp()
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary_name = tempfile.mkstemp(
            dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
        )
    except OSError as error:
        raise PackagerError(
            f"cannot write to the output folder: {error.strerror}", file=destination.parent
        ) from None
    temporary = Path(temporary_name)
    try:
        with ExitStack() as stack:
            # Unbuffered: raw copies write through the descriptor, so no buffer may lag behind it.
            stream = stack.enter_context(os.fdopen(handle, "wb", buffering=0))
            old = _open_previous(previous, stack)
            pool = stack.enter_context(ThreadPoolExecutor(max_workers=_workers()))
            stack.callback(pool.shutdown, cancel_futures=True)
            entries = list(_plan(files, date_time, previous if old else None, pool))
            archive = stack.enter_context(zipfile.ZipFile(stream, "w"))
            records = {}
            for entry in entries:
                records[entry.name] = _write_entry(archive, entry, old, progress)
            # The central directory follows the last entry (zipfile writes it on close).
            archive.start_dir = stream.tell()
        os.chmod(temporary, 0o644)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        raise PackagerError(f"cannot write the package: {reason}", file=destination) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return StagedZip(temporary, destination, records)


def _workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _open_previous(previous: PreviousZip | None, stack: ExitStack) -> BinaryIO | None:
    if previous is None:
        return None
    try:
        return stack.enter_context(previous.path.open("rb", buffering=0))
    except OSError:
        return None


def _plan(
    files: Mapping[str, bytes | Path],
    date_time: tuple[int, int, int, int, int, int],
    previous: PreviousZip | None,
    pool: ThreadPoolExecutor,
) -> Iterator[_Entry]:
    """Every entry in name order; compression of the ones that need it starts in the pool."""
    for name in sorted(files):
        info = zipfile.ZipInfo(name, date_time=date_time)
        info.create_system = 3
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_STORED if is_stored(name) else zipfile.ZIP_DEFLATED
        content = files[name]
        entry = _Entry(name, info, content, content_digest(content))
        known = previous.entries.get(name) if previous else None
        if known and entry.digest is not None and (known.digest, known.compress_type) == (
            entry.digest, info.compress_type
        ):
            entry.reuse = known
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            if isinstance(content, Path):
                entry.deflated = pool.submit(_deflate_file, content)
            else:
                entry.deflated = [
                    pool.submit(_deflate_block, content, start)
                    for start in range(0, max(len(content), 1), DEFLATE_BLOCK)
                ]
        yield entry


def _deflate_block(data: bytes, start: int) -> bytes:
    """Raw deflate of one block; a block after the first is primed with the data before it."""
    end = start + DEFLATE_BLOCK
    if start:
        compressor = zlib.compressobj(
            DEFLATE_LEVEL, zlib.DEFLATED, -15, zdict=data[max(0, start - DEFLATE_WINDOW) : start]
        )
    else:
        compressor = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
    # Every block but the last ends byte-aligned and not final, so the blocks concatenate.
    last = end >= len(data)
    return compressor.compress(data[start:end]) + compressor.flush(
        zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH
    )


def _deflate_file(source: Path) -> _Deflated:
    """Deflate a file in one stream, into memory or, when large, a temporary file."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (the writer closes it)
    compressor = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
    crc = size = 0
    try:
        with source.open("rb") as reader:
            while chunk := reader.read(CHUNK_BYTES):
                crc = zlib.crc32(chunk, crc)
                size += len(chunk)
                spool.write(compressor.compress(chunk))
        spool.write(compressor.flush())
    except OSError as error:
        spool.close()
        raise PackagerError(f"cannot read the file: {error.strerror}", file=source) from None
    compress_size = spool.tell()
    spool.seek(0)
    return _Deflated(crc, size, compress_size, spool=spool)


def _write_entry(
    archive: zipfile.ZipFile, entry: _Entry, previous: BinaryIO | None, progress: Progress | None
) -> EntryRecord:
    """Write one entry (local header and data) at the end of the zip and list it."""
    stream = archive.fp
    assert stream is not None
    info = entry.info
    info.header_offset = stream.tell()
    streamed = False
    if entry.reuse is not None and previous is not None:
        known = entry.reuse
        info.CRC, info.compress_size, info.file_size = known.crc, known.compress_size, known.file_size
        _align(info, known.compress_size)
        _write_header(stream, info)
        _copy_range(previous, stream, known.data_offset, known.compress_size)
    elif isinstance(entry.deflated, list):
        data = entry.content
        assert isinstance(data, bytes)
        blocks = [block.result() for block in entry.deflated]
        info.CRC, info.file_size, info.compress_size = zlib.crc32(data), len(data), sum(map(len, blocks))
        _write_header(stream, info)
        for block in blocks:
            stream.write(block)
    elif entry.deflated is not None:
        deflated = entry.deflated.result()
        assert deflated.spool is not None
        info.CRC, info.file_size = deflated.crc, deflated.file_size
        info.compress_size = deflated.compress_size
        _write_header(stream, info)
        with deflated.spool:
            shutil.copyfileobj(deflated.spool, stream, CHUNK_BYTES)
    elif isinstance(entry.content, Path):
        _stream_stored(stream, info, entry.content, progress)
        streamed = True  # it told the progress as it went
    else:
        info.CRC = zlib.crc32(entry.content)
        info.file_size = info.compress_size = len(entry.content)
        _align(info, info.file_size)
        _write_header(stream, info)
        stream.write(entry.content)
    if progress is not None and not streamed:
        progress(info.file_size)
    data_offset = info.header_offset + len(_header(info))
    info.extra = b""  # alignment padding belongs to the local header only
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info
    return EntryRecord(
        entry.digest, info.CRC, info.compress_type, info.compress_size, info.file_size, data_offset
    )


def _header(info: zipfile.ZipInfo) -> bytes:
    return info.FileHeader(zip64=max(info.file_size, info.compress_size) >= ZIP64_THRESHOLD)


def _write_header(stream: IO[bytes], info: zipfile.ZipInfo) -> None:
    info.flag_bits = 0
    stream.write(_header(info))


def _align(info: zipfile.ZipInfo, size: int) -> None:
    """Pad a large stored entry's local header so that its data starts at a multiple of ALIGNMENT.

    The padding is in the local header only; :func:`_write_entry` drops it from the central directory.
    """
    info.extra = b""
    if info.compress_type != zipfile.ZIP_STORED or size < ALIGN_MIN_BYTES:
        return
    info.file_size = info.compress_size = size  # the header's length depends on zip64
    end = info.header_offset + len(_header(info)) + 6
    padding = -end % ALIGNMENT
    info.extra = struct.pack("<HHH", ALIGNMENT_EXTRA_ID, 2 + padding, ALIGNMENT) + bytes(padding)


def _stream_stored(stream: IO[bytes], info: zipfile.ZipInfo, source: Path, progress: Progress | None) -> None:
    """Copy a file into the zip as is, computing its CRC on the way; the header is then completed."""
    try:
        with source.open("rb", buffering=0) as reader:
            info.file_size = info.compress_size = os.fstat(reader.fileno()).st_size
            info.CRC = 0  # known once the data is read: the header is written again then
            _align(info, info.file_size)
            _write_header(stream, info)
            crc = copied = 0
            buffer = bytearray(CHUNK_BYTES)
            view = memoryview(buffer)
            while count := reader.readinto(buffer):
                crc = zlib.crc32(view[:count], crc)
                stream.write(view[:count])
                copied += count
                if progress is not None:
                    progress(count)
    except OSError as error:
        raise PackagerError(f"cannot read the file: {error.strerror}", file=source) from None
    if copied != info.file_size:
        raise PackagerError("the file changed while it was being packaged", file=source)
    info.CRC = crc
    end = stream.tell()
    stream.seek(info.header_offset)
    _write_header(stream, info)
    stream.seek(end)


def _copy_range(source: BinaryIO, sink: IO[bytes], offset: int, length: int) -> None:
    """Copy ``length`` bytes at ``offset`` of ``source`` to the end of ``sink``; in the kernel if it can."""
    done = _clone_range(source, sink, offset, length)
    if hasattr(os, "copy_file_range"):
        try:
            while done < length:
                count = os.copy_file_range(source.fileno(), sink.fileno(), length - done, offset + done)
                if count == 0:
                    break
                done += count
        except OSError:
            pass  # not supported between these files: copy through memory below
    while done < length:
        chunk = os.pread(source.fileno(), min(CHUNK_BYTES, length - done), offset + done)
        if not chunk:
            raise PackagerError("the previous package is shorter than its records say")
        sink.write(chunk)
        done += len(chunk)


def _clone_range(source: BinaryIO, sink: IO[bytes], offset: int, length: int) -> int:
    """Share the whole blocks of an aligned range with the end of ``sink`` (a reflink); how many
    bytes that covered (0 where the file system, or the alignment, does not allow it)."""
    position = sink.tell()
    blocks = length // ALIGNMENT * ALIGNMENT
    if not blocks or offset % ALIGNMENT or position % ALIGNMENT:
        return 0
    try:
        # struct file_clone_range: source fd, source offset, length, destination offset.
        clone = struct.pack("<qQQQ", source.fileno(), offset, blocks, position)
        fcntl.ioctl(sink.fileno(), FICLONERANGE, clone)
    except OSError:
        return 0  # no reflinks here (ext4, tmpfs, another file system): copy instead
    sink.seek(position + blocks)
    return blocks
