"""Incremental builds: what one build keeps so that the next one does only what changed.

The cache of an output folder lives in the user cache (``$PACKAGER_CACHE_DIR``, else
``$XDG_CACHE_HOME/scorm-course-packager``, under ``builds/<hash of the output folder>``), never
beside the zips. It holds:

* ``pages/``: lessons and quizzes as loaded from their files, by a hash of the file's bytes
  (and of the files a lesson references, by signature), so unchanged pages are not parsed again;
* ``lessons/``: the HTML of lessons and quizzes, by the page's key above and the signatures of
  the files it references, so unchanged pages are not rendered again (both are kept in sixteen
  pickles, by the first digit of the key, so that one changed lesson rewrites one of them);
* ``checks.json``: the generated files (manifests, cmi5.xml) that passed their checks, by a hash
  of their bytes and of the package's file names, so the same manifest is not validated again;
* ``targets/<target>.json``: for each target's zip, the signature of every input it was built
  from and where each entry's compressed bytes sit in it. A target none of whose inputs changed
  keeps its zip (it was validated when written); otherwise unchanged entries are copied raw
  from the previous zip instead of being read and compressed again.

Every key also holds a hash of the packager's own code and templates and of the libraries that
shape the output, so a new version never reuses stale work (the hash itself is kept in
``code-digest.json`` at the cache's root, see :func:`code_digest`). Caches only save work: a build
gives the same bytes with them as without them. A file changed in the last two seconds is never
trusted by its signature alone (see :mod:`packager.filestate`).

Finding that nothing changed must stay quick, so the course models and the renderer are imported
only by the methods that load or render.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Hashable, Iterator, Mapping, MutableSet
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from packager import __version__
from packager.archive import EntryRecord, PreviousZip
from packager.filestate import signature
from packager.resources import cache_root, templates_dir

if TYPE_CHECKING:
    from markupsafe import Markup

    from packager.course import Course
    from packager.targets.base import Target

FORMAT = 2
"""Bumped when the layout of the cache changes."""
KEPT_BUILD_CACHES = 16
"""The user cache keeps this many output folders' caches, the most recently used."""
LIBRARIES = ("jinja2", "markdown-it-py", "mdit-py-plugins", "pydantic", "pydantic-core", "lxml", "PyYAML")
"""Libraries whose version can change the output."""

SHARD_DIGITS = "0123456789abcdef"
"""The page and lesson stores are split by the first hex digit of their (hashed) keys."""
SETTINGS = "settings"
"""The key of the settings' hash among a target's inputs (the others are file paths)."""

T = TypeVar("T")
Load = Callable[..., T]


@functools.cache
def code_digest() -> str:
    """A hash of everything besides the course that shapes the output: code, templates, libraries.

    Reading every file of the packager and asking each library's version takes a while, so the
    hash is kept in the user cache with a fingerprint of what it was computed from: the stat
    signatures of those files and of the folders packages are installed in (installing or
    upgrading one changes its folder). Only a different fingerprint computes it again.
    """
    fingerprint = _code_fingerprint()
    memo = cache_root() / "code-digest.json"
    if fingerprint is not None:
        with suppress(OSError, ValueError, TypeError, KeyError):
            known = json.loads(memo.read_bytes())
            if known["fingerprint"] == fingerprint:
                return str(known["digest"])
    from importlib import metadata  # slow to import: only when the code changed

    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0".encode())
    for name in LIBRARIES:
        with suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}={metadata.version(name)}\0".encode())
    for folder, path in _code_files():
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    result = digest.hexdigest()
    if fingerprint is not None:
        encoded = json.dumps({"fingerprint": fingerprint, "digest": result}).encode()
        _write_atomically(memo, lambda stream: stream.write(encoded))
    return result


def _code_files() -> Iterator[tuple[Path, Path]]:
    """(folder, file) for every file of the packager's code and templates, in a fixed order."""
    for folder in (Path(__file__).resolve().parent, templates_dir()):
        for path in sorted(folder.rglob("*")):
            if "__pycache__" not in path.parts and path.is_file():
                yield folder, path


def _code_fingerprint() -> str | None:
    """What :func:`code_digest` depends on, by stat signatures (None: something changed just now)."""
    parts = [f"{FORMAT}\0{__version__}\0{sys.version}\0{sys.prefix}"]
    parts += [str(path) + "\0" + str(signature(path)) for _, path in _code_files()]
    installed = [entry for entry in sys.path if os.path.basename(entry) in ("site-packages", "dist-packages")]
    parts += [entry + "\0" + str(signature(entry)) for entry in installed]
    if any(part.endswith("\0None") for part in parts):
        return None
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _settings(target_name: str, course_dir: Path) -> str:
    """What besides files decides a target's zip: the target, the course folder, the environment."""
    return _hash(
        target_name,
        str(course_dir.resolve()),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        os.environ.get("PACKAGER_SCHEMA_DIR", ""),
    )


