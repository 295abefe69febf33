"""The test LMS player: serves a package beside scorm-again, on 127.0.0.1, for tests and preview."""

from packager.player.scorm_again import find_scorm_again
from packager.player.server import PlayerServer

__all__ = ["PlayerServer", "find_scorm_again"]
