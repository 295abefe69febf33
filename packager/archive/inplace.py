"""Updating a large zip in place: only its end is rewritten, behind an undo journal.

Media come first in every zip, so a rebuild after a text change often begins with the very bytes
the previous zip begins with. Then only what follows them is written (to a temporary file, at the
same offsets), and :func:`update_in_place` puts it in place of the old zip's end: it first saves
that end in an undo journal beside the zip (``build/.x.zip.undo``) and syncs it to disk. A failed
write is undone at once; one cut short (the process killed, the power lost) is undone by the next
build (:func:`restore_interrupted`). So a rebuild writes a megabyte, not the gigabyte of video.

Only the portable file API is used (seek, read, write, fsync), so this works on Linux, macOS and
Windows alike.
"""

from __future__ import annotations

import os
import stat
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from packager.errors import PackagerError

IN_PLACE_MIN_BYTES = 16 * 1024 * 1024
"""A previous zip at least this large may be updated in place (smaller ones are cheap to rewrite)."""
IN_PLACE_MAX_SHARE = 4
"""...when at most 1/IN_PLACE_MAX_SHARE of it must be rewritten (else the journal costs too much)."""
UNDO_SUFFIX = ".undo"
"""The undo journal of ``build/x.zip`` is ``build/.x.zip.undo``."""
UNDO_MAGIC = b"PKGUNDO1"
UNDO_HEADER = struct.Struct("<8sQQ")
"""The journal starts with the magic, where the saved end starts, and the old zip's size."""
CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class FileIdentity:
    """Which file a zip was when a build read it, to check it still is when the build writes it."""

    device: int
    inode: int
    size: int
    modified_ns: int

    @classmethod
    def of(cls, state: os.stat_result) -> FileIdentity:
        return cls(state.st_dev, state.st_ino, state.st_size, state.st_mtime_ns)


def updatable(previous: IO[bytes], destination: Path) -> FileIdentity | None:
    """The destination's identity, if it is the open previous zip and may be updated in place:
    a large regular file that this user may write, with no other name (a hard link elsewhere would
    change too)."""
    try:
        state = os.fstat(previous.fileno())
        same = os.path.samestat(state, os.stat(destination))
    except OSError:
        return None
    if not same or not stat.S_ISREG(state.st_mode) or state.st_nlink != 1:
        return None
    if state.st_size < IN_PLACE_MIN_BYTES or not os.access(destination, os.W_OK):
        return None
    return FileIdentity.of(state)


def worth_it(identity: FileIdentity, kept_bytes: int) -> bool:
    """Whether keeping ``kept_bytes`` of the zip saves enough to update it in place."""
    return (identity.size - kept_bytes) * IN_PLACE_MAX_SHARE <= identity.size


def copy_range(source: IO[bytes], sink: IO[bytes], offset: int, length: int, sink_offset: int) -> None:
    """Copy ``length`` bytes at ``offset`` of ``source`` to ``sink_offset`` of ``sink``."""
    source.seek(offset)
    sink.seek(sink_offset)
    done = 0
    while done < length:
        chunk = source.read(min(CHUNK_BYTES, length - done))
        if not chunk:
            raise OSError(f"{length - done} bytes are missing from {getattr(source, 'name', 'a file')}")
        view = memoryview(chunk)
        while view:  # an unbuffered file may take part of a write
            view = view[sink.write(view) or 0 :]
        done += len(chunk)


def undo_journal(destination: Path) -> Path:
    """Where the end of ``destination`` is saved while it is updated in place."""
    return destination.with_name(f".{destination.name}{UNDO_SUFFIX}")


def update_in_place(destination: Path, tail: Path, kept_bytes: int, identity: FileIdentity) -> None:
    """Replace the destination's bytes from ``kept_bytes`` on with ``tail``'s (the same offsets)."""
    journal = undo_journal(destination)
    changed = PackagerError("the package changed while the build was running; build again", file=destination)
    try:
        # Unbuffered: a failed write leaves nothing pending that a later seek would flush.
        target = destination.open("r+b", buffering=0)
    except FileNotFoundError:
        raise changed from None
    with target, tail.open("rb") as new_end:
        if FileIdentity.of(os.fstat(target.fileno())) != identity:
            raise changed
        new_size = os.fstat(new_end.fileno()).st_size
        _save_undo(journal, target, kept_bytes, identity.size)
        try:
            copy_range(new_end, target, kept_bytes, new_size - kept_bytes, kept_bytes)
            target.truncate(new_size)
            os.fsync(target.fileno())  # the new end is on disk before its undo is dropped
        except BaseException:
            try:
                _undo(journal, target)
            except OSError:
                raise PackagerError(
                    "cannot write the package, nor yet put the previous one back: the next build restores it",
                    file=destination,
                ) from None
            journal.unlink()
            raise
    journal.unlink()


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
            reason = error.strerror or error
            raise PackagerError(
                f"cannot restore the package an interrupted build left half-written: {reason}",
                file=destination,
            ) from None
        journal.unlink()
        restored.append(destination)
    return restored


def _save_undo(journal: Path, target: IO[bytes], start: int, size: int) -> None:
    """Write the journal: the target's bytes from ``start`` to ``size``, synced before it is named."""
    partial = journal.with_name(journal.name + ".partial")
    try:
        with partial.open("wb") as stream:
            stream.write(UNDO_HEADER.pack(UNDO_MAGIC, start, size))
            copy_range(target, stream, start, size - start, UNDO_HEADER.size)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, journal)
        _sync_folder(journal.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _undo(journal: Path, target: IO[bytes]) -> None:
    """Write the journal's saved end back into the target and cut it to its old size."""
    with journal.open("rb") as saved:
        magic, start, size = UNDO_HEADER.unpack(saved.read(UNDO_HEADER.size))
        if magic != UNDO_MAGIC or os.fstat(saved.fileno()).st_size != UNDO_HEADER.size + size - start:
            raise OSError(f"the undo journal {journal.name} is damaged")
        copy_range(saved, target, UNDO_HEADER.size, size - start, start)
        target.truncate(size)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable, where the platform lets a folder be opened (not Windows)."""
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
