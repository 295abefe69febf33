"""Author text cannot attack learners: the generated page, for every target, holds it only as text.

The hostile course (``tests/e2e/courses/hostile``) puts script and markup in every piece of author
text: titles, description, lesson Markdown, prompts, options, pairs, items and feedback.
``tests/e2e/test_hostile_content.py`` plays it in Chromium; these tests read the HTML itself.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from lxml import html

from packager.course import Course, load_course
from packager.render import Site
from packager.targets import TARGETS
from tests.conftest import run_packager

HOSTILE_COURSE = Path(__file__).resolve().parent / "e2e" / "courses" / "hostile"
INJECTED = (
    "//img[@src='x'] | //svg[not(@class='icon')] | //iframe | //*[@id='injected'] | //input[@autofocus]"
    " | //b | //div[@onclick]"
)
"""Elements the payloads would create if they were read as markup."""
SCRIPT_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
CSP_SOURCE = re.compile(r"^('self'|'none'|data:)$")


@pytest.fixture(scope="module")
def hostile() -> Course:
    return load_course(HOSTILE_COURSE)


@pytest.fixture(scope="module", params=list(TARGETS))
def built(request: pytest.FixtureRequest, hostile: Course) -> tuple[str, Site]:
    name: str = request.param
    return name, TARGETS[name].build(hostile)


def page_of(site: Site) -> html.HtmlElement:
    content = site.files["index.html"]
    assert isinstance(content, bytes)
    return html.document_fromstring(content)


def test_no_author_markup_becomes_an_element(built: tuple[str, Site]) -> None:
    _, site = built
    page = page_of(site)
    assert page.xpath(INJECTED) == []
    handlers = [
        (element.tag, name)
        for element in page.iter()
        for name in element.attrib
        if name.lower().startswith("on")
    ]
    assert handlers == [], "an event handler attribute came from author text"
    scripts = page.xpath("//script")
    inline = [script for script in scripts if not script.get("src")]
    assert [script.get("id") for script in inline] == ["course-data"]
    assert inline[0].get("type") == "application/json"
    for script in scripts:
        if script.get("src"):
            assert script.get("src") in site.files, "scripts come from the package only"


def test_no_link_or_source_runs_script(built: tuple[str, Site]) -> None:
    """markdown-it drops javascript:, vbscript: and data: links (its validateLink)."""
    _, site = built
    page = page_of(site)
    for element in page.iter():
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            value = element.get(name)
            if value is not None:
                assert not SCRIPT_SCHEMES.match(value), f"<{element.tag} {name}={value!r}>"
    lesson = page.xpath("//div[@class='lesson-body']")[0].text_content()
    # The rejected links stay as the author's text.
    assert "[javascript link](javascript:alert(8))" in lesson
    assert "[mixed-case one](JaVaScRiPt:alert(9))" in lesson
    assert "[vbscript one](vbscript:msgbox(11))" in lesson
    assert "<javascript:alert(13)>" in lesson


def test_author_text_reads_literally(built: tuple[str, Site], hostile: Course) -> None:
    _, site = built
    page = page_of(site)
    text = page.text_content()
    assert page.findtext(".//title") == hostile.title
    assert "<script>window.__pwned = 'inline script'; alert(4)</script>" in text
    assert '<div id="injected" onclick="alert(6)">A raw block of HTML</div>' in text
    for lesson in hostile.lessons:
        assert lesson.title in text
    for quiz in hostile.quizzes:
        assert quiz.title in text
        for question in quiz.questions:
            assert question.prompt in text
    assert (
        "Wrong option feedback <img src=x onerror=\"window.__pwned = 'option feedback'; alert(30)\">" in text
    )
    assert "Incorrect </script><script>window.__pwned = 'feedback'; alert(32)</script>" in text


def test_quiz_data_cannot_close_its_script_element(built: tuple[str, Site], hostile: Course) -> None:
    """Jinja's tojson escapes <, >, & and ': '</script>' in author text cannot end the JSON early."""
    _, site = built
    content = site.files["index.html"]
    assert isinstance(content, bytes)
    source = content.decode("utf-8")
    start = source.index('<script type="application/json" id="course-data">') + len(
        '<script type="application/json" id="course-data">'
    )
    raw = source[start : source.index("</script>", start)]
    assert "<" not in raw and ">" not in raw
    data = json.loads(raw)
    assert data["course"]["title"] == hostile.title
    assert hostile.quiz is not None
    assert data["pages"][-1]["title"] == hostile.quiz.title
    assert "</script><script>alert(36)</script>" in json.dumps(data)


def test_content_security_policy_allows_no_other_origin(built: tuple[str, Site]) -> None:
    """Every directive allows the package only; the xAPI targets' connect-src (cmi5, Tin Can: the
    LRS is named at launch) is the one declared exception."""
    name, site = built
    page = page_of(site)
    metas = page.xpath("//meta[@http-equiv='Content-Security-Policy']")
    assert len(metas) == 1
    head = page.find("head")
    assert head is not None
    children = list(head)
    first_script = next(
        (index for index, child in enumerate(children) if child.tag == "script"), len(children)
    )
    assert children.index(metas[0]) < first_script, "the policy must come before any script"
    directives = {
        directive.split()[0]: directive.split()[1:]
        for directive in metas[0].get("content", "").split(";")
        if directive.strip()
    }
    for required in ("default-src", "script-src", "object-src", "base-uri", "form-action"):
        assert required in directives
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == directives["base-uri"] == directives["form-action"] == ["'none'"]
    for directive, sources in directives.items():
        if directive == "connect-src":
            assert sources == ["'self'", *TARGETS[name].runtime.connect_sources]
            continue
        for source in sources:
            assert CSP_SOURCE.match(source), f"{directive} allows {source}"
    if name not in ("cmi5", "tincan"):
        assert directives["connect-src"] == ["'self'"]


def test_lint_of_a_hostile_zip_writes_nothing(tmp_path: Path) -> None:
    """``packager lint`` reads a package in memory: entries that point out of any folder, absolute
    paths and symbolic links go nowhere, in its temporary folder or anywhere else."""
    package = tmp_path / "hostile.zip"
    escape = f"packager-lint-escape-{os.getpid()}.txt"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("imsmanifest.xml", "<manifest/>")
        archive.writestr(f"../../{escape}", b"escaped")
        archive.writestr(f"/tmp/{escape}", b"escaped")
        archive.writestr(f"..\\..\\{escape}", b"escaped")
        link = zipfile.ZipInfo("link-to-etc")
        link.external_attr = 0o120777 << 16  # a symbolic link entry
        archive.writestr(link, "/etc")
        archive.writestr("link-to-etc/passwd", b"overwritten?")
    work = tmp_path / "work"
    temporary = tmp_path / "tmp"
    work.mkdir()
    temporary.mkdir()
    before = sorted(tmp_path.rglob("*"))
    env = {**os.environ, "TMPDIR": str(temporary)}
    result = run_packager("lint", str(package), cwd=work, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(tmp_path.rglob("*")) == before, "lint wrote files"
    assert not (Path("/tmp") / escape).exists()
    assert not (tmp_path.parent / escape).exists()
