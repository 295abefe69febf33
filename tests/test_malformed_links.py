"""Symbolic links out of the course, one test per kind of reference: none of the outside bytes
reaches a package, and each refusal names the reference as the author wrote it. Also media names
that differ only in case.

Neither can live in the ``tests/malformed`` corpus (a checkout may not keep them), so these
courses are made here; the messages are checked exactly, as the corpus checks its own.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.refusals import Refused
from tests.test_malformed import (
    COURSE,
    LESSON,
    QUIZ,
    plain_output,
    write_course,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    plain_output(monkeypatch, tmp_path_factory)


SECRET = b"\x89PNG\r\n\x1a\nSECRET BYTES FROM OUTSIDE THE COURSE"
CLIP = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
"""The first bytes of an MP4 file (enough for the packager's check of what a file holds)."""
VTT = "WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n"


def _lesson(body: str) -> str:
    return f"---\ntitle: Introduction\n---\nHello.\n\n{body}\n"


def _course(parent: Path, body: str, files: dict[str, str | bytes] | None = None) -> Path:
    """The course of one lesson (``body`` after its first paragraph), with ``files`` beside it."""
    return write_course(
        parent, {"course.yaml": COURSE, "lessons/01-intro.md": _lesson(body), **(files or {})}
    )


def _outside(parent: Path) -> Path:
    outside = parent / "outside"
    (outside / "media").mkdir(parents=True)
    (outside / "lessons").mkdir()
    for name in ("photo.png", "talk.mp3", "clip.mp4", "handout.pdf", "clip.vtt"):
        (outside / "media" / name).write_bytes(SECRET)
    (outside / "lessons" / "01-intro.md").write_text(LESSON, "utf-8")
    (outside / "quiz.yaml").write_text(QUIZ, "utf-8")
    return outside


# kind -> (lesson body, the link made in the course (name, target below outside/), the message)
LINKED_FILES = {
    "image": (
        "![A photo](../media/photo.png)",
        ("media/photo.png", "media/photo.png"),
        "course/lessons/01-intro.md:6:12 image: '../media/photo.png' points outside the course folder",
    ),
    "audio": (
        "![A talk](../media/talk.mp3)",
        ("media/talk.mp3", "media/talk.mp3"),
        "course/lessons/01-intro.md:6:11 image: '../media/talk.mp3' points outside the course folder",
    ),
    "video": (
        "![A clip](../media/clip.mp4)",
        ("media/clip.mp4", "media/clip.mp4"),
        "course/lessons/01-intro.md:6:11 image: '../media/clip.mp4' points outside the course folder",
    ),
    "download": (
        "[The handout](../media/handout.pdf)",
        ("media/handout.pdf", "media/handout.pdf"),
        "course/lessons/01-intro.md:6:15 link: '../media/handout.pdf' points outside the course folder",
    ),
}


@pytest.mark.parametrize("kind", sorted(LINKED_FILES))
def test_a_linked_media_file_out_of_the_course_is_refused(
    kind: str, tmp_path: Path, refused: Refused
) -> None:
    body, (name, target), message = LINKED_FILES[kind]
    outside = _outside(tmp_path)
    course = _course(tmp_path, body)
    (course / "media").mkdir()
    (course / name).symlink_to(outside / target)
    if name.endswith(".mp4"):
        (course / "media" / "clip.vtt").write_text(VTT, "utf-8")
    assert refused() == [message]


def test_linked_captions_out_of_the_course_are_refused(tmp_path: Path, refused: Refused) -> None:
    """The leak of issue 19: the video is inside, its .vtt a link to an outside file."""
    outside = _outside(tmp_path)
    course = _course(tmp_path, "![A clip](../media/clip.mp4)", {"media/clip.mp4": CLIP})
    (course / "media" / "clip.vtt").symlink_to(outside / "media" / "clip.vtt")
    assert refused() == [
        "course/lessons/01-intro.md:6:11 image: 'clip.vtt' (the captions of '../media/clip.mp4') points "
        "outside the course folder"
    ]


def test_a_linked_media_folder_out_of_the_course_is_refused(tmp_path: Path, refused: Refused) -> None:
    outside = _outside(tmp_path)
    course = _course(tmp_path, "![A photo](../media/photo.png)\n\n[More](../media/handout.pdf)")
    (course / "media").symlink_to(outside / "media", target_is_directory=True)
    assert refused() == [
        "course/lessons/01-intro.md:6:12 image: '../media/photo.png' points outside the course folder",
        "course/lessons/01-intro.md:8:8 link: '../media/handout.pdf' points outside the course folder",
    ]


def test_a_linked_lessons_folder_and_quiz_out_of_the_course_are_refused(
    tmp_path: Path, refused: Refused
) -> None:
    outside = _outside(tmp_path)
    course = write_course(tmp_path, {"course.yaml": COURSE + "quiz: quiz.yaml\n"})
    (course / "lessons").symlink_to(outside / "lessons", target_is_directory=True)
    (course / "quiz.yaml").symlink_to(outside / "quiz.yaml")
    assert refused() == [
        "course/lessons/01-intro.md: the file lies outside the course folder (through a link)",
        "course/quiz.yaml: the file lies outside the course folder (through a link)",
    ]


def test_links_inside_the_course_are_followed(tmp_path: Path) -> None:
    """A link that stays inside the course is fine: the package holds the file it leads to."""
    from packager.course import load_course

    course = _course(
        tmp_path, "![A clip](../media/clip.mp4)", {"media/clip.mp4": CLIP, "assets/captions.vtt": VTT}
    )
    (course / "media" / "clip.vtt").symlink_to(Path("..") / "assets" / "captions.vtt")
    files = dict(load_course(course).media_files)
    assert files["media/clip.vtt"].read_text("utf-8") == VTT
    assert files["media/clip.vtt"] == (course / "assets" / "captions.vtt").resolve()


def test_media_names_that_differ_only_in_case_are_refused(tmp_path: Path, refused: Refused) -> None:
    """Both would ship, and an LMS on a case-insensitive disk keeps one. (Not in the corpus: a
    checkout on such a disk cannot hold both names either.)"""
    course = write_course(
        tmp_path,
        {
            "course.yaml": COURSE + "  - lessons/02-more.md\n",
            "lessons/01-intro.md": _lesson("![Lower case](../media/a.png)"),
            "lessons/02-more.md": "---\ntitle: More\n---\nMore.\n\n![Upper case](../media/A.png)\n",
            "media/a.png": SECRET,
        },
    )
    if (course / "media" / "A.png").exists():
        pytest.skip("a case-insensitive file system")
    (course / "media" / "A.png").write_bytes(SECRET)
    assert refused() == [
        "course/lessons/02-more.md: 'media/A.png' and 'media/a.png' differ only in case; an LMS on a "
        "case-insensitive disk keeps one of them: rename one"
    ]
