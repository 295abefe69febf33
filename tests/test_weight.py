"""Runtime weight: every target's package of the sample course ships under 60 KB of JavaScript and
CSS, unminified (packager/weight.py; bench/weight.py prints the figures). A size check, not timed.

Targets still over the budget are expected failures (strict: the day one fits, this file must say so).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from packager.builder import build
from packager.targets import TARGETS
from packager.weight import RUNTIME_BUDGET, runtime_files, runtime_weight
from tests.conftest import REPO

# Over the budget today (bench/weight.py): web 80 KB, SCORM 89 KB, Tin Can 99 KB, cmi5 100 KB, after a
# slimming pass from 92-118 KB. The shared runtime (app/state/resume, quiz and quiz view, question and
# block scripts, stylesheets) is ~78 KB; the LMS adapters add 9 KB (SCORM) to 20 KB (xAPI).
OVER = {"web", "scorm12", "scorm2004-3rd", "scorm2004-4th", "cmi5", "tincan"}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("weight")
    written = build(REPO / "course", out, cache=False).written
    return {target: next(path for path in written if path.stem.endswith(f"-{target}")) for target in TARGETS}


@pytest.mark.parametrize(
    "target",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason="over the budget"))
        if name in OVER
        else name
        for name in TARGETS
    ],
)
def test_each_target_ships_under_the_runtime_budget(packages: dict[str, Path], target: str) -> None:
    weight = runtime_weight(packages[target])
    assert weight < RUNTIME_BUDGET, f"{target}: {weight} bytes of JS+CSS (budget {RUNTIME_BUDGET})"


def test_a_package_ships_only_its_own_targets_adapter(packages: dict[str, Path]) -> None:
    adapters = {"scorm12.js", "scorm2004.js", "cmi5.js", "tincan.js", "xapi.js", "scorm.js"}
    shipped = {
        target: {Path(name).name for name in runtime_files(package) if "/lms/" in name} & adapters
        for target, package in packages.items()
    }
    assert shipped["web"] == set()
    assert shipped["scorm12"] == {"scorm.js", "scorm12.js"}
    assert shipped["scorm2004-4th"] == {"scorm.js", "scorm2004.js"}
    assert shipped["cmi5"] == {"xapi.js", "cmi5.js"}
    assert shipped["tincan"] == {"xapi.js", "tincan.js"}


def test_the_weight_counts_every_script_and_stylesheet(packages: dict[str, Path]) -> None:
    files = runtime_files(packages["web"])
    assert {"theme.css", "menu.css", "print.css", "runtime/app.js", "runtime/menu.js"} <= set(files)
    assert not any(name.endswith((".html", ".json", ".png")) for name in files)
    assert runtime_weight(packages["web"]) == sum(files.values())
