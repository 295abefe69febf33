"""The scenario block: its situations and choices checked with errors at the heading at fault, and
rendered as one situation at a time with the consequences, endings and interface text in place."""

from __future__ import annotations

import pytest

from packager.course import load_course
from packager.render import render_pages
from tests.conftest import MINIMAL_COURSE, CourseMaker
from tests.test_blocks import failure, lesson_course, rendered

SCENARIO = """\
:::: scenario Sam asks for help
## Sam calls
Sam asks you to be their specialist.
### Say yes -> Working together
You *agree* on the spot.
### Say you must think -> Talking to your supervisor
::: callout tip
Time helps.
:::
## Talking to your supervisor
What do you do now?
### Refer Sam -> Sam is referred
A colleague takes Sam on.
## Working together {poor}
Your history gets in the way.
## Sam is referred {good}
Sam gets support without a conflict of interest.
::::
"""


def test_situations_choices_and_endings_are_rendered(make_course: CourseMaker) -> None:
    page = rendered(make_course, f"---\ntitle: T\n---\n{SCENARIO}")
    (block,) = page.xpath("//*[@data-block-type='scenario']")
    assert block.get("role") == "group"
    assert " ".join(page.xpath(f"string(//*[@id='{block.get('aria-labelledby')}'])").split()) == (
        "Scenario Sam asks for help"
    )
    situations = block.xpath("*[@data-situation]")
    assert [situation.get("hidden") is None for situation in situations] == [True, False, False, False]
    titles = [" ".join(situation.xpath("string(h2)").split()) for situation in situations]
    assert titles == [
        "Sam calls",
        "Talking to your supervisor",
        "✗ A poor ending Working together",
        "✓ A good ending Sam is referred",
    ]
    assert situations[2].xpath("h2//*[@aria-hidden='true']/text()") == ["✗ "]
    choices = block.xpath(".//button[@class='scenario-choice']")
    summary = [
        (c.text_content(), c.get("data-leads"), c.get("data-fact"), c.get("aria-pressed")) for c in choices
    ]
    assert summary == [
        ("Say yes", "2", "2", "false"),
        ("Say you must think", "1", "3", "false"),
        ("Refer Sam", "3", "4", "false"),
    ]
    first = block.xpath(f"//*[@id='{choices[0].get('aria-controls')}']")[0]
    assert first.get("hidden") is not None and first.get("tabindex") == "-1"
    assert first.xpath("string(p[@class='scenario-chose'])") == "You chose: Say yes"
    assert first.xpath("string(.//em)") == "agree"
    assert first.xpath("string(button)") == "Continue"
    second = block.xpath(f"//*[@id='{choices[1].get('aria-controls')}']")[0]
    assert second.xpath("string(.//*[@role='note']//p)").strip() == "Tip"
    assert [button.text_content() for button in block.xpath(".//button[@data-restart]")] == [
        "Restart scenario"
    ] * 2
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_the_runtime_keeps_the_path_and_finishes_on_an_ending(make_course: CourseMaker) -> None:
    (lesson,) = load_course(lesson_course(make_course, f"---\ntitle: T\n---\n{SCENARIO}")).lessons
    # An ending reached, the last choice continued past, and the three choices.
    assert lesson.runtime()["blocks"] == [
        {"type": "scenario", "size": 5, "finish": True, "done": 0},
        {"type": "callout", "size": 0, "finish": False},
    ]
    assert lesson.must_finish


def test_the_interface_text_is_the_course_language(make_course: CourseMaker) -> None:
    course = make_course(
        {**MINIMAL_COURSE, "language": "fr"}, files={"lessons/01-intro.md": f"---\ntitle: T\n---\n{SCENARIO}"}
    )
    (page,) = render_pages(load_course(course)).html
    text = str(page)
    assert "Recommencer le scénario" in text and "Vous avez choisi : Say yes" in text
    assert "Une bonne fin" in text and ">Continuer<" in text


def scenario(situations: str) -> str:
    return f"::: scenario\n{situations}:::\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            scenario("## A\n### Go -> B\n## B\n## C\n"),
            "01-intro.md:8 situation 'C': no choice leads here, so the learner could never reach it",
        ),
        (
            scenario("## A\n### Go -> Bee\n## B\n"),
            "01-intro.md:6 choice 'Go' leads to 'Bee', which is not a situation of this scenario "
            "(they are: 'A', 'B')",
        ),
        (
            scenario("## A\n### Go -> B\n## B\n### Back -> A\n"),
            "01-intro.md:8 choice 'Back' leads back to 'A': a choice leads to a situation further down",
        ),
        (
            scenario("## A\n### Go on\n## B\n"),
            "01-intro.md:6 choice 'Go on': a choice's heading ends with '->'",
        ),
        (
            scenario("## A {good}\n### Go -> B\n## B\n"),
            "01-intro.md:5 situation 'A': '{good}' marks an ending, and this situation has choices",
        ),
        (
            scenario("## A\n### Go -> B\n## B {great}\n"),
            "01-intro.md:7 situation 'B': an ending is marked '{good}' or '{poor}'; found '{great}'",
        ),
        (
            scenario("## A\n### Go -> B\n## B\n## B\n"),
            "01-intro.md:8 situation 'B': another situation has the same title",
        ),
        (
            scenario("## A\n### Go -> B\n### Stop -> C\n## B {good}\n## C\n"),
            "01-intro.md:9 ending 'C': the scenario is scored",
        ),
        (
            scenario("## A\n### Go -> B\n## B {poor}\n"),
            "01-intro.md:4 a scored scenario needs at least one ending marked '{good}'",
        ),
        (
            scenario("## A\n## B\n"),
            "01-intro.md:5 situation 'A': the scenario starts here, so it needs choices",
        ),
        (scenario("## A\n"), "01-intro.md:4 the scenario block needs at least 2 situations"),
    ],
)
def test_a_bad_scenario_is_an_error_at_its_heading(
    make_course: CourseMaker, body: str, expected: str
) -> None:
    (problem,) = failure(make_course, body)
    assert problem.startswith(expected), problem
