"""The rules' messages: one table (``messages.toml``), filled in with the facts a rule found.

A rule decides what is wrong and where; the words that explain it to an author (what, why it matters
to an LMS, what to do) live in ``messages.toml``, by rule id, so they can be read, reviewed and
reworded in one place. A leaf of the linter (imports none of it).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

MESSAGES_FILE = Path(__file__).parent / "messages.toml"
MESSAGES: dict[str, str] = tomllib.loads(MESSAGES_FILE.read_text(encoding="utf-8"))
"""Message key (a rule id, or ``RULE-case``) -> ``str.format`` template."""


def message(key: str, /, **facts: object) -> str:
    """The message ``key`` with the facts filled in."""
    return MESSAGES[key].format(**facts)
