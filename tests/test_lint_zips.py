"""``packager lint`` on hostile and broken zips, the details of its findings, and the command."""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from packager.cli import main
from packager.lint import Limits, lint_package
from packager.lint.package import read_package
from tests.lint_packages import PAGE, bad_xsd_element, lint_spec, list_missing, minimal, only, rule_ids

# --- hostile and broken zips --------------------------------------------------------------------


@pytest.mark.parametrize(
    "content", [b"", b"not a zip at all", b"PK\x03\x04" + b"\0" * 100, b"%PDF-1.7\n" * 50], ids=repr
)
def test_not_a_zip(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "package.zip"
    path.write_bytes(content)
    findings = lint_package(path)
    assert rule_ids(findings) == {"ZIP001"}


def test_cut_short_and_damaged_zips(tmp_path: Path) -> None:
    whole = minimal().write(tmp_path / "whole.zip").read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    assert rule_ids(lint_package(cut)) == {"ZIP001"}
    # The end record survives but points at a central directory that is not there.
    damaged = tmp_path / "damaged.zip"
    directory = whole.rfind(b"PK\x01\x02")
    damaged.write_bytes(whole[:directory] + b"\0" * 46 + whole[directory + 46 :])
    assert rule_ids(lint_package(damaged)) == {"ZIP001"}


def test_too_many_entries(tmp_path: Path) -> None:
    spec = minimal()
    for index in range(10):
        spec.files[f"extra/{index}.txt"] = b"x"
    path = spec.write(tmp_path / "package.zip")
    limits = Limits(max_entries=5)
    package = read_package(path, limits)
    assert package.entries is None, "the central directory must not be read"
    findings = lint_package(path, limits)
    assert rule_ids(findings) == {"ZIP002"}
    assert "entries" in findings[0].message
    # A directory too large for its entry count is refused the same way.
    assert rule_ids(lint_package(path, Limits(max_central_directory_bytes=200))) == {"ZIP002"}


def test_total_size_is_bounded(tmp_path: Path) -> None:
    spec = minimal()
    spec.files["index.html"] = b'<script src="https://cdn.example.com/x.js"></script>'
    findings = lint_spec(spec, tmp_path, Limits(max_total_bytes=200))
    assert "ZIP003" in rule_ids(findings)
    assert "EXT001" not in rule_ids(findings), "contents are not scanned past the total limit"


def _write_bomb(path: Path, name: str, megabytes: int) -> None:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w") as entry:
        zeros = bytes(1024 * 1024)
        for _ in range(megabytes):
            entry.write(zeros)


def test_zip_bomb(tmp_path: Path) -> None:
    path = minimal().write(tmp_path / "package.zip")
    _write_bomb(path, "bomb.html", 64)
    info = zipfile.ZipFile(path).getinfo("bomb.html")
    assert info.file_size > 500 * info.compress_size
    package = read_package(path)
    assert "bomb.html" not in package.texts, "a bomb is never decompressed"
    findings = lint_package(path)
    bombs = only(findings, "ZIP004")
    assert [finding.path for finding in bombs] == ["bomb.html"]
    assert "zip bomb" in bombs[0].message
    assert "ZIP013" not in rule_ids(findings)


def test_manifest_bomb_is_not_parsed(tmp_path: Path) -> None:
    spec = minimal()
    spec.manifest_name = "unused.xml"
    path = spec.write(tmp_path / "package.zip")
    _write_bomb(path, "imsmanifest.xml", 8)
    findings = lint_package(path)
    assert {"ZIP004", "MAN001"} <= rule_ids(findings)
    assert "zip bomb" in only(findings, "MAN001")[0].message


def test_paths_outside_the_package_are_never_written(tmp_path: Path) -> None:
    spec = minimal()
    for name in ("../evil.txt", "../../evil.txt", "/tmp/evil-absolute.txt", "C:/evil.txt", "..\\evil.txt"):
        spec.files[name] = b"gotcha"
    work = tmp_path / "work"
    work.mkdir()
    before = sorted(tmp_path.rglob("*"))
    findings = lint_spec(spec, work)
    unsafe = only(findings, "ZIP006")
    assert sorted(finding.path or "" for finding in unsafe) == sorted(
        ["../evil.txt", "../../evil.txt", "/tmp/evil-absolute.txt", "C:/evil.txt", "..\\evil.txt"]
    )
    assert sorted(tmp_path.rglob("*")) == sorted([*before, work / "package.zip"])
    assert not Path("/tmp/evil-absolute.txt").exists()


def test_duplicate_entries(tmp_path: Path) -> None:
    spec = minimal()
    path = spec.write(tmp_path / "package.zip")
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a") as archive:
        warnings.simplefilter("ignore")
        archive.writestr("index.html", PAGE)
    assert [f.path for f in only(lint_package(path), "ZIP010")] == ["index.html"]


def test_encrypted_entry(tmp_path: Path) -> None:
    spec = minimal()
    path = spec.write(tmp_path / "package.zip")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("secret.html", PAGE)
        archive.getinfo("secret.html").flag_bits |= 0x1  # written to the central directory on close
    findings = lint_package(path)
    assert [f.path for f in only(findings, "ZIP011")] == ["secret.html"]
    assert "ZIP013" not in rule_ids(findings), "an encrypted entry is not read"


def test_uncommon_compression(tmp_path: Path) -> None:
    path = minimal().write(tmp_path / "package.zip")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("extra.html", PAGE)
    findings = only(lint_package(path), "ZIP012")
    assert [f.path for f in findings] == ["extra.html"]
    assert "bzip2" in findings[0].message


def test_corrupt_entry(tmp_path: Path) -> None:
    spec = minimal()
    spec.files["index.html"] = PAGE + b"<!-- CORRUPT-ME -->"
    path = tmp_path / "package.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("imsmanifest.xml", etree.tostring(spec.manifest))
        for name, content in spec.files.items():
            archive.writestr(name, content)
    data = path.read_bytes()
    assert data.count(b"CORRUPT-ME") == 1
    path.write_bytes(data.replace(b"CORRUPT-ME", b"CORRUPTED!"))
    findings = only(lint_package(path), "ZIP013")
    assert [f.path for f in findings] == ["index.html"]


def test_scanning_is_bounded(tmp_path: Path) -> None:
    spec = minimal()
    external = b'<script src="https://cdn.example.com/x.js"></script>'
    spec.files["index.html"] = external
    spec.files["big.html"] = external + b" " * 5000
    for name in ("big.html",):
        etree.SubElement(spec.find("resource"), spec.q(None, "file"), href=name)
    findings = lint_spec(spec, tmp_path, Limits(max_text_bytes=1000))
    assert [(f.rule, f.path) for f in findings] == [("ZIP014", "big.html"), ("EXT001", "index.html")]
    findings = lint_spec(spec, tmp_path, Limits(max_scanned_bytes=100))
    assert ("ZIP014", "big.html") in [(f.rule, f.path) for f in findings]


# --- details ----------------------------------------------------------------------------------


def test_xsd_errors_give_the_line_in_the_package_file(tmp_path: Path) -> None:
    spec = minimal()
    bad_xsd_element(spec)
    text = etree.tostring(spec.manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    # Put every attribute of the root on its own line, as many tools write manifests.
    first_tag_end = text.index(b">", text.index(b"<manifest"))
    spread = text[:first_tag_end].replace(b'" ', b'"\n  ') + text[first_tag_end:]
    spec.raw_manifest = spread
    expected = next(n for n, line in enumerate(spread.splitlines(), 1) if b"bogus" in line)
    compact = next(n for n, line in enumerate(text.splitlines(), 1) if b"bogus" in line)
    assert expected != compact, "the test must tell the package's lines from re-serialized ones"
    errors = only(lint_spec(spec, tmp_path), "XSD001")
    assert [finding.line for finding in errors] == [expected]
    assert "'bogus'" in errors[0].message, "libxml2's {namespace}name is written as the manifest does"


def test_hrefs_are_resolved_like_a_browser(tmp_path: Path) -> None:
    spec = minimal()
    resource = spec.find("resource")
    resource.set("{http://www.w3.org/XML/1998/namespace}base", "pages/")
    resource.set("href", "start%20here.html?lang=en#top")
    for file in resource:
        resource.remove(file)
    etree.SubElement(resource, spec.q(None, "file"), href="start%20here.html")
    etree.SubElement(resource, spec.q(None, "file"), href="../shared/app.js")
    spec.files = {name: data for name, data in spec.files.items() if name != "index.html"}
    spec.files["pages/start here.html"] = b'<script src="../shared/app.js"></script><img src="#x" alt="">'
    spec.files["shared/app.js"] = b"console.log(1);\n"
    assert lint_spec(spec, tmp_path) == []


@pytest.mark.parametrize(
    ("href", "problem"),
    [
        ("/index.html", "'/'"),
        ("pages\\index.html", "backslash"),
        ("file:///C:/course/index.html", "file:"),
        ("../../index.html", "'../'"),
    ],
)
def test_unsafe_hrefs(tmp_path: Path, href: str, problem: str) -> None:
    spec = minimal()
    spec.find("file").set("href", href)
    findings = only(lint_spec(spec, tmp_path), "HREF001")
    assert len(findings) == 1
    assert problem in findings[0].message
    assert findings[0].line is not None


def test_css_and_javascript_references(tmp_path: Path) -> None:
    spec = minimal()
    spec.files["index.html"] = (
        b'<link rel="stylesheet" href="css/theme.css"><script src="js/app.js"></script>'
    )
    spec.files["css/theme.css"] = (
        b"@import 'https://fonts.example.com/font.css';\n"
        b"body { background: url(../img/bg.png); }\n"
        b'.logo { background: url("data:image/png;base64,AAAA"); }\n'
    )
    spec.files["js/app.js"] = (
        b"import { x } from 'https://esm.example.com/x.js';\nconst y = 'https://not-an-import';\n"
    )
    for name in ("css/theme.css", "js/app.js"):
        etree.SubElement(spec.find("resource"), spec.q(None, "file"), href=name)
    findings = lint_spec(spec, tmp_path)
    assert sorted((f.rule, f.path, f.line) for f in findings) == [
        ("EXT001", "css/theme.css", 1),
        ("EXT001", "js/app.js", 1),
        ("FILE003", "css/theme.css", 2),
    ]


# --- the command --------------------------------------------------------------------------------


def test_cli_json_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = minimal().write(tmp_path / "clean.zip")
    assert main(["lint", str(clean), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["lint", str(clean), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []

    spec = minimal()
    list_missing(spec)
    spec.files["notes.txt"] = b"unlisted"
    path = spec.write(tmp_path / "broken.zip")
    assert main(["lint", str(path), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert {(f["rule"], f["severity"]) for f in findings} == {("FILE001", "error"), ("FILE002", "warning")}
    assert all(set(f) == {"rule", "severity", "message", "path", "line"} for f in findings)


def test_cli_warnings_alone_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = minimal()
    spec.files["notes.txt"] = b"unlisted"
    assert main(["lint", str(spec.write(tmp_path / "package.zip"))]) == 0
    out = capsys.readouterr().out
    assert "FILE002" in out
    assert "0 errors, 1 warning, 0 info" in out


def test_cli_table_does_not_read_names_as_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = minimal()
    spec.files["[bold]x[/bold].txt"] = b"unlisted"
    assert main(["lint", str(spec.write(tmp_path / "package.zip"))]) == 0
    assert "[bold]x[/bold].txt" in capsys.readouterr().out


def test_cli_not_a_zip_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "course.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    assert main(["lint", str(path)]) == 1
    captured = capsys.readouterr()
    assert "ZIP001" in captured.out
    assert "Traceback" not in captured.err


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(tmp_path / "nowhere.zip")]) == 1
    assert "file not found" in capsys.readouterr().err
