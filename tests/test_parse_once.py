"""A lesson's Markdown is parsed once: rendering takes the loader's tokens (and lets them go), and
they stay out of the page cache's pickles. The HTML is the same whichever way the lesson came."""

from __future__ import annotations

import pickle

from packager.course.loader import load_course
from packager.course.models import Course, Lesson
from packager.lesson_html import render_markdown
from tests.conftest import SAMPLE_COURSE


def _lessons(course: Course) -> list[Lesson]:
    return [page for page in course.pages if isinstance(page, Lesson)]


def test_rendering_takes_the_loaders_tokens_and_writes_what_a_fresh_parse_would() -> None:
    course = load_course(SAMPLE_COURSE)
    for lesson in _lessons(course):
        from_cache = pickle.loads(pickle.dumps(lesson))
        html = render_markdown(lesson, course)
        assert lesson.take_tokens() is None, "rendering took the tokens and let them go"
        assert from_cache.take_tokens() is None, "a lesson from the page cache has none"
        assert html == render_markdown(from_cache, course), lesson.id


def test_rendering_again_writes_the_same() -> None:
    course = load_course(SAMPLE_COURSE)
    lessons = _lessons(course)
    first = [render_markdown(lesson, course) for lesson in lessons]
    assert [render_markdown(lesson, course) for lesson in lessons] == first


def test_the_page_cache_pickle_does_not_carry_the_tokens() -> None:
    course = load_course(SAMPLE_COURSE)
    for lesson in _lessons(course):
        assert b"markdown_it" not in pickle.dumps(lesson), lesson.id
        assert lesson.take_tokens(), "the lesson held its tokens while it was pickled"


def test_a_copy_with_other_text_is_parsed_again() -> None:
    course = load_course(SAMPLE_COURSE)
    lesson = next(page for page in _lessons(course) if "**" not in page.markdown)
    changed = lesson.model_copy(update={"markdown": lesson.markdown + "\n\n**added**\n"})
    assert changed.take_tokens() is None
    assert "<strong>added</strong>" in render_markdown(changed, course)
