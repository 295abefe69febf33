"""The ``strings:`` field of course.yaml: the author's text for any interface message."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field, StringConstraints

from packager.i18n.catalogue import message_keys

OverrideText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


def _known_messages(strings: dict[str, Any]) -> dict[str, Any]:
    keys = message_keys()
    for key, text in strings.items():
        if key not in keys:
            raise ValueError(f"'{key}' is not an interface message; they are: {', '.join(sorted(keys))}")
        if isinstance(text, list) and not keys[key]:
            raise ValueError(f"'{key}' has no plural forms: give one text")
    return strings


def _message_names(schema: dict[str, Any]) -> None:
    schema["propertyNames"] = {"enum": sorted(message_keys())}


InterfaceStrings = Annotated[
    dict[str, OverrideText | list[OverrideText]],
    AfterValidator(_known_messages),
    Field(
        default_factory=dict,
        description=(
            "Interface text to use instead of the language's catalogue, by message "
            "(e.g. layout.next: Continue). A message with plural forms takes one text, or a list "
            "with one text per plural form of the course's language."
        ),
        json_schema_extra=_message_names,
    ),
]