_JSON = json.JSONEncoder(default=str)
"""``json.dumps(part, default=str)``, without making an encoder for each call."""


def _hash(*parts: object) -> str:
    """A key from the packager's code and ``parts``: text as is (quick for long Markdown), anything
    else as JSON; each part is prefixed by its length, so no two lists of parts give one key."""
    digest = hashlib.sha256(code_digest().encode())
    for part in parts:
        data = f"s{part}" if isinstance(part, str) else f"j{_JSON.encode(part)}"
        encoded = data.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "little"))
        digest.update(encoded)
    return digest.hexdigest()


class BuildCache:
    """The cache of one output folder; ``BuildCache(None)`` caches nothing (a clean build)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._pages: dict[str, bytes] | None = None
        self._lessons: dict[str, str] | None = None
        self._used_pages: dict[str, bytes] = {}
        self._used_lessons: dict[str, str] = {}
        self._page_origins: dict[int, tuple[object, str, dict[str, str | None]]] = {}
        self._signatures: dict[str, str | None] = {}
        self._checks: set[str] | None = None
        self._used_checks: set[str] = set()
        self._records: dict[str, dict[str, Any] | None] = {}

    @classmethod
    def for_output(cls, output: Path) -> BuildCache:
        """The cache of the zips written to ``output``."""
        key = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:24]
        return cls(cache_root() / "builds" / key)

    # Loading and rendering

    def load_course(self, course_dir: Path) -> Course:
        """Load the course, reusing the pages whose files did not change."""
        from packager.course import load_course

        if self.folder is None:
            return load_course(course_dir)
        _real_folder.cache_clear()  # folders are resolved again for each build
        return load_course(course_dir, reuse=self.reuse_pages)

    def reuse_pages(self, load: Load[T]) -> Load[T]:
        """Wrap a page loader ``load(folder, path, ...)``: an unchanged file's page comes from the cache."""
        from packager.course.loader import MAX_TEXT_FILE_BYTES

        @functools.wraps(load)
        def cached(folder: Any, path: Path, *args: Any, **kwargs: Any) -> T:
            try:
                # Only a regular file (not a link) of a sane size is read here: a pipe would block
                # for ever, and a link is checked by the loader.
                state = os.lstat(path)
                if not stat.S_ISREG(state.st_mode) or state.st_size > MAX_TEXT_FILE_BYTES:
                    return load(folder, path, *args, **kwargs)  # the loader reports the problem
                content = path.read_bytes()
                real = os.path.join(_real_folder(str(path.parent)), path.name)
                key = _hash(
                    load.__qualname__,
                    _folder_repr(folder),
                    str(path),
                    real,
                    args,
                    sorted(kwargs.items()),
                    hashlib.sha256(content).hexdigest(),
                )
            except (OSError, ValueError, RuntimeError):
                return load(folder, path, *args, **kwargs)  # the loader reports the problem
            stored = self._page_store().get(key)
            if stored is not None:
                restored = _restore_page(stored, self.signature)
                if restored is not None:
                    dependencies, page = restored
                    self._used_pages[key] = stored
                    self._page_origins[id(page)] = (page, key, dependencies)
                    return page  # type: ignore[no-any-return]
            page = load(folder, path, *args, **kwargs)
            dependencies = {str(file): self.signature(file) for file in _referenced_files(page)}
            if None not in dependencies.values():
                self._used_pages[key] = pickle.dumps((dependencies, page), pickle.HIGHEST_PROTOCOL)
                self._page_origins[id(page)] = (page, key, dependencies)
            return page

        return cached

    @contextmanager
    def rendering(self) -> Iterator[None]:
        """Within this block, the HTML an earlier build rendered for unchanged pages is reused, and
        a generated file that passed its checks in an earlier build is not checked again."""
        from packager.render import RENDERED_PAGES
        from packager.targets.base import PASSED_CHECKS

        if self.folder is None:
            yield
            return
        pages, checks = RENDERED_PAGES.set(_PageHtml(self)), PASSED_CHECKS.set(_PassedChecks(self))
        try:
            yield
        finally:
            PASSED_CHECKS.reset(checks)
            RENDERED_PAGES.reset(pages)

    # Zips

    def target_inputs(self, target: Target, course: Course, course_dir: Path) -> dict[str, str | None]:
        """The signature of every file the target's zip is built from, and of the settings that matter."""
        files = [course.source_dir / "course.yaml"]
        files += [page.source for page in course.pages]
        files += list(course.media_files.values())
        inputs: dict[str, str | None] = {str(path): self.signature(path) for path in files}
        inputs[SETTINGS] = _settings(target.name, course_dir)
        return inputs

    def unchanged_zip(self, target_name: str, output: Path, course_dir: Path) -> Path | None:
        """The target's zip in ``output``, if none of its inputs changed since it was built."""
        record = self._record(target_name)
        if record is None:
            return None
        path = output / record["zip"]
        inputs: dict[str, str | None] = record["inputs"]
        if None in inputs.values() or signature(path, trust_recent=True) != record["signature"]:
            return None
        current = {name: self.signature(name) for name in inputs if name != SETTINGS}
        current[SETTINGS] = _settings(target_name, course_dir)
        return path if current == inputs else None

    def previous_zip(self, target: Target, path: Path) -> PreviousZip | None:
        """The target's previous zip at ``path``, if it is still the one the cache describes."""
        record = self._record(target.name)
        if record is None or record["zip"] != path.name or record.get("code") != code_digest():
            return None  # another zip, or written by other code (which may compress differently)
        if signature(path, trust_recent=True) != record["signature"]:
            return None
        entries = {
            name: EntryRecord(**{**fields, "blocks": tuple(map(tuple, fields.get("blocks", ())))})
            for name, fields in record["entries"].items()
        }
        return PreviousZip(path, entries)

    def remember_zip(
        self, target: Target, course: Course, path: Path, course_dir: Path, entries: Mapping[str, EntryRecord]
    ) -> None:
        """Record what the zip just written at ``path`` was built from, and where its entries are."""
        if self.folder is None:
            return
        record = {
            "zip": path.name,
            "code": code_digest(),
            "signature": signature(path, trust_recent=True),
            "inputs": self.target_inputs(target, course, course_dir),
            "entries": {name: vars(entry) for name, entry in entries.items()},
        }
        encoded = json.dumps(record).encode()
        self._records.pop(target.name, None)
        _write_atomically(self._record_path(target.name), lambda stream: stream.write(encoded))

    def forget_zip(self, target: Target) -> None:
        """Drop the target's record (before its zip is replaced, in case the build fails half-way)."""
        if self.folder is not None:
            self._records.pop(target.name, None)
            self._record_path(target.name).unlink(missing_ok=True)

    def signature(self, path: Path | str) -> str | None:
        """A file's signature as this build first saw it (see :func:`packager.filestate.signature`).

        Asked once per build: the record of a zip then holds the state of its inputs from before
        they were read, so a file changed during the build is noticed by the next one.
        """
        key = os.fspath(path)
        if key not in self._signatures:
            self._signatures[key] = signature(key)
        return self._signatures[key]

    def save(self) -> None:
        """Keep the pages and lesson HTML this build used (and only those) for the next build."""
        if self.folder is None:
            return
        for name, used, stored in (
            ("pages", self._used_pages, self._pages),
            ("lessons", self._used_lessons, self._lessons),
        ):
            if used:
                _write_shards(self.folder / name, used, stored or {})
        if self._used_checks != self._check_store():
            checks = json.dumps(sorted(self._used_checks)).encode()
            _write_atomically(self.folder / "checks.json", lambda stream: stream.write(checks))
        with suppress(OSError):
            os.utime(self.folder)  # most recently used: pruned last
        _prune(self.folder.parent)

    # Internals

    def _page_store(self) -> dict[str, bytes]:
        if self._pages is None:
            self._pages = _read_shards(self._file("pages"))
        return self._pages

    def _check_store(self) -> set[str]:
        if self._checks is None:
            self._checks = set()
            path = self._file("checks.json")
            with suppress(OSError, ValueError, TypeError):
                self._checks = {str(key) for key in json.loads(path.read_bytes())} if path else set()
        return self._checks

    def _lesson_store(self) -> dict[str, str]:
        if self._lessons is None:
            self._lessons = _read_shards(self._file("lessons"))
        return self._lessons

    def _file(self, name: str) -> Path | None:
        return None if self.folder is None else self.folder / name

    def _record_path(self, target_name: str) -> Path:
        assert self.folder is not None
        return self.folder / "targets" / f"{target_name}.json"

    def _record(self, target_name: str) -> dict[str, Any] | None:
        if target_name not in self._records:
            self._records[target_name] = self._read_record(target_name)
        return self._records[target_name]

    def _read_record(self, target_name: str) -> dict[str, Any] | None:
        if self.folder is None:
            return None
        try:
            record: dict[str, Any] = json.loads(self._record_path(target_name).read_bytes())
        except (OSError, ValueError):
            return None
        complete = isinstance(record, dict) and {"zip", "signature", "inputs", "entries"} <= set(record)
        return record if complete else None


