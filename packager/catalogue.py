"""Catalogue builds: every course of a folder, in every language, across the machine's cores.

A catalogue is a folder of course folders. Each course is built once as written and once per
translation (``translations/<language>.xlf``), each such job in its own process of a pool
(:mod:`concurrent.futures`), into ``<out>/<course folder>/<language>/``. A course that fails does
not stop the others: its result says why.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import yaml

from packager.builder import build
from packager.errors import PackagerError

COURSE_FILE = "course.yaml"


@dataclass(frozen=True)
class Job:
    """One course in one language."""

    course_dir: Path
    language: str
    translated: bool
    """False: the course as written (in ``language``); True: its translation into ``language``."""
    out_dir: Path


@dataclass(frozen=True)
class JobResult:
    """What one job built, or why it failed."""

    course: str
    language: str
    zips: tuple[Path, ...]
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def is_catalogue(folder: Path) -> bool:
    """A folder without course.yaml, with course folders in it."""
    return not (folder / COURSE_FILE).exists() and bool(courses(folder))


def courses(folder: Path) -> list[Path]:
    """The course folders of a catalogue, by name."""
    return (
        sorted(path for path in folder.iterdir() if (path / COURSE_FILE).is_file()) if folder.is_dir() else []
    )


def jobs(folder: Path, out_dir: Path) -> list[Job]:
    """Every course of the catalogue, as written and in each of its translations."""
    # Imported here: ``packager build`` asks is_catalogue() of every folder, and a rebuild with
    # nothing to do must not import the models.
    from packager.translate.apply import translation_files

    found = []
    for course_dir in courses(folder):
        found.append(
            Job(course_dir, _language(course_dir), False, out_dir / course_dir.name / _language(course_dir))
        )
        for language in translation_files(course_dir):
            found.append(Job(course_dir, language, True, out_dir / course_dir.name / language))
    return found


def _language(course_dir: Path) -> str:
    try:
        data = yaml.safe_load((course_dir / COURSE_FILE).read_text("utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return "?"
    language = data.get("language", "en") if isinstance(data, dict) else "en"
    return str(language)


def run_job(job: Job, targets: Sequence[str] | None, strict: bool) -> JobResult:
    """Build one job; any failure is the result, not an exception."""
    try:
        if job.translated:
            report = build(
                job.course_dir, job.out_dir, targets, translations=[job.language], source=False, strict=strict
            )
        else:
            report = build(job.course_dir, job.out_dir, targets)
    except PackagerError as error:
        return JobResult(job.course_dir.name, job.language, (), "; ".join(str(p) for p in error.problems))
    except Exception as error:  # one course's bug must not stop the catalogue
        return JobResult(job.course_dir.name, job.language, (), f"{type(error).__name__}: {error}")
    return JobResult(job.course_dir.name, job.language, tuple(result.path for result in report.targets))


def build_catalogue(
    folder: Path,
    out_dir: Path,
    targets: Sequence[str] | None = None,
    *,
    workers: int | None = None,
    strict: bool = False,
    done: Callable[[JobResult], None] | None = None,
) -> list[JobResult]:
    """Build every job of the catalogue; ``workers=1`` builds them one after another in this process.

    ``done`` hears of each result as it comes. The results are in job order.
    """
    planned = jobs(folder, out_dir)
    if not planned:
        raise PackagerError("no course folders (folders with a course.yaml) in this folder", file=folder)
    results: dict[int, JobResult] = {}
    if workers == 1:
        for index, job in enumerate(planned):
            results[index] = run_job(job, targets, strict)
            if done:
                done(results[index])
    else:
        count = min(workers or os.cpu_count() or 1, len(planned))
        with ProcessPoolExecutor(max_workers=count) as pool:
            futures = {pool.submit(run_job, job, targets, strict): index for index, job in enumerate(planned)}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                if done:
                    done(results[futures[future]])
    return [results[index] for index in range(len(planned))]
