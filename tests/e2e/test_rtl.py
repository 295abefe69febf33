"""A right-to-left course in the browser: the every-type course's Arabic translation (its
translations/ar.xlf, made through the XLIFF round trip) is mirrored, does not overflow, has no axe
violation, is completed by keyboard, and reads in Arabic."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from packager import build
from packager.course import Course, Quiz, load_course
from packager.player import PlayerServer
from packager.templating import messages
from packager.testing.session import PlayerSession
from packager.translate.apply import translate_course
from tests.e2e.conftest import SCORM_AGAIN
from tests.e2e.learner import Learner
from tests.e2e.lms import close_session
from tests.e2e.test_accessibility import Scanner, axe_page, scan_every_page
from tests.e2e.test_keyboard import KeyboardLearner, player_for
from tests.e2e.translated_blocks import flip_card, passes, process_words, with_translated_blocks

pytestmark = pytest.mark.browser
__all__ = ["axe_page", "player_for"]  # fixtures

EVERY_TYPE = Path(__file__).parent / "courses" / "every-type"
LAYOUT = """() => {
  const root = document.documentElement;
  const start = document.querySelector(".course-outline").getBoundingClientRect();
  const main = document.querySelector("main").getBoundingClientRect();
  return {direction: getComputedStyle(root).direction, overflow: root.scrollWidth - root.clientWidth,
          outlineRight: start.right, mainRight: main.right};
}"""


@pytest.fixture(scope="module")
def arabic_course(tmp_path_factory: pytest.TempPathFactory) -> tuple[Course, Path]:
    """The Arabic package of the every-type course, and the Arabic course it was built from."""
    out = tmp_path_factory.mktemp("rtl-out")
    report = build(EVERY_TYPE, out, ["scorm12"], cache=False, translations=True, strict=True)
    package = out / "every-question-type-ar-scorm12.zip"
    assert package in report.written
    folder = tmp_path_factory.mktemp("rtl") / "ar"
    translate_course(load_course(EVERY_TYPE), "ar", EVERY_TYPE / "translations" / "ar.xlf", folder)
    course = load_course(folder)
    assert course.title == "كل أنواع الأسئلة"
    return course, package


@pytest.mark.parametrize("width", [320, 1280])
def test_the_page_is_mirrored_without_overflow(
    axe_page: Page, arabic_course: tuple[Course, Path], width: int
) -> None:
    course, package = arabic_course
    axe_page.set_viewport_size({"width": width, "height": 800})
    with PlayerServer(package, scorm_again=SCORM_AGAIN) as player:
        axe_page.goto(player.url + "content/index.html")
        learner = Learner(axe_page, course)
        assert learner.heading() == "مقدمة"
        layout = axe_page.evaluate(LAYOUT)
        assert layout["direction"] == "rtl"
        assert layout["overflow"] <= 0, f"the page scrolls sideways by {layout['overflow']} px"
        if width > 700:  # side by side: the outline is on the right, the start of a right-to-left line
            assert layout["outlineRight"] > layout["mainRight"]
        next_button = axe_page.locator("#next-button")
        assert next_button.inner_text() == "التالي"
        scanner = Scanner(axe_page)
        scan_every_page(scanner, learner, course)
        assert course.quiz is not None
        learner.open(course.quiz.title)
        learner.answer_all(correctly=False)
        summary = learner.submit()
        assert summary.startswith("لم تنجح")
        scanner.scan("assessment failed, with feedback")
        overflow = axe_page.evaluate(LAYOUT)["overflow"]
        assert overflow <= 0, f"the page scrolls sideways by {overflow} px with feedback shown"
    assert not scanner.found, "axe-core found WCAG 2.1 A/AA violations:\n" + scanner.report()


def test_an_arabic_course_is_completed_by_keyboard(
    page: Page, player_for: Callable[[Path], PlayerServer], arabic_course: tuple[Course, Path]
) -> None:
    course, package = arabic_course
    text = messages(course)
    player = player_for(package)
    page.goto(player.url)
    learner = KeyboardLearner(page, course)
    learner.reader.expect_heading(course.pages[0].title)
    learner.tab_to(".skip-link")
    page.keyboard.press("Enter")
    for index, shown in enumerate(course.pages):
        if isinstance(shown, Quiz):
            asked = len(learner.reader.asked(shown))
            summary = learner.take_quiz(shown)
            if shown.graded:
                assert summary == text.text("result.passed", percent=text.percent(1))
            else:
                assert summary == text.plural("result.check", asked, correct=asked, asked=asked)
        if index + 1 < len(course.pages):
            learner.press_button("#next-button")
            learner.expect_page(course.pages[index + 1])
    assert not learner.unseen_focus, f"focus is not visible on: {sorted(learner.unseen_focus)}"
    cmi = close_session(page, player)["record"]["cmi"]
    assert cmi["cmi.core.lesson_status"] == "passed"


BLOCKS = """\
::: flipcards
## Question
A prompt the learner answers.
## Answer
What the learner gives.
:::

