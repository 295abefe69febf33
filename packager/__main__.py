"""Allow ``python -m packager``."""

from packager.cli import run

run()
