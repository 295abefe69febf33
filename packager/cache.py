"""What one build keeps so that the next one does only what changed.

The cache of an output folder lives in the user cache (``$PACKAGER_CACHE_DIR``, else
``$XDG_CACHE_HOME/scorm-course-packager``, under ``builds/<hash of the output folder>``), never
beside the zips. It holds:

* ``pages.pickle``: lessons and quizzes as loaded, by the loader's key (the file's bytes and where
  it is), with the signatures of the media files each references: unchanged pages are not parsed;
* ``html.pickle``: the pages' HTML, by the renderer's key (the page and what its HTML depends on):
  unchanged pages are not rendered;
* ``targets/<target>.json``: for each target's zip, the signature of every input it was built from
  and where each entry sits in it: a target none of whose inputs changed keeps its zip (it was
  validated when written), and unchanged entries are copied from it.

Each file holds a digest of the packager's own code, templates, question types and the libraries
that shape the output (:func:`code_digest`), so a new version never reuses stale work. Caches only
save work: a build gives the same bytes with them as without them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from importlib import metadata, util
from pathlib import Path
from typing import Any, BinaryIO, Generic, TypeVar

from packager.archive.writer import EntryRecord, PreviousZip
from packager.blocks import ENTRY_POINT_GROUP as BLOCK_GROUP
from packager.filestate import signature
from packager.questions import ENTRY_POINT_GROUP
from packager.resources import cache_root, templates_dir

FORMAT = 3
"""Bumped when the layout of the cache changes."""
KEPT_BUILD_CACHES = 16
"""The user cache keeps this many output folders' caches, the most recently used."""
LIBRARIES = ("jinja2", "markdown-it-py", "mdit-py-plugins", "pydantic", "pydantic-core", "lxml", "PyYAML")
"""Libraries whose version can change the output."""

Value = TypeVar("Value")


@functools.cache
def code_digest() -> str:
    """A hash of everything besides the course that shapes the output."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    for name in LIBRARIES:
        with suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}\0".encode())
    for path in _code_files():
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _code_files() -> Iterator[Path]:
    """The packager's code and templates, and every installed question type's and block's module."""
    for folder in (Path(__file__).resolve().parent, templates_dir()):
        yield from (path for path in sorted(folder.rglob("*")) if path.is_file() and path.suffix != ".pyc")
    points = [*metadata.entry_points(group=ENTRY_POINT_GROUP), *metadata.entry_points(group=BLOCK_GROUP)]
    for entry_point in sorted(points, key=lambda point: point.value):
        spec = util.find_spec(entry_point.module)
        if spec is not None and spec.origin and os.path.isfile(spec.origin):
            yield Path(spec.origin)


