"""The SCORM 1.2 site: imsmanifest.xml checked element by element, and a course without a quiz.

The XSD validation: test_scorm12_validation.py; index.html: test_scorm12_page.py.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from packager.course import Course, load_course
from packager.render import Site
from packager.targets.scorm12 import Scorm12
from tests.conftest import CourseMaker
from tests.scorm12_site import (
    ADLCP,
    IMSCP,
    NCNAME,
    NS,
    XSD_FOLDER,
    XSD_NAMES,
    parse,
    read,
    schema_imports,
    validate,
)

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
