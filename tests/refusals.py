"""A build that must be refused: it exits 1, prints only located messages and their count, and
leaves the previous build as it was. The ``refused`` fixture runs it on ``tmp_path/course``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import pytest

from packager.archive.writer import write_zip
from packager.cli import main
from packager.targets import TARGETS


class Refused(Protocol):
    """The ``refused`` fixture: ``packager build ARGS`` (default ``course -o build``) run in ``cwd``
    (default ``tmp_path``) must be refused; the messages."""

    def __call__(self, *args: str, cwd: Path | None = None) -> list[str]: ...


COURSE_ID = "broken-course"
"""Every case that has an id uses this one, so a build would overwrite the previous zips."""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder``, hidden ones (temporary files) included."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


@pytest.fixture
def previous_build(tmp_path: Path) -> dict[str, bytes]:
    return make_previous_build(tmp_path)


def make_previous_build(tmp_path: Path) -> dict[str, bytes]:
    """A build folder holding a zip for every target under the name a new build would write."""
    for name in TARGETS:
        write_zip(
            {"index.html": f"previous {name} build\n".encode()},
            tmp_path / "build" / f"{COURSE_ID}-{name}.zip",
        )
    before = snapshot(tmp_path / "build")
    assert len(before) == len(TARGETS)
    return before


def build_fails(
    tmp_path: Path,
    previous: dict[str, bytes],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: Sequence[str] = (),
    cwd: Path | None = None,
) -> list[str]:
    """Run ``packager build ARGS`` in-process in ``cwd`` (default ``tmp_path``); check the failure
    (the previous build in ``tmp_path/build`` is kept); return the messages."""
    monkeypatch.chdir(cwd or tmp_path)
    code = main(["build", *(args or ("course", "-o", "build"))])
    captured = capsys.readouterr()
    return failure_messages(code, captured.out, captured.err, tmp_path, previous)


def failure_messages(code: int, out: str, err: str, tmp_path: Path, previous: dict[str, bytes]) -> list[str]:
    assert code == 1, err
    assert "Traceback" not in err
    assert out == ""
    messages = [line.removeprefix("error: ") for line in err.splitlines() if line.startswith("error: ")]
    count = len(messages)
    assert err.splitlines()[-1] == f"{count} problem{'s' if count != 1 else ''} found; nothing was written."
    assert len(err.splitlines()) == count + 1, "every line is one message, then the count"
    assert snapshot(tmp_path / "build") == previous, "the previous build changed"
    return messages


@pytest.fixture
def refused(
    tmp_path: Path,
    previous_build: dict[str, bytes],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Refused:
    """Build ``tmp_path/course`` into ``tmp_path/build`` (which holds a previous build): it must be
    refused; the messages, as printed without ``error:``."""

    def run(*args: str, cwd: Path | None = None) -> list[str]:
        return build_fails(
            tmp_path, previous_build, capsys, monkeypatch, args or ("course", "-o", "build"), cwd
        )

    return run
