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
from importlib.metadata import entry_points

from packager.blocks import ENTRY_POINT_GROUP
from packager.blocks.base import BlockBase, BlockType
from packager.errors import PackagerError


@functools.cache
def block_types() -> Mapping[str, BlockType]:
    """Every installed block, by name, in name order; loaded once per process."""
    found: dict[str, BlockType] = {}
    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda point: point.name):
        where = f"the lesson block plug-in {entry_point.name!r} ({entry_point.value})"
        try:
            plugin = entry_point.load()
        except Exception as error:  # a broken plug-in is the installer's problem, told plainly
            raise PackagerError(f"{where} cannot be loaded: {error}") from None
        problem = _problem(plugin, entry_point.name)
        if problem:
            raise PackagerError(f"{where} {problem}")
        found.setdefault(entry_point.name, plugin)  # the same package seen twice on sys.path
    return found


def _problem(plugin: object, name: str) -> str | None:
    """Why a registered object cannot serve as the block ``name``, if it cannot."""
    if not isinstance(plugin, BlockType):
        return f"is a {type(plugin).__name__}, not a packager.blocks.base.BlockType"
    if not (isinstance(plugin.model, type) and issubclass(plugin.model, BlockBase)):
        return "has a model that is not a subclass of packager.blocks.base.BlockBase"
    try:
        named = plugin.name
    except (KeyError, ValueError):
        return "has a model whose 'type' field is not one Literal name"
    if named != name:
        return f"has a model of type {named!r}: the entry point must be named after it"
    return None
