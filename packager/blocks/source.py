"""Lesson blocks as the author wrote them: found in a lesson's Markdown tokens and checked.

The lesson parser (:func:`packager.course.media.new_markdown_parser`) reads every ``:::`` container
as a ``container_block`` token pair; this module splits one into its items (at its headings) and
checks it against its block's model. Loading a lesson checks every block (a located problem for
each bad one); rendering reads the same sources again to make the HTML.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it.token import Token
from pydantic import ValidationError

from packager.blocks.base import BlockBase, BlockType, ItemProblem
from packager.blocks.registry import block_types
from packager.errors import Problem

CONTAINER = "block"
"""The name the lesson parser gives every ``:::`` container (its tokens are ``container_block_*``)."""
OPEN = f"container_{CONTAINER}_open"
CLOSE = f"container_{CONTAINER}_close"


class BlockProblem(ValueError):
    """What is wrong with one block, and the line (0-based, in the Markdown) where it shows."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class ItemSource:
    """One item: its heading's inline token, and the tokens of its content."""

    heading: Token
    body: list[Token] = field(default_factory=list)
    parts: list[ItemSource] = field(default_factory=list)
    """Its parts, for blocks that take them (the body is then the text before the first part)."""

    @property
    def line(self) -> int:
        """0-based line of the heading in the Markdown."""
        return self.heading.map[0] if self.heading.map else 0


@dataclass
class BlockSource:
    """One block as written: its plug-in, the opening line's options, its items or its content."""

    kind: BlockType
    options: str
    line: int
    """0-based line of the opening ``:::`` in the Markdown."""
    body: list[Token]
    """Everything inside the block (for blocks without items)."""
    items: list[ItemSource]
    level: int
    """The heading level of the items (2 for ``##``); 0 when the block has no items."""
    lead: list[Token] = field(default_factory=list)
    """The tokens before the first heading (blocks that take a lead)."""
    lead_text: str = ""
    """The same, as the author wrote it."""

    def model(self) -> BlockBase:
        """The block checked against its model (raises :class:`BlockProblem`)."""
        values: dict[str, Any] = {"type": self.kind.name, "options": self.options, "lead": self.lead_text}
        values["items"] = [
            {"title": item.heading.content, "parts": [{"title": part.heading.content} for part in item.parts]}
            for item in self.items
        ]
        try:
            return self.kind.model.model_validate(values)
        except ValidationError as error:
            first = error.errors()[0]
            message = str(first["msg"]).removeprefix("Value error, ")
            cause = first.get("ctx", {}).get("error")
            if isinstance(cause, ItemProblem):
                item = self.items[cause.item]
                raise BlockProblem(
                    message, (item if cause.part is None else item.parts[cause.part]).line
                ) from None
            where = [part for part in first["loc"] if part != "title"]
            if len(where) == 2 and where[0] == "items":
                index = int(where[1])
                message = f"item {index + 1} ('{self.items[index].heading.content}'): {message}"
            raise BlockProblem(message, self.line) from None


def _closing(tokens: Sequence[Token], start: int) -> int:
    """The index of the close token matching the open token at ``start``."""
    level = tokens[start].level
    for index in range(start + 1, len(tokens)):
        if tokens[index].type == CLOSE and tokens[index].level == level:
            return index
    return len(tokens) - 1  # markdown-it always closes a container it opened


