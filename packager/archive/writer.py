"""Write a package as a deterministic zip, atomically, reusing what the previous zip holds.

The zip is written to a temporary file beside its destination and renamed into place only when
every target of the build has validated (:meth:`StagedZip.commit`), so a failed build never leaves a
half-written zip and never touches the previous one. zipfile writes the entries and the central
directory; media files are streamed, never read into memory whole.

Two things save work on a rebuild, without changing a byte:

* an entry whose content is unchanged since the previous zip (its bytes hash, or its file's
  signature, is the one recorded) is copied from that zip compressed, not read and compressed again;
* when the previous zip is large and its beginning is what the new one begins with (the media,
  which come first), only the rest is written, and the zip is updated in place
  (:mod:`packager.archive.inplace`).
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from packager.archive import inplace
from packager.archive.entries import (
    DateTime,
    Signature,
    check_entry_name,
    content_digest,
    entry_order,
    entry_timestamp,
    zip_info,
)
from packager.archive.zip_adapter import ZIP64_THRESHOLD, RawEntries, local_header
from packager.errors import PackagerError
from packager.filestate import signature

CHUNK_BYTES = 1024 * 1024
"""How much of a media file is read at a time."""

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
class StagedZip:
    """A zip written beside its destination, waiting to replace it (or to be discarded).

    When ``kept_bytes`` is set, the destination's first ``kept_bytes`` bytes are already what the
    new zip begins with: the temporary file holds only the rest, at the same offsets.
    """

    temporary: Path
    destination: Path
    entries: dict[str, EntryRecord]
    kept_bytes: int = 0
    replaces: inplace.FileIdentity | None = None

    def commit(self) -> None:
        """Put the zip in place: a rename, or an update of the previous zip's end."""
        try:
            if self.replaces is not None:
                inplace.update_in_place(self.destination, self.temporary, self.kept_bytes, self.replaces)
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


@dataclass
class _Entry:
    name: str
    info: zipfile.ZipInfo
    content: bytes | Path
    digest: str | None
    reuse: EntryRecord | None


def write_zip(
    files: Mapping[str, bytes | Path], destination: Path, *, previous: PreviousZip | None = None
) -> dict[str, EntryRecord]:
    """Write ``files`` (bytes, or the path of a file to stream) to ``destination`` at once."""
    staged = stage_zip(files, destination, previous=previous)
    staged.commit()
    return staged.entries


