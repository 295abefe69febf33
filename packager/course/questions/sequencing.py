"""Sequencing: put the items in the right order."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from packager.course.questions.base import QuestionBase
from packager.course.types import Text


class Sequencing(QuestionBase):
    """Items listed in their correct order; the learner sees them shuffled and orders them."""

    type_name: ClassVar[str] = "sequencing"
    type: Literal["sequencing"]
    items: list[Text] = Field(min_length=2, max_length=26, description="In the correct order.")

    @model_validator(mode="after")
    def _distinct(self) -> Sequencing:
        if len(set(self.items)) != len(self.items):
            raise ValueError("each item must appear only once")
        return self

    @property
    def item_ids(self) -> list[str]:
        """Items are a, b, c... in their correct order."""
        return [chr(ord("a") + index) for index in range(len(self.items))]

    @property
    def display_items(self) -> list[tuple[str, str]]:
        """(item id, text) sorted by text: the order shown before the runtime shuffles them."""
        return sorted(zip(self.item_ids, self.items, strict=True), key=lambda item: item[1])

    def answer_key(self) -> Any:
        return self.item_ids

    def interaction(self) -> dict[str, Any]:
        return {"type": "sequencing", "correct": [self.item_ids]}

    def max_response_length(self) -> int:
        return len(self.items)

    def describe_correct(self) -> str:
        return " → ".join(self.items)

    def describe_wrong(self) -> str:
        """The first two items swapped."""
        return " → ".join([self.items[1], self.items[0], *self.items[2:]])
