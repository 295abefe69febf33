"""Render a validated course into the files a learner's browser loads (a :class:`Site`).

Every target's page is the same but for a few things the target says in a :class:`PageRuntime`
(its adapter scripts and the origins the page may reach). The pages' own HTML does not depend on
the target, so :func:`render_pages` makes it once per build, reusing what an earlier build made for
pages that did not change (:class:`KeptHtml`).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from markupsafe import Markup

from packager.blocks.assets import BLOCK_STYLESHEET, block_files, block_stylesheet
from packager.blocks.base import BlockType
from packager.blocks.registry import block_types
from packager.course.models import Course, Lesson, Quiz
from packager.i18n.page import PLURAL_SCRIPT, plural_script
from packager.lesson_html import render_markdown
from packager.questions.base import QuestionType
from packager.questions.registry import question_types
from packager.resources import templates_dir
from packager.templating import environment, messages, text_helpers
from packager.theme.css import BRAND_STYLESHEET, brand_context

RUNTIME_CORE = (
    PLURAL_SCRIPT,
    "runtime/i18n.js",
    "runtime/state.js",
    "runtime/random.js",
    "runtime/resume.js",
    "runtime/quiz.js",
    "runtime/quizview.js",
    "runtime/lms/standalone.js",
)
"""Runtime scripts every target ships, in load order (question types' scripts, the target's adapter
scripts and the app follow). Without an LMS, every package runs standalone."""

RUNTIME_APP = "runtime/app.js"
RUNTIME_MENU = "runtime/menu.js"
RUNTIME_SCREENS = "runtime/screens.js"
STYLESHEET = "theme.css"
SCREENS_STYLESHEET = "screens.css"
LAYOUT_STYLESHEETS = ("menu.css", "print.css")
"""The outline as a menu on phones, and the page as it prints: after the blocks' stylesheet."""
QUIZ_STYLESHEET = "quiz.css"


@dataclass
class Site:
    """The package's files, by archive path (forward slashes).

    A file is held as bytes, or as the path of a file on disk (media), which is streamed when the
    package is written.
    """

    files: dict[str, bytes | Path] = field(default_factory=dict)

    def add(self, path: str, content: bytes | str | Path) -> None:
        """Add one file; text is stored as UTF-8."""
        if path in self.files:
            raise ValueError(f"two files would be written at {path}")
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content

    def merge(self, extra: Mapping[str, bytes]) -> None:
        """Add several files."""
        for path, content in extra.items():
            self.add(path, content)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.files))


@dataclass(frozen=True)
class PageRuntime:
    """What a target puts in the learner's page."""

    target: str
    """The target's name, as the runtime configuration gives it."""
    scripts: tuple[str, ...] = ()
    """The target's adapter scripts (helpers first), loaded after the core and before the app."""
    connect_sources: tuple[str, ...] = ()
    """Origins the page may send requests to besides its own (the page's CSP connect-src)."""


class KeptHtml(Protocol):
    """Page HTML kept from earlier builds, by a key that names everything the HTML depends on."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, html: str) -> None: ...


@dataclass(frozen=True)
class RenderedPages:
    """Every page's section of the course page, in course order."""

    html: list[Markup]
    rendered: list[str]
    """The pages rendered now (``lesson:<id>``, ``quiz:<id>``); the others were kept."""


def location(page: Lesson | Quiz) -> str:
    """Where a page is in the course: ``lesson:<id>`` or ``quiz:<id>``."""
    return f"{'quiz' if isinstance(page, Quiz) else 'lesson'}:{page.id}"


def _page_html(page: Lesson | Quiz, course: Course) -> str:
    """A page's section of the course page (templates/lesson.html or quiz.html)."""
    if isinstance(page, Quiz):
        template = environment().get_template("quiz.html")
        html = template.render(quiz=page, course=course, words=messages(course), **text_helpers(course))
    else:
        body = render_markdown(page, course)
        html = environment().get_template("lesson.html").render(lesson=page, html=body)
    return html.removesuffix("\n")


def _page_key(page: Lesson | Quiz, course: Course) -> str:
    """What a page's HTML depends on: the page, the course's mastery score and its interface text,
    and for a quiz the lessons (a locked quiz lists those left to view)."""
    setting = f"{course.mastery_score}\0{course.language}\0{messages(course).digest}"
    if isinstance(page, Quiz):
        setting += "".join(f"\0{lesson.id}\0{lesson.title}" for lesson in course.lessons)
    return hashlib.sha256(f"{setting}\0{page.model_dump_json()}".encode()).hexdigest()


