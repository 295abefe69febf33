"""How large the resume data (suspend_data) of a course can ever get.

The runtime (``templates/runtime/resume.js``) encodes the learner's state compactly:

    "4" + visited pages (hex, 4 pages a digit) + "|" + interactions written + one block per started quiz

The interactions written (the course's own numbering of ``cmi.interactions``, base 36) take a fixed
width: enough for every asked question of every quiz in up to 1295 attempts (the most the attempt
field can hold). Formats "3" (without each quiz's question on screen and checked questions) and "2"
(also without the count) are still read on resume.

preceded, when lessons have blocks that keep facts (:meth:`packager.blocks.base.BlockBase.state_size`),
by "B" + those facts (hex, 4 a digit) + "~" (``templates/runtime/state.js``);

and each quiz block is fixed-width fields followed by one framed answer per asked question:

    quiz index (base 36, width of the largest index) + attempt (2) + seed (6) + submitted (1)
    + correct answers (base 36, width of the number asked)
    + the question on screen (base 36, width of the largest position) + checked questions (hex, 4 a digit)
    + per asked question: "_" when unanswered, else len(payload) in base 36 + ":" + payload

Each question type states the largest payload it can produce (``max_response_length``), so the
largest suspend_data is computed here without playing the course. The build refuses a course
whose worst case exceeds the target's limit, instead of letting resume silently break in an LMS.
"""

from __future__ import annotations

from packager.course import Course, Quiz, course_file_problem
from packager.errors import PackagerError

FORMAT_VERSION = "4"
ATTEMPT_WIDTH = 2
MAX_ATTEMPT = 36**ATTEMPT_WIDTH - 1
SEED_WIDTH = 6


def base36_width(value: int) -> int:
    """Digits ``value`` takes in base 36."""
    digits = 1
    while value >= 36:
        value //= 36
        digits += 1
    return digits


def _framed(payload: int) -> int:
    return base36_width(payload) + 1 + payload


def quiz_block_limit(quiz: Quiz, quiz_count: int) -> int:
    """The longest block one quiz can take: fixed fields plus its largest asked answers."""
    answers = sorted((_framed(question.max_response_length()) for question in quiz.questions), reverse=True)
    fixed = base36_width(max(quiz_count - 1, 0)) + ATTEMPT_WIDTH + SEED_WIDTH + 1 + base36_width(quiz.asked)
    fixed += base36_width(quiz.asked - 1) + -(-quiz.asked // 4)
    return fixed + sum(answers[: quiz.asked])


def max_suspend_data(course: Course) -> int:
    """The most characters the course's suspend_data can ever hold."""
    visited = -(-len(course.pages) // 4)
    quizzes = course.quizzes
    interactions = base36_width(sum(quiz.asked for quiz in quizzes) * MAX_ATTEMPT)
    facts = sum(block.size for lesson in course.lessons for block in lesson.blocks)
    blocks = 2 + -(-facts // 4) if facts else 0
    return (
        blocks
        + len(FORMAT_VERSION)
        + visited
        + 1
        + interactions
        + sum(quiz_block_limit(quiz, len(quizzes)) for quiz in quizzes)
    )


def check_fits(course: Course, limit: int, target: str) -> None:
    """Fail the build when the course's resume data could exceed the target's limit."""
    needed = max_suspend_data(course)
    if needed > limit:
        message = (
            f"{target}: resume data (suspend_data) can reach {needed} characters, over the limit of "
            f"{limit}; ask fewer questions per attempt ('draw'), use fewer fill-in questions, or build "
            "for SCORM 2004 instead"
        )
        raise PackagerError(problems=[course_file_problem(course, ("quiz",), message)])
