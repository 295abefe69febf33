"""``packager preview``'s live reload without a browser: the channel the page polls, and the terminal.

The page side (reload in place, the error overlay) is in tests/e2e/test_live_reload.py.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from packager.player.live import LiveChannel, live_page
from packager.player.pages import render_page
from tests.conftest import PreviewProcess

REPO = Path(__file__).resolve().parents[1]


def test_the_channel_answers_at_once_when_behind_and_waits_otherwise() -> None:
    channel = LiveChannel()
    assert channel.wait(-1) == {"version": 0, "errors": []}
    started = time.perf_counter()
    assert channel.wait(0, timeout=0.2) == {"version": 0, "errors": []}
    assert time.perf_counter() - started >= 0.2
    answers: list[dict[str, object]] = []
    waiter = threading.Thread(target=lambda: answers.append(channel.wait(0, timeout=30)))
    waiter.start()
    time.sleep(0.1)
    assert channel.publish(["course.yaml:1: broken"]) == 1
    waiter.join(timeout=10)
    assert answers == [{"version": 1, "errors": ["course.yaml:1: broken"]}]
    channel.close()
    assert channel.wait(1, timeout=30)["version"] == 1  # closed: answers without waiting


def test_the_live_script_is_added_to_the_player_page_only() -> None:
    page = render_page("player.html")
    assert b"live.js" not in page
    live = live_page(page)
    assert live.startswith(b"<!DOCTYPE html>")
    assert live.count(b'<script src="/player/live.js"></script>') == 1
    assert live.index(b"/player/player.js") < live.index(b"/player/live.js")


def test_preview_rebuilds_after_a_save_and_reports_a_broken_one(tmp_path: Path) -> None:
    """As a real process: a save rebuilds (the page is told), a broken save prints its errors."""
    course = Path(shutil.copytree(REPO / "course", tmp_path / "course"))
    env = {**os.environ, "PACKAGER_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.setdefault("SCORM_AGAIN_DIR", str(REPO / "node_modules" / "scorm-again" / "dist"))
    preview = PreviewProcess([str(course)], env)

    def live(since: int) -> dict[str, object]:
        with urllib.request.urlopen(f"{url}live?since={since}", timeout=60) as response:
            answer: dict[str, object] = json.loads(response.read())
            return answer

    try:
        url = preview.url()
        preview.wait_for("watching")
        lesson = course / "lessons" / "01-role-and-trust.md"
        for attempt in range(1, 30):  # the watcher may still be starting: save until it sees one
            lesson.write_text(lesson.read_text("utf-8") + f"\nLine {attempt}.\n", "utf-8")
            try:
                assert "reloading the page" in preview.wait_for("rebuilt in", timeout=2)
                break
            except queue.Empty:
                continue
        else:
            pytest.fail("no save was seen by the watcher")
        good = live(0)
        assert good["errors"] == []
        lesson.write_text("---\ntitle: [\n", "utf-8")
        assert "01-role-and-trust.md:1" in preview.wait_for("error:")
        assert "last good build keeps playing" in preview.wait_for("does not build")
        state = live(int(str(good["version"])))
        assert "01-role-and-trust.md:1" in str(state["errors"])
    finally:
        assert preview.stop() == 0
