"""The author's stylesheet: parsed with tinycss2; refused where it would reach outside the package.

A ``url()`` (or a string) naming another origin, and any ``@import``, are refused with the line and
column in the stylesheet; a relative ``url()`` must name a file inside the course folder, which is
shipped beside it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import tinycss2
from tinycss2.ast import AtRule, FunctionBlock, Node, QualifiedRule, StringToken, URLToken

from packager.course.media import is_external


@dataclass
class StylesheetCheck:
    """What a stylesheet references: course-relative paths, and what is refused (line, column, why)."""

    references: list[tuple[int, int, str]] = field(default_factory=list)
    refused: list[tuple[int, int, str]] = field(default_factory=list)


def _nodes(nodes: list[Node] | None) -> Iterator[Node]:
    for node in nodes or []:
        yield node
        if isinstance(node, QualifiedRule | AtRule):
            yield from _nodes(node.prelude)
            yield from _nodes(node.content)
        elif isinstance(node, FunctionBlock):
            yield from _nodes(node.arguments)
        elif hasattr(node, "content") and isinstance(node.content, list):
            yield from _nodes(node.content)


def check_stylesheet(css: str, path: str) -> StylesheetCheck:
    """Every URL in ``css`` (the file at course-relative ``path``): local ones, resolved to
    course-relative paths, and refusals."""
    found = StylesheetCheck()
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for node in _nodes(rules):
        where = (node.source_line, node.source_column)
        if isinstance(node, AtRule) and node.lower_at_keyword == "import":
            found.refused.append(
                (*where, "@import is not allowed in a course stylesheet: put the rules in this file")
            )
        value = None
        if isinstance(node, URLToken):
            value = node.value
        elif isinstance(node, FunctionBlock) and node.lower_name == "url":
            strings = [argument for argument in node.arguments if isinstance(argument, StringToken)]
            value = strings[0].value if strings else None
        elif isinstance(node, StringToken) and is_external(node.value) and ":" in node.value[:12]:
            value = node.value
        if value is None or value.startswith("#") or value.lower().startswith("data:"):
            continue
        if is_external(value):
            found.refused.append(
                (
                    *where,
                    f"'{value}' is an external URL: a package loads nothing from the network; "
                    "put the file in the course folder and name it by a relative path",
                )
            )
            continue
        relative = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(urlsplit(value).path)))
        if relative.startswith("../") or relative == "..":
            found.refused.append((*where, f"'{value}' leads outside the course folder"))
            continue
        if (*where, relative) not in found.references:
            found.references.append((*where, relative))
    return found
