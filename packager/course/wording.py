"""What an author wrote, in words, and why it is not the kind of value a field takes.

The models are strict (:class:`packager.types.StrictModel`): YAML text is never read as a
number, a number never as a true/false value. These messages say what was found and what to
write instead ("expected a whole number, found the text "80": write it without quotes: 80").
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

_EXPECTED = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "finite_number": "a finite number",
}
WRONG_TYPES = frozenset(_EXPECTED)
"""pydantic's error types :func:`wrong_type_message` words."""
_BOOLEANS = {"true": "true", "false": "false"}


def kind_of(value: Any) -> str:
    """What a YAML value is, in words: "text", "a number", "a list"..."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def wrong_type_message(kind: str, value: Any, written: str | None) -> str | None:
    """The message for pydantic's error ``kind`` on ``value`` (``written``: the plain scalar as it
    reads in the file), or None when ``kind`` is not about a number or a true/false value."""
    expected = _EXPECTED.get(kind)
    if expected is None:
        return None
    if isinstance(value, dict | list) or value is None:
        return f"expected {expected}, found {'nothing' if value is None else kind_of(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "..."
        message = f'expected {expected}, found the text "{shown}"'
        unquoted = value.strip()
        if expected == "true or false" and unquoted.lower() in _BOOLEANS:
            return f"{message}: write it without quotes: {_BOOLEANS[unquoted.lower()]}"
        if expected != "true or false" and _is_number(unquoted, whole=expected == "a whole number"):
            return f"{message}: write it without quotes: {unquoted}"
        return message
    found = kind_of(value)
    if isinstance(value, bool):
        found = f"the true/false value {written or str(value).lower()}"
    elif isinstance(value, float) and not math.isfinite(value):
        found = written or str(value)
    elif written is not None and isinstance(value, int | float):
        found = f"the number {written}"
    return f"expected {expected}, found {found}"


def _is_number(text: str, whole: bool) -> bool:
    if whole:
        return re.fullmatch(r"[+-]?[0-9]+", text) is not None
    try:
        number = float(text)
    except ValueError:
        return False
    return math.isfinite(number)
