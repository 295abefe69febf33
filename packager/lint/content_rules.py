"""What the package's pages load: local files that are missing, and anything from outside.

References are read from HTML (``src``, ``href``, ``poster``, ``data``, ``srcset``, inline styles
and scripts), CSS (``url()``, ``@import``) and JavaScript (``import`` of a URL). Only files the
reader decompressed are scanned (see :mod:`packager.lint.package`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from lxml import etree, html

from packager.lint.findings import Hit, Severity
from packager.lint.hrefs import resolve_href, source_line
from packager.lint.package import Package
from packager.lint.registry import rule

Kind = Literal["resource", "link"]
"""A resource is loaded with the page; a link is followed only if the learner clicks it."""

_RESOURCE_ATTRIBUTES = ("src", "poster", "data")
_LINK_ELEMENTS = frozenset({"a", "area"})
_LOADING_RELS = frozenset(
    {
        "stylesheet",
        "icon",
        "shortcut",
        "apple-touch-icon",
        "apple-touch-icon-precomposed",
        "mask-icon",
        "manifest",
        "preload",
        "modulepreload",
        "prefetch",
        "prerender",
    }
)
"""``<link rel>`` values that make the browser fetch the href; the others (license, canonical,
author, help, alternate...) only name a page."""
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_JS_IMPORT = re.compile(
    r"""\bimport\b(?:\s*\(\s*|[\w\s{},*$]{0,500}?\bfrom\s*|\s*)(["'`])((?:https?:)?//[^"'`\s]+)\1"""
)
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


@dataclass(frozen=True)
class Reference:
    """One URL a file of the package refers to: its kind, the referring file's path and the line."""

    url: str
    kind: Kind
    path: str
    line: int | None


_cache: WeakKeyDictionary[Package, list[Reference]] = WeakKeyDictionary()


def references(package: Package) -> list[Reference]:
    """Every reference in the package's scanned files, by file then position (computed once)."""
    if package not in _cache:
        found: list[Reference] = []
        for path, data in sorted(package.texts.items()):
            suffix = PurePosixPath(path).suffix.lower()
            if suffix in (".html", ".htm", ".xhtml"):
                found.extend(_html_references(path, data))
            elif suffix == ".css":
                found.extend(_css_references(path, data.decode("utf-8", "replace"), 1))
            else:
                found.extend(_js_references(path, data.decode("utf-8", "replace"), 1))
        _cache[package] = found
    return _cache[package]


def _line(text: str, offset: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, offset)


def _css_references(path: str, text: str, first_line: int) -> Iterator[Reference]:
    for pattern in (_CSS_URL, _CSS_IMPORT):
        for match in pattern.finditer(text):
            url = next((group for group in match.groups() if group is not None), "").strip()
            if url:
                yield Reference(url, "resource", path, _line(text, match.start(), first_line))


def _js_references(path: str, text: str, first_line: int) -> Iterator[Reference]:
    for match in _JS_IMPORT.finditer(text):
        yield Reference(match.group(2), "resource", path, _line(text, match.start(), first_line))


def _html_references(path: str, data: bytes) -> Iterator[Reference]:
    parser = html.HTMLParser(no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return
    if root is None:
        return
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        line = source_line(element)
        tag = element.tag.lower()
        for name in _RESOURCE_ATTRIBUTES:
            value = element.get(name)
            if value and value.strip():
                yield Reference(value.strip(), "resource", path, line)
        for candidate in (element.get("srcset") or "").split(","):
            url = candidate.strip().split(" ")[0]
            if url:
                yield Reference(url, "resource", path, line)
        href = element.get("href")
        if href and href.strip() and tag != "base":
            yield Reference(href.strip(), _href_kind(element, tag), path, line)
        style = element.get("style")
        if style:
            yield from _css_references(path, style, line or 1)
        if tag == "style" and element.text:
            yield from _css_references(path, element.text, line or 1)
        if tag == "script" and element.text and not element.get("src"):
            yield from _js_references(path, element.text, line or 1)


def _href_kind(element: etree._Element, tag: str) -> Kind:
    if tag in _LINK_ELEMENTS:
        return "link"
    if tag == "link" and not _LOADING_RELS.intersection(str(element.get("rel", "")).lower().split()):
        return "link"
    return "resource"


def _is_external(url: str) -> bool:
    return url.startswith("//") or urlsplit(url).scheme.lower() in ("http", "https")


def _local_path(url: str) -> bool:
    """Whether ``url`` is a relative or root-relative path (not a URL, data: URI or fragment)."""
    return not url.startswith(("#", "//")) and not urlsplit(url).scheme and bool(urlsplit(url).path)


def _on_authors_disk(url: str) -> bool:
    return urlsplit(url).scheme.lower() == "file" or bool(_DRIVE.match(url)) or url.startswith("\\")


_LOADS_FROM_OUTSIDE = (
    "loads {url!r} from outside the package; it fails offline, behind corporate proxies and under "
    "LMSs' content security policies, and the page breaks: ship the file in the package and refer "
    "to it by a relative path"
)
_LINKS_OUTSIDE = (
    "links to the external page {url!r}; nothing to fix if learners may leave the course for it (it "
    "is not reachable offline)"
)


@rule("EXT001", Severity.WARNING, "pages load nothing from outside the package", needs="contents")
def no_external_resources(package: Package) -> Iterator[Hit]:
    return _external(package, "resource", _LOADS_FROM_OUTSIDE)


@rule("EXT002", Severity.INFO, "links to outside pages are listed", needs="contents")
def external_links(package: Package) -> Iterator[Hit]:
    return _external(package, "link", _LINKS_OUTSIDE)


def _external(package: Package, kind: str, message: str) -> Iterator[Hit]:
    """A hit for each reference of ``kind`` to a URL outside the package (``message`` names it ``url``)."""
    for reference in references(package):
        if reference.kind == kind and _is_external(reference.url):
            yield Hit(message.format(url=reference.url), reference.path, reference.line)


@rule("FILE003", Severity.WARNING, "local files the pages refer to are in the package", needs="contents")
def referenced_files_present(package: Package) -> Iterator[Hit]:
    for reference in references(package):
        url = reference.url
        if _on_authors_disk(url):
            yield Hit(
                f"refers to {url!r}, a path on the author's computer, which learners do not have: ship the "
                "file in the package and refer to it by a relative path",
                reference.path,
                reference.line,
            )
        elif not _local_path(url):
            continue
        elif "\\" in url:
            message = (
                f"refers to {url!r} with backslashes, which only Windows servers accept; use forward slashes"
            )
            yield Hit(message, reference.path, reference.line)
        elif url.startswith("/"):
            yield Hit(
                f"refers to {url!r}, from the LMS's web root rather than the package, so the LMS serves "
                "its own file or none; use a path relative to the page",
                reference.path,
                reference.line,
            )
        else:
            target = resolve_href(url, [reference.path])
            if target is None:
                message = f"refers to {url!r}, outside the package, where LMSs serve nothing: ship the file"
                yield Hit(message, reference.path, reference.line)
            elif target not in package.files:
                message = f"refers to {url!r}, which is not in the package, so learners see it broken: add it"
                yield Hit(message, reference.path, reference.line)
