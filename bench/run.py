"""Build benchmark: ``packager build`` against Info-ZIP and simple-scorm-packager, side by side.

For each size of a synthetic course (bench/generate.py) and each target, it measures:

  a  a full (clean) ``packager build -t TARGET``;
  b  Info-ZIP ``zip -qrX`` of the same rendered tree, already-compressed media stored (``-n``);
  c  npm simple-scorm-packager packaging the same tree (SCORM targets only);
  d  a rebuild with nothing changed;
  e  a rebuild with one lesson changed;

with the peak RSS of each run, and prints the ratios a/b, a/c, d/a and e/a. A last row per size
builds every target in one ``packager build`` against the sums of b and c. Each run is a
subprocess timed on its own, after ``sync`` so that no run pays for another's writes.

    .venv/bin/python bench/run.py                 # the README table: 1,000 lessons, 1 GiB of media
    .venv/bin/python bench/run.py --scale 0.05    # a quick run
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generate import SIZES, Size, edit_one_lesson, generate, restore_lesson

from packager.archive.entries import ALREADY_COMPRESSED
from packager.targets import TARGETS

REPO = Path(__file__).resolve().parents[1]
SSP_VERSIONS = {"scorm12": "1.2", "scorm2004-3rd": "2004 3rd Edition", "scorm2004-4th": "2004 4th Edition"}
"""The simple-scorm-packager version matching each SCORM target (it has none for the others)."""
TIME = "/usr/bin/time"
"""GNU time, for the peak RSS of each run (Debian: apt-get install -y time)."""
RACY_WAIT = 2.1
"""Seconds to wait after changing a source file: the packager does not trust younger signatures."""


@dataclass
class Run:
    """One measured process (or several, one after the other)."""

    seconds: float
    peak_rss_mb: float

    def plus(self, other: Run) -> Run:
        return Run(self.seconds + other.seconds, max(self.peak_rss_mb, other.peak_rss_mb))


@dataclass
class Row:
    """The five measurements of one target (or of every target together) at one size."""

    size: str
    target: str
    runs: dict[str, Run] = field(default_factory=dict)

    def ratio(self, top: str, bottom: str) -> float | None:
        if top not in self.runs or bottom not in self.runs:
            return None
        return self.runs[top].seconds / self.runs[bottom].seconds


def measure(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to completion: its wall time, and its peak RSS (GNU time's, of the largest
    process; a child forked from this Python would count this process's memory as its own)."""
    os.sync()
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        result = subprocess.run(
            [TIME, "-f", "%M", "-o", rss.name, *command],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            check=False,
        )
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"failed ({result.returncode}): {' '.join(command)}")
        peak_kb = int(rss.read().split()[-1])
    return Run(seconds, peak_kb / 1024)


def packager(course: Path, out: Path, targets: list[str], env: dict[str, str]) -> Run:
    command = [sys.executable, "-m", "packager", "build", str(course), "-o", str(out), "-q"]
    for target in targets:
        command += ["-t", target]
    # Not from the checkout's folder: `python -m` would import the checkout, not the snapshot.
    return measure(command, cwd=out.parent, env=env)


def extract(archive: Path, tree: Path) -> None:
    """The rendered tree: the package's files, as any other tool would be given them."""
    shutil.rmtree(tree, ignore_errors=True)
    with zipfile.ZipFile(archive) as package:
        package.extractall(tree)


def info_zip(tree: Path, work: Path) -> Run:
    output = work / "info-zip.zip"
    output.unlink(missing_ok=True)
    stored = ":".join(sorted(ALREADY_COMPRESSED))
    run = measure(["zip", "-qrX", str(output), ".", "-n", stored], cwd=tree)
    output.unlink()
    return run


def simple_scorm_packager(tree: Path, work: Path, version: str) -> Run:
    output = work / "ssp"
    shutil.rmtree(output, ignore_errors=True)
    run = measure(["node", str(REPO / "bench" / "ssp_package.js"), str(tree), str(output), version])
    shutil.rmtree(output)
    return run


def bench_target(size: Size, course: Path, work: Path, targets: list[str], env: dict[str, str]) -> Row:
    """a, b, c, d and e for ``targets`` built together (one target, or all of them)."""
    row = Row(size.name, targets[0] if len(targets) == 1 else "all targets")
    out, cache = work / "out", Path(env["PACKAGER_CACHE_DIR"])
    for folder in (out, cache):
        shutil.rmtree(folder, ignore_errors=True)
    row.runs["a"] = packager(course, out, targets, env)
    b, c = Run(0, 0), Run(0, 0)
    for archive in sorted(out.glob("*.zip")):
        tree = work / "tree"
        extract(archive, tree)
        b = b.plus(info_zip(tree, work))
        version = next((v for name, v in SSP_VERSIONS.items() if archive.stem.endswith(f"-{name}")), None)
        # simple-scorm-packager has no cmi5 or plain web output: no c for those, nor for all targets.
        c = c.plus(simple_scorm_packager(tree, work, version)) if version and c.seconds >= 0 else Run(-1, 0)
        shutil.rmtree(tree)
    row.runs["b"] = b
    if c.seconds >= 0:
        row.runs["c"] = c
    row.runs["d"] = packager(course, out, targets, env)
    lesson = edit_one_lesson(course)
    time.sleep(RACY_WAIT)
    row.runs["e"] = packager(course, out, targets, env)
    restore_lesson(lesson)
    time.sleep(RACY_WAIT)
    return row


