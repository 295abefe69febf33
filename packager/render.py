"""Render a validated course into the files a learner's browser loads (a :class:`Site`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from types import MethodType
from typing import TYPE_CHECKING, Any, Protocol

import jinja2
import jinja2.bccache
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup

from packager.course import Course, Lesson, Quiz
from packager.course.media import is_external, media_kind, new_markdown_parser
from packager.resources import cache_root, templates_dir

if TYPE_CHECKING:
    from packager.targets.base import Target

RUNTIME_CORE = (
    "runtime/state.js",
    "runtime/random.js",
    "runtime/resume.js",
    "runtime/quiz.js",
    "runtime/lms/standalone.js",
)
"""Runtime scripts every target ships, in load order (question graders, the target's adapter
helpers and its adapter follow). Without an LMS, every package runs standalone."""

RUNTIME_APP = "runtime/app.js"
STYLESHEET = "theme.css"


@dataclass
class Site:
    """The package's files, by archive path (forward slashes).

    A file is held as bytes, or as the path of a file on disk (media), which is streamed when the
    package is written.
    """

    files: dict[str, bytes | Path] = field(default_factory=dict)
    split_at: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Where the parts of a large file start (the page's sections): the zip deflates it in blocks
    cut between parts, so that a change to one part leaves the other blocks as they were."""

    def add(self, path: str, content: bytes | str | Path) -> None:
        """Add one file; text is stored as UTF-8."""
        if path in self.files:
            raise ValueError(f"two files would be written at {path}")
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.files))


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment: autoescape on, undefined names are errors; templates compiled once
    are kept in the user cache (Jinja2 checks each against its source before using it)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        bytecode_cache=_compiled_templates(),
        auto_reload=False,  # the packager's own templates do not change while it runs
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # tojson's output is unchanged; the runtime configuration, made of plain lists and dicts, has
    # no cycle to look for (a large course's is a megabyte of JSON).
    env.policies["json.dumps_kwargs"] = {**env.policies["json.dumps_kwargs"], "check_circular": False}
    return env


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates in the user cache; a cache that cannot be read or written only means
    compiling again."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Where compiled templates are kept; None (compile every time) when that cannot be written."""
    folder = cache_root() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(str(folder))


@cache
def _markdown() -> MarkdownIt:
    """CommonMark with raw HTML escaped; local media and links point into the package."""
    parser = new_markdown_parser()
    renderer = parser.renderer
    assert isinstance(renderer, RendererHTML)
    default_image = renderer.rules["image"]

    def image(self: Any, tokens: list[Token], index: int, options: Any, env: dict[str, Any]) -> str:
        token = tokens[index]
        source = str(token.attrs.get("src", ""))
        kind = media_kind(source)
        package_path = env["media"].get(source, source)
        if kind in ("video", "audio"):
            return (
                environment()
                .get_template(f"media/{kind}.html")
                .render(
                    src=package_path,
                    captions=str(PurePosixPath(package_path).with_suffix(".vtt")),
                    alt=token.content,
                    title=token.attrs.get("title"),
                    language=env["language"],
                )
            )
        token.attrs["src"] = package_path
        return str(default_image(tokens, index, options, env))

    def link_open(self: Any, tokens: list[Token], index: int, options: Any, env: dict[str, Any]) -> str:
        token = tokens[index]
        href = str(token.attrs.get("href", ""))
        if href in env["media"]:
            token.attrs["href"] = env["media"][href]
            token.attrs["download"] = ""
        elif is_external(href):
            token.attrs["target"] = "_blank"
            token.attrs["rel"] = "noopener noreferrer"
        return str(self.renderToken(tokens, index, options, env))

    renderer.rules["image"] = MethodType(image, renderer)
    renderer.rules["link_open"] = MethodType(link_open, renderer)
    return parser


class PageHtml(Protocol):
    """Where the HTML of pages rendered before is kept (see :data:`RENDERED_PAGES`)."""

    def get(self, page: Lesson | Quiz, variant: str) -> Markup | None:
        """The page's HTML for ``variant``, if it was rendered before."""

    def put(self, page: Lesson | Quiz, variant: str, html: Markup) -> None:
        """Keep the page's HTML for ``variant``."""


