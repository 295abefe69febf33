"""Interface strings: complete catalogues, every used message defined, plurals, numbers, overrides."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from packager import build
from packager.blocks.registry import block_types
from packager.errors import PackagerError
from packager.i18n.catalogue import (
    SOURCE_LOCALE,
    message_keys,
    messages_for,
    read_catalogue,
    shipped_locales,
)
from packager.i18n.page import plural_script
from packager.questions.registry import question_types
from packager.resources import templates_dir
from tests.conftest import MINIMAL_COURSE, CourseMaker
from tests.interface_literals import script_literals, template_literals

REQUIRED = ("en", "es", "fr", "de", "it", "pt", "nl", "pl", "ar", "he", "zh_Hans", "ja")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Every way a template or a runtime script names a message: t("key"), tn("key", ...), ns.t(...),
# ns.t(cond ? "a" : "b"), and a question type's ``hint`` (a message key).
USE = re.compile(r"""\b(?:t|tn)\(\s*(?:[\w.]+\s*\?\s*)?["']([a-z_]+\.[a-z_]+)["']""")
SECOND = re.compile(r""":\s*["']([a-z_]+\.[a-z_]+)["']\s*\)""")


def _forms(message_string: str | tuple[str, ...]) -> list[str]:
    return [message_string] if isinstance(message_string, str) else list(message_string)


def test_every_required_language_ships_a_catalogue() -> None:
    assert set(REQUIRED) <= set(shipped_locales())


@pytest.mark.parametrize("locale", REQUIRED)
def test_a_shipped_catalogue_translates_every_message(locale: str) -> None:
    source = {
        key: message
        for key, message in (
            (m.id if isinstance(m.id, str) else m.id[0], m) for m in read_catalogue(SOURCE_LOCALE)
        )
        if key
    }
    catalogue = read_catalogue(locale)
    found = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalogue if m.id}
    assert sorted(found) == sorted(source), "missing or unknown messages"
    for key, message in found.items():
        forms = _forms(message.string)
        assert message.pluralizable == source[key].pluralizable, key
        assert len(forms) == (catalogue.num_plurals if message.pluralizable else 1), key
        assert all(form.strip() for form in forms), f"{locale}: {key} is not translated"
        allowed = set(PLACEHOLDER.findall(" ".join(_forms(source[key].string)))) | {"count"}
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) <= allowed, f"{locale}: {key} has an unknown placeholder"


def _used_messages() -> set[str]:
    texts = [
        path.read_text("utf-8") for path in templates_dir().rglob("*") if path.suffix in (".html", ".js")
    ]
    for block in block_types().values():
        texts += [block.template, block.script]
    for kind in question_types().values():
        texts += [kind.template, kind.script]
        # The right answer as shown (shown_answer) words its lines through words.text("...").
        texts.append(inspect.getsource(sys.modules[kind.model.__module__]).replace("words.text(", "t("))
        hint = getattr(kind.model, "hint", "")
        texts.append(f't("{hint}")' if hint else "")
    used: set[str] = set()
    for text in texts:
        used |= set(USE.findall(text)) | set(SECOND.findall(text))
    return used


def test_every_message_the_page_uses_is_in_the_catalogues_and_none_is_unused() -> None:
    used = _used_messages()
    assert used, "the scan found no message at all"
    assert used <= set(message_keys()), (
        f"used without a catalogue entry: {sorted(used - set(message_keys()))}"
    )
    assert set(message_keys()) <= used, f"never used: {sorted(set(message_keys()) - used)}"


def _shipped_sources() -> list[tuple[str, str, str]]:
    """(name, kind, source) of every template and runtime script the packager ships: templates/ and
    each question type's and lesson block's plug-in of this package (another package's plug-in
    brings its own text)."""
    found = [
        (path.relative_to(templates_dir()).as_posix(), path.suffix, path.read_text("utf-8"))
        for path in sorted(templates_dir().rglob("*"))
        if path.suffix in (".html", ".js")
    ]
    kinds = [*question_types().values(), *block_types().values()]
    for kind in kinds:
        if kind.model.__module__.startswith("packager."):
            found += [(kind.template_name, ".html", kind.template), (kind.script_path, ".js", kind.script)]
    return found


@pytest.mark.parametrize(("name", "suffix", "source"), _shipped_sources(), ids=lambda value: value[:40])
def test_no_template_or_script_writes_interface_text_of_its_own(name: str, suffix: str, source: str) -> None:
    found = template_literals(source) if suffix == ".html" else script_literals(source)
    assert found == [], f"{name} writes text that is not from the catalogues (use t/tn): {found}"


def test_the_literal_check_finds_a_word_written_into_a_template_or_a_script() -> None:
    process = block_types()["process"].template
    assert template_literals(process) == []
    assert template_literals(process.replace('{{ t("block.next_step") }}', "Next step")) == ["Next step"]
    assert template_literals('<span aria-label="Close">{{ name or "Untitled" }}</span>') == [
        'aria-label="Close"',
        '"Untitled"',
    ]
    assert (
        template_literals('<h{{ level }} id="{{ id }}-x">{{ t("layout.next") }} 1 / {{ n }}</h{{ level }}>')
        == []
    )
    assert script_literals('status.textContent = "Step " + n;') == ['.textContent = "Step " + n']
    assert script_literals('button.setAttribute("aria-label", ns.t("layout.next"));') == []
    assert script_literals('el.querySelector(".process-heading").textContent = "";') == []


