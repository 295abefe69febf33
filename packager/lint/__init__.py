"""``packager lint``: rules over any SCORM package, one rule per function with a stable id.

Rules live in ``zip_rules``, ``manifest_rules``, ``xsd_rules`` and ``content_rules``; each is a
function decorated with :func:`~packager.lint.findings.rule`, which gives it an id (``ZIP001``), a
severity and what it needs to run. :func:`lint_package` reads a zip safely and runs them all.
"""

from packager.lint.findings import RULES, Finding, Severity
from packager.lint.package import Limits
from packager.lint.runner import has_errors, lint_package

__all__ = ["RULES", "Finding", "Limits", "Severity", "has_errors", "lint_package"]
