"""Write a package as a deterministic zip, atomically and fast.

Entries are files only, with forward slashes, fixed timestamps and permissions, in a fixed
order: already-compressed media first, then everything else, each group in name order. Building
the same input twice gives the same bytes. ``SOURCE_DATE_EPOCH`` sets the timestamp.

A failed build never leaves a half-written zip and never touches the previous one. The zip is
written to a temporary file beside the destination and, once every target has validated, renamed
into place. One case is cheaper: when a large previous zip begins with the very bytes the new one
begins with (the media, which come first, are unchanged), only what follows them is written to the
temporary file, and :meth:`StagedZip.commit` puts it in place of the old zip's end after saving that
end in an undo journal beside the zip (synced to disk first). A failed update is undone at once;
one cut short (the process killed, the power lost) is undone by the next build
(:func:`restore_interrupted`). So a rebuild after a text change writes a megabyte, not the gigabyte
of video the course carries.

Speed, without changing a byte:

* already-compressed media are stored, not deflated again;
* other entries are deflated by a pool of threads (zlib releases the GIL), large ones in
  blocks primed with the previous block's tail (as pigz does), so the bytes never depend on the
  number of workers. Where a large entry's parts are known (a page's sections: ``split_at``), a
  block ends after a part whose own hash says so, so an edit to one part changes one block, and
  every other block, unchanged since the previous zip, is copied from it compressed;
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
import stat
import struct
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
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
"""Large entries are deflated in blocks of this size, in parallel (parts larger than this too)."""
PARTS_PER_BLOCK = 64
"""Where an entry's parts are known, a block ends after one part in this many, on average."""
MAX_BLOCK = 4 * DEFLATE_BLOCK
"""...and after the part that takes it past this size."""
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
IN_PLACE_MIN_BYTES = 16 * 1024 * 1024
"""A previous zip at least this large may be updated in place (smaller ones are cheap to rewrite)."""
IN_PLACE_MAX_SHARE = 4
"""...when at most 1/IN_PLACE_MAX_SHARE of it must be rewritten (else the journal costs too much)."""
UNDO_SUFFIX = ".undo"
"""The undo journal of ``build/x.zip`` is ``build/.x.zip.undo``."""
UNDO_MAGIC = b"PKGUNDO1"
UNDO_HEADER = struct.Struct("<8sQQ")
"""The journal starts with the magic, where the saved end starts, and the old zip's size."""

ALREADY_COMPRESSED = frozenset(
    {
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".mp4",
        ".m4v",
        ".webm",
        ".mp3",
        ".m4a",
        ".ogg",
        ".oga",
        ".ogv",
        ".zip",
        ".pdf",
        ".woff",
        ".woff2",
        ".gz",
    }
)
"""Stored rather than deflated: compressing them again costs time and saves nothing."""

Progress = Callable[[int], None]
"""Told how many more bytes of content (before compression) went into the zip."""
Signature = Callable[[Path], str | None]
"""How a file's signature is taken (:func:`packager.filestate.signature`, or a build's memo of it)."""


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
    blocks: tuple[tuple[str, int], ...] = ()
    """A large deflated entry's blocks, in order: what each was made from, and its compressed size."""


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


@dataclass(frozen=True)
class _Copied:
    """A block whose compressed bytes are copied from the previous zip."""

    offset: int
    size: int


@dataclass
class _Entry:
    name: str
    info: zipfile.ZipInfo
    content: bytes | Path
    digest: str | None
    reuse: EntryRecord | None = None
    deflated: Future[_Deflated] | list[Future[bytes] | _Copied] | None = None
    block_keys: list[str] | None = None


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
    base = name.rpartition("/")[2]
    dot = base.rfind(".")  # the suffix as pathlib has it, without making a path (this runs per entry)
    return 0 < dot < len(base) - 1 and base[dot:].lower() in ALREADY_COMPRESSED


def entry_order(name: str) -> tuple[bool, str]:
    """Already-compressed media first (they change least, and are most of the bytes), then the
    rest; each in name order."""
    return (not is_stored(name), name)


