"""Plain web: the same lessons and quiz with no LMS; progress and resume kept in localStorage."""

from __future__ import annotations

from packager.course import Course
from packager.render import Site
from packager.targets.base import Target


class Web(Target):
    """A folder of static files: open index.html from any web server."""

    name = "web"
    description = "plain web (no LMS)"
    adapter_script = None

    def add_package_files(self, course: Course, site: Site) -> None:
        """Nothing beyond the rendered site: no manifest, no XSDs."""
