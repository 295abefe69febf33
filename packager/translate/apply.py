"""A translated course folder: the source course with each segment's translation put in its place."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from packager.course.models import Course
from packager.errors import PackagerError, Problem
from packager.translate.captions import chosen_captions, use_captions
from packager.translate.segments import Pair, Part, Segment, Single, course_segments, is_captions, plain
from packager.translate.xliff import read_xliff

TRANSLATIONS = "translations"
"""The folder of a course that holds its translation files, ``<language>.xlf``."""
_ESCAPE = re.compile(r"([\\`*_\[\]<>])")


@dataclass
class TranslationReport:
    """What a translation lacks: segments not translated, and those whose source changed since."""

    language: str
    untranslated: list[Segment] = field(default_factory=list)
    stale: list[Segment] = field(default_factory=list)

    def problems(self, file: Path) -> list[Problem]:
        return [
            Problem(f"{kind} segment {segment.id} ({segment.location})", file=file)
            for kind, found in (("untranslated", self.untranslated), ("stale", self.stale))
            for segment in found
        ]


def translation_files(course_dir: Path) -> dict[str, Path]:
    """The course's translations, by language tag."""
    folder = course_dir / TRANSLATIONS
    return {path.stem: path for path in sorted(folder.glob("*.xlf"))} if folder.is_dir() else {}


def markdown(parts: tuple[Part, ...], source: tuple[Part, ...]) -> str:
    """A translated segment as Markdown: text escaped, placeholders as the source wrote them."""
    if parts == source:
        return "".join(part if isinstance(part, str) else _written(part, escape=False) for part in parts)
    return "".join(_ESCAPE.sub(r"\\\1", part) if isinstance(part, str) else _written(part) for part in parts)


def _written(part: Pair | Single, escape: bool = True) -> str:
    if isinstance(part, Single):
        return part.markup
    inner = markdown(part.parts, () if escape else part.parts)
    return part.open + inner + part.close


def translate_course(course: Course, language: str, file: Path, out: Path) -> TranslationReport:
    """Write the course translated into ``language`` at ``out``; untranslated segments keep the source.

    The translated course's id is ``<id>-<language>``, so its packages are ``<id>-<language>-<target>.zip``.
    """
    segments = course_segments(course)
    units = read_xliff(file, {segment.id: segment for segment in segments})
    report = TranslationReport(language)
    chosen: dict[str, tuple[Part, ...]] = {}
    for segment in segments:
        unit = units.get(segment.id)
        if unit is None or unit.target is None:
            report.untranslated.append(segment)
            continue
        if unit.source != segment.parts:
            report.stale.append(segment)
        chosen[segment.id] = unit.target
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(course.source_dir, out, ignore=shutil.ignore_patterns(TRANSLATIONS))
    by_file: dict[str, list[Segment]] = {}
    for segment in segments:
        if not is_captions(segment):
            by_file.setdefault(segment.file, []).append(segment)
        elif segment.id in chosen:
            captions = chosen_captions(
                course.source_dir, segment, chosen[segment.id], file, units[segment.id].line
            )
            if captions is not None:
                use_captions(out, segment, captions)
    for relative, found in by_file.items():
        path = out / relative
        if relative.endswith((".yaml", ".yml")):
            _translate_yaml(path, found, chosen, course if relative == "course.yaml" else None, language)
        else:
            _translate_lesson(path, found, chosen)
    return report


def _translate_yaml(
    path: Path,
    segments: list[Segment],
    chosen: dict[str, tuple[Part, ...]],
    course: Course | None,
    language: str,
) -> None:
    data: Any = yaml.safe_load(path.read_text("utf-8"))
    for segment in segments:
        if segment.id in chosen and segment.path:
            holder = data
            for step in segment.path[:-1]:
                holder = holder[step]
            holder[segment.path[-1]] = "".join(
                p if isinstance(p, str) else _written(p) for p in chosen[segment.id]
            )
    if course is not None:
        data["id"] = f"{course.id}-{language.lower()}"
        data["language"] = language
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _translate_lesson(path: Path, segments: list[Segment], chosen: dict[str, tuple[Part, ...]]) -> None:
    lines = path.read_text("utf-8").split("\n")
    for segment in reversed(segments):
        if segment.id not in chosen:
            continue
        if segment.where == "title":
            title = "".join(p if isinstance(p, str) else _written(p) for p in chosen[segment.id])
            index = next(i for i, line in enumerate(lines) if line.startswith("title:"))
            lines[index] = "title: " + yaml.safe_dump(title, allow_unicode=True, width=10_000).split("\n")[0]
            continue
        if segment.opening:
            _replace_title(lines, segment, plain(chosen[segment.id]))
            continue
        text = markdown(chosen[segment.id], segment.parts)
        if text == markdown(segment.parts, segment.parts) and "\\" not in text:
            continue
        _replace_block(lines, segment, text)
    path.write_text("\n".join(lines), "utf-8")


def _replace_title(lines: list[str], segment: Segment, text: str) -> None:
    """Put a block's translated title at the end of its opening line, on that one line."""
    line = lines[segment.lines[0]].rstrip()
    if not line.endswith(segment.raw):
        raise PackagerError(f"cannot place the translation of {segment.id}", file=Path(segment.file))
    lines[segment.lines[0]] = line[: len(line) - len(segment.raw)] + " ".join(text.split())


def _replace_block(lines: list[str], segment: Segment, text: str) -> None:
    first, last = segment.lines
    written = segment.raw.split("\n")
    line = lines[first]
    start = line.find(written[0])
    if start < 0:
        raise PackagerError(f"cannot place the translation of {segment.id}", file=Path(segment.file))
    prefix, suffix = line[:start], line[start + len(written[0]) :] if len(written) == 1 else ""
    following = lines[first + 1] if last - first > 1 else ""
    indent = following[: max(following.find(written[1]), 0)] if len(written) > 1 else ""
    new = text.split("\n")
    lines[first:last] = [
        prefix + new[0] + (suffix if len(new) == 1 else ""),
        *(indent + rest for rest in new[1:]),
    ]
