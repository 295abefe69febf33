"""Course packager: course text in, LMS-ready packages out.

The pipeline is load -> validate -> render -> package:

* :mod:`packager.course` loads the YAML/Markdown source and validates it into pydantic models;
* :mod:`packager.render` turns the models into the learner-facing files (a :class:`Site`);
* :mod:`packager.targets` adds what one standard needs (manifest, runtime adapter, XSDs);
* :mod:`packager.archive` writes the deterministic zip.
"""

__version__ = "0.1.0"
