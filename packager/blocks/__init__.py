"""Interactive lesson blocks: each is one plug-in module registering one :class:`BlockType`.

Authors write a block in lesson Markdown as a container (``::: accordion`` ... ``:::``).
:mod:`packager.blocks.base` holds what every block shares and the plug-in object;
:mod:`packager.blocks.registry` finds the installed blocks through their entry points;
:mod:`packager.blocks.source` finds the blocks in a lesson's tokens and checks them;
:mod:`packager.blocks.html` renders them. The packager's own blocks are the other modules here,
registered in its ``pyproject.toml``.
"""

ENTRY_POINT_GROUP = "scorm_course_packager.lesson_blocks"
"""The entry-point group lesson blocks register under (named here, in a module that imports
nothing, so that the build cache can list the installed blocks without loading them)."""
