"""Catalogue benchmark: 40 generated courses x 3 languages, built three ways.

  pool        ``packager build CATALOGUE`` (a process pool, one worker per core);
  one process ``packager build CATALOGUE --jobs 1`` (every course and language in one process);
  one by one  ``packager build COURSE`` for each course (its languages included), 40 commands;

with the wall time and peak RSS (of the largest process) of each, and the ratios against the pool.
Each course is a small generated course (bench/generate.py) with Spanish and French translations
whose every target is its source (made through the XLIFF export, so the build translates them).

    .venv/bin/python bench/catalogue.py                 # 40 courses x 3 languages, SCORM 1.2
    .venv/bin/python bench/catalogue.py --courses 8 --targets scorm12 cmi5
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from generate import Size, generate
from translate.storage import xliff

from packager.course import load_course
from packager.translate.segments import course_segments
from packager.translate.xliff import write_xliff

PACKAGER = [sys.executable, "-m", "packager"]
SIZE = Size("catalogue", lessons=6, questions=12, media_mib=0.5)
LANGUAGES = ("es", "fr")


def make_catalogue(root: Path, count: int) -> None:
    for index in range(count):
        course = generate(root / f"course-{index:02d}", SIZE, seed=index)
        data = yaml.safe_load((course / "course.yaml").read_text("utf-8"))
        data["id"] = f"bench-course-{index:02d}"
        (course / "course.yaml").write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
        segments = course_segments(load_course(course))
        for language in LANGUAGES:
            path = course / "translations" / f"{language}.xlf"
            write_xliff(segments, "en", language, path)
            store = xliff.xlifffile.parsestring(path.read_bytes())
            for unit in store.getunits():
                unit.rich_target = unit.rich_source
            path.write_bytes(bytes(store))


def measure(commands: list[list[str]]) -> tuple[float, float]:
    """Wall seconds for the commands run one after another, and the peak RSS of any of them (MiB)."""
    peak = 0
    started = time.perf_counter()
    for command in commands:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(command)}")
        peak = max(peak, usage.ru_maxrss)
    return time.perf_counter() - started, peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--courses", type=int, default=40)
    parser.add_argument("--targets", nargs="+", default=["scorm12"])
    args = parser.parse_args()
    targets = [option for target in args.targets for option in ("-t", target)]
    with tempfile.TemporaryDirectory() as work:
        catalogue = Path(work) / "catalogue"
        make_catalogue(catalogue, args.courses)
        runs = {
            "pool": [[*PACKAGER, "build", str(catalogue), "-o", f"{work}/pool", "-q", *targets]],
            "one process": [
                [*PACKAGER, "build", str(catalogue), "-o", f"{work}/one", "-q", "-j", "1", *targets]
            ],
            "one by one": [
                [
                    *PACKAGER,
                    "build",
                    str(course),
                    "-o",
                    f"{work}/each/{course.name}",
                    "-q",
                    "--no-cache",
                    *targets,
                ]
                for course in sorted(catalogue.iterdir())
            ],
        }
        results = {name: measure(commands) for name, commands in runs.items()}
        packages = sum(1 for _ in Path(work, "pool").rglob("*.zip"))
        shutil.rmtree(catalogue)
    base = results["pool"][0]
    print(
        f"{args.courses} courses x {1 + len(LANGUAGES)} languages, targets {' '.join(args.targets)}: "
        f"{packages} packages, {os.cpu_count()} cores"
    )
    print(f"{'run':<12} {'seconds':>8} {'x pool':>7} {'peak RSS MiB':>13}")
    for name, (seconds, rss) in results.items():
        print(f"{name:<12} {seconds:8.1f} {seconds / base:7.2f} {rss:13.0f}")


if __name__ == "__main__":
    main()
