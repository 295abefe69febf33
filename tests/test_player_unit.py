"""The test LMS player without a browser: its server, its scorm-again lookup, ``packager preview``,
and the pytest plugin's registration."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from packager.cli import main, preview
from packager.errors import PackagerError
from packager.player import PlayerServer, scorm_again
from packager.player.local_server import LocalServer
from packager.player.server import describe_launch, extract_package
from tests.conftest import PreviewProcess, npm_tarball

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "course"
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist"
needs_scorm_again = pytest.mark.skipif(not SCORM_AGAIN.is_dir(), reason="npm ci has not been run")


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.fixture
def fake_dist(tmp_path: Path) -> Path:
    """A folder that looks like scorm-again's dist (the server only serves it)."""
    folder = tmp_path / "dist"
    folder.mkdir()
    for name in scorm_again.BUNDLES:
        (folder / name).write_text("/* bundle */", "utf-8")
    return folder


@pytest.fixture(scope="module")
def scorm12_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("preview")
    assert main(["build", str(SAMPLE), "-o", str(out), "-t", "scorm12", "-q"]) == 0
    (package,) = out.glob("*.zip")
    return package


# --- the server -------------------------------------------------------------------------------------


def test_launch_of_a_scorm12_package(scorm12_zip: Path, fake_dist: Path) -> None:
    with PlayerServer(scorm12_zip, scorm_again=fake_dist) as player:
        assert player.url.startswith("http://127.0.0.1:")
        status, body = get(player.url + "launch.json")
        launch = json.loads(body)
        assert status == 200
        assert launch["standard"] == "scorm12"
        assert launch["href"] == "/content/index.html"
        assert launch["masteryScore"] == 80
        status, page = get(player.url)
        assert status == 200 and b'id="content-frame"' in page
        for script in ("standards.js", "profiles.js", "session.js", "view.js", "player.js"):
            assert get(player.url + "player/" + script)[0] == 200, script
        assert get(player.url + "vendor/scorm-again/scorm12.js")[1] == b"/* bundle */"
        assert get(player.url + "content/imsmanifest.xml")[0] == 200
        # Nothing outside the served folders.
        assert get(player.url + "content/../server.py")[0] == 404
        assert get(player.url + "player/%2e%2e/server.py")[0] == 404


def test_each_server_is_a_new_lms(scorm12_zip: Path, fake_dist: Path) -> None:
    """The page drops records written by an earlier server (launch.json's session id changes)."""
    sessions = []
    for _ in range(2):
        with PlayerServer(scorm12_zip, scorm_again=fake_dist) as player:
            sessions.append(json.loads(get(player.url + "launch.json")[1])["session"])
            assert json.loads(get(player.url + "launch.json")[1])["session"] == sessions[-1]
    assert sessions[0] != sessions[1]


def test_a_scorm2004_and_a_web_package(tmp_path: Path, fake_dist: Path) -> None:
    assert main(["build", str(SAMPLE), "-o", str(tmp_path), "-t", "scorm2004-4th", "-t", "web", "-q"]) == 0
    (scorm2004,) = tmp_path.glob("*-scorm2004-4th.zip")
    (web,) = tmp_path.glob("*-web.zip")
    with PlayerServer(scorm2004, scorm_again=fake_dist) as player:
        launch = player.launch
        assert launch["standard"] == "scorm2004"
        assert float(launch["scaledPassingScore"]) == 0.8
    with PlayerServer(web, scorm_again=fake_dist) as player:
        assert player.launch["standard"] == "none"
        assert player.launch["href"] == "/content/index.html"


def test_a_cmi5_package_is_named_but_not_launched(tmp_path: Path) -> None:
    (tmp_path / "cmi5.xml").write_text("<courseStructure/>", "utf-8")
    assert describe_launch(tmp_path)["standard"] == "cmi5"
    (tmp_path / "cmi5.xml").unlink()
    assert describe_launch(tmp_path)["standard"] == "none"


