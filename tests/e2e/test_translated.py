"""The sample course's Spanish translation (course/translations/es.xlf, made through the XLIFF round
trip): it builds with --strict, passes lint (XSDs included) and plays to completion in Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest

from packager import build
from packager.cli import main
from packager.course import load_course
from packager.templating import messages
from packager.testing.session import PlayerSession
from packager.translate.apply import translate_course
from tests.conftest import SAMPLE_COURSE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def spanish_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("es")
    report = build(SAMPLE_COURSE, out, ["scorm12"], cache=False, translations=True, strict=True)
    package = out / "crss-professional-boundaries-es-scorm12.zip"
    assert package in report.written
    return package


def test_the_spanish_package_passes_lint(spanish_package: Path) -> None:
    assert main(["lint", str(spanish_package), "-q"]) == 0


def test_the_spanish_course_plays_to_completion_in_spanish(
    scorm_player: PlayerSession, spanish_package: Path, tmp_path: Path
) -> None:
    translate_course(
        load_course(SAMPLE_COURSE), "es", SAMPLE_COURSE / "translations" / "es.xlf", tmp_path / "es"
    )
    spanish = load_course(tmp_path / "es")
    session = scorm_player.launch(spanish_package)
    content = session.content
    assert content.locator("html").get_attribute("lang") == "es"
    assert content.locator("html").get_attribute("dir") == "ltr"
    assert content.locator("#next-button").inner_text() == "Siguiente"
    session.learner.complete(correct=True)
    text = messages(spanish)
    summary = content.locator("[data-result-summary]:visible").inner_text()
    assert summary == text.text("result.passed", percent=text.percent(1))
    assert content.locator("main section:not([hidden]) h1").inner_text() == "Evaluación final"
    record = session.end()
    assert record is not None
    assert record["cmi"]["cmi.core.lesson_status"] == "passed"
    assert session.page_errors == []
