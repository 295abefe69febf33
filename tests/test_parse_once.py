"""A lesson's Markdown is parsed once: the loader's tokens are rendered, and they stay out of the
page cache's pickles. The HTML is the same whichever way the lesson came."""

from __future__ import annotations

import pickle

from packager.course.loader import load_course
from packager.course.models import Course, Lesson
from packager.lesson_html import render_markdown
from tests.conftest import SAMPLE_COURSE


def _lessons(course: Course) -> list[Lesson]:
    return [page for page in course.pages if isinstance(page, Lesson)]


def test_the_loaders_tokens_render_as_a_fresh_parse_would() -> None:
    course = load_course(SAMPLE_COURSE)
    for lesson in _lessons(course):
        assert lesson.tokens(), lesson.id
        from_cache = pickle.loads(pickle.dumps(lesson))
        assert from_cache.tokens() is None
        assert render_markdown(lesson, course) == render_markdown(from_cache, course), lesson.id


def test_rendering_leaves_the_tokens_as_parsed() -> None:
    course = load_course(SAMPLE_COURSE)
    lessons = _lessons(course)
    first = [render_markdown(lesson, course) for lesson in lessons]
    assert [render_markdown(lesson, course) for lesson in lessons] == first


def test_the_page_cache_pickle_does_not_carry_the_tokens() -> None:
    course = load_course(SAMPLE_COURSE)
    for lesson in _lessons(course):
        assert lesson.tokens()
        assert b"markdown_it" not in pickle.dumps(lesson), lesson.id


def test_a_copy_with_other_text_is_parsed_again() -> None:
    course = load_course(SAMPLE_COURSE)
    lesson = next(page for page in _lessons(course) if "**" not in page.markdown)
    changed = lesson.model_copy(update={"markdown": lesson.markdown + "\n\n**added**\n"})
    assert changed.tokens() is None
    assert "<strong>added</strong>" in render_markdown(changed, course)
