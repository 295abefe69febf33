"""A Markdown link from one lesson to another lesson's file goes to that page in the course.

The rendered link carries ``data-go`` with the page's location, as the outline's buttons do
(``templates/runtime/app.js`` moves there on click), and an ``href`` to the page's section.
"""

from __future__ import annotations

import pytest
from lxml import html

from packager.course import load_course
from packager.errors import PackagerError
from packager.targets import TARGETS
from tests.conftest import CourseMaker

COURSE = {
    "id": "linked",
    "title": "Linked",
    "lessons": ["lessons/01-intro.md", "lessons/02-media.md"],
}
INTRO = (
    "---\ntitle: Intro\n---\nFirst, [see the media lesson](02-media.md#top), then [the handout](notes.pdf).\n"
)
MEDIA = "---\ntitle: Media\nid: pictures\n---\nBack to [the start](./01-intro.md).\n"


def test_a_link_to_a_lesson_file_goes_to_that_lesson(make_course: CourseMaker) -> None:
    root = make_course(
        COURSE,
        {
            "lessons/01-intro.md": INTRO,
            "lessons/02-media.md": MEDIA,
            "lessons/notes.pdf": b"%PDF-1.4\n%%EOF\n",
        },
    )
    course = load_course(root)
    site = TARGETS["scorm2004-4th"].build(course)
    page = html.fromstring(site.files["index.html"])  # type: ignore[arg-type]
    forward = page.xpath("//a[text()='see the media lesson']")[0]
    assert (forward.get("data-go"), forward.get("href")) == ("lesson:pictures", "#view-lesson-pictures")
    assert forward.get("download") is None
    back = page.xpath("//a[text()='the start']")[0]
    assert back.get("data-go") == "lesson:intro"
    assert page.xpath("//section[@id='view-lesson-pictures']"), "the href names the page's section"
    assert page.xpath("//a[text()='the handout']")[0].get("download") == ""
    assert not any(name.endswith(".md") for name in site.files), "no lesson source ships as a download"


def test_a_link_to_a_lesson_the_course_does_not_list_is_an_error(make_course: CourseMaker) -> None:
    intro = "---\ntitle: Intro\n---\nSee [nothing](04-missing.md).\n"
    media = "---\ntitle: Media\n---\nSee [the draft](03-draft.md) and [the start](01-intro.md).\n"
    root = make_course(
        COURSE, {"lessons/01-intro.md": intro, "lessons/02-media.md": media, "lessons/03-draft.md": MEDIA}
    )
    with pytest.raises(PackagerError) as raised:
        load_course(root)
    assert [str(problem).split(" ", 1)[1] for problem in raised.value.problems] == [
        "link: the file '04-missing.md' does not exist",
        "link: '03-draft.md' links to a lesson the course does not list: add it to 'lessons' in course.yaml, "
        "or link to a page that is",
    ]
