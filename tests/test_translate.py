"""The translation round trip: export XLIFF, translate, import, build one package per language."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables.xliff import G

from packager import build
from packager.cli import main
from packager.course import load_course
from packager.render import render_pages
from packager.translate.apply import translate_course
from packager.translate.segments import course_segments
from tests.conftest import SAMPLE_COURSE

BOLD_PARAGRAPH = "**Conflict of interest.** Your own feelings count."
LOGO_ALT = "Recovery Support Training"
SCENARIO = "lesson/former-partners/scenario-1/title"
CALLOUT = "lesson/former-partners/callout-1/title"


def _unit_id(path: Path, source_text: str) -> str:
    """The id of the one exported unit whose source holds ``source_text``."""
    units = xliff.xlifffile.parsestring(path.read_bytes()).getunits()
    (found,) = [unit.getid() for unit in units if source_text in str(unit.source)]
    return str(found).split(xliff.ID_SEPARATOR)[-1]


@pytest.fixture
def course(tmp_path: Path) -> Path:
    folder = Path(
        shutil.copytree(SAMPLE_COURSE, tmp_path / "course", ignore=shutil.ignore_patterns("translations"))
    )
    with (folder / "lessons" / "02-former-partners.md").open("a", encoding="utf-8") as lesson:
        lesson.write(f"\n{BOLD_PARAGRAPH}\n")
    yaml_file = folder / "course.yaml"
    yaml_file.write_text(
        yaml_file.read_text("utf-8").replace("  logo: ", f"  logo_alt: {LOGO_ALT}\n  logo: "), "utf-8"
    )
    return folder


def _export(course: Path, language: str, tmp_path: Path) -> Path:
    out = tmp_path / f"{language}.xlf"
    assert main(["translate", "export", str(course), "--to", language, "-o", str(out), "-q"]) == 0
    return out


def _edit(path: Path, targets: dict[str, list[object]] | None = None, identity: bool = False) -> None:
    """What a translator's tool does: fill in targets (or copy every source, ``identity``)."""
    store = xliff.xlifffile.parsestring(path.read_bytes())
    for unit in store.getunits():
        identifier = unit.getid().split(xliff.ID_SEPARATOR)[-1]
        if identity:
            unit.rich_target = unit.rich_source
        elif targets and identifier in targets:
            unit.rich_target = [StringElem(targets[identifier])]
    path.write_bytes(bytes(store))


def test_every_kind_of_text_is_exported_with_its_markup_as_placeholders(course: Path, tmp_path: Path) -> None:
    text = _export(course, "fr", tmp_path).read_text("utf-8")
    assert 'target-language="fr"' in text
    assert "<source>Final assessment</source>" in text  # a quiz title
    assert '<g id="1">Conflict of interest.</g> Your own feelings count.' in text  # bold as a placeholder
    assert "**" not in text
    ids = [
        u.getid().split(xliff.ID_SEPARATOR)[-1] for u in xliff.xlifffile.parsestring(text.encode()).getunits()
    ]
    assert any(i.endswith("options.0.feedback") for i in ids) and any(i.endswith("items.2") for i in ids)
    # Text on blocks' opening lines, without the words the packager reads (a callout's kind)...
    assert _unit_id(tmp_path / "fr.xlf", "Jordan asks for your support") == SCENARIO
    assert _unit_id(tmp_path / "fr.xlf", "Expectations of each") == "lesson/dual-relationships/tabs-1/title"
    assert CALLOUT in ids and "<source>Key takeaway</source>" in text
    assert _unit_id(tmp_path / "fr.xlf", LOGO_ALT) == "course/theme.logo_alt"
    assert (
        "<source>important" not in text and "#1d2b2c" not in text
    )  # ...and the theme's text, not its colours


def test_export_import_build_without_changes_gives_the_source_course(course: Path, tmp_path: Path) -> None:
    exported = _export(course, "es", tmp_path)
    _edit(exported, identity=True)
    assert main(["translate", "import", str(exported), str(course), "-q"]) == 0
    report = build(course, tmp_path / "out", ["scorm12"], cache=False, translations=True)
    names = sorted(result.path.name for result in report.targets)
    assert names == [
        "crss-professional-boundaries-es-scorm12.zip",
        "crss-professional-boundaries-scorm12.zip",
    ]
    (translation,) = report.translations
    assert translation.untranslated == [] and translation.stale == []
    source = load_course(course)
    translate_course(source, "es", course / "translations" / "es.xlf", tmp_path / "es")
    translated = load_course(tmp_path / "es")
    assert [s.parts for s in course_segments(translated)] == [s.parts for s in course_segments(source)]
    assert render_pages(translated).html == render_pages(source.model_copy(update={"language": "es"})).html
    with zipfile.ZipFile(tmp_path / "out" / "crss-professional-boundaries-es-scorm12.zip") as archive:
        assert '<html lang="es" dir="ltr">' in archive.read("index.html").decode()


