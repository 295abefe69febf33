"""``packager schema``: the JSON Schema of the course files, for editors to autocomplete and check them.

The schemas come from the pydantic models (the single source of truth), so they never drift
from what ``packager build`` accepts.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from pydantic import BaseModel
from rich.console import Console

from packager.cli.options import add_output_dir
from packager.course.models import CourseFile, LessonFrontMatter, QuizFile
from packager.output import write_file

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "course.schema.json": (CourseFile, "course.yaml"),
    "quiz.schema.json": (QuizFile, "A quiz file (quizzes/*.yaml)"),
    "lesson.schema.json": (LessonFrontMatter, "A lesson's front matter (the YAML between the --- lines)"),
}
"""File name -> (model, title) of every schema written."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``packager schema``."""
    add_output_dir(parser, "the .schema.json files")


def json_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    """One model's JSON Schema (draft 2020-12), titled for editors."""
    generated = model.model_json_schema()
    generated.pop("title", None)
    return {"$schema": DIALECT, "title": title, **generated}


def schema_files() -> dict[str, str]:
    """Every schema file's text, by file name."""
    return {
        file_name: json.dumps(json_schema(model, title), indent=2, ensure_ascii=False) + "\n"
        for file_name, (model, title) in SCHEMAS.items()
    }


def run(args: argparse.Namespace, console: Console) -> int:
    """Write every schema into the output folder."""
    for file_name, text in schema_files().items():
        path = args.output / file_name
        write_file(path, text.encode("utf-8"))
        console.print(f"wrote {path}", markup=False)
    return 0
