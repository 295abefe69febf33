"""Media checked by what they hold, not by their names.

An HTML page named ``.png`` or a text file named ``.mp4`` would ship as a broken picture or
player; the first bytes tell (``filetype``, a maintained signature library). Captions must be
WebVTT that the format's own parser (``webvtt-py``) reads, with at least one cue.
"""

from __future__ import annotations

import io
from pathlib import Path

import filetype  # type: ignore[import-untyped]
import webvtt
from webvtt.errors import MalformedFileError

HEADER_BYTES = 8192
"""How much of a file is read to tell its format (``filetype`` needs 262; SVG's tag may come later)."""
MAX_CAPTIONS_BYTES = 1024 * 1024
_FORMATS = {
    "image": "PNG, JPEG, GIF, WebP, AVIF or SVG",
    "video": "MP4, WebM or Ogg video",
    "audio": "MP3, M4A, Ogg or WAV audio",
}
_ALSO = {"video": {"audio/ogg", "application/ogg"}, "audio": {"video/mp4", "video/webm", "application/ogg"}}
"""Containers that hold either: an .ogv is Ogg, an .m4a is often read as MP4."""


def content_problem(kind: str, path: Path, reference: str) -> str | None:
    """What is wrong with the content of an image, video or audio file (``kind``), if anything."""
    if kind not in _FORMATS:
        return None
    with path.open("rb") as file:
        header = file.read(HEADER_BYTES)
    if path.suffix.lower() == ".svg":
        text = header.lstrip(b"\xef\xbb\xbf \t\r\n")
        if text.startswith((b"<svg", b"<?xml", b"<!--", b"<!DOCTYPE svg")) and b"<svg" in header:
            return None
        return f"'{reference}' does not hold an SVG picture (no <svg> element at its start)"
    guess = filetype.guess(header)
    if guess is not None and (guess.mime.startswith(f"{kind}/") or guess.mime in _ALSO.get(kind, set())):
        return None
    held = (
        f"it holds {guess.extension.upper()} data" if guess else "its content is of no format a browser plays"
    )
    article = "a" if kind == "video" else "an"
    return f"'{reference}' is not {article} {kind} file ({held}); save it as {_FORMATS[kind]}"


def captions_problem(path: Path, name: str) -> str | None:
    """What is wrong with a WebVTT captions file, if anything."""
    with path.open("rb") as file:
        raw = file.read(MAX_CAPTIONS_BYTES + 1)
    if len(raw) > MAX_CAPTIONS_BYTES:
        return f"the captions '{name}' are too large (the limit is {MAX_CAPTIONS_BYTES // 1024} KiB)"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return f"the captions '{name}' are not UTF-8 text; save them as UTF-8 WebVTT"
    try:
        captions = webvtt.from_buffer(io.StringIO(text)).captions
    except MalformedFileError:
        return (
            f"'{name}' is not WebVTT captions (WebVTT starts with a 'WEBVTT' line, then cues such as "
            "'00:00.000 --> 00:02.000')"
        )
    if not captions:
        return f"the captions '{name}' hold no cue: add at least one ('00:00.000 --> 00:02.000' and its text)"
    return None
