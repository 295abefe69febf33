"""Plain web: the same lessons and quiz with no LMS; progress and resume kept in localStorage."""

from __future__ import annotations

from packager.course.models import Course
from packager.render import PageRuntime, Site
from packager.targets.base import Target


class Web(Target):
    """A folder of static files: open index.html from any web server."""

    name = "web"
    description = "plain web (no LMS)"

    @property
    def runtime(self) -> PageRuntime:
        """No adapter: the page runs standalone."""
        return PageRuntime(self.name)

    def add_package_files(self, course: Course, site: Site) -> None:
        """Nothing beyond the rendered site: no manifest, no XSDs."""
