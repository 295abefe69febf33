"""The README's code blocks, for the tests that run them as a reader would."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def readme_block(marker: str, language: str) -> str:
    """The fenced block that follows ``<!-- marker -->`` in the README."""
    readme = (REPO / "README.md").read_text("utf-8")
    match = re.search(rf"<!-- {marker} -->\s*```{language}\n(.*?)```", readme, re.DOTALL)
    assert match, f"the README has no {marker} block"
    return match.group(1)


def run_plugin_example(python: Path | str, project: Path, env: dict[str, str]) -> str:
    """Run the README's pytest plugin example in ``project`` with ``python``; its output. Fails
    unless every test of the example passed."""
    (project / "test_course_package.py").write_text(readme_block("plugin example", "python"), "utf-8")
    result = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_course_package.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b[1-9]\d* passed\b", result.stdout) and "skipped" not in result.stdout, result.stdout
    return result.stdout
