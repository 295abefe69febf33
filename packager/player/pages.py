"""The test LMS's own pages (the player's, the cmi5 launcher's), rendered with Jinja2 from
``pages/``: both extend ``inspector-page.html`` (a header, the package in a frame, the inspector
beside it). Their scripts and stylesheets are static files (``static/``, served under ``/player/``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

PAGES = Path(__file__).parent / "pages"


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(PAGES),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(name: str) -> bytes:
    """The page ``name`` (``player.html`` or ``cmi5-launcher.html``) as UTF-8 HTML."""
    return _environment().get_template(name).render(page=name.removesuffix(".html")).encode("utf-8")
