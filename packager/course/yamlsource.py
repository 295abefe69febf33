"""Read YAML while remembering where each value came from (line and column)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from packager.errors import PackagerError

Location = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Line and column (1-based) of every value in one YAML document, by path."""

    file: Path
    positions: dict[Location, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0

    def locate(self, location: Location) -> tuple[Location, tuple[int, int] | None]:
        """Return the longest known path along ``location`` and its position.

        Pydantic inserts union tags into error locations; segments that are not keys
        of the document are skipped, so the position is the nearest real ancestor.
        """
        known: Location = ()
        for segment in location:
            candidate = (*known, segment)
            if candidate in self.positions:
                known = candidate
        position = self.positions.get(known)
        if position is not None:
            position = (position[0] + self.line_offset, position[1])
        return known, position


def _to_python(node: yaml.Node, path: Location, source_map: SourceMap) -> Any:
    source_map.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise PackagerError(
                    "keys must be plain text",
                    file=source_map.file,
                    line=key_node.start_mark.line + 1 + source_map.line_offset,
                    column=key_node.start_mark.column + 1,
                )
            if key in result:
                raise PackagerError(
                    f"the key '{key}' appears twice",
                    file=source_map.file,
                    line=key_node.start_mark.line + 1 + source_map.line_offset,
                    column=key_node.start_mark.column + 1,
                    field=dotted((*path, key)),
                )
            child = (*path, key)
            result[key] = _to_python(value_node, child, source_map)
            # A key's own line is more useful than its value's when the value is a block.
            source_map.positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*path, index), source_map) for index, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    constructor = yaml.SafeLoader("")
    try:
        return constructor.construct_object(node, deep=True)
    finally:
        constructor.dispose()


def dotted(location: Location) -> str:
    """Render a path like ``questions[2].options[0].text``."""
    text = ""
    for segment in location:
        if isinstance(segment, int):
            text += f"[{segment}]"
        else:
            text += f".{segment}" if text else segment
    return text


def parse_yaml(text: str, file: Path, line_offset: int = 0) -> tuple[Any, SourceMap]:
    """Parse one YAML document; syntax errors become a :class:`PackagerError` with line and column."""
    source_map = SourceMap(file=file, line_offset=line_offset)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise PackagerError(
            f"YAML syntax error: {error.problem or error.context}",
            file=file,
            line=(mark.line + 1 + line_offset) if mark else None,
            column=(mark.column + 1) if mark else None,
        ) from None
    except yaml.YAMLError as error:
        raise PackagerError(f"YAML error: {error}", file=file) from None
    if node is None:
        return None, source_map
    try:
        return _to_python(node, (), source_map), source_map
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        raise PackagerError(
            f"YAML error: {error.problem}",
            file=file,
            line=(mark.line + 1 + line_offset) if mark else None,
        ) from None