def test_hostile_zip_entries_stay_inside(tmp_path: Path) -> None:
    package = tmp_path / "hostile.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("../escape.txt", "out")
        archive.writestr("/absolute.txt", "out")
        archive.writestr("ok/inside.txt", "in")
    destination = tmp_path / "content"
    destination.mkdir()
    extract_package(package, destination)
    extracted = sorted(p.relative_to(destination).as_posix() for p in destination.rglob("*.txt"))
    assert extracted == ["ok/inside.txt"]
    assert not (tmp_path / "escape.txt").exists()


def test_not_a_package(tmp_path: Path, fake_dist: Path) -> None:
    bogus = tmp_path / "bogus.zip"
    bogus.write_text("not a zip", "utf-8")
    with pytest.raises(PackagerError, match="cannot play this package"):
        PlayerServer(bogus, scorm_again=fake_dist).start()
    manifestless = tmp_path / "content"
    manifestless.mkdir()
    (manifestless / "imsmanifest.xml").write_text("<manifest><resources/></manifest>", "utf-8")
    with pytest.raises(PackagerError, match="no item"):
        describe_launch(manifestless)


def test_a_busy_port_is_a_clear_error(scorm12_zip: Path, fake_dist: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(PackagerError, match=f"127.0.0.1:{port}"):
            PlayerServer(scorm12_zip, scorm_again=fake_dist, port=port).start()


# --- finding scorm-again ----------------------------------------------------------------------------


def test_scorm_again_dir_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, fake_dist: Path, tmp_path: Path
) -> None:
    monkeypatch.setenv("SCORM_AGAIN_DIR", str(fake_dist))
    assert scorm_again.find_scorm_again() == fake_dist.resolve()
    monkeypatch.setenv("SCORM_AGAIN_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(PackagerError, match="SCORM_AGAIN_DIR"):
        scorm_again.find_scorm_again()


def test_without_scorm_again_and_no_download(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SCORM_AGAIN_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PackagerError, match="npm ci"):
        scorm_again.find_scorm_again(download=False)


def test_download_checks_the_pinned_hash(
    registry: dict[str, bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SCORM_AGAIN_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    path = f"/scorm-again/-/scorm-again-{scorm_again.SCORM_AGAIN.version}.tgz"
    tarball = npm_tarball({"dist/scorm12.js": b"12", "dist/scorm2004.js": b"2004", "dist/other.js": b"x"})
    registry[path] = tarball
    with pytest.raises(PackagerError, match="pinned hash"):
        scorm_again.find_scorm_again()
    assert not scorm_again.cache_dir().exists()

    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")
    pinned = dataclasses.replace(scorm_again.SCORM_AGAIN, integrity=digest)
    monkeypatch.setattr(scorm_again, "SCORM_AGAIN", pinned)
    found = scorm_again.find_scorm_again()
    assert found == scorm_again.cache_dir()
    assert sorted(p.name for p in found.iterdir()) == ["scorm12.js", "scorm2004.js"]
    assert (found / "scorm2004.js").read_bytes() == b"2004"
    registry.clear()  # cached now: no second download
    assert scorm_again.find_scorm_again() == found


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


# --- the pytest plugin ------------------------------------------------------------------------------


def test_the_plugin_is_registered_and_light() -> None:
    """pytest loads it through the entry point; importing it does not import Playwright."""
    from importlib.metadata import entry_points

    (entry,) = [e for e in entry_points(group="pytest11") if e.name == "scorm_packager"]
    assert entry.value == "packager.testing.plugin"
    code = "import sys, packager.testing.plugin; print('playwright' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_browser_that_goes_away_is_no_error_but_a_real_error_is_reported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = LocalServer(0, BaseHTTPRequestHandler)
    try:
        for error in (
            BrokenPipeError(32, "Broken pipe"),
            ConnectionResetError(104, "reset"),
            KeyError("bug"),
        ):
            try:
                raise error
            except Exception:
                server.handle_error(None, ("127.0.0.1", 1))
        printed = capsys.readouterr().err
    finally:
        server.server_close()
    assert "KeyError" in printed and "bug" in printed
    assert "BrokenPipe" not in printed and "ConnectionReset" not in printed
