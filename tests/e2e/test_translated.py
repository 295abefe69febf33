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
from tests.e2e.translated_blocks import flip_card, passes, process_words, with_translated_blocks

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


PROCESS = """\
::: process
### Thank them and decline
Thank the person and explain kindly that you cannot work with them yourself.
### Refer them
Help them connect with another qualified specialist.
### Ask your supervisor
Talk to your supervisor if you are unsure, and follow your organisation's procedures.
:::
"""
SPANISH = {
    "Thank them and decline": "Agradece y declina",
    "Thank the person and explain kindly that you cannot work with them yourself.": (
        "Agradece a la persona y explícale con amabilidad que no puedes trabajar con ella."
    ),
    "Refer them": "Derívala",
    "Help them connect with another qualified specialist.": (
        "Ayúdala a ponerse en contacto con otro especialista cualificado."
    ),
    "Ask your supervisor": "Consulta a tu supervisor",
    "Talk to your supervisor if you are unsure, and follow your organisation's procedures.": (
        "Habla con tu supervisor si tienes dudas y sigue los procedimientos de tu organización."
    ),
}


def test_the_blocks_speak_spanish_and_the_learner_finishes_them_by_their_spanish_names(
    scorm_player: PlayerSession, tmp_path: Path
) -> None:
    """Flip cards and a process (which must be finished) in Spanish: the plug-in learner presses
    "Paso siguiente", so the course completes only if the controls are named in Spanish."""
    course = with_translated_blocks(
        SAMPLE_COURSE, tmp_path / "course", "02-former-partners.md", "es", PROCESS, SPANISH
    )
    build(course, tmp_path / "out", ["scorm12"], cache=False, translations=True, strict=True)
    session = scorm_player.launch(tmp_path / "out" / "crss-professional-boundaries-es-scorm12.zip")
    content = session.content
    content.get_by_role("button", name="Empezar").click()  # past the cover, to the outline behind its menu
    content.get_by_role("button", name="Contenido").click()
    content.get_by_role("button", name="Por qué no debes atender a una expareja sentimental").click()
    view = content.locator("main section:not([hidden])")
    titles = view.locator(
        ".callout-title, .scenario-name"
    ).all_text_contents()  # on the blocks' opening lines
    assert [" ".join(title.split()) for title in titles] == ["Idea clave", "Escenario Jordan le pide apoyo"]
    assert flip_card(view, "Conflicto de intereses") == ("Dar la vuelta", "Volver al frente")
    process = view.locator("[data-block-type=process]")
    note = "Recorre los 3 pasos para completar esta lección."
    assert process_words(process) == (note, "Paso 1 de 3 Agradece y declina")
    assert process.get_by_role("button").all_inner_texts() == ["Paso anterior", "Paso siguiente"]
    assert "Next step" not in content.locator("body").inner_text()
    passes(session)
