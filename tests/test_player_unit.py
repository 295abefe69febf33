"""The test LMS player without a browser: its server, its scorm-again lookup, and the pytest plugin's
registration (``packager preview``: test_player_preview.py)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import socket
import subprocess
import sys
import zipfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from packager.cli import main
from packager.errors import PackagerError
from packager.player import PlayerServer, scorm_again
from packager.player.local_server import LocalServer
from packager.player.server import describe_launch, extract_package
from tests.conftest import npm_tarball
from tests.player_server import SAMPLE, get

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
