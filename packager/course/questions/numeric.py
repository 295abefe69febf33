"""Numeric: a number, right when exact, within a tolerance, or inside a range."""

from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from packager.course.questions.base import QuestionBase

MAX_INPUT = 32


class Numeric(QuestionBase):
    """Give ``answer`` (with an optional ``tolerance``), or a ``minimum`` and ``maximum``."""

    type_name: ClassVar[str] = "numeric"
    type: Literal["numeric"]
    answer: float | None = None
    tolerance: float = Field(default=0, ge=0, description="Accepted distance from the answer.")
    minimum: float | None = None
    maximum: float | None = None

    @model_validator(mode="after")
    def _one_way_to_be_right(self) -> Numeric:
        has_range = self.minimum is not None or self.maximum is not None
        if (self.answer is None) == (not has_range) or (has_range and None in (self.minimum, self.maximum)):
            raise ValueError("give either 'answer' (with an optional 'tolerance') or 'minimum' and 'maximum'")
        values = [v for v in (self.answer, self.minimum, self.maximum) if v is not None]
        if any(not math.isfinite(value) for value in values):
            raise ValueError("numbers must be finite")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError("'minimum' must not be greater than 'maximum'")
        return self

    @property
    def bounds(self) -> tuple[float, float]:
        """The accepted range, inclusive."""
        if self.answer is not None:
            return (self.answer - self.tolerance, self.answer + self.tolerance)
        assert self.minimum is not None and self.maximum is not None
        return (self.minimum, self.maximum)

    def answer_key(self) -> Any:
        low, high = self.bounds
        return {"min": low, "max": high}

    def interaction(self) -> dict[str, Any]:
        low, high = self.bounds
        return {"type": "numeric", "correct": [{"min": low, "max": high}]}

    def max_response_length(self) -> int:
        return MAX_INPUT

    def describe_correct(self) -> str:
        if self.answer is None:
            low, high = self.bounds
            return f"from {_number(low)} to {_number(high)}"
        answer = _number(self.answer)
        return f"{answer} (± {_number(self.tolerance)})" if self.tolerance else answer

    def describe_wrong(self) -> str:
        """A number just above the accepted range."""
        high = self.bounds[1]
        return _number(high + 1 if high + 1 > high else math.nextafter(high, math.inf))


def _number(value: float) -> str:
    """A number as an author writes it: 3, 0.5, 1e+20."""
    short = format(value, "g")
    return short if float(short) == value else repr(value)