def median(rows: list[Row]) -> Row:
    """The median of repeated measurements of one row, run by run (the machine may be shared)."""
    middle = Row(rows[0].size, rows[0].target)
    for key in rows[0].runs:
        ordered = sorted((row.runs[key] for row in rows), key=lambda run: run.seconds)
        middle.runs[key] = ordered[(len(ordered) - 1) // 2]
    return middle


COLUMNS = (
    "size",
    "target",
    "a build",
    "b zip",
    "c ssp",
    "d no change",
    "e one lesson",
    "a/b",
    "a/c",
    "d/a",
    "e/a",
    "peak RSS a / d / e (MB)",
    "zip / ssp RSS (MB)",
)


def print_header() -> None:
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "|".join(" --- " for _ in COLUMNS) + "|", flush=True)


def print_rows(rows: list[Row]) -> None:
    for row in rows:
        runs = row.runs

        def seconds(key: str, runs: dict[str, Run] = runs) -> str:
            return f"{runs[key].seconds:.2f} s" if key in runs else "n/a"

        def ratio(top: str, bottom: str, row: Row = row) -> str:
            value = row.ratio(top, bottom)
            return "n/a" if value is None else f"{value:.2f}"

        rss = " / ".join(f"{runs[key].peak_rss_mb:.0f}" for key in "ade")
        tools = " / ".join(f"{runs[key].peak_rss_mb:.0f}" if key in runs else "n/a" for key in "bc")
        cells = [
            row.size,
            row.target,
            *(seconds(key) for key in "abcde"),
            ratio("a", "b"),
            ratio("a", "c"),
            ratio("d", "a"),
            ratio("e", "a"),
            rss,
            tools,
        ]
        print("| " + " | ".join(cells) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size's counts (default 1)")
    parser.add_argument("--sizes", default=",".join(size.name for size in SIZES), help="comma-separated")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated (default: all)")
    parser.add_argument("--no-all-targets", action="store_true", help="skip the every-target row")
    parser.add_argument("--repeat", type=int, default=1, help="measure N times, keep the median")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one, removed)")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args()
    if shutil.which("zip") is None:
        raise SystemExit("Info-ZIP zip is missing: install it (Debian: apt-get install -y zip)")
    if not Path(TIME).is_file():
        raise SystemExit("GNU time is missing: install it (Debian: apt-get install -y time)")
    if shutil.which("node") is None or not (REPO / "node_modules" / "simple-scorm-packager").is_dir():
        raise SystemExit("node and node_modules/simple-scorm-packager are needed: run `npm ci`")
    targets = args.targets.split(",")
    work = args.work or Path(tempfile.mkdtemp(prefix="packager-bench-"))
    # Measure a copy of the code: an edit to the checkout during the run would change the cache keys.
    snapshot = work / "code"
    shutil.rmtree(snapshot, ignore_errors=True)
    for folder in ("packager", "templates"):
        shutil.copytree(REPO / folder, snapshot / folder, ignore=shutil.ignore_patterns("__pycache__"))
    # Compiled once, as pip compiles an installed package: no run pays for compiling the code.
    compileall.compile_dir(snapshot, quiet=1)
    env = {**os.environ, "PACKAGER_CACHE_DIR": str(work / "cache"), "PYTHONPATH": str(snapshot)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PACKAGER_SCHEMA_DIR", str(REPO / "node_modules" / "simple-scorm-packager"))
    env.pop("SOURCE_DATE_EPOCH", None)
    rows: list[Row] = []
    print_header()
    try:
        for size in (s.scaled(args.scale) for s in SIZES if s.name in args.sizes.split(",")):
            course = generate(work / size.name, size, args.seed)
            print(
                f"# {size.name}: {size.lessons} lessons, {size.questions} questions, "
                f"{size.media_mib:.0f} MiB of media",
                file=sys.stderr,
                flush=True,
            )
            time.sleep(RACY_WAIT)
            groups = [[target] for target in targets]
            if not args.no_all_targets and len(targets) > 1:
                groups.append(targets)
            for group in groups:
                runs = [bench_target(size, course, work, group, env) for _ in range(args.repeat)]
                rows.append(median(runs))
                print_rows(rows[-1:])
            shutil.rmtree(work / size.name)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps([asdict(row) for row in rows], indent=2))


if __name__ == "__main__":
    main()
