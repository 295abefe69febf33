"""The lesson blocks installed: every :class:`BlockType` registered under the entry-point group.

The packager's own blocks register themselves in its ``pyproject.toml``, exactly as another
package adds one::

    [project.entry-points."scorm_course_packager.lesson_blocks"]
    quote = "my_package.quote:BLOCK_TYPE"

The entry point's name is the block's name (what follows ``:::`` in a lesson).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from packager.blocks import ENTRY_POINT_GROUP
from packager.blocks.base import BlockBase, BlockType
from packager.plugins import load_plugins, model_problem


@functools.cache
def block_types() -> Mapping[str, BlockType]:
    """Every installed block, by name, in name order; loaded once per process."""
    return load_plugins(ENTRY_POINT_GROUP, "lesson block", BlockType, _problem)


def _problem(plugin: BlockType, name: str) -> str | None:
    """Why a registered block cannot serve as the block ``name``, if it cannot."""
    return model_problem(plugin, name, BlockBase)
