"""``packager key``: the answer key, every question with its correct answer and one wrong answer.

For manual QA: a tester plays the package with the key beside them. Each question type says in
words what is right and what is wrong (``describe_correct`` / ``describe_wrong``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from packager.cli.options import add_course_dir
from packager.course.loader import load_course
from packager.course.models import Course
from packager.output import write_file
from packager.text import text_environment

TEMPLATE = "key.md"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``packager key``."""
    add_course_dir(parser)
    parser.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="output format (default: markdown)"
    )
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of printing")


def answer_key(course: Course) -> dict[str, Any]:
    """The key as data: the course, then every quiz (knowledge checks and the assessment) in order."""
    return {
        "course": {
            "id": course.id,
            "title": course.title,
            "version": course.version,
            "mastery_score": course.mastery_score,
        },
        "quizzes": [
            {
                "id": quiz.id,
                "title": quiz.title,
                "graded": quiz.graded,
                "draw": quiz.draw,
                "shuffle_options": quiz.shuffle_options,
                "questions": [
                    {
                        "number": number,
                        "id": question.id,
                        "type": question.type,
                        "prompt": question.prompt,
                        "correct": question.describe_correct(),
                        "wrong": question.describe_wrong(),
                    }
                    for number, question in enumerate(quiz.questions, start=1)
                ],
            }
            for quiz in course.quizzes
        ],
    }


def render_key(course: Course, output_format: str) -> str:
    """The key as Markdown or JSON text."""
    key = answer_key(course)
    if output_format == "json":
        return json.dumps(key, indent=2, ensure_ascii=False) + "\n"
    return text_environment().get_template(TEMPLATE).render(key)


def run(args: argparse.Namespace, console: Console) -> int:
    """Print the key, or write it to a file."""
    text = render_key(load_course(args.course_dir), args.format)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_file(args.output, text.encode("utf-8"))
        console.print(f"wrote {args.output}", markup=False)
    return 0
