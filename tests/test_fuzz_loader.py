"""Fuzzing the loader and the build with random course folders (hypothesis, ``fuzz_courses.py``).

Whatever the input, the only exception that may escape is :class:`PackagerError`, and a failed build
leaves the build folder exactly as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given

from packager.archive.writer import write_zip
from packager.cli import main
from packager.course import load_course
from packager.errors import PackagerError
from packager.targets import TARGETS
from tests.fuzz_courses import (
    COURSE_TEMPLATE,
    FRONT_MATTER_TEMPLATE,
    FUZZ,
    QUIZ_TEMPLATE,
    course_trees,
    materialize,
    snapshot,
)


@FUZZ
@given(tree=course_trees())
def test_the_loader_raises_only_packager_errors(tree: dict[str, str | bytes]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        course = materialize(tree, Path(temporary))
        try:
            loaded = load_course(course)
        except PackagerError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.message.strip()
            event("refused")
        else:
            root = course.resolve()
            sources = [*loaded.media_files.values(), *(page.source for page in loaded.pages)]
            assert all(source.resolve().is_relative_to(root) for source in sources)
            event("loaded")


@FUZZ
@given(tree=course_trees())
def test_a_failed_build_leaves_the_build_folder_untouched(tree: dict[str, str | bytes]) -> None:
    with tempfile.TemporaryDirectory() as temporary, pytest.MonkeyPatch.context() as patch:
        parent = Path(temporary)
        patch.setenv("PACKAGER_CACHE_DIR", str(parent / "cache"))
        course = materialize(tree, parent)
        build = parent / "build"
        for name in TARGETS:
            write_zip({"index.html": f"previous {name}\n".encode()}, build / f"fuzz-course-{name}.zip")
        before = snapshot(build)
        code = main(["build", str(course), "-o", str(build), "-q"])
        assert code in (0, 1)
        if code == 1:
            assert snapshot(build) == before


def test_the_strategies_reach_valid_courses() -> None:
    """Unchanged templates make a course that builds: the fuzzing starts from the real thing."""
    tree: dict[str, str | bytes] = {
        "course.yaml": yaml.safe_dump(COURSE_TEMPLATE, sort_keys=False),
        "lessons/01-intro.md": "---\n"
        + yaml.safe_dump(FRONT_MATTER_TEMPLATE)
        + "---\n![A photo](../media/photo.png)\n",
        "lessons/02-more.md": "---\ntitle: More\n---\n[js](javascript:alert(1)) <script>alert(1)</script>\n",
        "check.yaml": yaml.safe_dump(QUIZ_TEMPLATE, sort_keys=False),
        "quiz.yaml": yaml.safe_dump({**QUIZ_TEMPLATE, "id": "final"}, sort_keys=False),
        "media/photo.png": b"\x89PNG",
    }
    with tempfile.TemporaryDirectory() as temporary:
        course = load_course(materialize(tree, Path(temporary)))
    assert [page.id for page in course.pages] == ["intro", "check", "more", "final"]
    assert course.quiz is not None
    assert len(course.quiz.questions) == len(QUIZ_TEMPLATE["questions"])


if not hasattr(os, "symlink"):  # pragma: no cover - the links in the trees need them
    pytestmark = pytest.mark.skip(reason="needs symbolic links")
