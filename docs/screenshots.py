"""Screenshots of the default and a branded theme, desktop (1280) and phone (390), for the README.

Run: ``.venv/bin/python docs/screenshots.py`` (needs the test extras and node_modules). The branded
course is the sample course (course/, which has a theme); the default one is the same course with
its ``theme:`` removed. Each is built for the web target and opened in the test player.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import yaml
from playwright.sync_api import Browser, sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from packager.builder import build  # noqa: E402
from packager.player import PlayerServer  # noqa: E402
from packager.testing.browser import launch_chromium  # noqa: E402

OUT = REPO / "docs"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def without_theme(source: Path, target: Path) -> Path:
    """A copy of the course with the built-in theme."""
    shutil.copytree(source, target)
    settings = yaml.safe_load((target / "course.yaml").read_text(encoding="utf-8"))
    settings.pop("theme", None)
    (target / "course.yaml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return target


def shoot(browser: Browser, url: str, name: str) -> None:
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(url)
        page.locator("main:not([aria-busy])").wait_for(state="attached")
        page.screenshot(path=str(OUT / f"theme-{name}-{size}.png"))
        context.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        courses = {"branded": REPO / "course", "default": without_theme(REPO / "course", work / "plain")}
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for name, folder in courses.items():
                out = work / f"out-{name}"
                build(folder, out, ["web"], cache=False)
                package = next(out.glob("*-web.zip"))
                with PlayerServer(package) as player:
                    shoot(browser, player.url + "content/index.html", name)
            browser.close()
    for picture in sorted(OUT.glob("theme-*.png")):
        print(f"{picture.relative_to(REPO)}: {picture.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
