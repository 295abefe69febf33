"""Caption file names as segments: a translator points a language at its own captions file.

A video's captions are the WebVTT file beside it (``media/intro.vtt`` for ``media/intro.mp4``).
Each one is a segment whose text is that file's path in the course folder; a translation that names
another file (``media/intro.es.vtt``) makes the translated course use it: the file must be inside
the course and be WebVTT, or the translation is refused with the unit's place in the XLIFF file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from packager.course.inside import Refused, resolve_inside
from packager.course.sniff import captions_problem
from packager.errors import PackagerError
from packager.translate.segments import Part, Segment, plain


def chosen_captions(
    course_dir: Path, segment: Segment, target: tuple[Part, ...], file: Path, line: int | None
) -> Path | None:
    """The captions file a translation names for ``segment``, checked; None when it keeps the source's."""
    name = plain(target).strip()
    if name == plain(segment.parts):
        return None
    where = f"unit '{segment.id}' (the captions of {segment.location})"
    root = course_dir.resolve()
    try:
        found = resolve_inside(root, root / name)
    except Refused as refused:
        raise PackagerError(
            f"{where} names the captions file '{name}', which is not a file inside the course ({refused})",
            file=file,
            line=line,
        ) from None
    problem = captions_problem(found, name)
    if problem:
        raise PackagerError(f"{where}: {problem}", file=file, line=line)
    return found


def use_captions(out: Path, segment: Segment, chosen: Path) -> None:
    """Make the translated course at ``out`` show ``chosen`` as the video's captions."""
    shutil.copyfile(chosen, out / plain(segment.parts))
