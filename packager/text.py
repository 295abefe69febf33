"""Templates for plain text (Markdown, YAML) rather than HTML: the answer key and the scaffold.

Jinja2 with autoescape off, since HTML escaping would corrupt Markdown and YAML. Values are made
safe for their format with filters instead: ``yaml_string`` and ``markdown_text``.
"""

from __future__ import annotations

import json
import re
from functools import cache

import jinja2

from packager.resources import templates_dir

_YAML_FORBIDDEN = re.compile(r"[\u007f-\u009f\u2028\u2029\ufeff]")
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>|~#&])")


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar holding exactly ``value`` (a JSON string is valid YAML)."""
    # Characters YAML does not allow raw are escaped; ensure_ascii would split emoji in two.
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_FORBIDDEN.sub(lambda match: f"\\u{ord(match[0]):04x}", quoted)


def markdown_text(value: str) -> str:
    """Plain text as Markdown that shows exactly that text: one line, markup characters escaped."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(str(value).split()))


@cache
def text_environment() -> jinja2.Environment:
    """The Jinja2 environment for text templates under ``templates/``."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["yaml_string"] = yaml_string
    environment.filters["markdown_text"] = markdown_text
    return environment
