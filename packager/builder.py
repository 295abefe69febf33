"""The build, as a library function: a course folder in, one zip per target out.

:func:`build` runs the pipeline: load and validate the course (:mod:`packager.course`), render its
pages (:mod:`packager.render`), add each target's own files (:mod:`packager.targets`) and write the
zips (:mod:`packager.archive`). Nothing is written unless every target validates. It is incremental
(:mod:`packager.cache`): a target none of whose inputs changed keeps its zip, unchanged pages are
neither parsed nor rendered again, and unchanged entries are copied from the previous zip. The bytes
are the same as a clean build's. ``packager build`` and the test tools are thin layers over it.

Finding that nothing changed must stay quick, so the course models, the renderer and the targets'
modules are imported only once something must be built.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from packager.archive.entries import content_size
from packager.archive.inplace import restore_interrupted
from packager.cache import BuildCache, settings
from packager.console import NoProgress, Progress
from packager.errors import PackagerError
from packager.targets import TARGETS

if TYPE_CHECKING:
    from packager.archive.writer import PreviousZip, StagedZip
    from packager.course.models import Course
    from packager.targets.base import Target
    from packager.translate.apply import TranslationReport


@dataclass(frozen=True)
class TargetResult:
    """What the build did for one target."""

    target: str
    path: Path
    status: Literal["written", "up to date"]
    files: int = 0
    """How many files the package holds (0 for a zip kept as it was)."""
    copied: int = 0
    """How many entries were copied unchanged from the previous zip."""
    kept_bytes: int = 0
    """How many bytes of the previous zip were kept in place (a large zip updated in place)."""


@dataclass
class BuildReport:
    """What a build wrote, kept and redid."""

    targets: list[TargetResult] = field(default_factory=list)
    restored: list[Path] = field(default_factory=list)
    """Zips an interrupted build had left half-written, put back before this build started."""
    loaded: list[str] = field(default_factory=list)
    """The pages parsed by this build (``lesson:<id>``, ``quiz:<id>``); the others came from the cache."""
    rendered: list[str] = field(default_factory=list)
    """The pages rendered by this build; the others' HTML came from the cache."""
    translations: list[TranslationReport] = field(default_factory=list)
    """Each translation's untranslated and stale segments (its packages are in ``targets``)."""

    @property
    def written(self) -> list[Path]:
        """The zips this build wrote."""
        return [result.path for result in self.targets if result.status == "written"]


def build(
    course_dir: Path,
    out_dir: Path,
    targets: Sequence[str] | None = None,
    *,
    cache: bool = True,
    progress: Progress | None = None,
    translations: bool | Sequence[str] = False,
    strict: bool = False,
    source: bool = True,
) -> BuildReport:
    """Build ``course_dir`` into ``out_dir``: one zip per target (default: every target).

    ``translations=True`` also builds each translation in ``translations/<language>.xlf``
    (``<id>-<language>-<target>.zip``), as ``packager build --translations`` does; it may
    instead name the languages to build. ``source=False`` builds translations only.
    ``strict`` makes an untranslated or stale segment an error. ``cache=False`` builds from scratch
    and keeps nothing for the next build. Raises
    :class:`~packager.errors.PackagerError`, listing every problem, when the course is invalid;
    then nothing is written.
    """
    names = list(dict.fromkeys(targets or TARGETS))
    unknown = [name for name in names if name not in TARGETS]
    if unknown:
        raise PackagerError(f"unknown target {unknown[0]!r}; the targets are {', '.join(TARGETS)}")
    shown = progress or NoProgress()
    kept = BuildCache.for_output(out_dir) if cache else BuildCache(None)
    report = BuildReport(restored=restore_interrupted(out_dir))
    setting = {name: settings(name, course_dir) for name in names}
    for name in names if source else ():
        path = kept.kept_zip(name, out_dir, setting[name])
        if path is not None:
            # Same inputs, same code (the record holds both), same zip: it was checked when written.
            report.targets.append(TargetResult(name, path, "up to date"))
    if translations:
        from packager.translate.building import build_translations

        only = None if translations is True else list(translations)
        with build_translations(course_dir, strict, only) as translated:
            if source:
                _build_all(course_dir, out_dir, names, kept, setting, report, shown)
            for language_report, folder in translated:
                report.translations.append(language_report)
                done = build(folder, out_dir, names, cache=False, progress=progress)
                report.targets.extend(done.targets)
        return report
    _build_all(course_dir, out_dir, names, kept, setting, report, shown)
    return report


