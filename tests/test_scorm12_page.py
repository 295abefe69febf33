"""The SCORM 1.2 site's index.html: every lesson and question, the content security policy, escaping."""

from __future__ import annotations

from lxml import html

from packager.course import Course, load_course
from packager.render import Site
from packager.targets.scorm12 import Scorm12
from tests.conftest import CourseMaker
from tests.scorm12_site import NS, parse, read

XSS = "<script>alert(1)</script>"


# --- index.html --------------------------------------------------------------------------------


def test_index_has_every_lesson_title(index: str, sample_course: Course) -> None:
    page = html.fromstring(index)
    for lesson in sample_course.lessons:
        headings = page.xpath(f'//section[@data-view="lesson:{lesson.id}"]//h1/text()')
        assert headings == [lesson.title]
    assert page.xpath("//title/text()") == [sample_course.title]


def test_index_has_every_question_with_its_controls(index: str, sample_course: Course) -> None:
    page = html.fromstring(index)
    for quiz in sample_course.quizzes:
        items = page.xpath(f'//section[@data-quiz="{quiz.id}"]//li[@data-question]')
        assert [item.get("data-question") for item in items] == [question.id for question in quiz.questions]
        types = [question.type for question in quiz.questions]
        assert [item.get("data-type") for item in items] == types
        for item, question in zip(items, quiz.questions, strict=True):
            found = item.xpath(".//input[not(@type='hidden')]|.//select|.//textarea")
            buttons = item.xpath(".//button")
            assert found or buttons, question.id
            # Every field has a visible label; every button says what it does.
            for control in found:
                assert page.xpath(f'//label[@for="{control.get("id")}"]'), control.get("id")
            for button in buttons:
                assert button.text_content().strip() or button.get("aria-label"), question.id


def test_index_has_a_strict_content_security_policy(index: str) -> None:
    page = html.fromstring(index)
    policies = page.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert len(policies) == 1
    directives = {part.split()[0]: part.split()[1:] for part in policies[0].split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policies[0]
    # With script-src 'self', every executable script must come from a file in the package.
    for script in page.xpath("//script"):
        assert script.get("src") or script.get("type") == "application/json"


def test_index_scripts_are_packaged(index: str, site: Site) -> None:
    sources = html.fromstring(index).xpath("//script/@src")
    assert sources
    assert "runtime/lms/scorm12.js" in sources
    for source in sources:
        assert source in site.files


def test_author_text_is_escaped(make_course: CourseMaker) -> None:
    root_dir = make_course(
        {"id": "demo-course", "title": XSS, "lessons": ["lessons/01-intro.md"], "quiz": "quiz.yaml"},
        {
            "lessons/01-intro.md": f'---\ntitle: "{XSS}"\n---\nRaw HTML: <script>alert(2)</script>\n',
            "quiz.yaml": (
                "questions:\n  - id: pick\n    type: single-choice\n"
                f'    prompt: "{XSS}"\n    options:\n      - text: "{XSS}"\n        correct: true\n'
                "      - text: Nope\n"
            ),
        },
    )
    course = load_course(root_dir)
    assert course.title == XSS
    site = Scorm12().build(course)
    page = read(site, "index.html").decode("utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    parsed = html.fromstring(page)
    assert parsed.xpath("//title/text()") == [XSS]
    # Only the packaged scripts and the JSON data block are script elements.
    for script in parsed.xpath("//script"):
        assert script.get("src") or script.get("type") == "application/json"
    # The manifest holds the title as text too.
    manifest = parse(read(site, "imsmanifest.xml"))
    assert manifest.xpath(".//cp:organization/cp:title/text()", namespaces=NS) == [XSS]
