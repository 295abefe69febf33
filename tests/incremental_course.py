"""Shared by the incremental build's tests: a course with media, a private cache, builds to compare.

Its fixtures (``isolated_cache``, ``course_dir``) are registered in conftest.py; a module's tests use
``isolated_cache`` through ``pytestmark``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from packager import BuildReport, build, filestate
from packager.cli import main

LESSON = """---
title: Media
---
Intro paragraph with **emphasis**.

![A diagram of the referral steps](../media/diagram.png)

![Welcome video](../media/welcome.mp4)

[Download the handout](../media/handout.pdf)
"""
SECOND = "---\ntitle: Second\n---\nThe second lesson.\n"
COURSE = {
    "id": "demo-course",
    "title": "Demo course",
    "lessons": ["lessons/01-intro.md", "lessons/02-second.md"],
}
MEDIA: dict[str, str | bytes | None] = {
    "media/diagram.png": b"\x89PNG\r\n\x1a\n" + os.urandom(3000),
    "media/welcome.mp4": b"\x00\x00\x00\x18ftypmp42" + os.urandom(5000),
    "media/welcome.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome.\n",
    "media/handout.pdf": b"%PDF-1.4\n" + os.urandom(2000) + b"%%EOF\n",
}
ZIP = "demo-course-scorm12.zip"


@pytest.fixture(name="isolated_cache")
def fixture_isolated_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A private cache; files count as settled at once (tests change files within two seconds)."""
    monkeypatch.setenv("PACKAGER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(filestate, "RACY_NS", 0)


@pytest.fixture(name="course_dir")
def fixture_course_dir(make_course: Callable[..., Path]) -> Path:
    return make_course(COURSE, files={"lessons/01-intro.md": LESSON, "lessons/02-second.md": SECOND, **MEDIA})


def build_zip(course: Path, out: Path, *extra: str) -> bytes:
    assert main(["build", str(course), "-o", str(out), "-t", "scorm12", "-q", *extra]) == 0
    return (out / ZIP).read_bytes()


def clean_build(course: Path, tmp_path: Path) -> bytes:
    """The zip a first build, with no cache and no previous zip, writes."""
    return build_zip(course, tmp_path / "clean", "--no-cache")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def rebuild(course: Path, out: Path, target: str = "scorm12") -> BuildReport:
    """An incremental build through the library function, as the command runs it."""
    return build(course, out, [target])