def content_digest(content: bytes | Path, file_signature: Signature = signature) -> str | None:
    """What identifies an entry's content: a hash of its bytes, or the signature of its file."""
    if isinstance(content, Path):
        state = file_signature(content)
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
    split_at: Mapping[str, Sequence[int]] | None = None,
) -> dict[str, EntryRecord]:
    """Write ``files`` to ``destination`` deterministically and atomically; return its records.

    Each value is the entry's bytes, or the path of a file on disk, which is streamed (never read
    into memory whole). Entries of ``previous`` whose content is unchanged are copied from it.
    ``split_at`` gives, for some entries, the offsets where their parts start (see
    :func:`deflate_blocks`).
    """
    staged = stage_zip(files, destination, previous=previous, progress=progress, split_at=split_at)
    staged.commit()
    return staged.entries


@dataclass(frozen=True)
class _Identity:
    """Which file the destination was when the zip was staged, to check it still is at commit."""

    device: int
    inode: int
    size: int
    modified_ns: int

    @classmethod
    def of(cls, state: os.stat_result) -> _Identity:
        return cls(state.st_dev, state.st_ino, state.st_size, state.st_mtime_ns)


@dataclass
class StagedZip:
    """A zip written beside its destination, waiting to replace it (or to be discarded).

    Usually the temporary file is the whole zip. When ``kept_bytes`` is set, the destination's
    first ``kept_bytes`` bytes are already what the new zip begins with: the temporary file holds
    only the rest, at the same offsets (the beginning is a hole, which takes no disk space).
    """

    temporary: Path
    destination: Path
    entries: dict[str, EntryRecord]
    kept_bytes: int = 0
    replaces: _Identity | None = None

    def commit(self) -> None:
        """Put the zip in place: a rename, or an in-place update of the end that can be undone."""
        try:
            if self.kept_bytes:
                self._update_in_place()
            else:
                os.replace(self.temporary, self.destination)
        except OSError as error:
            reason = error.strerror or str(error)
            raise PackagerError(f"cannot write the package: {reason}", file=self.destination) from None
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove the temporary file; the destination stays as it was."""
        self.temporary.unlink(missing_ok=True)

    def _update_in_place(self) -> None:
        """Save the destination's end in the undo journal, write the new end, drop the journal."""
        journal = undo_journal(self.destination)
        changed = PackagerError(
            "the package changed while the build was running; build again", file=self.destination
        )
        try:
            target = self.destination.open("r+b", buffering=0)
        except FileNotFoundError:
            raise changed from None
        with target, self.temporary.open("rb", buffering=0) as tail:
            if _Identity.of(os.fstat(target.fileno())) != self.replaces:
                raise changed
            old_size = os.fstat(target.fileno()).st_size
            new_size = os.fstat(tail.fileno()).st_size
            _save_undo(journal, target, self.kept_bytes, old_size)
            try:
                _copy_at(tail, target, self.kept_bytes, new_size - self.kept_bytes)
                os.ftruncate(target.fileno(), new_size)
                os.fdatasync(target.fileno())  # the new end is on disk before its undo is dropped
            except BaseException:
                try:
                    _undo(journal, target)
                except OSError:
                    raise PackagerError(
                        "cannot write the package, nor yet put the previous one back: the next build"
                        " restores it",
                        file=self.destination,
                    ) from None
                journal.unlink()
                raise
        journal.unlink()


def undo_journal(destination: Path) -> Path:
    """Where the end of ``destination`` is saved while it is updated in place."""
    return destination.with_name(f".{destination.name}{UNDO_SUFFIX}")


def restore_interrupted(folder: Path) -> list[Path]:
    """Put back the zips in ``folder`` whose update in place was cut short; return them.

    A journal exists only from just before a zip's end is overwritten until just after the new
    end is whole: finding one means the zip may be half-written, and the journal holds its old end.
    """
    try:
        journals = sorted(folder.glob(f".*.zip{UNDO_SUFFIX}"))
        unfinished = list(folder.glob(f".*.zip{UNDO_SUFFIX}.partial"))
    except OSError:
        return []
    for partial in unfinished:  # cut short before the zip was touched
        partial.unlink(missing_ok=True)
    restored = []
    for journal in journals:
        destination = journal.with_name(journal.name[1 : -len(UNDO_SUFFIX)])
        try:
            with destination.open("r+b", buffering=0) as target:
                _undo(journal, target)
        except FileNotFoundError:
            journal.unlink(missing_ok=True)  # the zip itself is gone: nothing to put back
            continue
        except OSError as error:
            reason = error.strerror or str(error)
            raise PackagerError(
                f"cannot restore the package an interrupted build left half-written: {reason}",
                file=destination,
            ) from None
        journal.unlink()
        restored.append(destination)
    return restored


