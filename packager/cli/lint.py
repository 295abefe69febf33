"""``packager lint``: check any SCORM, cmi5 or web package, whichever tool made it."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from packager.lint import KINDS, Finding, Severity, has_errors, lint_package
from packager.lint.sarif import sarif_log

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``packager lint``."""
    parser.add_argument("package", type=Path, metavar="PACKAGE.zip", help="the package to check")
    parser.add_argument(
        "--format",
        choices=("table", "json", "sarif"),
        default="table",
        help="table (default); json: a list of {rule, severity, message, path, line}; sarif: a SARIF "
        "2.1.0 log for CI code scanning",
    )
    parser.add_argument(
        "--json", dest="format", action="store_const", const="json", help="the same as --format json"
    )
    parser.add_argument(
        "--kind",
        choices=KINDS,
        default=None,
        help="what the package must be (default: detected: imsmanifest.xml makes a SCORM package, "
        "cmi5.xml a cmi5 package, index.html a web package)",
    )


def run(args: argparse.Namespace, console: Console) -> int:
    """Lint one package; exit 1 if any finding is an error."""
    findings = lint_package(args.package, kind=args.kind)
    if args.format == "json":
        sys.stdout.write(json.dumps([finding.as_json() for finding in findings], indent=2) + "\n")
    elif args.format == "sarif":
        log = sarif_log(findings, args.package.as_posix())
        sys.stdout.write(json.dumps(log, indent=2) + "\n")
    else:
        print_findings(findings, args.package, console)
    return 1 if has_errors(findings) else 0


def print_findings(findings: list[Finding], package: Path, console: Console) -> None:
    """A table of the findings and a one-line summary."""
    if findings:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        for column in ("severity", "rule", "where", "message"):
            table.add_column(column, overflow="fold")
        for finding in findings:
            # Text, not markup: messages quote names from the package, which may hold '[...]'.
            table.add_row(
                Text(str(finding.severity), style=STYLES[finding.severity]),
                Text(finding.rule),
                Text(finding.where),
                Text(finding.message),
            )
        console.print(table)
    counts = Counter(finding.severity for finding in findings)
    summary = ", ".join(_count(counts[severity], severity) for severity in Severity)
    console.print(Text(f"{package}: {summary}" if findings else f"{package}: no problems found"))


def _count(number: int, severity: Severity) -> str:
    plural = "s" if number != 1 and severity is not Severity.INFO else ""
    return f"{number} {severity}{plural}"