def stage_zip(
    files: Mapping[str, bytes | Path],
    destination: Path,
    *,
    previous: PreviousZip | None = None,
    progress: Progress | None = None,
    file_signature: Signature = signature,
) -> StagedZip:
    """Write the zip of ``files`` beside ``destination``, not yet in place.

    A file entry counts as unchanged when ``file_signature`` gives the signature it had then.
    """
    for name in files:
        check_entry_name(name)
    date_time = entry_timestamp()
    told = progress or (lambda count: None)
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary_name = tempfile.mkstemp(
            dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
        )
    except OSError as error:
        reason = error.strerror or error
        raise PackagerError(f"cannot write to the output folder: {reason}", file=destination.parent) from None
    temporary = Path(temporary_name)
    try:
        with ExitStack() as stack:
            stream = stack.enter_context(os.fdopen(handle, "w+b"))
            old = _open(previous, stack)
            entries = _plan(files, date_time, previous if old else None, file_signature)
            replaces = inplace.updatable(old, destination) if old else None
            kept = _kept_prefix(entries, old) if old and replaces else []
            kept_bytes = _data_end(kept[-1]) if kept else 0
            if replaces is None or not kept or not inplace.worth_it(replaces, kept_bytes):
                kept, kept_bytes, replaces = [], 0, None
            stream.seek(kept_bytes)  # what the destination already holds stays a hole here
            archive = stack.enter_context(zipfile.ZipFile(stream, "w"))
            raw = RawEntries(archive, stream)
            records: dict[str, EntryRecord] = {}
            for entry in entries[: len(kept)]:
                raw.keep(entry.info)
                records[entry.name] = _record(entry, archive.start_dir)
                told(entry.info.file_size)
            for entry in entries[len(kept) :]:
                records[entry.name] = _write(archive, raw, entry, old, told)
        os.chmod(temporary, 0o644)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise PackagerError(
            f"cannot write the package: {error.strerror or error}", file=destination
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return StagedZip(temporary, destination, records, kept_bytes, replaces)


def _open(previous: PreviousZip | None, stack: ExitStack) -> IO[bytes] | None:
    if previous is None:
        return None
    try:
        return stack.enter_context(previous.path.open("rb"))
    except OSError:
        return None


def _plan(
    files: Mapping[str, bytes | Path],
    date_time: DateTime,
    previous: PreviousZip | None,
    file_signature: Signature,
) -> list[_Entry]:
    """Every entry in order (see :func:`entry_order`), with its record in the previous zip when
    its content is unchanged."""
    entries = []
    for name in sorted(files, key=entry_order):
        content = files[name]
        digest = content_digest(content, file_signature)
        info = zip_info(name, date_time)
        known = previous.entries.get(name) if previous else None
        same = (
            known is not None
            and digest is not None
            and (known.digest, known.compress_type)
            == (
                digest,
                info.compress_type,
            )
        )
        entries.append(_Entry(name, info, content, digest, known if same else None))
    return entries


def _kept_prefix(entries: list[_Entry], old: IO[bytes]) -> list[_Entry]:
    """The first entries, whose headers and data the previous zip holds at the very same offsets."""
    kept: list[_Entry] = []
    position = 0
    for entry in entries:
        known = entry.reuse
        if known is None:
            break
        info = entry.info
        info.header_offset = position
        info.CRC, info.compress_size, info.file_size = known.crc, known.compress_size, known.file_size
        header = local_header(info)
        old.seek(position)
        if position + len(header) != known.data_offset or old.read(len(header)) != header:
            break
        kept.append(entry)
        position = _data_end(entry)
    return kept


def _data_end(entry: _Entry) -> int:
    assert entry.reuse is not None
    return entry.reuse.data_offset + entry.reuse.compress_size


def _write(
    archive: zipfile.ZipFile, raw: RawEntries, entry: _Entry, old: IO[bytes] | None, told: Progress
) -> EntryRecord:
    """Write one entry at the end of the zip: copied from the previous zip, streamed from its file,
    or compressed from memory."""
    info, content, known = entry.info, entry.content, entry.reuse
    if known is not None and old is not None:
        info.CRC, info.compress_size, info.file_size = known.crc, known.compress_size, known.file_size

        def copy(stream: IO[bytes]) -> None:
            inplace.copy_range(old, stream, known.data_offset, known.compress_size, stream.tell())

        try:
            raw.write(info, copy)
        except OSError:
            raise PackagerError("the previous package is shorter than its records say") from None
        told(info.file_size)
    elif isinstance(content, Path):
        _stream_file(archive, info, content, told)
    else:
        archive.writestr(info, content)
        told(info.file_size)
    return _record(entry, archive.start_dir)


def _stream_file(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: Path, told: Progress) -> None:
    """Copy a file into the zip through zipfile (which computes its CRC, and deflates if asked)."""
    try:
        with source.open("rb") as reader:
            info.file_size = os.fstat(reader.fileno()).st_size
            copied = 0
            with archive.open(info, "w", force_zip64=info.file_size >= ZIP64_THRESHOLD) as sink:
                while chunk := reader.read(CHUNK_BYTES):
                    sink.write(chunk)
                    copied += len(chunk)
                    told(len(chunk))
    except OSError as error:
        raise PackagerError(f"cannot read the file: {error.strerror}", file=source) from None
    if copied != info.file_size:
        raise PackagerError("the file changed while it was being packaged", file=source)


def _record(entry: _Entry, data_end: int) -> EntryRecord:
    """The entry's record, once its data ends at ``data_end``."""
    info = entry.info
    return EntryRecord(
        entry.digest,
        info.CRC,
        info.compress_type,
        info.compress_size,
        info.file_size,
        data_end - info.compress_size,
    )
