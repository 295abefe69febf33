"""Catalogue builds: every course of a folder in every language, in a process pool; one failure stops none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from packager.catalogue import build_catalogue
from packager.cli import main
from tests.conftest import SAMPLE_COURSE

EVERY_TYPE = Path(__file__).parent / "e2e" / "courses" / "every-type"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(SAMPLE_COURSE, folder / "boundaries", ignore=shutil.ignore_patterns("translations"))
    shutil.copytree(EVERY_TYPE, folder / "every-type")  # with its Arabic translation
    (folder / "broken").mkdir()
    (folder / "broken" / "course.yaml").write_text("id: Not A Slug\n", "utf-8")
    return folder


def test_every_course_and_language_is_built_and_one_failure_stops_no_other(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(catalogue), "-o", str(out), "-t", "scorm12", "--jobs", "2"]) == 1
    printed = capsys.readouterr().out
    assert "1 of 4 builds failed" in printed and "broken" in printed and "failed" in printed
    assert sorted(path.relative_to(out).as_posix() for path in out.rglob("*.zip")) == [
        "boundaries/en/crss-professional-boundaries-scorm12.zip",
        "every-type/ar/every-question-type-ar-scorm12.zip",
        "every-type/en/every-question-type-scorm12.zip",
    ]


def test_the_pool_and_one_process_write_the_same_bytes(catalogue: Path, tmp_path: Path) -> None:
    shutil.rmtree(catalogue / "broken")
    pooled = build_catalogue(catalogue, tmp_path / "pool", ["scorm12"], workers=2)
    alone = build_catalogue(catalogue, tmp_path / "alone", ["scorm12"], workers=1)
    assert [result.ok for result in pooled] == [True, True, True]
    for first, second in zip(pooled, alone, strict=True):
        assert [path.read_bytes() for path in first.zips] == [path.read_bytes() for path in second.zips]