class _PageHtml:
    """Page HTML, by where the page came from and a variant (see :data:`packager.render.RENDERED_PAGES`).

    A page loaded through :meth:`BuildCache.reuse_pages` is identified by its cache key (its file's
    bytes, among others) and the signatures of the files it references: together they decide the
    page, so hashing them is enough, and much quicker than hashing the page. A page with no such
    origin (a file changed just now) is rendered each time.
    """

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        # Each target of a build asks again: the keys and the HTML found are kept meanwhile.
        self._keys: dict[tuple[int, str], str] = {}
        self._found: dict[str, Markup] = {}

    def get(self, page: object, variant: str) -> Markup | None:
        from markupsafe import Markup

        key = self._key(page, variant)
        if key is None:
            return None
        found = self._found.get(key)
        if found is None:
            html = self.cache._used_lessons.get(key)
            if html is None:
                html = self.cache._lesson_store().get(key)
                if html is None:
                    return None
                self.cache._used_lessons[key] = html
            found = self._found[key] = Markup(html)
        return found

    def put(self, page: object, variant: str, html: Markup) -> None:
        key = self._key(page, variant)
        if key is not None:
            self._found[key] = html
            self.cache._used_lessons[key] = str.__str__(html)  # kept as plain text

    def _key(self, page: object, variant: str) -> str | None:
        # The origin holds the page, so its id stays its own for the whole build.
        origin = self.cache._page_origins.get(id(page))
        if origin is None or origin[0] is not page:
            return None
        key = self._keys.get((id(page), variant))
        if key is None:
            _, page_key, dependencies = origin
            key = _hash("page html", page_key, sorted(dependencies.items()), variant)
            self._keys[id(page), variant] = key
        return key


