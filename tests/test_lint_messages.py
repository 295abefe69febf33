"""The lint rules' message table (``packager/lint/messages.toml``): each message belongs to a rule
and fills in with named facts, so a rule's findings cannot lose their words."""

from __future__ import annotations

from string import Formatter

import pytest

from packager.lint import RULES
from packager.lint.messages import MESSAGES, message


def test_every_message_belongs_to_a_registered_rule() -> None:
    owners = {key.split("-", 1)[0] for key in MESSAGES}
    assert owners <= set(RULES), owners - set(RULES)


def test_messages_name_their_facts_and_fill_them_in() -> None:
    for key, template in MESSAGES.items():
        fields = [field for _, field, _, _ in Formatter().parse(template) if field is not None]
        assert all(field.isidentifier() for field in fields), (key, fields)
        filled = message(key, **{field: f"<{field}>" for field in fields})
        assert all(f"<{field}>" in filled for field in fields), key


def test_a_message_without_its_facts_fails_loudly() -> None:
    with pytest.raises(KeyError, match="path"):
        message("FILE001")
