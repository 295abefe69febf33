"""Media referenced from lessons: checked at load time, copied into every package, listed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from packager.archive.writer import write_zip
from packager.course import load_course
from packager.errors import PackagerError
from packager.targets import TARGETS
from tests.conftest import CourseMaker

LESSON = """---
title: Media
---
Intro paragraph.

![A diagram of the referral steps](../media/diagram.png)

![Welcome video](../media/welcome.mp4)

![Interview audio](../media/talk.mp3)

[Download the handout](../media/handout.pdf) and read [an outside page](https://example.org/page).
"""
MEDIA = {
    "media/diagram.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    "media/welcome.mp4": b"\x00\x00\x00\x18ftypmp42" + bytes(100),
    "media/welcome.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome.\n",
    "media/talk.mp3": b"ID3" + bytes(64),
    "media/handout.pdf": b"%PDF-1.4\n%%EOF\n",
}


def media_course(make_course: CourseMaker, lesson: str = LESSON, **extra: str | bytes | None) -> Path:
    return make_course(files={"lessons/01-intro.md": lesson, **MEDIA, **extra})


def test_media_are_packaged_listed_and_rendered(make_course: CourseMaker, tmp_path: Path) -> None:
    course = load_course(media_course(make_course))
    site = TARGETS["scorm12"].build(course)
    for name in MEDIA:
        assert site.files[name] == (Path(course.source_dir) / name).resolve(), name
    manifest = etree.fromstring(site.files["imsmanifest.xml"])  # type: ignore[arg-type]
    listed = {element.get("href") for element in manifest.iter("{*}file")}
    assert set(MEDIA) <= listed
    page = html.fromstring(site.files["index.html"])  # type: ignore[arg-type]
    image = page.xpath("//img")[0]
    assert (image.get("src"), image.get("alt")) == ("media/diagram.png", "A diagram of the referral steps")
    video = page.xpath("//video")[0]
    assert video.get("src") == "media/welcome.mp4" and video.get("controls") is not None
    track = video.xpath("track")[0]
    assert track.get("kind") == "captions"
    assert (track.get("src"), track.get("srclang")) == ("media/welcome.vtt", "en")
    assert page.xpath("//audio/@src") == ["media/talk.mp3"]
    download = page.xpath("//a[@download]")[0]
    assert download.get("href") == "media/handout.pdf"
    outside = page.xpath("//a[@href='https://example.org/page']")[0]
    assert outside.get("rel") == "noopener noreferrer" and outside.get("target") == "_blank"

    archive = tmp_path / "out.zip"
    write_zip(site.files, archive)
    with zipfile.ZipFile(archive) as opened:
        assert opened.read("media/diagram.png") == MEDIA["media/diagram.png"]
        # Already-compressed media are stored, not deflated again.
        assert opened.getinfo("media/welcome.mp4").compress_type == zipfile.ZIP_STORED


def test_every_target_ships_the_media(make_course: CourseMaker) -> None:
    course = load_course(media_course(make_course))
    for target in TARGETS.values():
        assert set(MEDIA) <= set(target.build(course).files), target.name


@pytest.mark.parametrize(
    ("lesson_line", "extra", "message"),
    [
        ("![](../media/diagram.png)", {}, "has no alt text"),
        ("![Missing](../media/nothing.png)", {}, "the file '../media/nothing.png' does not exist"),
        (
            "![Clip](../media/clip.mp4)",
            {"media/clip.mp4": MEDIA["media/welcome.mp4"]},
            "needs captions: add clip.vtt",
        ),
        ("![Remote](https://example.org/x.png)", {}, "is outside the package"),
        ("[Secret](../../secret.txt)", {}, "points outside the course folder"),
        ("![Abs](/etc/passwd.png)", {}, "must be a path relative to the lesson file"),
        (
            "![Spaces](../media/my%20photo.png)",
            {"media/my photo.png": MEDIA["media/diagram.png"]},
            "must be ASCII without spaces",
        ),
    ],
)
def test_bad_media_references_are_build_errors_at_their_line(
    make_course: CourseMaker, lesson_line: str, extra: dict[str, bytes], message: str
) -> None:
    lesson = f"---\ntitle: Media\n---\nFirst line.\n\n{lesson_line}\n"
    root = media_course(make_course, lesson, **extra)
    with pytest.raises(PackagerError) as raised:
        load_course(root)
    problems = raised.value.problems
    assert any(message in problem.message for problem in problems), problems
    located = next(problem for problem in problems if message in problem.message)
    assert located.line == 6
    assert located.file is not None and located.file.name == "01-intro.md"


def test_a_symlink_out_of_the_course_is_refused(make_course: CourseMaker, tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"x")
    root = media_course(make_course, "---\ntitle: Media\n---\n![Linked](../media/linked.png)\n")
    (root / "media" / "linked.png").symlink_to(outside)
    with pytest.raises(PackagerError, match="points outside the course folder"):
        load_course(root)
