"""``packager lint``: rules over any SCORM, cmi5 or web package, one rule per function with a stable id.

Rules live in ``zip_rules``, ``manifest_rules``, ``structure_rules``, ``sco_rules``, ``file_rules``,
``xsd_rules``, ``cmi5_rules`` and ``content_rules``; each is a function decorated with
:func:`~packager.lint.registry.rule`, which gives it an id (``ZIP001``), a severity and what it
needs to run. :func:`lint_package` reads a zip safely and runs them all.
"""

from packager.lint.findings import Finding, Severity
from packager.lint.package import KINDS, Kind, Limits
from packager.lint.registry import RULES
from packager.lint.runner import has_errors, lint_package

__all__ = ["KINDS", "RULES", "Finding", "Kind", "Limits", "Severity", "has_errors", "lint_package"]
