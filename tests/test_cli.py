"""``packager build`` end to end, in-process and as a real process."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from packager.cli import main, preview
from packager.targets import TARGETS
from tests.conftest import run_packager

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "course"
COURSE_ID = "crss-professional-boundaries"
SCORM12_ZIP = f"{COURSE_ID}-scorm12.zip"


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain text on stderr (no colour codes) and the default zip timestamps."""
    for name in ("FORCE_COLOR", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (hidden ones too), by relative path."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def break_course(course_dir: Path) -> None:
    path = course_dir / "course.yaml"
    text = path.read_text("utf-8")
    assert "mastery_score: 80" in text
    path.write_text(text.replace("mastery_score: 80", "mastery_score: 150"), "utf-8")


def test_build_sample_course(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(SAMPLE), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert sorted(snapshot(out)) == sorted(f"{COURSE_ID}-{name}.zip" for name in TARGETS)
    assert f"wrote {out / SCORM12_ZIP}" in captured.out
    assert captured.err == ""
    with zipfile.ZipFile(out / SCORM12_ZIP) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    assert "imsmanifest.xml" in names
    assert "index.html" in names
    assert names == sorted(names)


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "one"), "-q"]) == 0
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "two"), "-q"]) == 0
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert one
    assert one == two


def test_rebuild_in_place_gives_the_same_bytes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", str(SAMPLE), "-o", str(out), "-t", "scorm12", "-q"]) == 0
    first = snapshot(out)
    assert main(["build", str(SAMPLE), "-o", str(out), "-t", "scorm12", "-q"]) == 0
    assert snapshot(out) == first


def test_target_option_builds_only_that_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(SAMPLE), "-o", str(out), "-t", "scorm12", "-v"]) == 0
    assert list(snapshot(out)) == [SCORM12_ZIP]
    assert "SCORM 1.2:" in capsys.readouterr().out
    with zipfile.ZipFile(out / SCORM12_ZIP) as archive:
        manifest = archive.read("imsmanifest.xml")
    assert b"<schemaversion>1.2</schemaversion>" in manifest


def test_repeated_target_is_built_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", str(SAMPLE), "-o", str(out), "-t", "scorm12", "-t", "scorm12"]) == 0
    assert capsys.readouterr().out.count("wrote ") == 1


def test_quiet_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "out"), "-t", "scorm12", "-q"]) == 0
    assert capsys.readouterr() == ("", "")


def test_invalid_course_exits_1_and_writes_nothing(
    write_course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    break_course(write_course)
    out = tmp_path / "out"
    assert main(["build", str(write_course), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert "course.yaml:6:1 mastery_score:" in captured.err
    assert "less than or equal to 100" in captured.err
    assert "1 problem found; nothing was written." in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert "wrote" not in captured.out
    assert not out.exists()


def test_invalid_course_leaves_the_previous_build_unchanged(
    write_course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(write_course), "-o", str(out)]) == 0
    before = snapshot(out)
    assert SCORM12_ZIP in before
    break_course(write_course)
    capsys.readouterr()
    assert main(["build", str(write_course), "-o", str(out)]) == 1
    assert snapshot(out) == before, "the previous zips are byte-identical and nothing else appeared"


def test_every_problem_is_printed(
    write_course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (write_course / "lessons" / "01-role-and-trust.md").write_text("no front matter\n", "utf-8")
    (write_course / "lessons" / "03-dual-relationships.md").write_text(
        "---\ntitle: Dual\nbogus: 1\n---\nBody\n", "utf-8"
    )
    assert main(["build", str(write_course), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "01-role-and-trust.md:1 title:" in err
    assert "03-dual-relationships.md:3:1 bogus:" in err
    assert "2 problems found" in err


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("mastery_score: 80", "mastery[/]: 80", "unknown field 'mastery[/]'"),
        ("lessons/01-role-and-trust.md", "lessons/[bold]x.md", "lessons/[bold]x.md' does not exist"),
        ("lessons/01-role-and-trust.md", "lessons/:100:.md", "lessons/:100:.md' does not exist"),
    ],
)
def test_author_text_in_errors_is_not_read_as_markup(
    write_course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    path = write_course / "course.yaml"
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    assert main(["build", str(write_course), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err


def test_output_paths_are_printed_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / ("a-long-folder-name-" * 6) / "[out]:100:thumbs_up:"
    assert main(["build", str(SAMPLE), "-o", str(out), "-t", "scorm12"]) == 0
    assert capsys.readouterr().out == f"wrote {out / SCORM12_ZIP}\n"


def test_bad_source_date_epoch_is_a_clean_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999")
    out = tmp_path / "out"
    assert main(["build", str(SAMPLE), "-o", str(out), "-t", "scorm12"]) == 1
    assert "SOURCE_DATE_EPOCH" in capsys.readouterr().err
    assert snapshot(out) == {}


def test_missing_course_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unknown_target_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["build", str(SAMPLE), "-o", str(tmp_path / "out"), "-t", "scorm99"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'scorm99'" in err
    assert "scorm12" in err
    assert not (tmp_path / "out").exists()


def test_missing_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_command_line_process_builds_the_same_zip(tmp_path: Path) -> None:
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "in-process"), "-t", "scorm12", "-q"]) == 0
    result = run_packager("build", str(SAMPLE), "-o", "out", "-t", "scorm12", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wrote out/" in result.stdout
    built = (tmp_path / "out" / SCORM12_ZIP).read_bytes()
    assert built == (tmp_path / "in-process" / SCORM12_ZIP).read_bytes()


def test_command_line_process_reports_bad_input(write_course: Path, tmp_path: Path) -> None:
    break_course(write_course)
    result = run_packager("build", str(write_course), "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert "course.yaml:6:1 mastery_score:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_command_line_process_unknown_target(tmp_path: Path) -> None:
    result = run_packager("build", str(SAMPLE), "-t", "nope", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_a_limit_of_one_target_holds_only_when_building_it(tmp_path: Path) -> None:
    """SCORM 1.2's 20-character version is refused for 1.2 (see tests/malformed), not for 2004."""
    course = REPO / "tests" / "malformed" / "version-too-long-for-scorm12"
    out = tmp_path / "out"
    assert main(["build", str(course), "-o", str(out), "-t", "scorm12", "-q"]) == 1
    assert main(["build", str(course), "-o", str(out), "-t", "scorm2004-4th", "-q"]) == 0
    with zipfile.ZipFile(out / "broken-course-scorm2004-4th.zip") as package:
        assert b'version="2026.12.07-release-candidate-3"' in package.read("imsmanifest.xml")


def test_preview_opens_the_player_with_the_lms_profile_asked_for(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SCORM_AGAIN_DIR", str(REPO / "node_modules" / "scorm-again" / "dist"))
    opened: list[str] = []
    monkeypatch.setattr(preview.webbrowser, "open", opened.append)

    def interrupt() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(preview, "wait_forever", interrupt)
    assert main(["preview", str(SAMPLE), "--profile", "openedx"]) == 0
    assert opened[0].endswith("/?profile=openedx")
    assert f"at {opened[0]}" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["preview", str(SAMPLE), "--profile", "blackboard"])
