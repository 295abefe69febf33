"""Checks across the pages of a course, once each is loaded: links between lessons, and media
names that differ only in case."""

from __future__ import annotations

from pathlib import Path

from packager.course.models import Lesson, Quiz
from packager.course.pages import CourseFolder
from packager.course.yamlsource import Location
from packager.errors import Problem


def resolved(path: Path) -> Path:
    """``path`` with links followed, or as it is when it cannot be (a loop, a bad name)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path


def link_pages(
    folder: CourseFolder,
    pages: list[tuple[Location, Lesson | Quiz]],
    listed: set[Path],
    problems: list[Problem],
) -> list[tuple[Location, Lesson | Quiz]]:
    """Each link from a lesson to another lesson's file goes to that page in the course (``listed``:
    the files course.yaml lists, resolved; one that failed to load is reported on its own)."""
    where = {resolved(page.source): f"lesson:{page.id}" for _, page in pages if isinstance(page, Lesson)}
    linked: list[tuple[Location, Lesson | Quiz]] = []
    for location, page in pages:
        if isinstance(page, Lesson) and page.lesson_links:
            links = {written: where[path] for written, path in page.lesson_links.items() if path in where}
            problems.extend(
                Problem(
                    f"'{written}' links to a lesson the course does not list: add it to 'lessons' in "
                    "course.yaml, or link to a page that is",
                    file=folder.display(page.source),
                    field="link",
                )
                for written, path in page.lesson_links.items()
                if path not in listed
            )
            page = page.model_copy(update={"page_links": links})
        linked.append((location, page))
    return linked


def case_clashes(folder: CourseFolder, pages: list[Lesson | Quiz]) -> list[Problem]:
    """Package files whose names differ only in case: an LMS on a case-insensitive disk keeps one."""
    first: dict[str, str] = {}
    problems = []
    for page in pages:
        for package_path in page.media_files if isinstance(page, Lesson) else ():
            other = first.setdefault(package_path.casefold(), package_path)
            if other != package_path:
                first[package_path] = package_path  # one message per name
                problems.append(
                    Problem(
                        f"'{package_path}' and '{other}' differ only in case; an LMS on a case-insensitive "
                        "disk keeps one of them: rename one",
                        file=folder.display(page.source),
                    )
                )
    return problems