def _save_undo(journal: Path, target: BinaryIO, start: int, size: int) -> None:
    """Write the journal: the target's bytes from ``start`` to ``size``, synced before it is named."""
    partial = journal.with_name(journal.name + ".partial")
    try:
        with partial.open("wb", buffering=0) as stream:
            stream.write(UNDO_HEADER.pack(UNDO_MAGIC, start, size))
            _copy_at(target, stream, start, size - start, sink_offset=UNDO_HEADER.size)
            os.fdatasync(stream.fileno())
        os.replace(partial, journal)
        _sync_folder(journal.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _undo(journal: Path, target: BinaryIO) -> None:
    """Write the journal's saved end back into the target and cut it to its old size."""
    with journal.open("rb", buffering=0) as saved:
        magic, start, size = UNDO_HEADER.unpack(saved.read(UNDO_HEADER.size))
        if magic != UNDO_MAGIC or os.fstat(saved.fileno()).st_size != UNDO_HEADER.size + size - start:
            raise OSError(f"the undo journal {journal.name} is damaged")
        _copy_at(saved, target, UNDO_HEADER.size, size - start, sink_offset=start)
        os.ftruncate(target.fileno(), size)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the platform allows opening a folder)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


class _MissingBytes(OSError):
    """A file holds fewer bytes than a copy from it asked for."""


def _copy_at(
    source: BinaryIO, sink: IO[bytes], offset: int, length: int, *, sink_offset: int | None = None
) -> None:
    """Copy ``length`` bytes at ``offset`` of ``source`` to ``sink_offset`` (default: the same offset)."""
    destination = offset if sink_offset is None else sink_offset
    done = 0
    if hasattr(os, "copy_file_range"):
        try:
            while done < length:
                count = os.copy_file_range(
                    source.fileno(), sink.fileno(), length - done, offset + done, destination + done
                )
                if count == 0:
                    break
                done += count
        except OSError:
            pass  # not supported between these files: copy through memory below
    while done < length:
        chunk = os.pread(source.fileno(), min(CHUNK_BYTES, length - done), offset + done)
        if not chunk:
            raise _MissingBytes(f"{length - done} bytes are missing from {getattr(source, 'name', 'a file')}")
        done += os.pwrite(sink.fileno(), chunk, destination + done)


def stage_zip(
    files: Mapping[str, bytes | Path],
    destination: Path,
    *,
    previous: PreviousZip | None = None,
    progress: Progress | None = None,
    split_at: Mapping[str, Sequence[int]] | None = None,
    file_signature: Signature = signature,
) -> StagedZip:
    """Write the zip of :func:`write_zip` beside ``destination``, not yet in place.

    When ``previous`` is the destination itself, large, and begins with what the new zip begins
    with, only the rest is written (see :class:`StagedZip`). A file entry is copied from
    ``previous`` when ``file_signature`` gives the signature it had then.
    """
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
            entries = list(
                _plan(files, date_time, previous if old else None, pool, split_at or {}, file_signature)
            )
            replaces = _replaceable(old, destination)
            kept = _kept_prefix(entries, old) if replaces else []
            kept_bytes = _end(kept[-1]) if kept else 0
            if replaces is None or (replaces.size - kept_bytes) * IN_PLACE_MAX_SHARE > replaces.size:
                kept, kept_bytes, replaces = [], 0, None
            stream.seek(kept_bytes)  # what the destination already holds stays a hole here
            archive = stack.enter_context(zipfile.ZipFile(stream, "w"))
            records = {}
            for entry in entries[: len(kept)]:
                assert entry.reuse is not None
                _list(archive, entry.info)
                records[entry.name] = entry.reuse
                if progress is not None:
                    progress(entry.info.file_size)
            for entry in entries[len(kept) :]:
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
    return StagedZip(temporary, destination, records, kept_bytes, replaces)


