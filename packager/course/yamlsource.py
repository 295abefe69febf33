"""Read YAML while remembering where each value came from (line and column).

Course files may come from anyone, so reading is bounded: nesting depth, the number of values
(aliases can multiply them: "billion laughs"), recursive aliases and characters a package cannot
carry are refused with a located :class:`PackagerError`.

:func:`parse_yaml` (PyYAML's pure-Python parser) records where every value came from, which only
error messages need; :mod:`packager.course.yamlfast` reads valid files faster, without positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from packager.errors import PackagerError, Problem

Location = tuple[str | int, ...]

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted; real course files nest five or six levels."""
MAX_VALUES = 100_000
"""Most values (scalars, lists, mappings) one file may produce, aliases expanded."""

STANDARD_TAG = "tag:yaml.org,2002:"
PLAIN_TAGS = frozenset(
    STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
"""Tags of plain values; others (!!python/..., !!binary, !!set, custom !tags) are refused."""
NOT_XML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (controls, lone surrogates): manifests and pages could not carry them."""


@dataclass
class SourceMap:
    """Line and column (1-based) of every value in one YAML document, by path."""

    file: Path
    positions: dict[Location, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0
    plain_scalars: dict[Location, str] = field(default_factory=dict)
    """The source text of unquoted scalars YAML read as something other than text (No, 1.10, ~)."""
    problems: list[Problem] = field(default_factory=list)
    """What is wrong with values that were read anyway (control characters): reported with the rest."""

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


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing documents nested deeper than :data:`MAX_DEPTH`.

    Composing is recursive, so without this bound a deep document exhausts Python's stack.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("too deep")
        self.mark = mark


class _Converter:
    """Turns a node graph into plain Python values, recording positions, within the bounds."""

    def __init__(self, source_map: SourceMap) -> None:
        self.source_map = source_map
        self.constructor = yaml.SafeLoader("")
        self.values = 0
        self.open_nodes: set[int] = set()
        self.reported: set[int] = set()
        """Nodes already reported (an alias may repeat a bad value many times)."""

    def convert(self, node: yaml.Node, path: Location) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            message = f"the file holds more than {MAX_VALUES} values (aliases expanded); it is far too large"
            raise self._error(node, message + " for a course file")
        self.source_map.positions[path] = self._position(node)
        if node.tag not in PLAIN_TAGS:
            tag = node.tag.replace(STANDARD_TAG, "!!")
            raise self._error(node, f"the YAML tag '{tag}' is not supported: write plain values")
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if id(node) in self.open_nodes:
            raise self._error(node, "an alias refers to a value that contains it (a recursive alias)")
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        finally:
            self.open_nodes.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Location) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._error(key_node, "merge keys (<<) are not supported: write the fields out")
            key = self._scalar(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise self._error(key_node, "keys must be plain text")
            if key in result:
                raise self._error(key_node, f"the key '{key}' appears twice", field=dotted((*path, key)))
            child = (*path, key)
            result[key] = self.convert(value_node, child)
            # A key's own line is more useful than its value's when the value is a block.
            self.source_map.positions[child] = self._position(key_node)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Location) -> Any:
        value = self.constructor.construct_object(node, deep=True)
        if isinstance(value, str):
            bad = NOT_XML_TEXT.search(value)
            if bad and id(node) not in self.reported:
                self.reported.add(id(node))
                self.source_map.problems.append(
                    self._problem(
                        node,
                        f"the text holds the control character U+{ord(bad.group()):04X}, which a package "
                        "cannot carry; remove it",
                        field=dotted(path) or None,
                    )
                )
        elif node.style is None:
            self.source_map.plain_scalars[path] = node.value
        return value

    def _position(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def _problem(self, node: yaml.Node, message: str, field: str | None = None) -> Problem:
        line, column = self._position(node)
        return Problem(
            message,
            file=self.source_map.file,
            line=line + self.source_map.line_offset,
            column=column,
            field=field,
        )

    def _error(self, node: yaml.Node, message: str, field: str | None = None) -> PackagerError:
        return PackagerError(problems=[self._problem(node, message, field)])

    def dispose(self) -> None:
        self.constructor.dispose()


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

    def at(mark: yaml.Mark | None) -> dict[str, Any]:
        if mark is None:
            return {"file": file}
        return {"file": file, "line": mark.line + 1 + line_offset, "column": mark.column + 1}

    loader: _BoundedLoader | None = None
    try:
        loader = _BoundedLoader(text)
        node = loader.get_single_node()
    except _TooDeep as error:
        raise PackagerError(
            f"the YAML is nested more than {MAX_DEPTH} levels deep; no course file needs that",
            **at(error.mark),
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise PackagerError(_syntax_message(error, line_offset), **at(mark)) from None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line = before.count("\n") + 1 + line_offset
        column = error.position - (before.rfind("\n") + 1) + 1
        raise PackagerError(
            f"the file holds the character U+{error.character:04X}, which YAML does not allow; remove it",
            file=file,
            line=line,
            column=column,
        ) from None
    except yaml.YAMLError as error:
        raise PackagerError(f"YAML error: {error}", file=file) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return None, source_map
    converter = _Converter(source_map)
    try:
        data = converter.convert(node, ())
    except yaml.constructor.ConstructorError as error:
        raise PackagerError(f"YAML error: {error.problem}", **at(error.problem_mark)) from None
    finally:
        converter.dispose()
    return data, source_map


def _syntax_message(error: yaml.MarkedYAMLError, line_offset: int) -> str:
    """PyYAML's problem, with what it was reading and where that started, and a hint for tabs."""
    message = f"YAML syntax error: {error.problem or error.context}"
    if error.problem and error.context and error.context_mark:
        start = error.context_mark
        message += f" ({error.context}, from line {start.line + 1 + line_offset}, column {start.column + 1})"
    if error.problem and "'\\t'" in error.problem:
        message += "; indent with spaces, not tabs"
    return message
