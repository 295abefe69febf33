"""Read a valid YAML file fast: libyaml's events, no positions, the same values as the slow reader.

:func:`packager.course.yamlsource.parse_yaml` records where every value came from, which only
error messages need. :func:`fast_parse` is several times faster; it gives up
(:class:`SlowPathNeeded`) on anything it does not handle exactly as that reader would, so the slow
reader decides and words every error.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from packager.course.yamlsource import MAX_DEPTH, MAX_VALUES, NOT_XML_TEXT, PLAIN_TAGS, STANDARD_TAG


class SlowPathNeeded(Exception):
    """:func:`fast_parse` cannot vouch for the result: read the file with :func:`parse_yaml`."""


_SAFE_RESOLVER = yaml.SafeLoader("")
"""Resolves plain scalars' tags and builds their values exactly as :func:`parse_yaml` does."""
_IMPLICIT_FIRST = frozenset(key for key in yaml.SafeLoader.yaml_implicit_resolvers if key)
_STR = STANDARD_TAG + "str"
_SCALAR_TAGS = PLAIN_TAGS - {STANDARD_TAG + "map", STANDARD_TAG + "seq"}
_UNUSUAL_TEXT = re.compile(
    "[\t\x85\u2028\u2029\ufeff]|[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|[|>][-+0-9]*#"
)
"""Tabs, unusual line breaks and characters :data:`NOT_XML_TEXT` refuses: left to the slow path,
where libyaml and PyYAML could differ or an error needs wording. So is a ``#`` right after a block
scalar's header (``>#``): libyaml reads a comment, PyYAML refuses it."""
_NO_KEY = object()


def fast_parse(text: str) -> Any:
    """The value :func:`parse_yaml` gives for ``text``, read with libyaml; or :class:`SlowPathNeeded`.

    It gives up on anything unusual (anchors and aliases, tags, merge keys, keys that are not
    plain text or appear twice, nesting deeper than :data:`MAX_DEPTH`, more than
    :data:`MAX_VALUES` values, control characters, tabs, directives, several documents, any syntax
    error), so that what it returns is always what the slow path would return.
    """
    if not yaml.__with_libyaml__ or _UNUSUAL_TEXT.search(text):
        raise SlowPathNeeded  # PyYAML built without libyaml: every file takes the pure-Python path
    parser = yaml.CBaseLoader(text)
    try:
        return _fast_document(parser)
    except SlowPathNeeded:
        raise
    except Exception:  # a syntax error, or anything else: the slow path words it
        raise SlowPathNeeded from None
    finally:
        parser.dispose()


def _fast_document(parser: Any) -> Any:
    next_event = parser.get_event
    if type(next_event()) is not yaml.StreamStartEvent:
        raise SlowPathNeeded
    event = next_event()
    if type(event) is yaml.StreamEndEvent:
        return None
    if type(event) is not yaml.DocumentStartEvent or event.version is not None or event.tags:
        raise SlowPathNeeded
    value = _fast_node(next_event)
    if type(next_event()) is not yaml.DocumentEndEvent or type(next_event()) is not yaml.StreamEndEvent:
        raise SlowPathNeeded  # several documents: PyYAML reports it
    return value


def _fast_node(next_event: Any) -> Any:
    """Build one node's value from libyaml's events, without recursion."""
    # Each open collection: [container, pending key (mappings; _NO_KEY when none)].
    stack: list[list[Any]] = []
    values = 0
    scalar_cache: dict[tuple[str, str], Any] = {}
    while True:
        event = next_event()
        kind = type(event)
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = stack.pop()[0]
            is_key = False
        else:
            # Within the bounds: the node's depth (the slow path counts from 1) and the value count.
            if len(stack) >= MAX_DEPTH or kind is yaml.AliasEvent or event.anchor is not None:
                raise SlowPathNeeded
            if (
                kind is not yaml.ScalarEvent
                and kind is not yaml.MappingStartEvent
                and (kind is not yaml.SequenceStartEvent)
            ):
                raise SlowPathNeeded  # an event out of place
            if event.tag is not None:
                raise SlowPathNeeded  # explicit tags, even harmless ones, are the slow path's to judge
            is_key = bool(stack) and type(stack[-1][0]) is dict and stack[-1][1] is _NO_KEY
            if not is_key:
                values += 1
                if values > MAX_VALUES:
                    raise SlowPathNeeded
            if kind is not yaml.ScalarEvent:
                if is_key:
                    raise SlowPathNeeded  # a list or mapping as a key
                stack.append([{} if kind is yaml.MappingStartEvent else [], _NO_KEY])
                continue
            value = _fast_scalar(event, scalar_cache)
        if not stack:
            return value
        frame = stack[-1]
        container = frame[0]
        if type(container) is list:
            container.append(value)
        elif is_key:
            if (type(value) is not str and type(value) is not int) or value in container:
                raise SlowPathNeeded  # a key that is not plain text, or a repeated key
            frame[1] = value
        else:
            container[frame[1]] = value
            frame[1] = _NO_KEY


def _fast_scalar(event: Any, cache: dict[tuple[str, str], Any]) -> Any:
    """A scalar's value, resolved and built by PyYAML's own safe resolver and constructor."""
    text: str = event.value
    if not event.implicit[0] or (text and text[0] not in _IMPLICIT_FIRST):
        if event.style == '"' and NOT_XML_TEXT.search(text):
            raise SlowPathNeeded  # an escaped control character: reported with its position
        return text
    tag = _SAFE_RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR:
        return text
    if tag not in _SCALAR_TAGS:
        raise SlowPathNeeded  # a merge key (<<), or another tag the slow path refuses
    key = (tag, text)
    if key not in cache:
        constructor = _SAFE_RESOLVER.yaml_constructors[tag]
        cache[key] = constructor(_SAFE_RESOLVER, yaml.ScalarNode(tag, text))
    return cache[key]