def render_pages(course: Course, kept: KeptHtml | None = None) -> RenderedPages:
    """Every page's HTML: taken from ``kept`` when an earlier build rendered the same page."""
    html: list[Markup] = []
    rendered: list[str] = []
    for page in course.pages:
        key = _page_key(page, course) if kept is not None else ""
        found = kept.get(key) if kept is not None else None
        if found is None:
            found = Markup(_page_html(page, course))
            rendered.append(location(page))
            if kept is not None:
                kept.put(key, found)
        # One copy of each page's HTML in memory: Markup(text) copies the text.
        html.append(found if isinstance(found, Markup) else Markup(found))
    return RenderedPages(html, rendered)


def runtime_config(course: Course, target: str) -> dict[str, Any]:
    """What the runtime needs to know about the course, derived from the models."""
    return {
        "target": target,
        "course": {
            "id": course.id,
            "title": course.title,
            "masteryScore": course.mastery_score,
            "completion": course.completion,
        },
        "pages": course.runtime_pages,
        "i18n": messages(course).runtime(),
    }


def question_scripts(course: Course) -> list[str]:
    """The runtime scripts of the question types the course uses, in first-use order."""
    kinds = question_types()
    used = dict.fromkeys(question.type for quiz in course.quizzes for question in quiz.questions)
    return [kinds[name].script_path for name in used]


def question_helpers(course: Course) -> list[str]:
    """The shared runtime files (scripts and stylesheets) of the question types the course uses."""
    kinds = question_types()
    used = dict.fromkeys(question.type for quiz in course.quizzes for question in quiz.questions)
    return list(dict.fromkeys(helper for name in used for helper in kinds[name].helpers))


def render_site(course: Course, runtime: PageRuntime, pages: Sequence[Markup] | None = None) -> Site:
    """The learner-facing files of one target: the course page, runtime, stylesheet and media.

    ``pages`` is :func:`render_pages`'s HTML, when the build already has it.
    """
    site = Site()
    sections = render_pages(course).html if pages is None else pages
    used = list(dict.fromkeys(block.type for lesson in course.lessons for block in lesson.blocks))
    block_scripts, block_sheets = block_files(used)
    helpers = question_helpers(course)
    helper_scripts = [path for path in helpers if path.endswith(".js")]
    helper_sheets = [path for path in helpers if not path.endswith(".js")]
    scripts = [
        *RUNTIME_CORE,
        *helper_scripts,
        *question_scripts(course),
        *block_scripts,
        *runtime.scripts,
        RUNTIME_MENU,
        RUNTIME_SCREENS,
        RUNTIME_APP,
    ]
    for script in scripts:
        site.add(script, plural_script(messages(course)) if script == PLURAL_SCRIPT else _static(script))
    quiz_sheets = [QUIZ_STYLESHEET] if course.quizzes else []
    for sheet in (STYLESHEET, SCREENS_STYLESHEET, *quiz_sheets, *helper_sheets):
        site.add(sheet, _static(sheet))
    if block_sheets:
        site.add(BLOCK_STYLESHEET, block_stylesheet(used))
    for sheet in LAYOUT_STYLESHEETS:
        site.add(sheet, _static(sheet))
    author_sheets = add_theme(site, course)
    # Written piece by piece as UTF-8: the whole page never sits in memory as text as well as bytes.
    page = io.BytesIO()
    pieces = (
        environment()
        .get_template("layout.html")
        .generate(
            course=course,
            pages=list(zip(course.pages, sections, strict=True)),
            config=runtime_config(course, runtime.target),
            scripts=scripts,
            stylesheets=[
                STYLESHEET,
                BRAND_STYLESHEET,
                SCREENS_STYLESHEET,
                *quiz_sheets,
                *helper_sheets,
                *block_sheets,
                *LAYOUT_STYLESHEETS,
                *author_sheets,
            ],
            connect_sources=runtime.connect_sources,
            direction=course.direction,
            **text_helpers(course),
        )
    )
    for piece in pieces:
        page.write(piece.encode("utf-8"))
    site.add("index.html", page.getvalue())
    for package_path, source in sorted(course.media_files.items()):
        site.add(package_path, source)
    for package_path, source in sorted(course.theme_files.items()):
        if package_path not in site.files:  # a lesson may show the logo too
            site.add(package_path, source)
    return site


def add_theme(site: Site, course: Course) -> list[str]:
    """Add the colours and fonts (brand.css: the theme's, or the built-in ones); the author's stylesheet."""
    css = environment().get_template(BRAND_STYLESHEET).render(**brand_context(course.theme))
    site.add(BRAND_STYLESHEET, css)
    return [course.theme.stylesheet] if course.theme and course.theme.stylesheet else []


def _static(relative: str) -> bytes:
    """A runtime file or the stylesheet: from the templates, or from a question type's or block's plug-in."""
    kinds: list[QuestionType | BlockType] = [*question_types().values(), *block_types().values()]
    kind = next((kind for kind in kinds if kind.script_path == relative), None)
    return kind.script.encode("utf-8") if kind else (templates_dir() / relative).read_bytes()