::: process
## Read
Read each question.
## Answer
Choose or type the answer.
:::
"""
ARABIC = {
    "Question": "السؤال",
    "A prompt the learner answers.": "نصّ يجيب عنه المتعلّم.",
    "Answer": "الإجابة",
    "What the learner gives.": "ما يقدّمه المتعلّم.",
    "Read": "اقرأ",
    "Read each question.": "اقرأ كل سؤال.",
    "Choose or type the answer.": "اختر الإجابة أو اكتبها.",
}


def test_arabic_blocks_are_mirrored_and_the_learner_finishes_them_by_their_arabic_names(
    scorm_player: PlayerSession, tmp_path: Path
) -> None:
    course = with_translated_blocks(EVERY_TYPE, tmp_path / "course", "01-intro.md", "ar", BLOCKS, ARABIC)
    build(course, tmp_path / "out", ["scorm12"], cache=False, translations=True, strict=True)
    session = scorm_player.launch(tmp_path / "out" / "every-question-type-ar-scorm12.zip")
    content = session.content
    assert content.locator("html").get_attribute("dir") == "rtl"
    view = content.locator("main section:not([hidden])")
    assert flip_card(view, "السؤال") == ("اقلب البطاقة", "اعرض الوجه الأمامي")
    process = view.locator("[data-block-type=process]")
    # Two steps: Arabic's dual form, chosen by the catalogue's plural rule.
    assert process_words(process) == ("أكمل الخطوتين لإتمام هذا الدرس.", "الخطوة 1 من 2 اقرأ")
    previous, following = process.get_by_role("button").all()
    assert (previous.inner_text(), following.inner_text()) == ("الخطوة السابقة", "الخطوة التالية")
    previous_box, following_box = previous.bounding_box(), following.bounding_box()
    assert previous_box is not None and following_box is not None
    assert previous_box["x"] > following_box["x"], "Previous step is not on the right of a right-to-left page"
    passes(session)


def test_arrow_keys_and_drag_follow_the_writing_direction(
    page: Page, arabic_course: tuple[Course, Path]
) -> None:
    """In a right-to-left list, the left arrow moves an item on (down) and the right arrow back (up);
    the moves are announced in Arabic, and the matching answers sit on the right, where lines start."""
    course, package = arabic_course
    text = messages(course)
    with PlayerServer(package, scorm_again=SCORM_AGAIN) as player:
        page.goto(player.url + "content/index.html")
        learner = Learner(page, course)
        assert course.quiz is not None
        learner.open(course.quiz.title)
        item = learner.item(course.quiz, next(q for q in course.quiz.questions if q.type == "sequencing"))
        rows = item.locator("[data-item]")
        start = rows.evaluate_all("rows => rows.map(row => row.getAttribute('data-item'))")
        first = item.locator(f"[data-item='{start[0]}'] [data-grab]")
        words = first.locator("[data-text]").inner_text()
        first.focus()
        for key in ("Space", "ArrowLeft", "Space"):
            page.keyboard.press(key)
        moved = rows.evaluate_all("rows => rows.map(row => row.getAttribute('data-item'))")
        assert moved == [start[1], start[0], *start[2:]]
        total = len(start)
        expected = text.text("dnd.dropped", item=words, position=2, total=total)
        assert item.locator("[data-announce]").inner_text().strip() == expected
        for key in ("Space", "ArrowRight", "Space"):
            page.keyboard.press(key)
        assert rows.evaluate_all("rows => rows.map(row => row.getAttribute('data-item'))") == start
        grab_box = first.bounding_box()
        move_box = rows.first.locator("[data-move]").first.bounding_box()
        assert grab_box and move_box and grab_box["x"] > move_box["x"], "the item starts on the right"
        pairs = learner.item(course.quiz, next(q for q in course.quiz.questions if q.type == "matching"))
        chips = pairs.locator("[data-chip]")
        first_chip, second_chip = chips.nth(0).bounding_box(), chips.nth(1).bounding_box()
        assert first_chip and second_chip and first_chip["x"] > second_chip["x"]
