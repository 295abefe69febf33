"""Hostile author text renders as text in a real browser, whatever the learner does.

The hostile course (``tests/e2e/courses/hostile``) puts ``<script>``, ``<img onerror>``,
``</script><script>`` and friends in every piece of author text. A payload that ran would set
``window.__pwned`` or open a dialog. The learner reads the lesson, answers the knowledge check
and the quiz wrongly (so every kind of feedback shows), and nothing runs, nothing is injected, and
the text reads literally.

The browser context bypasses the page's Content-Security-Policy, so that the test proves the
escaping itself: with the policy on, an injected inline script would be blocked anyway (which
``test_the_policy_blocks_inline_script`` shows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Frame, FrameLocator, Page, expect

from packager.course import Course, Quiz, load_course
from packager.player import PlayerServer
from tests.e2e.conftest import build_packages, players
from tests.e2e.learner import Learner

pytestmark = pytest.mark.browser

COURSE_DIR = Path(__file__).parent / "courses" / "hostile"
TARGETS_PLAYED = ("web", "scorm12")
# The page's own icons are inline SVG of class "icon" (templates/quiz_icons.html); any other is injected.
INJECTED = (
    "img[src='x'], svg:not(.icon), iframe, b, #injected, [onerror], [onload], [onclick], [onfocus], "
    "input[autofocus]"
)
INLINE_SCRIPT_RUNS = """() => {
    const script = document.createElement('script');
    script.textContent = 'window.__control = 1';
    document.body.append(script);
    return window.__control === 1;
}"""


@pytest.fixture(scope="module")
def hostile() -> Course:
    return load_course(COURSE_DIR)


@pytest.fixture(scope="module")
def hostile_packages(tmp_path_factory: pytest.TempPathFactory, hostile: Course) -> Path:
    return build_packages(hostile, tmp_path_factory.mktemp("hostile"), TARGETS_PLAYED)


@pytest.fixture
def play_hostile(hostile_packages: Path, hostile: Course) -> Iterator[Callable[[str], PlayerServer]]:
    with players(hostile_packages, hostile) as start:
        yield start


@pytest.fixture
def unprotected_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page whose Content-Security-Policy is bypassed; every dialog and page error is recorded."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    events: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: events.append(f"page error: {error}"))
    yield page, events
    context.close()


def open_course(page: Page, player: PlayerServer, target: str) -> tuple[FrameLocator | Page, Frame]:
    """The surface the learner acts on, and the frame the course document lives in."""
    if target == "web":
        page.goto(player.url + "content/index.html")
        return page, page.main_frame
    page.goto(player.url)
    handle = page.locator("#content-frame").element_handle()
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_load_state()
    return page.frame_locator("#content-frame"), frame


def quizzes(course: Course) -> tuple[Quiz, Quiz]:
    check, assessment = course.quizzes
    return check, assessment


@pytest.mark.parametrize("target", TARGETS_PLAYED)
def test_hostile_text_renders_as_text(
    unprotected_page: tuple[Page, list[str]],
    play_hostile: Callable[[str], PlayerServer],
    hostile: Course,
    target: str,
) -> None:
    page, events = unprotected_page
    surface, frame = open_course(page, play_hostile(target), target)
    assert frame.evaluate(INLINE_SCRIPT_RUNS), "the policy is bypassed: injected script would run"
    learner = Learner(surface, hostile)
    header = surface.locator(".course-title")
    expect(header).to_have_text(hostile.title)

    lesson = hostile.lessons[0]
    learner.open(lesson.title)
    body = surface.locator(f"[data-view='lesson:{lesson.id}'] .lesson-body")
    expect(body).to_contain_text("<script>window.__pwned = 'inline script'; alert(4)</script>")
    expect(body).to_contain_text("<img src=x onerror=\"window.__pwned = 'raw image'; alert(5)\">")
    expect(body).to_contain_text("</script><script>window.__pwned = 'breakout'; alert(7)</script>")
    expect(body).to_contain_text("[javascript link](javascript:alert(8))")
    expect(body.locator("a")).to_have_count(1)  # only the https link is a link
    expect(body.locator("a")).to_have_attribute(
        "href", "https://example.com/?q=%22%3E%3Cscript%3Ealert(17)%3C/script%3E"
    )

    check, assessment = quizzes(hostile)
    learner.open(check.title)
    section = learner.section(check)
    for question in check.questions:
        expect(section).to_contain_text(question.prompt)
    expect(section).to_contain_text("Second </select><script>alert(20)</script>")
    expect(section.locator("option", has_text="Meow <img src=x onerror=alert(23)>")).to_have_count(2)
    learner.answer_all(correctly=False, quiz=check)
    learner.submit(check)

    learner.open(assessment.title)
    section = learner.section(assessment)
    for question in assessment.questions:
        expect(section).to_contain_text(question.prompt)
    expect(section).to_contain_text("Right <script>window.__pwned = 'option'; alert(27)</script>")
    learner.answer_all(correctly=False, quiz=assessment)
    learner.submit(assessment)
    expect(section).to_contain_text(
        "Incorrect </script><script>window.__pwned = 'feedback'; alert(32)</script>"
    )
    expect(section).to_contain_text(
        "Wrong option feedback <img src=x onerror=\"window.__pwned = 'option feedback'; alert(30)\">"
    )

    assert events == []
    assert frame.evaluate("() => window.__pwned === undefined")
    assert frame.evaluate(f"() => document.querySelectorAll({INJECTED!r}).length") == 0
    inline = frame.evaluate("() => [...document.querySelectorAll('script:not([src])')].map(s => s.id)")
    assert inline == ["course-data", ""], "the course data, and the control script this test added"


def test_the_policy_blocks_inline_script(page: Page, play_hostile: Callable[[str], PlayerServer]) -> None:
    """With the policy on (an ordinary browser), even a script that got into the page would not run."""
    player = play_hostile("web")
    page.goto(player.url + "content/index.html")
    assert page.evaluate(INLINE_SCRIPT_RUNS) is False