def read_block(tokens: Sequence[Token], start: int, lines: Sequence[str]) -> tuple[BlockSource, int]:
    """The block opened at ``tokens[start]``, and the index just after its close token.

    ``lines`` are the Markdown's lines, to tell a block closed by ``:::`` from one left open.
    """
    opener = tokens[start]
    first, last = opener.map or (0, 0)
    name, _, options = opener.info.strip().partition(" ")
    if not name:
        raise BlockProblem(
            "a ':::' line with no block name: a block starts with '::: accordion', '::: tabs'... and "
            "a lone ':::' closes it (to put a block inside another, open and close the outer one "
            "with more colons: '::::')",
            first,
        )
    kinds = block_types()
    if name not in kinds:
        known = ", ".join(kinds) or "none are installed"
        raise BlockProblem(f"unknown block '{name}' (the blocks are: {known})", first)
    end = _closing(tokens, start)
    # markdown-it maps a container to [its opening line, its closing line]; one left open runs to the end.
    if last >= len(lines) or not lines[last].strip().startswith(opener.markup):
        raise BlockProblem(f"the {name} block opened here has no closing '{opener.markup}' line", first)
    kind = kinds[name]
    inner = list(tokens[start + 1 : end])
    source = BlockSource(kind, options.strip(), first, inner, [], 0)
    if kind.model.min_items:
        _split_items(source, opener.level + 1, lines)
    return source, end + 1


def _split_items(source: BlockSource, level: int, all_lines: Sequence[str]) -> None:
    """Cut the block's content at its headings of the first heading's level."""
    body = source.body
    tag = next((token.tag for token in body if token.type == "heading_open" and token.level == level), "")
    current: ItemSource | None = None
    index = 0
    while index < len(body):
        token = body[index]
        if token.type == "heading_open" and token.level == level and token.tag == tag:
            current = ItemSource(body[index + 1])  # heading_open, inline, heading_close
            source.items.append(current)
            index += 3
            continue
        if current is None and source.kind.model.takes_lead:
            source.lead.append(token)
        elif current is None:
            raise BlockProblem(
                f"the {source.kind.name} block's content must start with a heading "
                f"('## {source.kind.model.item_word.capitalize()} title'): this text comes before any",
                token.map[0] if token.map else source.line,
            )
        else:
            current.body.append(token)
        index += 1
    source.level = int(tag[1:]) if tag else 0
    if source.kind.model.takes_parts and tag:
        for item in source.items:
            item.body, item.parts = _cut(item.body, level, f"h{source.level + 1}")
    lines = [token.map for token in source.lead if token.map]
    if lines:
        source.lead_text = "\n".join(all_lines[lines[0][0] : max(end for _, end in lines)])


def _cut(tokens: list[Token], level: int, tag: str) -> tuple[list[Token], list[ItemSource]]:
    """The tokens before the first heading ``tag`` (at nesting ``level``), and one part per such heading."""
    before: list[Token] = []
    parts: list[ItemSource] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.level == level and token.tag == tag:
            parts.append(ItemSource(tokens[index + 1]))
            index += 3
            continue
        (parts[-1].body if parts else before).append(token)
        index += 1
    return before, parts


def blocks_in(
    tokens: Sequence[Token], lines: Sequence[str], problems: list[BlockProblem]
) -> Iterator[BlockSource]:
    """Every block in the tokens, nested ones included, in document order; a block that cannot be
    read adds its problem to ``problems`` and is skipped."""
    index = 0
    while index < len(tokens):
        if tokens[index].type != OPEN:
            index += 1
            continue
        try:
            source, index = read_block(tokens, index, lines)
        except BlockProblem as problem:
            problems.append(problem)
            index = _closing(tokens, index) + 1
            continue
        yield source
        yield from blocks_in(source.body, lines, problems)


def check_blocks(
    tokens: Sequence[Token], markdown: str, display: Path, first_line: int
) -> tuple[list[BlockBase], list[Problem]]:
    """Every block of a lesson checked: the models, and a located problem for each bad block.

    ``first_line`` is the file line of the Markdown's first line (after the front matter).
    """
    models: list[BlockBase] = []
    found: list[BlockProblem] = []
    for source in blocks_in(tokens, markdown.splitlines(), found):
        try:
            models.append(source.model())
        except BlockProblem as problem:
            found.append(problem)
    found.sort(key=lambda problem: problem.line)
    return models, [
        Problem(str(problem), file=display, line=first_line + problem.line, field="block")
        for problem in found
    ]
