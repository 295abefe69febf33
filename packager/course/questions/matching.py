"""Matching: pair each prompt with its match (one drop-down list per prompt)."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from packager.course.questions.base import QuestionBase
from packager.course.types import StrictModel, Text


class Pair(StrictModel):
    """One prompt and the match that belongs to it."""

    prompt: Text
    match: Text


class Matching(QuestionBase):
    """Match each prompt to one of the matches; every pair must be right."""

    type_name: ClassVar[str] = "matching"
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2, max_length=26)

    @model_validator(mode="after")
    def _distinct(self) -> Matching:
        matches = [pair.match for pair in self.pairs]
        prompts = [pair.prompt for pair in self.pairs]
        if len(set(matches)) != len(matches) or len(set(prompts)) != len(prompts):
            raise ValueError("each prompt and each match must appear only once")
        return self

    @property
    def prompt_ids(self) -> list[str]:
        """Prompts are a, b, c...; their matches are 1, 2, 3... (the same position)."""
        return [chr(ord("a") + index) for index in range(len(self.pairs))]

    @property
    def match_ids(self) -> list[str]:
        return [str(index + 1) for index in range(len(self.pairs))]

    @property
    def match_choices(self) -> list[tuple[str, str]]:
        """(match id, text) sorted by text: the drop-down order, which gives nothing away."""
        choices = zip(self.match_ids, (pair.match for pair in self.pairs), strict=True)
        return sorted(choices, key=lambda choice: choice[1])

    def answer_key(self) -> Any:
        return dict(zip(self.prompt_ids, self.match_ids, strict=True))

    def interaction(self) -> dict[str, Any]:
        pairs = [[prompt, match] for prompt, match in zip(self.prompt_ids, self.match_ids, strict=True)]
        return {"type": "matching", "correct": [pairs]}

    def max_response_length(self) -> int:
        # One base-36 character (match index, or '_' for none) per prompt.
        return len(self.pairs)

    def describe_correct(self) -> str:
        return "; ".join(f"{pair.prompt} → {pair.match}" for pair in self.pairs)

    def describe_wrong(self) -> str:
        """The first two matches swapped."""
        matches = [pair.match for pair in self.pairs]
        matches[0], matches[1] = matches[1], matches[0]
        return "; ".join(f"{pair.prompt} → {match}" for pair, match in zip(self.pairs, matches, strict=True))
