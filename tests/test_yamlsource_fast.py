"""The libyaml fast path gives exactly what the pure-Python reader gives, or hands the file over.

:func:`fast_parse` must never return a value :func:`parse_yaml` would not: it either returns the
same data, or raises :class:`SlowPathNeeded` (every error, and anything unusual, is the slow path's).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from packager.course.models import CourseFile, QuizFile
from packager.course.validation import read_yaml, validate
from packager.course.yamlfast import SlowPathNeeded, fast_parse
from packager.course.yamlsource import MAX_DEPTH, MAX_VALUES, parse_yaml
from packager.errors import PackagerError
from tests.fuzz_courses import (
    COURSE_TEMPLATE,
    FUZZ,
    QUIZ_TEMPLATE,
    YAML_CHARS,
    YAML_WORDS,
    mutated,
    retexted,
    values,
)

ROOT = Path(__file__).resolve().parents[1]
FILE = Path("file.yaml")


def _same(left: Any, right: Any) -> bool:
    """Equal values of equal types all the way down (True is not 1, NaN equals NaN)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(_same(left[key], right[key]) for key in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return bool(left == right)


def check_agreement(text: str) -> bool:
    """Assert that the fast path agrees with the slow one; return whether it was taken."""
    try:
        fast = fast_parse(text)
    except SlowPathNeeded:
        return False
    try:
        slow, source_map = parse_yaml(text, FILE)
    except PackagerError as error:  # pragma: no cover - a disagreement
        pytest.fail(f"the fast path read {text!r}, the slow one refused it: {error}")
    assert _same(fast, slow), text
    assert not source_map.problems, text
    return True


def yaml_texts() -> dict[str, str]:
    """The YAML of every course file, scaffold and malformed-corpus file the loader reads as YAML.

    Files that are not UTF-8 (refused before any YAML is read) and lessons without front matter
    have no YAML to compare.
    """
    folders = [ROOT / "course", ROOT / "tests" / "malformed", ROOT / "templates" / "scaffold"]
    suffixes = (".yaml", ".yml", ".md")
    paths = sorted(path for folder in folders for path in folder.rglob("*") if path.suffix in suffixes)
    texts: dict[str, str] = {}
    for path in paths:
        try:
            text = path.read_text("utf-8").removeprefix("\ufeff")
        except (UnicodeDecodeError, IsADirectoryError):
            continue
        if path.suffix == ".md":
            front = re.match(r"---[ \t]*\r?\n(.*?)^---", text, re.DOTALL | re.MULTILINE)
            if front is None:
                continue
            text = front.group(1)
        texts[str(path.relative_to(ROOT))] = text
    return texts


YAML_TEXTS = yaml_texts()


@pytest.mark.parametrize("name", sorted(YAML_TEXTS))
def test_course_files_read_the_same_either_way(name: str) -> None:
    check_agreement(YAML_TEXTS[name])


def test_the_sample_quiz_takes_the_fast_path() -> None:
    assert check_agreement((ROOT / "course" / "quizzes" / "final.yaml").read_text("utf-8"))
    assert check_agreement((ROOT / "course" / "course.yaml").read_text("utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "a: No\nb: yes\nc: on\nd: ~\ne: 1.10\nf: 0x1F\ng: 2024-01-01\nh: .inf\ni: -.nan\nj: 010\nk: 1_000\n",
        "a: 2001-12-14t21:59:43.10-05:00\nb: 190:20:30\nc: +12.5e3\nd: ''\ne:\nf: 'No'\ng: \"1.10\"\n",
        'a: |\n  block\n   text\nb: >-\n  folded\n  text\n\n  more\nc: "esc\\u00e9\\n\\"q\\""\n',
        "[1, {a: b}, [c, d], {}, [], '', null]\n",
        "1: one\n2: two\n",
        "- {a: [1, 2, {b: c}]}\n- x: y\n  z: w\n",
        "--- \na: 1\n...\n",
        "a: b # comment\n# only a comment\n",
        "a: x\r\nb: y\r\n",
        "",
        "# nothing\n",
        "plain text\n",
    ],
)
def test_plain_documents_take_the_fast_path(text: str) -> None:
    assert check_agreement(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # explicit tags, even harmless ones
        "a: !!python/object:os.system x\n",
        "base: &b {x: 1}\nother:\n  <<: *b\n",  # merge keys
        "a: <<\n",
        "a: =\n",  # the !!value tag
        "a: 1\na: 2\n",  # duplicate keys
        "1: a\n1: b\n",
        "? [a, b]\n: c\n",  # a list as a key
        "~: a\n",  # a null key
        "true: a\n",  # a boolean key
        "1.5: a\n",  # a float key
        'a: "\\x07bell"\n',  # an escaped control character
        'a: "\\ud800"\n',  # an escaped lone surrogate
        "a: \x07\n",  # a raw control character
        "a: b\tc\n",  # a tab
        "a: b\x85c\n",  # an unusual line break
        "%YAML 1.1\n---\na: 1\n",  # a directive
        "a: 1\n---\nb: 2\n",  # two documents
        "a: >#\n",  # a comment right after a block scalar's header: libyaml reads it, PyYAML refuses it
        "a: |-2#x\n  b\n",
        "a: [1, 2\n",  # a syntax error
        "a: b: c\n",
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),  # too deep
        "[" * 100_000,  # far too deep: libyaml must not recurse
        "[" + ", ".join(["1"] * MAX_VALUES) + "]\n",  # too many values
    ],
)
def test_unusual_documents_take_the_slow_path(text: str) -> None:
    with pytest.raises(SlowPathNeeded):
        fast_parse(text)


