"""Runtime weight of the sample course's packages: the JavaScript and CSS each target ships, in bytes
and against the budget (packager/weight.py), with the largest files.

    .venv/bin/python bench/weight.py            # course/, every target
    .venv/bin/python bench/weight.py COURSE_DIR --files 5
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from packager.builder import build
from packager.weight import RUNTIME_BUDGET, runtime_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course", nargs="?", default="course", type=Path)
    parser.add_argument("--files", type=int, default=3, help="how many of the largest files to list")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        for package in build(args.course, Path(out), cache=False).written:
            files = runtime_files(package)
            total = sum(files.values())
            print(f"{package.name}: {total} bytes of JS+CSS, {total / RUNTIME_BUDGET:.2f} of the budget")
            for name, size in sorted(files.items(), key=lambda item: -item[1])[: args.files]:
                print(f"    {size:6} {name}")


if __name__ == "__main__":
    main()