def _build_all(
    course_dir: Path,
    out_dir: Path,
    names: list[str],
    kept: BuildCache,
    setting: dict[str, str],
    report: BuildReport,
    progress: Progress,
) -> None:
    stale = [TARGETS[name] for name in names if all(result.target != name for result in report.targets)]
    if stale:
        _build(course_dir, out_dir, stale, kept, setting, report, progress)
    kept.save()


def _build(
    course_dir: Path,
    out_dir: Path,
    targets: list[Target],
    kept: BuildCache,
    setting: dict[str, str],
    report: BuildReport,
    progress: Progress,
) -> None:
    """Load, render and validate every target's package; then put all of them in place."""
    from packager.course.loader import load_course
    from packager.render import location, render_pages

    task = progress.add_task("loading the course", total=None)
    course = load_course(course_dir, kept.pages, [target.name for target in targets])
    pages = render_pages(course, kept.html)
    progress.remove_task(task)
    report.loaded = [location(page) for page in kept.pages.added]
    report.rendered = pages.rendered
    staged: list[tuple[Target, StagedZip, PreviousZip | None, int]] = []
    try:
        for target in targets:
            # One site in memory at a time: each zip is written beside its destination at once,
            # and all are put in place only when every target has validated.
            task = progress.add_task(f"rendering {target.description}", total=None)
            site = target.build(course, pages.html)
            progress.remove_task(task)
            staged.append((target, *_stage(target, course, site.files, out_dir, kept, progress)))
        for target, zip_file, previous, files in staged:
            kept.forget_zip(target.name)
            zip_file.commit()
            inputs = kept.inputs(_inputs(course), setting[target.name])
            kept.remember_zip(target.name, zip_file.destination, inputs, zip_file.entries)
            copied = _copied(previous, zip_file)
            result = TargetResult(
                target.name,
                zip_file.destination,
                "written",
                files,
                copied,
                zip_file.kept_bytes,
            )
            report.targets.append(result)
    finally:
        for _, zip_file, _, _ in staged:
            zip_file.discard()  # nothing left once committed


def _stage(
    target: Target,
    course: Course,
    files: dict[str, bytes | Path],
    out_dir: Path,
    kept: BuildCache,
    progress: Progress,
) -> tuple[StagedZip, PreviousZip | None, int]:
    """Write one target's zip beside its destination."""
    from packager.archive.writer import stage_zip

    path = out_dir / target.archive_name(course)
    # The bar's total (every media file's size) is worked out only for a bar that is shown.
    total = None if progress.disable else sum(content_size(content) for content in files.values())
    task = progress.add_task(f"writing {path.name}", total=total)
    previous = kept.previous_zip(target.name, path)
    advance = None if progress.disable else partial(progress.advance, task)
    zip_file = stage_zip(files, path, previous=previous, progress=advance, file_signature=kept.signature)
    progress.remove_task(task)
    return zip_file, previous, len(files)


def _inputs(course: Course) -> list[Path]:
    """Every file a course's packages are made from."""
    return [
        course.source_dir / "course.yaml",
        *(page.source for page in course.pages),
        *course.media_files.values(),
        *course.theme_files.values(),
    ]


def _copied(previous: PreviousZip | None, zip_file: StagedZip) -> int:
    """How many entries had the same content in the previous zip (and so were copied from it)."""
    if previous is None:
        return 0
    before = {name: entry.digest for name, entry in previous.entries.items() if entry.digest}
    return sum(
        1 for name, entry in zip_file.entries.items() if name in before and before[name] == entry.digest
    )