def _replaceable(old: BinaryIO | None, destination: Path) -> _Identity | None:
    """The destination, if it is the previous zip and may be updated in place.

    It must be a large regular file that this user may write, with no other name (a hard link
    elsewhere would change too).
    """
    if old is None:
        return None
    try:
        state = os.fstat(old.fileno())
        same = os.path.samestat(state, os.stat(destination))
    except OSError:
        return None
    if not same or not stat.S_ISREG(state.st_mode) or state.st_nlink != 1:
        return None
    if state.st_size < IN_PLACE_MIN_BYTES or not os.access(destination, os.W_OK):
        return None
    return _Identity.of(state)


def _kept_prefix(entries: list[_Entry], old: BinaryIO | None) -> list[_Entry]:
    """The first entries, whose headers and data the previous zip holds at the very same offsets."""
    assert old is not None
    kept: list[_Entry] = []
    position = 0
    for entry in entries:
        known = entry.reuse
        if known is None:
            break
        info = entry.info
        info.header_offset = position
        info.CRC, info.compress_size, info.file_size = known.crc, known.compress_size, known.file_size
        _align(info, known.compress_size)
        header = _header(info)
        if position + len(header) != known.data_offset:
            break
        if os.pread(old.fileno(), len(header), position) != header:
            break
        kept.append(entry)
        position = known.data_offset + known.compress_size
    return kept


def _end(entry: _Entry) -> int:
    """Where a kept entry's data ends in the zip."""
    assert entry.reuse is not None
    return entry.reuse.data_offset + entry.reuse.compress_size


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
    split_at: Mapping[str, Sequence[int]],
    file_signature: Signature,
) -> Iterator[_Entry]:
    """Every entry in order (see :func:`entry_order`); compression of the ones that need it starts
    in the pool."""
    for name in sorted(files, key=entry_order):
        info = zipfile.ZipInfo(name, date_time=date_time)
        info.create_system = 3
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_STORED if is_stored(name) else zipfile.ZIP_DEFLATED
        content = files[name]
        blocks: list[tuple[int, int]] = []  # a file's: deflated in one stream, or stored
        if info.compress_type == zipfile.ZIP_DEFLATED and isinstance(content, bytes):
            blocks = deflate_blocks(content, split_at.get(name, ()))
        entry = _Entry(name, info, content, None)
        if len(blocks) > 1:
            # The blocks' keys identify the content (and how it is cut): no need to hash it again.
            assert isinstance(content, bytes)
            entry.block_keys = [_block_key(content, start, end) for start, end in blocks]
            entry.digest = "blocks:" + hashlib.sha256("".join(entry.block_keys).encode()).hexdigest()
        else:
            entry.digest = content_digest(content, file_signature)
        known = previous.entries.get(name) if previous else None
        if (
            known
            and entry.digest is not None
            and (known.digest, known.compress_type) == (entry.digest, info.compress_type)
        ):
            entry.reuse = known
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            if isinstance(content, Path):
                entry.deflated = pool.submit(_deflate_file, content)
            else:
                _plan_blocks(entry, content, blocks, known, pool)
        yield entry


def _plan_blocks(
    entry: _Entry,
    content: bytes,
    blocks: list[tuple[int, int]],
    known: EntryRecord | None,
    pool: ThreadPoolExecutor,
) -> None:
    """Deflate an entry's blocks in the pool, but copy those the previous zip holds compressed."""
    earlier: dict[str, _Copied] = {}
    if known is not None and known.compress_type == zipfile.ZIP_DEFLATED and entry.block_keys:
        offset = known.data_offset
        for key, size in known.blocks:
            earlier.setdefault(key, _Copied(offset, size))
            offset += size
    keys = entry.block_keys or [""] * len(blocks)
    entry.deflated = [
        earlier.get(key) or pool.submit(_deflate_block, content, start, end)
        for key, (start, end) in zip(keys, blocks, strict=True)
    ]