class Store(Generic[Value]):
    """Values by key, kept in one pickle; a build keeps only the values it used."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._stored: dict[str, Any] | None = None
        self.used: dict[str, Any] = {}
        self.added: list[Value] = []
        """The values made by this build (not found in the store)."""

    def stored(self) -> dict[str, Any]:
        """What earlier builds kept (read on first use)."""
        if self._stored is None:
            self._stored = _read_pickle(self.path) if self.path else {}
        return self._stored

    def get(self, key: str) -> Value | None:
        found = self.used.get(key, self.stored().get(key))
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, value: Value) -> None:
        self.used[key] = value
        self.added.append(value)

    def save(self) -> None:
        """Keep the values this build used, if it used the store at all."""
        if self.path is not None and self._stored is not None and self.used != self._stored:
            data = {"code": code_digest(), "values": self.used}
            _write_atomically(
                self.path, functools.partial(pickle.dump, data, protocol=pickle.HIGHEST_PROTOCOL)
            )


class PageStore(Store[Any]):
    """Pages as loaded, each with the signatures of the media files it references."""

    def __init__(self, path: Path | None, file_signature: Callable[[str], str | None]) -> None:
        super().__init__(path)
        self.signature = file_signature

    def get(self, key: str) -> Any:
        found = super().get(key)
        if found is None:
            return None
        dependencies, page = found
        if any(self.signature(name) != state for name, state in dependencies.items()):
            self.used.pop(key)
            return None
        return page

    def put(self, key: str, value: Any) -> None:
        files = getattr(value, "media_files", {}).values()
        dependencies = {str(file): self.signature(str(file)) for file in files}
        if None not in dependencies.values():  # a file changed just now is read again next time
            self.used[key] = (dependencies, value)
        self.added.append(value)


class BuildCache:
    """The cache of one output folder; ``BuildCache(None)`` keeps nothing (a clean build)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._signatures: dict[str, str | None] = {}
        self.pages = PageStore(folder / "pages.pickle" if folder else None, self.signature)
        self.html: Store[str] = Store(folder / "html.pickle" if folder else None)

    @classmethod
    def for_output(cls, output: Path) -> BuildCache:
        """The cache of the zips written to ``output``."""
        key = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:24]
        return cls(cache_root() / "builds" / key)

    def signature(self, path: Path | str) -> str | None:
        """A file's signature as this build first saw it (see :func:`packager.filestate.signature`):
        a zip's record then holds the state of its inputs from before they were read."""
        key = os.fspath(path)
        if key not in self._signatures:
            self._signatures[key] = signature(key)
        return self._signatures[key]

    def inputs(self, paths: list[Path], settings: str) -> dict[str, str | None]:
        """The signature of every input file, and the settings (see :func:`settings`)."""
        return {**{str(path): self.signature(path) for path in paths}, "": settings}

    def kept_zip(self, target: str, out_dir: Path, settings: str) -> Path | None:
        """The target's zip in ``out_dir``, if it was built from inputs none of which changed."""
        record = self._record(target, None)
        if record is None:
            return None
        path = out_dir / record["zip"]
        inputs: dict[str, str | None] = record["inputs"]
        if self._record(target, path) is None or None in inputs.values():
            return None
        return path if inputs == self.inputs([Path(name) for name in inputs if name], settings) else None

    def previous_zip(self, target: str, path: Path) -> PreviousZip | None:
        """The target's previous zip at ``path``, if it is still the one the cache describes."""
        record = self._record(target, path)
        if record is None:
            return None
        return PreviousZip(path, {name: EntryRecord(**fields) for name, fields in record["entries"].items()})

    def remember_zip(
        self, target: str, path: Path, inputs: dict[str, str | None], entries: Mapping[str, EntryRecord]
    ) -> None:
        """Record what the zip just written at ``path`` was built from, and where its entries are."""
        if self.folder is None:
            return
        record = {
            "code": code_digest(),
            "zip": path.name,
            "signature": signature(path, trust_recent=True),
            "inputs": inputs,
            "entries": {name: vars(entry) for name, entry in entries.items()},
        }
        encoded = json.dumps(record).encode()
        _write_atomically(self._record_path(target), lambda stream: stream.write(encoded))

    def forget_zip(self, target: str) -> None:
        """Drop the target's record (before its zip is replaced, in case the build stops half-way)."""
        if self.folder is not None:
            self._record_path(target).unlink(missing_ok=True)

    def save(self) -> None:
        """Keep the pages and HTML this build used (and only those) for the next build."""
        if self.folder is None:
            return
        self.pages.save()
        self.html.save()
        with suppress(OSError):
            os.utime(self.folder)  # most recently used: pruned last
        _prune(self.folder.parent)

    def _record_path(self, target: str) -> Path:
        assert self.folder is not None
        return self.folder / "targets" / f"{target}.json"

    def _record(self, target: str, path: Path | None) -> dict[str, Any] | None:
        """The target's record, written by this code; with ``path``, only if it describes the zip
        now there."""
        if self.folder is None:
            return None
        try:
            record: dict[str, Any] = json.loads(self._record_path(target).read_bytes())
            if record["code"] != code_digest():
                return None
            if path is None:
                return record
            if record["zip"] == path.name and signature(path, trust_recent=True) == record["signature"]:
                return record
        except (OSError, ValueError, TypeError, KeyError):
            pass
        return None


def settings(target: str, course_dir: Path) -> str:
    """What besides files decides a target's zip: the target, the course folder, the environment."""
    parts = (target, str(course_dir.resolve()), *(os.environ.get(name, "") for name in _ENVIRONMENT))
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


_ENVIRONMENT = ("SOURCE_DATE_EPOCH", "PACKAGER_SCHEMA_DIR")


def _read_pickle(path: Path) -> dict[str, Any]:
    """A store's values, if this code wrote them (missing, damaged or outdated: start afresh)."""
    try:
        with path.open("rb") as stream:
            data = pickle.load(stream)
        return dict(data["values"]) if data["code"] == code_digest() else {}
    except Exception:
        return {}


def _write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Replace ``path`` with what ``write`` writes; a cache that cannot be written only slows the
    next build down."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with suppress(OSError):
                os.unlink(temporary)


def _prune(builds: Path) -> None:
    """Keep the caches of the most recently built output folders only."""
    with suppress(OSError):
        folders = sorted(builds.iterdir(), key=lambda folder: folder.stat().st_mtime, reverse=True)
        for folder in folders[KEPT_BUILD_CACHES:]:
            shutil.rmtree(folder, ignore_errors=True)
