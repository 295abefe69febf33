"""The test LMS player: serves a package beside scorm-again, on 127.0.0.1, for tests and preview."""

from packager.player.scorm_again import find_scorm_again
from packager.player.server import PlayerServer

PROFILES = ("strict", "moodle", "cornerstone", "scormcloud", "openedx", "wagtail")
"""The LMS profiles the player page offers (``static/profiles.js``), the first one the default."""

__all__ = ["PROFILES", "PlayerServer", "find_scorm_again"]
