"""Testing packages in the test LMS player: a pytest plugin, a player session, a learner.

See :mod:`packager.testing.plugin` for the fixtures. The other modules import Playwright, which comes
with the ``test`` extra (``pip install 'scorm-course-packager[test]'``).
"""
