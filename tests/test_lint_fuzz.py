"""Fuzzing ``packager lint`` (hypothesis): mutated manifests, course structures and zips.

Whatever the input, lint ends with a list of findings: never a traceback, ``--json`` always prints
valid JSON, and the Python memory one run takes stays bounded (``tracemalloc``). Hangs are caught
by a generous per-example deadline (a hang detector, not a speed measurement: speed is bench/'s).
"""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree

from packager.cli import main
from packager.lint import RULES, Finding, lint_package
from tests.lint_fixture_zip import fixture_files, zip_fixture

FUZZ = settings(
    max_examples=40,
    deadline=timedelta(seconds=20),
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
MAX_PYTHON_MEMORY = 64 * 1024 * 1024
"""The most Python memory one lint of these small packages may take (the zip-bomb limits bound the
rest; see packager/lint/package.py)."""
SCORM_FIXTURES = ("storyline-12-inline-metadata", "rise-2004-3rd", "ispring-2004-4th-multi-sco")
TOKENS = [
    b"<",
    b">",
    b"&",
    b'"',
    b"&x;",
    b"&amp;",
    b"<!DOCTYPE manifest [<!ENTITY x 'y'>]>",
    b"<!DOCTYPE manifest SYSTEM 'file:///etc/passwd'>",
    b'<!ENTITY e SYSTEM "http://127.0.0.1:9/x">',
    b"<![CDATA[",
    b"]]>",
    b"<?xml version='1.0' encoding='latin-1'?>",
    b"xmlns=''",
    b'xml:base="../../"',
    b'href="/etc/passwd"',
    b'href="https://cdn.example.com/x.js"',
    b"\x00",
    b"\xff\xfe",
    "é".encode(),
]


def _lint_and_check(package: Path, *, record: bool = True) -> list[Finding]:
    tracemalloc.start()
    try:
        findings = lint_package(package)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_PYTHON_MEMORY, peak
    assert all(isinstance(finding, Finding) and finding.rule in RULES for finding in findings)
    for finding in findings if record else []:
        event(finding.rule)
    return findings


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few slices deleted, replaced or inserted (tokens XML parsers trip on)."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        end = draw(st.integers(at, min(len(data), at + 40)))
        piece = draw(st.one_of(st.sampled_from(TOKENS), st.binary(max_size=12)))
        data = data[:at] + piece + data[end:] if draw(st.booleans()) else data[:at] + piece + data[at:]
    return data


def _tree_mutation(root: etree._Element, choice: int, element_index: int, text: str) -> None:
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    element = elements[element_index % len(elements)]
    parent = element.getparent()
    if choice == 0 and parent is not None:
        parent.remove(element)
    elif choice == 1 and parent is not None:
        parent.append(etree.fromstring(etree.tostring(element)))
    elif choice == 2:
        for name in list(element.attrib)[:1]:
            element.set(name, text)
    elif choice == 3:
        element.text = text
    elif parent is not None:
        parent.insert(0, element)


@pytest.mark.parametrize("fixture", SCORM_FIXTURES)
@FUZZ
@given(data=st.data())
def test_mutated_manifest_bytes_never_crash(tmp_path: Path, fixture: str, data: st.DataObject) -> None:
    manifest = fixture_files(fixture)["imsmanifest.xml"]
    mutated = data.draw(mutated_bytes(manifest))
    package = zip_fixture(fixture, tmp_path / "p.zip", drop=("imsmanifest.xml",))
    with zipfile.ZipFile(package, "a") as archive:
        archive.writestr("imsmanifest.xml", mutated)
    _lint_and_check(package)


@pytest.mark.parametrize("fixture", [*SCORM_FIXTURES, "cmi5-two-aus"])
@FUZZ
@given(
    changes=st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 200), st.text(max_size=30)), min_size=1, max_size=5
    )
)
def test_mutated_trees_never_crash(tmp_path: Path, fixture: str, changes: list[tuple[int, int, str]]) -> None:
    name = "cmi5.xml" if fixture.startswith("cmi5") else "imsmanifest.xml"
    root = etree.fromstring(fixture_files(fixture)[name])
    for choice, index, text in changes:
        clean = "".join(character for character in text if character.isprintable())
        _tree_mutation(root, choice, index, clean)
    package = zip_fixture(fixture, tmp_path / "p.zip", drop=(name,))
    with zipfile.ZipFile(package, "a") as archive:
        archive.writestr(name, etree.tostring(root))
    _lint_and_check(package)


@FUZZ
@given(data=st.data())
def test_mutated_zips_never_crash_and_json_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    original = zip_fixture("storyline-12-inline-metadata", tmp_path / "original.zip").read_bytes()
    mutated = data.draw(mutated_bytes(original))
    if data.draw(st.booleans()):
        mutated = mutated[: data.draw(st.integers(0, len(mutated)))]
    package = tmp_path / "p.zip"
    package.write_bytes(mutated)
    findings = _lint_and_check(package)
    capsys.readouterr()
    assert main(["lint", str(package), "--json"]) in (0, 1)
    printed = json.loads(capsys.readouterr().out)
    assert [finding["rule"] for finding in printed] == [finding.rule for finding in findings]


def test_a_fuzzed_zip_of_random_entries_is_linted(tmp_path: Path) -> None:
    """A zip whose entries are random bytes under the names a package uses."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("imsmanifest.xml", "cmi5.xml", "index.html", "a.css", "b.js"):
            archive.writestr(name, bytes(range(256)) * 3)
    package = tmp_path / "p.zip"
    package.write_bytes(buffer.getvalue())
    assert {finding.rule for finding in _lint_and_check(package, record=False)} >= {"MAN001"}
