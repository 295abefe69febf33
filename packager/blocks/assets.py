"""The runtime files a package needs for the lesson blocks its course uses."""

from __future__ import annotations

from collections.abc import Sequence

from packager.blocks.registry import block_types

RUNTIME_BLOCKS = "runtime/blocks.js"
"""Lesson blocks' progress and wiring (``templates/runtime/blocks.js``), shipped when a lesson has a block."""
BLOCK_STYLESHEET = "blocks.css"
"""The stylesheets of the blocks the course uses, one file, in first-use order."""


def block_files(used: Sequence[str]) -> tuple[list[str], list[str]]:
    """The runtime scripts and the stylesheets for the blocks ``used`` (none when there are none)."""
    if not used:
        return [], []
    kinds = block_types()
    return [RUNTIME_BLOCKS, *(kinds[name].script_path for name in used if kinds[name].script)], [
        BLOCK_STYLESHEET
    ]


def block_stylesheet(used: Sequence[str]) -> str:
    """The one stylesheet of the blocks ``used``."""
    kinds = block_types()
    return "\n".join(f"/* {name} */\n{kinds[name].css}" for name in used)
