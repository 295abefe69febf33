"""Themes: the WCAG contrast check, refusals located in course.yaml and the author stylesheet, and
what a branded build ships."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import yaml

from packager import filestate
from packager.cli import main
from packager.course import load_course
from packager.errors import PackagerError
from packager.theme.contrast import luminance, ratio, shown_ratio
from packager.theme.models import Theme
from packager.theme.palette import contrast_problems, schemes
from tests.readme import readme_block
from tests.refusals import build_fails, snapshot
from tests.theme_course import ACCENT, LOGO, PRIMARY, write_branded_course


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("PACKAGER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def test_contrast_follows_the_wcag_formula() -> None:
    assert luminance("#ffffff") == pytest.approx(1)
    assert luminance("#000") == pytest.approx(0)
    assert ratio("#000000", "#ffffff") == pytest.approx(21)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1)
    # Known values from WebAIM's checker: #767676 is the lightest grey passing 4.5:1 on white.
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert ratio("#777777", "#ffffff") < 4.5
    assert shown_ratio(4.4999) == "4.49:1", "a failing ratio never reads as the threshold"


def test_the_built_in_theme_passes_light_and_dark() -> None:
    assert contrast_problems(None) == []
    assert contrast_problems(Theme()) == []


def test_dark_colours_are_derived_readable_from_the_light_brand() -> None:
    theme = Theme.model_validate({"colors": {"primary": "#0f6466", "accent": "#b85c00"}})
    assert contrast_problems(theme) == []
    light, dark = schemes(theme)
    assert light.primary.value == "#0f6466"
    assert dark.primary.value != light.primary.value
    assert ratio(dark.primary.value, dark.background.value) >= 4.5
    assert ratio(dark.button_text.value, dark.primary.value) >= 4.5


def test_a_given_dark_pair_that_fails_is_named_as_dark() -> None:
    theme = Theme.model_validate({"colors": {"dark": {"text": "#555555", "background": "#333333"}}})
    found = [
        message for where, message in contrast_problems(theme) if where == ("theme", "colors", "dark", "text")
    ]
    message = found[0]
    assert message.startswith("text #555555 on background #333333 (dark scheme): contrast 1.")
    assert message.endswith("needs 4.5:1 for body text")


def _build(parent: Path) -> tuple[int, Path]:
    return main(
        ["build", str(parent / "course"), "-o", str(parent / "build"), "--target", "web"]
    ), parent / "build"


def test_a_branded_course_ships_its_theme(tmp_path: Path) -> None:
    write_branded_course(tmp_path / "course")
    code, out = _build(tmp_path)
    assert code == 0
    with zipfile.ZipFile(out / "branded-web.zip") as package:
        names = set(package.namelist())
        assert {"brand.css", "media/logo.svg", "media/cover.svg", "fonts/brand.ttf"} <= names
        brand = package.read("brand.css").decode()
        page = package.read("index.html").decode()
    assert f"--accent: {PRIMARY};" in brand and f"--focus: {ACCENT};" in brand
    assert '@font-face { font-family: "Test Brand"; src: url("fonts/brand.ttf") format("truetype")' in brand
    assert "prefers-color-scheme: dark" in brand
    assert '<link rel="stylesheet" href="brand.css">' in page
    assert '<img class="logo" src="media/logo.svg" alt="Brand logo">' in page
    assert '<img class="cover-image" src="media/cover.svg" alt="">' in page
    assert "About 12 minutes" in page


def test_a_low_contrast_pair_is_refused_with_the_pair_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    course = write_branded_course(tmp_path / "course")
    assert main(["build", str(course), "-o", str(tmp_path / "build")]) == 0
    capsys.readouterr()
    earlier = snapshot(tmp_path / "build")
    settings = course / "course.yaml"
    settings.write_text(settings.read_text().replace(ACCENT, "#7fbfff").replace(PRIMARY, "#9b7fb0"))
    messages = build_fails(tmp_path, earlier, capsys, monkeypatch)
    assert messages[0] == (
        "course/course.yaml:11:5 theme.colors.primary: primary #9b7fb0 on background #fffdf8 (light scheme): "
        "contrast 3.41:1, needs 4.5:1 for link text"
    )
    assert (
        "course/course.yaml:12:5 theme.colors.accent: accent #7fbfff on background #fffdf8 (light scheme): "
        "contrast 1.91:1, needs 3:1 for the focus indicator and progress bar"
    ) in messages


@pytest.mark.parametrize(
    ("css", "where", "why"),
    [
        (
            "body { color: red; }\n.x { background: url(https://cdn.example.com/a.png); }\n",
            "2:18",
            "'https://cdn.example.com/a.png' is an external URL",
        ),
        ('@import "theme/more.css";\n', "1:1", "@import is not allowed"),
        (
            '@font-face { font-family: X; src: url("//fonts.example.com/x.woff2"); }\n',
            "1:35",
            "'//fonts.example.com/x.woff2' is an external URL",
        ),
        (".a { background: url(../../outside.png); }\n", "1:18", "leads outside the course folder"),
        (
            ".a { background: url(missing.png); }\n",
            "1:18",
            "'theme/missing.png' is not a file inside the course folder",
        ),
    ],
)
def test_an_author_stylesheet_reaching_outside_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    css: str,
    where: str,
    why: str,
) -> None:
    course = write_branded_course(tmp_path / "course")
    (course / "theme").mkdir()
    (course / "theme" / "extra.css").write_text(css)
    settings = course / "course.yaml"
    settings.write_text(settings.read_text() + "  stylesheet: theme/extra.css\n")
    (tmp_path / "build").mkdir()
    messages = build_fails(tmp_path, {}, capsys, monkeypatch)
    assert len(messages) == 1
    assert messages[0].startswith(f"course/theme/extra.css:{where} ")
    assert why in messages[0]


def test_an_author_stylesheet_with_local_files_is_shipped(tmp_path: Path) -> None:
    course = write_branded_course(tmp_path / "course")
    (course / "theme").mkdir()
    (course / "theme" / "extra.css").write_text(".cover { background: url('../media/cover.svg'); }\n")
    settings = course / "course.yaml"
    settings.write_text(settings.read_text() + "  stylesheet: theme/extra.css\n")
    code, out = _build(tmp_path)
    assert code == 0
    with zipfile.ZipFile(out / "branded-web.zip") as package:
        assert "theme/extra.css" in package.namelist()
        assert '<link rel="stylesheet" href="theme/extra.css">' in package.read("index.html").decode()


def test_theme_files_and_fonts_are_checked(tmp_path: Path) -> None:
    course = write_branded_course(tmp_path / "course")
    (course / "fonts" / "brand.ttf").unlink()
    settings = course / "course.yaml"
    text = (
        settings.read_text()
        .replace("media/logo.svg", "media/logo.txt")
        .replace("headings: system-serif", "headings: Nowhere")
    )
    settings.write_text(text)
    with pytest.raises(PackagerError) as raised:
        load_course(course)
    found = {problem.field: problem.message for problem in raised.value.problems}
    assert found["theme.logo"].startswith("'media/logo.txt' is not an image")
    assert found["theme.fonts.headings"].startswith("no font file declares the family 'Nowhere'")
    assert found["theme.fonts.files[0].file"].startswith("the file 'fonts/brand.ttf' does not exist")
    assert all(problem.line for problem in raised.value.problems)


def test_the_schema_describes_the_theme(tmp_path: Path) -> None:
    assert main(["schema", "-o", str(tmp_path), "-q"]) == 0
    schema = json.loads((tmp_path / "course.schema.json").read_text("utf-8"))
    theme = schema["$defs"]["Theme"]["properties"]
    assert {"colors", "logo", "cover", "fonts", "stylesheet"} <= set(theme)
    assert {"primary", "accent", "text", "background", "dark"} <= set(
        schema["$defs"]["Colours"]["properties"]
    )


def test_the_readme_theme_example_is_a_valid_theme() -> None:
    example = yaml.safe_load(readme_block("theme example", "yaml"))
    theme = Theme.model_validate(example["theme"])
    assert theme.fonts.files[0].family == "Brand Sans"
    assert contrast_problems(theme) == []


def test_an_edited_theme_file_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The build cache keeps a zip only while none of its inputs changed: the theme's files are inputs."""
    monkeypatch.setattr(filestate, "RACY_NS", 0)  # files count as settled at once
    course = write_branded_course(tmp_path / "course")
    out = tmp_path / "build"
    assert main(["build", str(course), "-o", str(out), "--target", "web", "-q"]) == 0
    assert main(["build", str(course), "-o", str(out), "--target", "web"]) == 0
    assert "is up to date" in capsys.readouterr().out
    (course / "media" / "logo.svg").write_text(LOGO.replace("#6a1b9a", "#123456"), encoding="utf-8")
    assert main(["build", str(course), "-o", str(out), "--target", "web", "-q"]) == 0
    with zipfile.ZipFile(out / "branded-web.zip") as package:
        assert "#123456" in package.read("media/logo.svg").decode()
