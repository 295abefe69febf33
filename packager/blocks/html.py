"""Lesson Markdown with blocks, as HTML: plain Markdown by the lesson renderer, each block by its
plug-in's template with its items' content rendered the same way (blocks may nest)."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, Sequence
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup

from packager.blocks.base import BlockType
from packager.blocks.source import OPEN, BlockSource, ItemSource, read_block


class BlockRenderer:
    """Renders one lesson; numbers its blocks in document order (``<prefix>-0``, ``-1``...)."""

    def __init__(
        self,
        parser: MarkdownIt,
        template: Callable[[BlockType], jinja2.Template],
        env: MutableMapping[str, Any],
        lines: Sequence[str],
        prefix: str,
    ) -> None:
        self.parser = parser
        assert isinstance(parser.renderer, RendererHTML)
        self.renderer = parser.renderer
        self.template = template
        self.env = env
        self.lines = lines
        self.prefix = prefix
        self.count = 0

    def render(self, tokens: Sequence[Token]) -> str:
        """The tokens as HTML, blocks included."""
        parts: list[str] = []
        plain: list[Token] = []
        index = 0
        while index < len(tokens):
            if tokens[index].type != OPEN:
                plain.append(tokens[index])
                index += 1
                continue
            parts.append(self._plain(plain))
            plain = []
            source, index = read_block(tokens, index, self.lines)
            parts.append(self._block(source))
        parts.append(self._plain(plain))
        return "".join(parts)

    def _plain(self, tokens: list[Token]) -> str:
        return str(self.renderer.render(tokens, self.parser.options, self.env)) if tokens else ""

    def _block(self, source: BlockSource) -> str:
        number = self.count
        self.count += 1
        identifier = f"{self.prefix}-{number}"
        model = source.model()
        lead = Markup(self.render(source.lead))  # first: nested blocks are numbered in document order
        items = [self._item(item, f"{identifier}-{index}", index) for index, item in enumerate(source.items)]
        body = Markup("" if source.items else self.render(source.body))
        html = self.template(source.kind).render(
            block=model,
            items=items,
            body=body,
            lead=lead,
            level=source.level or 2,
            id=identifier,
            number=number,
            **self.env["text"],  # t, tn: the interface text in the course's language
        )
        return html if html.endswith("\n") else html + "\n"

    def _item(self, item: ItemSource, identifier: str, index: int) -> dict[str, Any]:
        """An item for the template: its heading's text and its content as HTML, and its parts."""
        return {
            "title": Markup(
                self.renderer.renderInline(item.heading.children or [], self.parser.options, self.env)
            ),
            "body": Markup(self.render(item.body)),
            "id": identifier,
            "index": index,
            "parts": [self._item(part, f"{identifier}-{at}", at) for at, part in enumerate(item.parts)],
        }
