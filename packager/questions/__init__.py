"""Question types: each is one plug-in module registering one :class:`QuestionType`.

:mod:`packager.questions.base` holds what every type shares and the plug-in object;
:mod:`packager.questions.registry` finds the installed types through their entry points. The
packager's own types are the other modules here, registered in its ``pyproject.toml``.
"""

ENTRY_POINT_GROUP = "scorm_course_packager.question_types"
"""The entry-point group question types register under (named here, in a module that imports
nothing, so that the build cache can list the installed types without loading them)."""
