"""Hrefs as a browser resolves them inside a package: xml:base, '..', escapes, URLs."""

from __future__ import annotations

from collections.abc import Sequence, Set
from typing import Literal
from urllib.parse import unquote, urlsplit

from lxml import etree


def source_line(element: etree._Element) -> int | None:
    """The element's line in the parsed file (None for elements built in memory)."""
    line = element.sourceline
    return line if isinstance(line, int) else None


def is_url(reference: str) -> bool:
    if ":" not in reference and not reference.startswith("//"):
        return False  # neither a scheme nor a host: a path (and urlsplit is slow)
    split = urlsplit(reference)
    return bool(split.scheme or split.netloc)


def is_external(reference: str) -> bool:
    return reference.startswith("//") or urlsplit(reference).scheme.lower() in ("http", "https")


def resolve_href(href: str, bases: Sequence[str] = ()) -> str | None:
    """The package path an href names, after its xml:bases; None for a URL or a path leaving the package.

    Query and fragment are dropped and %-escapes decoded, as a browser would.
    """
    parts: list[str] = []
    references = [*bases, href]
    for index, reference in enumerate(references):
        if is_url(reference) or reference.startswith("/") or "\\" in reference:
            return None
        path = reference if _plain_path(reference) else unquote(urlsplit(reference).path)
        if index < len(bases):
            path = path[: path.rfind("/") + 1]  # a base names the folder up to its last slash
        for segment in path.split("/"):
            if segment == "..":
                if not parts:
                    return None
                parts.pop()
            elif segment not in ("", "."):
                parts.append(segment)
    return "/".join(parts) or None


def unresolved(path: str | None, files: Set[str]) -> Literal["outside", "missing"] | None:
    """Why a reference does not name a file of the package, given its package path (from
    :func:`resolve_href`): it leads ``outside`` the package (None), or the file is ``missing``."""
    if path is None:
        return "outside"
    return None if path in files else "missing"


def _plain_path(reference: str) -> bool:
    """Whether a relative reference is its own path: nothing for urlsplit to strip, cut or decode."""
    if not reference:
        return True
    trimmed = reference[0] > " " and reference[-1] > " "
    plain = not reference.startswith("//") and not any(character in reference for character in ":?#%\t\r\n")
    return trimmed and plain


def href_problem(reference: str, bases: Sequence[str]) -> str | None:
    if reference.startswith("/"):
        return "starts with '/'; hrefs are relative to the package root"
    if "\\" in reference:
        return "contains a backslash; use forward slashes"
    if urlsplit(reference).scheme.lower() == "file":
        return "is a file: URL, which points at the author's disk"
    if not is_url(reference) and ".." in reference.split("/") and resolve_href(reference, bases) is None:
        return "climbs out of the package with '../'"
    return None
