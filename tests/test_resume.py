"""The resume-data bound: computed in Python, checked against the runtime's own encoder (in Node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from packager.course import Course, load_course
from packager.errors import PackagerError
from packager.questions.registry import question_types
from packager.render import runtime_config
from packager.resources import templates_dir
from packager.resume import max_suspend_data
from packager.targets import TARGETS
from tests.conftest import CourseMaker

REPO = Path(__file__).resolve().parents[1]
LONG_ANSWERS = (
    "id: long-answers\ntitle: Long answers\nlessons:\n  - lessons/01-intro.md\nquiz: quizzes/final.yaml\n"
)
RUNTIME = ["random.js", "resume.js", "quiz.js", "blocks.js", "state.js"]

WORST_CASE = Path(__file__).parent / "resume_worst_case.js"


def encode_worst_case(course: Course, tmp_path: Path) -> dict[str, object]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    config = runtime_config(course, "scorm12")
    config["longest"] = {
        quiz.id: {question.id: question.longest_response() for question in quiz.questions}
        for quiz in course.quizzes
    }
    config_file = tmp_path / "config.json"
    config_file.write_text(json.dumps(config), "utf-8")
    questions = []
    for name, question_type in question_types().items():
        questions.append(tmp_path / f"{name}.js")
        questions[-1].write_text(question_type.script, "utf-8")
    files = [str(templates_dir() / "runtime" / name) for name in RUNTIME[:4]]
    files += [str(path) for path in questions] + [str(templates_dir() / "runtime" / RUNTIME[4])]
    command = [node, str(WORST_CASE), *files, str(config_file)]
    output = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(output.stdout)
    return result


@pytest.mark.parametrize("which", ["sample", "every-type"])
def test_bound_is_exactly_the_worst_case_the_runtime_encodes(
    which: str, every_type_course: Path, tmp_path: Path
) -> None:
    course = load_course(REPO / "course" if which == "sample" else every_type_course)
    result = encode_worst_case(course, tmp_path)
    assert result["roundTrip"] is True, (result.get("encoded"), result.get("again"))
    bound = max_suspend_data(course)
    if all(quiz.asked == len(quiz.questions) for quiz in course.quizzes):
        assert result["length"] == bound, "with every question asked, the bound is exact"
    else:
        # A drawn attempt may leave out the longest questions; the bound still holds.
        assert isinstance(result["length"], int) and bound - 10 <= result["length"] <= bound


def _twenty_fill_ins(make_course: CourseMaker, draw: str) -> Course:
    """A course whose quiz has twenty fill-in questions with long answers (``draw``: its draw line)."""
    questions = "".join(
        f"  - id: q{index}\n    type: fill-in\n    prompt: Question {index}?\n    answers: [maybe]\n"
        for index in range(20)
    )
    return load_course(
        make_course(LONG_ANSWERS, {"quizzes/final.yaml": f"title: Final\n{draw}questions:\n{questions}"})
    )


def test_a_course_that_could_overflow_scorm12_fails_only_for_scorm12(make_course: CourseMaker) -> None:
    course = _twenty_fill_ins(make_course, draw="")
    assert max_suspend_data(course) > 4096
    with pytest.raises(PackagerError) as raised:
        TARGETS["scorm12"].build(course)
    message = str(raised.value)
    assert "suspend_data" in message and "4096" in message and str(max_suspend_data(course)) in message
    assert TARGETS["scorm2004-4th"].build(course).files["index.html"]


def test_drawing_fewer_questions_brings_the_course_back_under_the_limit(make_course: CourseMaker) -> None:
    course = _twenty_fill_ins(make_course, draw="draw: 5\n")
    assert max_suspend_data(course) <= 4096
    assert "index.html" in TARGETS["scorm12"].build(course).files