def deflate_blocks(content: bytes, parts: Sequence[int] = ()) -> list[tuple[int, int]]:
    """Where a large entry is cut into blocks to deflate: (start, end) pairs covering it.

    Without ``parts``, every :data:`DEFLATE_BLOCK` bytes. With the offsets where its parts start,
    a block ends after a part whose CRC is a multiple of :data:`PARTS_PER_BLOCK` (or that takes the
    block past :data:`MAX_BLOCK`). The cuts depend on the parts' contents, not their positions, so
    a part that changes, grows or shrinks moves no other cut; a part larger than a block is cut
    every :data:`DEFLATE_BLOCK` bytes from its start.
    """
    length = len(content)
    if not parts:
        return _fixed_blocks(0, max(length, 1), length)
    starts = sorted({offset for offset in parts if 0 < offset < length})
    blocks: list[tuple[int, int]] = []
    block_start = 0
    for part_start, part_end in zip([0, *starts], [*starts, length], strict=True):
        if part_end - part_start > DEFLATE_BLOCK:
            if block_start < part_start:
                blocks.append((block_start, part_start))
            blocks += _fixed_blocks(part_start, part_end, part_end)
            block_start = part_end
            continue
        cut = zlib.crc32(content[part_start:part_end]) % PARTS_PER_BLOCK == 0
        if cut or part_end - block_start >= MAX_BLOCK:
            blocks.append((block_start, part_end))
            block_start = part_end
    if block_start < length or not blocks:
        blocks.append((block_start, length))
    return blocks


def _fixed_blocks(start: int, stop: int, end: int) -> list[tuple[int, int]]:
    """Blocks of DEFLATE_BLOCK bytes starting from ``start`` up to ``stop``; none goes past ``end``."""
    return [(offset, min(offset + DEFLATE_BLOCK, end)) for offset in range(start, stop, DEFLATE_BLOCK)]


def _block_key(content: bytes, start: int, end: int) -> str:
    """What a block's compressed bytes depend on: the window before it, its data, whether it is last."""
    digest = hashlib.sha256(b"last" if end == len(content) else b"more")
    digest.update(content[max(0, start - DEFLATE_WINDOW) : end])
    digest.update(str(min(start, DEFLATE_WINDOW)).encode())
    return digest.hexdigest()[:32]


def _deflate_block(data: bytes, start: int, end: int) -> bytes:
    """Raw deflate of one block; a block after the first is primed with the data before it."""
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
    block_sizes: tuple[tuple[str, int], ...] = ()
    if entry.reuse is not None and previous is not None:
        known = entry.reuse
        info.CRC, info.compress_size, info.file_size = known.crc, known.compress_size, known.file_size
        _align(info, known.compress_size)
        _write_header(stream, info)
        _copy_range(previous, stream, known.data_offset, known.compress_size)
        block_sizes = known.blocks
    elif isinstance(entry.deflated, list):
        data = entry.content
        assert isinstance(data, bytes)
        blocks = [_block_bytes(block, previous) for block in entry.deflated]
        info.CRC, info.file_size, info.compress_size = zlib.crc32(data), len(data), sum(map(len, blocks))
        _write_header(stream, info)
        for block in blocks:
            stream.write(block)
        if entry.block_keys:
            block_sizes = tuple(zip(entry.block_keys, map(len, blocks), strict=True))
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
    _list(archive, info)
    return EntryRecord(
        entry.digest,
        info.CRC,
        info.compress_type,
        info.compress_size,
        info.file_size,
        data_offset,
        block_sizes,
    )


def _block_bytes(block: Future[bytes] | _Copied, previous: BinaryIO | None) -> bytes:
    """A block's compressed bytes: deflated in the pool, or read from the previous zip."""
    if isinstance(block, Future):
        return block.result()
    assert previous is not None
    data = os.pread(previous.fileno(), block.size, block.offset)
    if len(data) != block.size:
        raise PackagerError("the previous package is shorter than its records say")
    return data


def _list(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Add an entry written (or kept) to the central directory."""
    info.extra = b""  # alignment padding belongs to the local header only
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info


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
    cloned = _clone_range(source, sink, offset, length)
    position = sink.tell()
    try:
        _copy_at(source, sink, offset + cloned, length - cloned, sink_offset=position)
    except _MissingBytes:
        raise PackagerError("the previous package is shorter than its records say") from None
    sink.seek(position + length - cloned)


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
