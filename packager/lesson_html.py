"""A lesson's Markdown as HTML: CommonMark with raw HTML escaped, local media and links pointing
into the package, audio and video from ``templates/media/``, blocks from their plug-ins."""

from __future__ import annotations

from functools import cache
from pathlib import PurePosixPath
from types import MethodType
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup

from packager.blocks.html import BlockRenderer
from packager.course.media import is_external, media_kind, new_markdown_parser
from packager.course.models import Course, Lesson
from packager.templating import environment, text_helpers


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
                    **env["text"],
                )
            )
        token = token.copy(attrs={**token.attrs, "src": package_path})
        return str(default_image([token], 0, options, env))

    def link_open(self: Any, tokens: list[Token], index: int, options: Any, env: dict[str, Any]) -> str:
        token = tokens[index].copy(attrs=dict(tokens[index].attrs))
        href = str(token.attrs.get("href", ""))
        if href in env["pages"]:
            # Another page of the course: the runtime goes there (templates/runtime/app.js, data-go).
            goes = env["pages"][href]
            token.attrs["href"] = "#view-" + goes.replace(":", "-")
            token.attrs["data-go"] = goes
        elif href in env["media"]:
            token.attrs["href"] = env["media"][href]
            token.attrs["download"] = ""
        elif is_external(href):
            token.attrs["target"] = "_blank"
            token.attrs["rel"] = "noopener noreferrer"
        return str(self.renderToken([token], 0, options, env))

    renderer.rules["image"] = MethodType(image, renderer)
    renderer.rules["link_open"] = MethodType(link_open, renderer)
    return parser


def render_markdown(lesson: Lesson, course: Course) -> Markup:
    """A lesson's Markdown as HTML; author HTML is escaped, media come from templates/media/,
    blocks from their plug-ins' templates."""
    env = {
        "media": lesson.media_references,
        "pages": lesson.page_links,
        "language": course.language,
        "text": text_helpers(course),
    }
    parser = _markdown()
    blocks = BlockRenderer(
        parser,
        lambda kind: environment().get_template(kind.template_name),
        env,
        lesson.markdown.splitlines(),
        f"block-{lesson.id}",
    )
    return Markup(blocks.render(parser.parse(lesson.markdown, env)))