def test_a_translation_reaches_the_page_with_its_markup(course: Path, tmp_path: Path) -> None:
    exported = _export(course, "es", tmp_path)
    bold = G(id="1", sub=["Conflicto de intereses."])
    targets = {
        _unit_id(exported, "Your own feelings count."): [bold, " Sus sentimientos [*] cuentan."],
        "quiz/final/title": ["Evaluación final"],
        SCENARIO: ["Jordan le pide apoyo"],
        CALLOUT: ["Idea <clave> & más"],
        "course/theme.logo_alt": ["Formación en apoyo a la recuperación"],
    }
    _edit(exported, targets)
    assert main(["translate", "import", str(exported), str(course), "-q"]) == 0
    translate_course(load_course(course), "es", course / "translations" / "es.xlf", tmp_path / "es")
    translated = load_course(tmp_path / "es")
    html = "".join(render_pages(translated).html)
    assert "<strong>Conflicto de intereses.</strong> Sus sentimientos [*] cuentan." in html
    assert translated.quiz is not None and translated.quiz.title == "Evaluación final"
    build(course, tmp_path / "out", ["scorm12"], cache=False, translations=True)
    with zipfile.ZipFile(tmp_path / "out" / "crss-professional-boundaries-es-scorm12.zip") as archive:
        page = archive.read("index.html").decode()
    # The kind stays the packager's word; the title is the translator's (plain text, escaped once).
    callout = r'callout-important[^"]*" [^>]*>\s*<p class="callout-title" [^>]*>.*?</span>'
    callout += "Idea &lt;clave&gt; &amp; más</p>"
    assert re.search(callout, page)
    assert '<span class="scenario-kicker">Escenario</span> Jordan le pide apoyo</p>' in page
    assert '<img class="logo" src="media/logo.svg" alt="Formación en apoyo a la recuperación">' in page
    assert "Jordan asks for your support" not in page and LOGO_ALT not in page