def test_a_message_missing_from_the_catalogue_fails_the_render() -> None:
    messages = messages_for("de")
    with pytest.raises(KeyError):
        messages.text("layout.nonexistent")
    with pytest.raises(KeyError):
        messages.text("result.attempts_left")  # has plurals: only plural() may use it


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("pl", ["Pozostała 1 próba.", "Pozostały 2 próby.", "Pozostało 5 prób."]),
        ("ar", ["تبقّت محاولة واحدة.", "تبقّت محاولتان.", "تبقّت 5 محاولات."]),
    ],
)
def test_plural_forms_follow_the_language_in_python_and_in_the_page(
    language: str, expected: list[str], tmp_path: Path
) -> None:
    messages = messages_for(language)
    assert [messages.plural("result.attempts_left", n) for n in (1, 2, 5)] == expected
    # The page's scripts choose the same forms, with the rule the build writes into the package.
    i18n = templates_dir() / "runtime" / "i18n.js"
    config = json.dumps({"i18n": messages.runtime()})
    program = (
        "global.window = {};"
        f"var data = {{ textContent: {json.dumps(config)} }};"
        "global.document = { getElementById: function () { return data; } };"
        f"{plural_script(messages)}\n{i18n.read_text('utf-8')}\n"
        "var ns = window.CoursePackager;"
        "var shown = [1, 2, 5].map(function (n) { return ns.tn('result.attempts_left', n); });"
        "console.log(JSON.stringify(shown));"
    )
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == expected


@pytest.mark.parametrize(
    ("language", "text"), [("en", "66.67%"), ("fr", "66,67\u00a0%"), ("de", "66,67\u00a0%")]
)
def test_numbers_are_formatted_by_babel_in_python_and_in_the_page(language: str, text: str) -> None:
    messages = messages_for(language)
    assert messages.percent(2 / 3) == text
    prefix, suffix = messages.runtime()["percent"]
    assert prefix + "66.67".replace(".", messages.runtime()["decimal"]) + suffix == text


def _page(course_dir: Path, out: Path) -> str:
    (written,) = build(course_dir, out, ["scorm12"], cache=False).written
    with zipfile.ZipFile(written) as archive:
        return archive.read("index.html").decode("utf-8")


def test_the_page_is_in_the_course_language(make_course: CourseMaker, tmp_path: Path) -> None:
    page = _page(make_course({**MINIMAL_COURSE, "language": "es-MX"}), tmp_path / "out")
    assert '<html lang="es-MX" dir="ltr">' in page
    assert ">Siguiente</button>" in page and ">Saltar al contenido</a>" in page
    config = json.loads(re.search(r'id="course-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert config["i18n"]["strings"]["layout.next"] == "Siguiente"


@pytest.mark.parametrize(
    ("settings", "direction"),
    [
        ({"language": "ar"}, "rtl"),
        ({"language": "fa"}, "rtl"),
        ({"language": "en", "dir": "rtl"}, "rtl"),
        ({"language": "he", "dir": "ltr"}, "ltr"),
    ],
)
def test_the_writing_direction(
    make_course: CourseMaker, tmp_path: Path, settings: dict[str, str], direction: str
) -> None:
    page = _page(make_course({**MINIMAL_COURSE, **settings}), tmp_path / "out")
    assert f'dir="{direction}"' in page.split("\n", 2)[1]


def test_an_author_overrides_any_string(make_course: CourseMaker, tmp_path: Path) -> None:
    strings = {"layout.next": "Continue", "result.attempts_left": ["One try left.", "{count} tries left."]}
    page = _page(make_course({**MINIMAL_COURSE, "strings": strings}), tmp_path / "out")
    assert ">Continue</button>" in page
    assert '"result.attempts_left": ["One try left.", "{count} tries left."]' in page


def test_an_unknown_override_is_a_located_error(make_course: CourseMaker, tmp_path: Path) -> None:
    course = make_course({**MINIMAL_COURSE, "strings": {"layout.nxt": "Continue"}})
    with pytest.raises(PackagerError) as raised:
        build(course, tmp_path / "out", ["scorm12"])
    (problem,) = raised.value.problems
    assert problem.line == 5 and "layout.nxt" in problem.message and "layout.next" in problem.message
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.zip"))


def test_an_override_with_fewer_plural_forms_than_the_language_uses_its_last_for_the_rest() -> None:
    messages = messages_for("pl", {"result.attempts_left": ["Jedna próba.", "Prób: {count}."]})
    assert [messages.plural("result.attempts_left", n) for n in (1, 2, 5)] == [
        "Jedna próba.",
        "Prób: 2.",
        "Prób: 5.",
    ]
