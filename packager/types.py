"""Constrained value types shared by the course models and the question types (a leaf module)."""

from __future__ import annotations

from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=64),
]
"""Lower-case letters, digits and single hyphens, starting with a letter.

Slugs become parts of XML identifiers, file names and interaction ids, so they are
kept to a set that is valid everywhere (xs:ID, URLs, SCORM identifiers).
"""

LanguageTag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


def _relative_posix_path(value: str) -> str:
    if "\\" in value:
        raise ValueError("use forward slashes (/) in paths")
    if value.startswith("/") or (len(value) > 1 and value[1] == ":"):
        raise ValueError("the path must be relative to the course folder")
    parts = value.split("/")
    if ".." in parts:
        raise ValueError("the path must stay inside the course folder (no '..')")
    if not value.strip() or any(part == "" for part in parts):
        raise ValueError("the path is empty or has an empty segment")
    return value


RelativePath = Annotated[str, AfterValidator(_relative_posix_path)]


class StrictModel(BaseModel):
    """Base for models read from author files: unknown fields are errors, and values are never
    converted from another YAML type ("80" is not a number, 1 is not true)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


Built = TypeVar("Built", bound=BaseModel)


def carried(read: BaseModel, built: type[Built], /, **given: object) -> Built:
    """A ``built`` model holding every field it shares by name with the file model ``read``, plus
    what the loader ``given`` (a new setting in both models is carried without a line here)."""
    shared = {name: getattr(read, name) for name in type(read).model_fields if name in built.model_fields}
    return built(**{**shared, **given})