def test_untranslated_and_stale_segments_are_reported_and_fail_a_strict_build(
    course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = _export(course, "fr", tmp_path)
    _edit(exported, identity=True)
    assert main(["translate", "import", str(exported), str(course), "-q"]) == 0
    final = course / "quizzes" / "final.yaml"
    final.write_text(
        final.read_text("utf-8").replace("title: Final assessment", "title: Final exam"), "utf-8"
    )
    report = build(course, tmp_path / "out", ["scorm12"], cache=False, translations=True)
    (translation,) = report.translations
    assert [segment.location for segment in translation.stale] == ["quizzes/final.yaml:title"]
    assert translation.untranslated == []
    capsys.readouterr()
    assert main(["build", str(course), "-o", str(tmp_path / "strict"), "-t", "scorm12", "--strict"]) == 1
    errors = capsys.readouterr().err
    assert "stale segment quiz/final/title (quizzes/final.yaml:title)" in errors
    assert not (tmp_path / "strict").exists() or not list((tmp_path / "strict").glob("*.zip"))


NEW_QUESTION = """\
  - id: boundaries-are-shared
    type: true-false
    prompt: "Boundaries are agreed between the specialist and the client."
    answer: true
"""


def test_a_question_inserted_in_the_middle_keeps_the_translations_of_the_others(
    course: Path, tmp_path: Path
) -> None:
    exported = _export(course, "fr", tmp_path)
    _edit(exported, identity=True)
    targets = {
        "quiz/final/questions.why-trust-matters.prompt": ["Pourquoi la confiance compte-t-elle ?"],
        "quiz/final/questions.why-trust-matters.options.0.text": ["Un client sans confiance se retient."],
        "quiz/final/questions.boundaries-optional-extra.prompt": ["Les limites sont facultatives."],
    }
    _edit(exported, targets)
    assert main(["translate", "import", str(exported), str(course), "-q"]) == 0
    final = course / "quizzes" / "final.yaml"
    source = final.read_text("utf-8")
    final.write_text(
        source.replace("  - id: why-trust-matters\n", NEW_QUESTION + "  - id: why-trust-matters\n")
    )
    report = translate_course(load_course(course), "fr", course / "translations" / "fr.xlf", tmp_path / "fr")
    # Only the new question lacks a translation; nothing after it went stale or moved.
    assert [segment.id for segment in report.untranslated] == [
        "quiz/final/questions.boundaries-are-shared.prompt"
    ]
    assert report.stale == []
    quiz = load_course(tmp_path / "fr").quiz
    assert quiz is not None
    prompts = {question.id: question.prompt for question in quiz.questions}
    assert prompts["boundaries-are-shared"] == "Boundaries are agreed between the specialist and the client."
    assert prompts["why-trust-matters"] == "Pourquoi la confiance compte-t-elle ?"
    assert prompts["boundaries-optional-extra"] == "Les limites sont facultatives."
    why = next(question for question in quiz.questions if question.id == "why-trust-matters")
    assert why.options[0].text == "Un client sans confiance se retient."  # type: ignore[attr-defined]


VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(100)


def _with_video(course: Path) -> None:
    """The sample course with a captioned video in its first lesson, and French captions beside it."""
    media = course / "lessons" / "media"
    media.mkdir(exist_ok=True)
    (media / "welcome.mp4").write_bytes(VIDEO)
    (media / "welcome.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome.\n", "utf-8")
    (media / "welcome.fr.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nBienvenue.\n", "utf-8")
    with (course / "lessons" / "01-role-and-trust.md").open("a", encoding="utf-8") as lesson:
        lesson.write("\n![A welcome from the trainer](media/welcome.mp4)\n")


def test_a_translation_points_a_video_at_its_own_captions_file(course: Path, tmp_path: Path) -> None:
    _with_video(course)
    exported = _export(course, "fr", tmp_path)
    assert "<source>lessons/media/welcome.vtt</source>" in exported.read_text("utf-8")
    _edit(exported, identity=True)
    _edit(exported, {"captions/lessons/media/welcome.vtt": ["lessons/media/welcome.fr.vtt"]})
    assert main(["translate", "import", str(exported), str(course), "-q"]) == 0
    report = build(course, tmp_path / "out", ["scorm12"], cache=False, translations=True, strict=True)
    (translation,) = report.translations
    assert translation.untranslated == [] and translation.stale == []
    for name, cue in (
        ("crss-professional-boundaries", "Welcome."),
        ("crss-professional-boundaries-fr", "Bienvenue."),
    ):
        with zipfile.ZipFile(tmp_path / "out" / f"{name}-scorm12.zip") as archive:
            assert archive.read("lessons/media/welcome.vtt").decode().endswith(f"{cue}\n")
            assert "lessons/media/welcome.fr.vtt" not in archive.namelist()


@pytest.mark.parametrize(
    ("named", "expected"),
    [
        ("lessons/media/welcome.de.vtt", "which is not a file inside the course (missing)"),
        ("../../outside.vtt", "which is not a file inside the course (outside)"),
        ("lessons/media/welcome.mp4", "is not WebVTT captions"),
    ],
)
def test_a_captions_file_a_translation_names_must_be_webvtt_inside_the_course(
    course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], named: str, expected: str
) -> None:
    _with_video(course)
    (tmp_path / "outside.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHi.\n", "utf-8")
    exported = _export(course, "fr", tmp_path)
    _edit(exported, identity=True)
    _edit(exported, {"captions/lessons/media/welcome.vtt": [named]})
    line = next(
        number
        for number, text in enumerate(exported.read_text("utf-8").split("\n"), 1)
        if 'id="captions/lessons/media/welcome.vtt"' in text
    )
    capsys.readouterr()
    assert main(["translate", "import", str(exported), str(course)]) == 1
    error = capsys.readouterr().err
    assert f"{exported}:{line}" in error and expected in error, error
    assert not (course / "translations" / "fr.xlf").exists()
    # A file placed by hand instead of imported is refused by the build, at the same place.
    (course / "translations").mkdir()
    shutil.copyfile(exported, course / "translations" / "fr.xlf")
    assert main(["build", str(course), "-o", str(tmp_path / "out"), "-t", "scorm12", "--translations"]) == 1
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.zip"))
