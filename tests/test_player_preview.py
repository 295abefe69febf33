"""``packager preview`` without a browser: it builds, serves, opens the browser and stops on Ctrl+C."""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from packager.cli import main, preview
from tests.conftest import PreviewProcess
from tests.player_server import SAMPLE, SCORM_AGAIN, get, needs_scorm_again

# --- packager preview -------------------------------------------------------------------------------


def test_preview_builds_serves_and_opens_the_browser(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fake_dist: Path
) -> None:
    monkeypatch.setenv("SCORM_AGAIN_DIR", str(fake_dist))
    opened: list[str] = []
    served: list[dict[str, Any]] = []
    monkeypatch.setattr(preview.webbrowser, "open", opened.append)

    def serve_then_interrupt() -> None:
        served.append(json.loads(get(opened[0] + "launch.json")[1]))
        raise KeyboardInterrupt

    monkeypatch.setattr(preview, "wait_forever", serve_then_interrupt)
    assert main(["preview", str(SAMPLE), "--target", "scorm2004-3rd"]) == 0
    out = capsys.readouterr().out
    assert opened and opened[0].startswith("http://127.0.0.1:")
    assert served[0]["standard"] == "scorm2004"
    assert f"at {opened[0]}" in out
    assert "stopped" in out


@pytest.mark.parametrize("given", ["course", "zip"])
def test_preview_plays_a_cmi5_package_in_the_cmi5_launcher(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, given: str
) -> None:
    """No LRS and no scorm-again: the launcher keeps the AU's statements in memory."""
    monkeypatch.setenv("SCORM_AGAIN_DIR", str(tmp_path / "nowhere"))
    opened: list[str] = []
    seen: dict[str, Any] = {}
    monkeypatch.setattr(preview.webbrowser, "open", opened.append)

    def serve_then_interrupt() -> None:
        seen["page"] = get(opened[0])
        request = urllib.request.Request(opened[0] + "launch", data=b"{}", method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:
            seen["launch"] = json.loads(response.read())
        seen["log"] = json.loads(get(opened[0] + "log.json")[1])
        raise KeyboardInterrupt

    monkeypatch.setattr(preview, "wait_forever", serve_then_interrupt)
    if given == "course":
        arguments = [str(SAMPLE), "-t", "cmi5"]
    else:
        assert main(["build", str(SAMPLE), "-o", str(tmp_path), "-t", "cmi5", "-q"]) == 0
        arguments = [str(next(tmp_path.glob("*-cmi5.zip")))]
    assert main(["preview", *arguments]) == 0
    out = capsys.readouterr().out
    status, page = seen["page"]
    assert status == 200 and b"cmi5 launcher" in page and b'id="statement-log"' in page
    assert seen["launch"]["launchMode"] == "Normal"
    assert seen["launch"]["url"].startswith(opened[0] + "content/index.html?endpoint=")
    verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in seen["log"]["statements"]]
    assert verbs == ["launched"] and seen["log"]["violations"] == []
    assert f"at {opened[0]}" in out and "in memory" in out
    assert "no cmi5 launcher" not in out


def test_preview_errors(tmp_path: Path, scorm12_zip: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", str(tmp_path / "missing"), "--no-open"]) == 1
    assert "no such course folder or package" in capsys.readouterr().err
    assert main(["preview", str(scorm12_zip), "--target", "web", "--no-open"]) == 1
    assert "--target applies to a course folder" in capsys.readouterr().err
    assert main(["preview", str(scorm12_zip), "--port", "70000", "--no-open"]) == 1
    assert "--port" in capsys.readouterr().err
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "course.yaml").write_text("id: [", "utf-8")
    assert main(["preview", str(tmp_path / "broken"), "--no-open"]) == 1
    assert "course.yaml" in capsys.readouterr().err


@needs_scorm_again
def test_preview_runs_until_ctrl_c(tmp_path: Path, scorm12_zip: Path) -> None:
    """As a real process: serves the package until SIGINT, then exits 0 and leaves no temp files."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "SCORM_AGAIN_DIR": str(SCORM_AGAIN), "TMPDIR": str(scratch), "NO_COLOR": "1"}
    preview = PreviewProcess([str(SAMPLE)], env)
    try:
        url = preview.url()
        launch = json.loads(get(url + "launch.json")[1])
        assert launch["standard"] == "scorm12"
        assert get(url + "content/index.html")[0] == 200
    finally:
        assert preview.stop() == 0
    assert list(scratch.iterdir()) == []
