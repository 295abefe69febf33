"""Finds interface text written in a template or a runtime script instead of taken from the catalogues.

A template's literal text is what Jinja2's lexer reads as template data, plus the string constants of
its ``{{ ... }}`` expressions (``{{ name or "Untitled" }}`` writes one); a message key given to
``t``/``tn`` is not text. What a learner reads of it is its text nodes and the attributes that are
read out or shown (``aria-label``, ``title``, ``alt``, ``placeholder``...), outside ``<script>`` and
``<style>``. A script's literal text is a string constant written into the page: assigned to
``textContent``/``innerHTML``/``title``..., set as one of those attributes, or made a text node.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from packager.templating import environment

WORD = re.compile(r"[^\W\d_]{2,}")
"""Letters of a word (a template's text that has none, such as a number or '·', is not language)."""
READ_ATTRIBUTES = frozenset(
    {
        "aria-label",
        "aria-description",
        "aria-roledescription",
        "aria-valuetext",
        "aria-placeholder",
        "title",
        "alt",
        "placeholder",
        "label",
    }
)
KEY = re.compile(
    r"""\b(?:ns\.)?tn?\(\s*(?:[\w.]+\s*\?\s*)?["'][a-z_]+\.[a-z_]+["'](?:\s*:\s*["'][a-z_]+\.[a-z_]+["'])?"""
)
"""A message key given to t/tn (in a template or a script): a key, not text."""
NAMES = re.compile(
    r"""\b(?:querySelector(?:All)?|getElementById|getAttribute|setAttribute|hasAttribute|removeAttribute|"""
    r"""closest|matches|add|remove|toggle|contains)\(\s*["'](?:[^"'\\]|\\.)*["']"""
)
"""A selector, an attribute or a class name given to the DOM: code, not text."""
SINK = re.compile(
    r"""(?:\.(?:textContent|innerText|innerHTML|outerHTML|title|placeholder|alt|ariaLabel|value)\s*\+?=(?!=)"""
    r"""|setAttribute\(\s*["'](?:aria-label|aria-description|aria-roledescription|aria-valuetext|title|alt|placeholder)["']\s*,"""
    r"""|createTextNode\(|insertAdjacentText\(|\b(?:alert|confirm|prompt)\()([^;]*)"""
)
STRING = re.compile(r""""((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'""")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.code += tag in ("script", "style")
        self.found += [
            f'{name}="{value}"' for name, value in attrs if name in READ_ATTRIBUTES and _words(value)
        ]

    def handle_endtag(self, tag: str) -> None:
        self.code -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.code and _words(data):
            self.found.append(data.strip())


def _words(text: str | None) -> bool:
    return bool(text and WORD.search(text.replace("\x00", " ")))


def template_literals(source: str) -> list[str]:
    """The interface text a Jinja2 template writes itself."""
    written: list[str] = []
    expression: list[tuple[str, str]] | None = None
    for _, token, value in environment().lex(source):
        if token == "data":
            written.append(value)
        elif token == "variable_begin":
            expression = []
        elif token == "variable_end" and expression is not None:
            written.append(_may_write(expression))
            expression = None
        elif expression is not None:
            expression.append((token, value))
    parser = _Text()
    parser.feed("".join(written))
    parser.close()
    return parser.found


def _may_write(expression: list[tuple[str, str]]) -> str:
    """What an expression stands for: its string constants (not a key given to t or tn), else "0"."""
    constants = [
        value
        for at, (token, value) in enumerate(expression)
        if token == "string"
        and not (at >= 2 and expression[at - 2][1] in ("t", "tn") and expression[at - 1][1] == "(")
    ]
    return " ".join(constants) or "0"


def script_literals(source: str) -> list[str]:
    """The interface text a runtime script writes into the page itself."""
    code = NAMES.sub("0", KEY.sub("0", source))
    return [
        match.group(0).strip()
        for match in SINK.finditer(code)
        if any(_words(found.group(1) or found.group(2)) for found in STRING.finditer(match.group(1)))
    ]