@functools.lru_cache(maxsize=16)
def _folder_repr(folder: Hashable) -> str:
    """The loader's folder (a frozen :class:`~packager.course.loader.CourseFolder`) as part of a
    page's key: the same for every page of a course, so it is written out once."""
    return repr(folder)


@functools.lru_cache(maxsize=64)
def _real_folder(folder: str) -> str:
    """The folder with every link resolved (asked once per folder: the lessons share one)."""
    return os.path.realpath(folder)


class _PassedChecks(MutableSet[str]):
    """Generated files that passed their checks (see :func:`packager.targets.base.check_generated`),
    kept hashed with the packager's code and the XSDs' folder."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache

    def __contains__(self, key: object) -> bool:
        hashed = self._key(str(key))
        if hashed in self.cache._used_checks:
            return True
        if hashed in self.cache._check_store():
            self.cache._used_checks.add(hashed)
            return True
        return False

    def add(self, key: str) -> None:
        self.cache._used_checks.add(self._key(key))

    def discard(self, key: str) -> None:
        self.cache._used_checks.discard(self._key(key))

    def __iter__(self) -> Iterator[str]:
        return iter(())  # keys are hashed: they cannot be listed

    def __len__(self) -> int:
        return len(self.cache._used_checks)

    @staticmethod
    def _key(key: str) -> str:
        return _hash("passed checks", key, os.environ.get("PACKAGER_SCHEMA_DIR", ""))


def _referenced_files(page: object) -> list[Path]:
    from packager.course import Lesson

    return list(page.media_files.values()) if isinstance(page, Lesson) else []


def _restore_page(
    stored: bytes, signature: Callable[[str], str | None]
) -> tuple[dict[str, str | None], Any] | None:
    """The cached page and its dependencies, if every file it references is unchanged (else None:
    load it again)."""
    try:
        dependencies, page = pickle.loads(stored)
    except Exception:  # a damaged or outdated entry is only a miss
        return None
    if any(signature(name) != state for name, state in dependencies.items()):
        return None
    return dependencies, page


def _read_shards(folder: Path | None) -> dict[str, Any]:
    """A store of hashed keys, kept as one pickle per first hex digit of the key: a build that
    changes one entry rewrites a sixteenth of it."""
    store: dict[str, Any] = {}
    if folder is not None:
        for digit in SHARD_DIGITS:
            store.update(_read_pickle(folder / f"{digit}.pickle"))
    return store


def _write_shards(folder: Path, used: Mapping[str, Any], stored: Mapping[str, Any]) -> None:
    """Write the shards whose entries differ from what was read."""
    before, now = _by_shard(stored), _by_shard(used)
    for digit in SHARD_DIGITS:
        if now[digit] != before[digit]:
            dump = functools.partial(pickle.dump, now[digit], protocol=pickle.HIGHEST_PROTOCOL)
            _write_atomically(folder / f"{digit}.pickle", dump)


def _by_shard(store: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    shards: dict[str, dict[str, Any]] = {digit: {} for digit in SHARD_DIGITS}
    for key, value in store.items():
        shards.get(key[:1], shards["0"])[key] = value
    return shards


def _read_pickle(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            data = pickle.load(stream)
    except Exception:  # missing, damaged or outdated: start afresh
        return {}
    return data if isinstance(data, dict) else {}


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
