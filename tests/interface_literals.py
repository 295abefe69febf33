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
NAME = re.compile(r"[a-z][a-z0-9_-]*")
"""A name the code uses (an icon, a class, a role, a state), not words a learner reads."""
COMPARISONS = frozenset({"==", "!=", "in"})
COMPARED = re.compile(r"""[!=]==?\s*(?:"[a-z][a-z0-9_-]*"|'[a-z][a-z0-9_-]*')""")
"""A script comparing a value with a name ('=== "passed"'): code, not text."""
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
    """What an expression stands for: its string constants, else "0". A key given to t or tn is no
    text, nor is a name (an icon, a class, a role: lower case, no spaces) given to a call or compared."""
    constants = []
    depth = 0
    tokens = [(token, value) for token, value in expression if token != "whitespace"]
    for at, (token, value) in enumerate(tokens):
        if token == "operator":
            depth += (value in "([{") - (value in ")]}")
        if token != "string":
            continue
        key = at >= 2 and tokens[at - 2][1] in ("t", "tn") and tokens[at - 1][1] == "("
        compared = any(
            0 <= near < len(tokens) and tokens[near][1] in COMPARISONS for near in (at - 1, at + 1)
        )
        if not key and not (NAME.fullmatch(value[1:-1]) and (depth or compared)):
            constants.append(value)
    return " ".join(constants) or "0"


def script_literals(source: str) -> list[str]:
    """The interface text a runtime script writes into the page itself."""
    code = COMPARED.sub("0", NAMES.sub("0", KEY.sub("0", source)))
    return [
        match.group(0).strip()
        for match in SINK.finditer(code)
        if any(_words(found.group(1) or found.group(2)) for found in STRING.finditer(match.group(1)))
    ]
