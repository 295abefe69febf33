"""Course packager: course text in, LMS-ready packages out.

The pipeline is load -> validate -> render -> package:

* :mod:`packager.course` loads the YAML/Markdown source and validates it into pydantic models;
* :mod:`packager.questions` holds the question types, one plug-in each;
* :mod:`packager.render` turns the models into the learner-facing files (a :class:`Site`);
* :mod:`packager.targets` adds what one standard needs (manifest, runtime adapter, XSDs);
* :mod:`packager.archive` writes the deterministic zip.

:func:`build` runs it (:mod:`packager.builder`); the ``packager`` command is a thin layer over it.
"""

from packager.builder import BuildReport, TargetResult, build

__version__ = "0.1.0"

__all__ = ["BuildReport", "TargetResult", "__version__", "build"]