RENDERED_PAGES: ContextVar[PageHtml | None] = ContextVar("RENDERED_PAGES", default=None)
"""Page HTML, when set: the incremental build (:mod:`packager.incremental`) sets it to reuse the HTML
of pages that did not change: each page's whole section. The variant holds what besides the page
its HTML depends on: the course's language for a lesson, the mastery score for a quiz."""


def _page_html_of(page: Lesson | Quiz, variant: str, render: Callable[[], str]) -> Markup:
    """The page's HTML: kept from an earlier build, or rendered now (and kept)."""
    rendered = RENDERED_PAGES.get()
    html = None if rendered is None else rendered.get(page, variant)
    if html is None:
        html = Markup(render())
        if rendered is not None:
            rendered.put(page, variant, html)
    return html


def render_markdown(lesson: Lesson, language: str) -> Markup:
    """A lesson's Markdown as HTML; author HTML is escaped, media come from templates/media/."""
    env = {"media": lesson.media_references, "language": language}
    return Markup(_markdown().render(lesson.markdown, env))


def render_lesson(lesson: Lesson, course: Course) -> Markup:
    """A lesson's section of the page (templates/lesson.html), without its final newline."""
    return _page_html_of(lesson, f"lesson {course.language}", lambda: _lesson_html(lesson, course))


def render_quiz(quiz: Quiz, course: Course) -> Markup:
    """A quiz's section of the page (templates/quiz.html), without its final newline."""
    return _page_html_of(quiz, f"quiz {course.mastery_score}", lambda: _quiz_html(quiz, course))


def _lesson_html(lesson: Lesson, course: Course) -> str:
    html = render_markdown(lesson, course.language)
    return environment().get_template("lesson.html").render(lesson=lesson, html=html).removesuffix("\n")


def _quiz_html(quiz: Quiz, course: Course) -> str:
    return environment().get_template("quiz.html").render(quiz=quiz, course=course).removesuffix("\n")


def _page_html(page: Lesson | Quiz, course: Course) -> Markup:
    return render_quiz(page, course) if isinstance(page, Quiz) else render_lesson(page, course)


def runtime_config(course: Course, target: Target) -> dict[str, Any]:
    """What the runtime needs to know about the course, derived from the models."""
    return {
        "target": target.name,
        "course": {
            "id": course.id,
            "title": course.title,
            "masteryScore": course.mastery_score,
            "completion": course.completion,
        },
        "pages": course.runtime_pages,
    }


def question_types(course: Course) -> list[str]:
    """The question types the course uses, in first-use order."""
    used: list[str] = []
    for quiz in course.quizzes:
        for question in quiz.questions:
            if question.type_name not in used:
                used.append(question.type_name)
    return used


def render_site(course: Course, target: Target) -> Site:
    """Render the learner-facing files shared by every target, with the target's runtime adapter."""
    site = Site()
    scripts = [
        *RUNTIME_CORE,
        *(f"runtime/questions/{name}.js" for name in question_types(course)),
        *target.adapter_helpers,
        *([target.adapter_script] if target.adapter_script else []),
        RUNTIME_APP,
    ]
    for script in scripts:
        site.add(script, _static(script))
    site.add(STYLESHEET, _static(STYLESHEET))
    page = (
        environment()
        .get_template("layout.html")
        .render(
            course=course,
            pages=[(page, _page_html(page, course)) for page in course.pages],
            config=runtime_config(course, target),
            scripts=scripts,
            stylesheet=STYLESHEET,
            connect_sources=target.connect_sources,
        )
    )
    site.add("index.html", page)
    site.split_at["index.html"] = _section_starts(site.files["index.html"])
    for package_path, source in sorted(course.media_files.items()):
        site.add(package_path, source)
    return site


SECTION_START = b'\n<section class="view '
"""How each page's section begins in index.html (templates/lesson.html and quiz.html)."""


def _section_starts(page: bytes | Path) -> tuple[int, ...]:
    """Where each page's section starts in the page, and where the last one's end starts."""
    assert isinstance(page, bytes)
    starts = []
    position = page.find(SECTION_START)
    while position != -1:
        starts.append(position + 1)
        position = page.find(SECTION_START, position + 1)
    end = page.rfind(b"</main>")
    return (*starts, end) if end > 0 else tuple(starts)


def _static(relative: str) -> bytes:
    return (templates_dir() / relative).read_bytes()


def merge(site: Site, extra: Mapping[str, bytes]) -> None:
    """Add several files to a site."""
    for path, content in extra.items():
        site.add(path, content)
