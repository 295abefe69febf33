"""Lesson blocks: read from lesson Markdown, checked with located errors, rendered by their plug-ins."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from packager.blocks.registry import block_types
from packager.course import load_course
from packager.errors import PackagerError
from packager.render import PageRuntime, render_pages, render_site
from packager.resume import max_suspend_data
from tests.conftest import CourseMaker

REPO = Path(__file__).resolve().parents[1]

ALL_BLOCKS = """\
---
title: Blocks
---
Intro.

::: callout warning Before you reply
Careful **now**.
:::

## Section

::: accordion
### First *one*
Body one.
### Second
Body two.
:::

::: tabs Ways
### A
aa
### B
bb
:::

::: flipcards
### Front
Back.
:::

:::: process
### S1
one
::: callout
Inside a step.
:::
### S2
two
::::
"""


def lesson_course(make_course: CourseMaker, lesson: str) -> Path:
    return make_course(files={"lessons/01-intro.md": lesson})


def failure(make_course: CourseMaker, body: str) -> list[str]:
    """The problems loading a lesson of ``body`` reports, as the CLI prints them."""
    with pytest.raises(PackagerError) as raised:
        load_course(lesson_course(make_course, f"---\ntitle: T\n---\n{body}"))
    return [
        f"{problem.file.name if problem.file else ''}:{problem.line} {problem.message}"
        for problem in raised.value.problems
    ]


def test_every_block_is_read_in_document_order(make_course: CourseMaker) -> None:
    course = load_course(lesson_course(make_course, ALL_BLOCKS))
    (lesson,) = course.lessons
    summary = [(block.type, block.size, block.finish) for block in lesson.blocks]
    assert summary == [
        ("callout", 0, False),
        ("accordion", 2, False),
        ("tabs", 2, False),
        ("flipcards", 1, False),
        ("process", 1, True),
        ("callout", 0, False),  # nested in the process, after it
    ]
    assert lesson.must_finish
    assert lesson.runtime()["blocks"][4] == {"type": "process", "size": 1, "finish": True}


def rendered(make_course: CourseMaker, lesson: str) -> lxml_html.HtmlElement:
    course = load_course(lesson_course(make_course, lesson))
    (page,) = render_pages(course).html
    return lxml_html.fragment_fromstring(str(page))


def test_blocks_render_as_the_aria_patterns(make_course: CourseMaker) -> None:
    page = rendered(make_course, ALL_BLOCKS)
    note = page.xpath("//*[@role='note']")[0]
    assert note.xpath("string(*[@class='callout-title'])") == "Before you reply"
    assert note.xpath("string(.//strong)") == "now"

    # Accordion: the item's heading level as written, a button controlling a labelled region.
    buttons = page.xpath("//h3[@class='accordion-heading']/button")
    assert [button.text_content() for button in buttons] == ["First one", "Second"]
    for button in buttons:
        assert button.get("aria-expanded") == "false"
        (panel,) = page.xpath(f"//*[@id='{button.get('aria-controls')}']")
        assert panel.get("role") == "region" and panel.get("aria-labelledby") == button.get("id")
        assert panel.get("hidden") is not None
    assert page.xpath("string(//h3/button//em)") == "one"

    # Tabs: a labelled tab list; one tab in the tab order; each panel labelled by its tab.
    (tablist,) = page.xpath("//*[@role='tablist']")
    assert tablist.get("aria-label") == "Ways"
    tabs = tablist.xpath("*[@role='tab']")
    assert [tab.get("aria-selected") for tab in tabs] == ["true", "false"]
    assert [tab.get("tabindex") for tab in tabs] == [None, "-1"]
    for tab in tabs:
        (panel,) = page.xpath(f"//*[@id='{tab.get('aria-controls')}']")
        assert panel.get("role") == "tabpanel" and panel.get("aria-labelledby") == tab.get("id")

    # Flip cards: the front names the button; the back is the panel it controls.
    (card,) = page.xpath("//*[@class='flipcard-button']")
    assert card.xpath("string(*[@class='flipcard-front'])") == "Front"
    assert page.xpath(f"string(//*[@id='{card.get('aria-controls')}'])").strip() == "Back."

    # Process: one step shown, its position in its heading; a nested block inside a step.
    steps = page.xpath("//*[@class='process-step']")
    assert [step.get("hidden") is None for step in steps] == [True, False]
    assert [" ".join(step.xpath("string(h3)").split()) for step in steps] == [
        "Step 1 of 2 S1",
        "Step 2 of 2 S2",
    ]
    assert steps[0].xpath("string(.//*[@role='note']//p[@class='callout-title'])") == "Note"
    assert page.xpath("//*[contains(@class, 'process-status')]/@aria-live") == ["polite"]
    # Every block that needs a script says which and where it is in the lesson.
    assert page.xpath("//*[@data-block]/@data-block-type") == ["accordion", "tabs", "flipcards", "process"]
    assert page.xpath("//*[@data-block]/@data-block") == ["1", "2", "3", "4"]
    # Ids are unique on the page.
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_author_markup_in_blocks_is_escaped(make_course: CourseMaker) -> None:
    page = rendered(
        make_course, '---\ntitle: T\n---\n::: tabs <b onclick="x">\n## <i>tab</i>\na\n## b\nb\n:::\n'
    )
    assert page.xpath("//*[@role='tablist']/@aria-label") == ['<b onclick="x">']
    assert page.xpath("//b | //i") == []
    assert page.xpath("string(//*[@role='tab'][1])") == "<i>tab</i>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("::: acordion\n## A\n:::\n", "01-intro.md:4 unknown block 'acordion' (the blocks are: "),
        ("::: accordion\n:::\n", "01-intro.md:4 the accordion block needs at least 1 item"),
        (
            "Text\n\n::: accordion\nlead\n## A\na\n:::\n",
            "01-intro.md:7 the accordion block's content must start with a heading",
        ),
        ("::: tabs\n## Only\n:::\n", "01-intro.md:4 the tabs block needs at least 2 tabs"),
        (
            "::: process\n## A\n## B\n",
            "01-intro.md:4 the process block opened here has no closing ':::' line",
        ),
        ("Text.\n\n:::\n", "01-intro.md:6 a ':::' line with no block name"),
        ("::: callout danger\nx\n:::\n", "01-intro.md:4 '::: callout' is followed by its kind"),
        (
            "::: flipcards big\n## A\na\n:::\n",
            "01-intro.md:4 '::: flipcards' takes nothing after its name; remove 'big'",
        ),
    ],
)
def test_a_bad_block_is_a_located_error(make_course: CourseMaker, body: str, expected: str) -> None:
    (problem,) = failure(make_course, body)
    assert problem.startswith(expected), problem


def test_every_bad_block_of_a_lesson_is_reported(make_course: CourseMaker) -> None:
    problems = failure(make_course, "::: nope\n:::\n\n::: accordion\n:::\n\n::: tabs\n## A\n:::\n")
    assert [problem.split(" ")[0] for problem in problems] == [
        "01-intro.md:4",
        "01-intro.md:7",
        "01-intro.md:10",
    ]


def test_a_labelled_graphic_places_its_markers(make_course: CourseMaker) -> None:
    lesson = (
        "---\ntitle: T\n---\n::: graphic\n![A room](room.svg)\n### The door @ 85, 40.5\nIt *opens*.\n:::\n"
    )
    course = make_course(
        files={"lessons/01-intro.md": lesson, "lessons/room.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"}
    )
    (page,) = render_pages(load_course(course)).html
    fragment = lxml_html.fragment_fromstring(str(page), create_parent="div")
    (marker,) = fragment.xpath("//button[@class='graphic-marker']")
    assert (marker.get("data-x"), marker.get("data-y")) == ("85", "40.5")
    assert marker.xpath("string(*[contains(@class, 'graphic-label')])") == "The door"
    (note,) = fragment.xpath(f"//*[@id='{marker.get('aria-controls')}']")
    assert note.get("aria-labelledby") == marker.get("id") and note.get("hidden") is not None
    assert " ".join(note.xpath("string(h3)").split()) == "1 The door"
    assert note.xpath("string(.//em)") == "opens"
    assert fragment.xpath("//div[@class='graphic-figure']//img/@src") == ["lessons/room.svg"]


def test_the_package_ships_only_the_blocks_used(make_course: CourseMaker) -> None:
    lesson = "---\ntitle: T\n---\n::: callout tip\nA tip.\n:::\n\n::: accordion\n## A\na\n:::\n"
    site = render_site(load_course(lesson_course(make_course, lesson)), PageRuntime("web"))
    assert "runtime/blocks.js" in site.files and "runtime/blocks/accordion.js" in site.files
    assert not any(path.startswith("runtime/blocks/") and "accordion" not in path for path in site.files)
    css = site.files["blocks.css"]
    assert isinstance(css, bytes) and b".callout" in css and b".accordion" in css and b".tab-list" not in css
    page = site.files["index.html"]
    assert isinstance(page, bytes) and b'href="blocks.css"' in page

    plain = render_site(load_course(make_course(name="plain")), PageRuntime("web"))
    assert not any("blocks" in path for path in plain.files)


def test_kept_block_facts_count_toward_the_resume_bound(make_course: CourseMaker) -> None:
    plain = max_suspend_data(load_course(make_course(name="plain")))
    with_blocks = max_suspend_data(load_course(lesson_course(make_course, ALL_BLOCKS)))
    # 6 facts (2 accordion items, 2 tabs, 1 card, 1 step after the first): "B" + 2 hex digits + "~".
    assert with_blocks - plain == 4


def test_every_installed_block_example_is_valid(make_course: CourseMaker) -> None:
    examples = "\n".join(kind.example for kind in block_types().values())
    files = {
        f"lessons/{relative}": text
        for kind in block_types().values()
        for relative, text in kind.example_files.items()
    }
    course = load_course(
        make_course(files={"lessons/01-intro.md": f"---\ntitle: Examples\n---\n{examples}", **files})
    )
    assert [block.type for block in course.lessons[0].blocks] == list(block_types())


def test_a_block_from_outside_the_packager(make_course: CourseMaker, tmp_path: Path) -> None:
    """tests/plugins/reveal is a package of its own: installed, it is a block like the packager's."""
    reveal = block_types()["reveal"]
    module = Path(__import__(reveal.model.__module__).__file__ or "")
    assert module.parent == REPO / "tests" / "plugins" / "reveal"
    assert not any("reveal" in path.read_text("utf-8") for path in (REPO / "packager").rglob("*.py"))
    assert "reveal_block" not in (REPO / "pyproject.toml").read_text("utf-8"), (
        "the packager does not register it"
    )

    lesson = "---\ntitle: T\n---\n::: reveal What now?\nThe *answer*.\n:::\n"
    course = load_course(lesson_course(make_course, lesson))
    assert [(block.type, block.size, block.finish) for block in course.lessons[0].blocks] == [
        ("reveal", 1, True)
    ]
    site = render_site(course, PageRuntime("web"))
    assert "runtime/blocks/reveal.js" in site.files
    page = site.files["index.html"]
    assert isinstance(page, bytes)
    assert b"<em>answer</em>" in page and b'src="runtime/blocks/reveal.js"' in page
    assert b"(has an activity to finish)" in page
