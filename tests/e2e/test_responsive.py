"""From a 320 px phone to a desktop: the page never scrolls sideways and every control can be reached.

The course is opened on its own (the web target) with the viewport at each width, which is what it
gets inside an LMS frame of that width.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from packager.course import Course, load_course
from packager.player import PlayerServer
from tests.conftest import build_package
from tests.e2e.conftest import SCORM_AGAIN
from tests.e2e.learner import Learner

pytestmark = pytest.mark.browser

WIDTHS = (320, 375, 768, 1280)
HEIGHT = 800

# Problems with the layout at the current width: sideways scrolling, and controls that are off screen,
# of no size, or covered by something else where a pointer would hit them. A control that is off
# screen until it has the focus (the skip link) is measured while focused.
LAYOUT_PROBLEMS = """() => {
  const root = document.documentElement;
  const problems = [];
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide in ${root.clientWidth}px`);
  }
  const labelled = control => control.labels && control.labels.length ? control.labels[0].textContent : "";
  const text = control => control.getAttribute("aria-label") || labelled(control) || control.textContent;
  const name = control => control.tagName.toLowerCase() + (control.id ? "#" + control.id : "")
    + " '" + (text(control) || "").trim().slice(0, 30) + "'";
  const outside = box => box.width < 1 || box.height < 1 || box.left < 0
    || box.right > root.clientWidth + 0.5;
  const controls = document.querySelectorAll("a[href], button, input, select, textarea,"
    + " audio[controls], video[controls], [tabindex]:not([tabindex='-1'])");
  for (const control of controls) {
    if (!control.checkVisibility({visibilityProperty: true})) { continue; }
    let box = control.getBoundingClientRect();
    const focused = outside(box);
    if (focused) {
      control.focus();
      box = control.getBoundingClientRect();
    }
    if (outside(box)) {
      problems.push(`${name(control)} is off screen: ${Math.round(box.left)} to ${Math.round(box.right)}px`);
    } else {
      control.scrollIntoView({block: "center", inline: "nearest"});
      box = control.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      const labels = control.labels ? [...control.labels] : [];
      if (!hit || !(control.contains(hit) || labels.some(label => label.contains(hit)))) {
        const cover = hit ? hit.tagName.toLowerCase() + "." + hit.className : "nothing";
        problems.push(`${name(control)} is covered by ${cover}`);
      }
    }
    if (focused) { control.blur(); }
  }
  return problems;
}"""


class LayoutCheck:
    """Measures the page on screen at every width and keeps the problems, by state."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.checked = 0

    def at_every_width(self, state: str) -> None:
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": HEIGHT})
            found: list[str] = self.page.evaluate(LAYOUT_PROBLEMS)
            self.problems += [f"{state} at {width}px: {problem}" for problem in found]
            self.checked += 1
        self.page.evaluate("window.scrollTo(0, 0)")


def test_every_page_fits_from_320px_to_desktop(
    page: Page, web_learner: Learner, sample_course: Course
) -> None:
    learner = web_learner
    check = LayoutCheck(page)
    for course_page in sample_course.pages:
        learner.open(course_page.title)
        check.at_every_width(f"{course_page.title!r}")
        learner.finish_blocks()  # a locked final quiz opens once every lesson counts as viewed

    for quiz in sample_course.quizzes:
        learner.open(quiz.title)
        learner.answer_all(correctly=False, quiz=quiz)
        learner.submit(quiz)
        check.at_every_width(f"{quiz.title!r} submitted")
    assert page.get_by_role("button", name="Try again").is_visible()

    assert check.checked == len(WIDTHS) * (len(sample_course.pages) + len(sample_course.quizzes))
    assert not check.problems, "layout problems:\n" + "\n".join(check.problems)


def test_every_question_type_fits_from_320px_to_desktop(
    page: Page, tmp_path: Path, every_type_course: Path
) -> None:
    """The sample's final quiz draws 10 of 12 questions; this course shows one of every type."""
    course = load_course(every_type_course)
    assert course.quiz is not None
    package = build_package(every_type_course, tmp_path, "web")
    with PlayerServer(package, scorm_again=SCORM_AGAIN) as player:
        page.goto(player.url + "content/index.html")
        learner = Learner(page, course)
        learner.heading()
        learner.open(course.quiz.title)
        check = LayoutCheck(page)
        check.at_every_width("the assessment")
        learner.answer_all(correctly=False)
        learner.submit()
        check.at_every_width("the assessment submitted")
    assert not check.problems, "layout problems:\n" + "\n".join(check.problems)