def test_the_bounds_are_exact() -> None:
    """Exactly at the limits, the fast path still reads the file (and agrees)."""
    deepest = "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1)
    assert check_agreement(deepest)
    assert check_agreement("[" + ", ".join(["1"] * (MAX_VALUES - 1)) + "]\n")


def test_an_error_is_worded_by_the_slow_path() -> None:
    """read_yaml's problems are those of the slow path, with lines and fields."""
    text = "title: Quiz\nquestions:\n- id: a\n  type: single-choise\n  prompt: P\n"
    read = read_yaml(QuizFile, text, FILE)
    data, source_map = parse_yaml(text, FILE)
    assert read.model is None
    assert read.problems == validate(QuizFile, data, source_map)[1]
    assert [(problem.line, problem.field) for problem in read.problems] == [(3, "questions[a]")]
    assert "did you mean 'single-choice'?" in read.problems[0].message


def test_a_valid_file_has_a_source_map_on_demand() -> None:
    text = "id: demo\ntitle: Demo\nlessons:\n- a.md\n- b.md\n"
    read = read_yaml(CourseFile, text, FILE)
    assert read.model is not None and read.problems == []
    assert read.source_map().locate(("lessons", 1)) == (("lessons", 1), (5, 3))


@FUZZ
@given(
    data=st.one_of(values, mutated(QUIZ_TEMPLATE), retexted(QUIZ_TEMPLATE), mutated(COURSE_TEMPLATE)),
    flow=st.sampled_from([None, True, False]),
    unicode=st.booleans(),
    style=st.sampled_from([None, "'", '"', "|", ">"]),
)
def test_dumped_structures_read_the_same_either_way(
    data: Any, flow: bool | None, unicode: bool, style: str | None
) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=unicode, default_style=style)
    check_agreement(text)


@FUZZ
@given(
    text=st.one_of(
        st.text(alphabet=st.sampled_from(YAML_CHARS), max_size=120),
        st.lists(
            st.one_of(
                st.sampled_from(YAML_WORDS), st.sampled_from([*": -[]{},#'\"\n?|>&*!"]), st.text(max_size=5)
            ),
            max_size=30,
        ).map("".join),
    )
)
def test_yaml_ish_text_reads_the_same_either_way(text: str) -> None:
    check_agreement(text)
