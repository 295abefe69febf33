"""Random course folders for the fuzz tests (hypothesis strategies), and writing them to disk.

Random YAML structures (valid files mutated, and arbitrary values), random Markdown, random file
trees (missing files, folders, links out of the course and in loops, binary junk). Runs are
derandomized, so CI sees the same examples each time.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FIELD_NAMES = [
    "id", "title", "description", "language", "version", "mastery_score", "completion", "lessons",
    "quiz", "questions", "type", "prompt", "options", "text", "correct", "incorrect", "feedback",
    "answer", "answers", "pairs", "match", "items", "draw", "attempts", "shuffle_questions",
    "shuffle_options", "minimum", "maximum", "tolerance", "case_sensitive",
]  # fmt: skip
YAML_WORDS = [
    "No", "yes", "on", "off", "~", "null", "1.10", "0x1F", "2024-01-01", ".inf", "-.nan", "<<",
    "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "../outside.md",
    "/etc/passwd", "lessons/01-intro.md", "quiz.yaml", "check.yaml", "a" * 300, "\u202e\u0000\x07",
    "single-choice", "multiple-response", "true-false", "fill-in", "matching", "sequencing", "numeric",
]  # fmt: skip
YAML_CHARS = [*":-[]{}&*!|>'\"%@`#,?~ \n\t\\abcxyz019.", "\u00e9", "\ufeff", "\x85"]
MARKDOWN_CHARS = [*"#*_[]()!<>`-=+~|:&;\\/\"' \n\tabc.019%", "\u00e9", "\x00"]
MARKDOWN_SNIPPETS = [
    "![A photo](../media/photo.png)", "![clip](../media/clip.mp4)",
    "![talk](../media/talk.mp3)", "[handout](../media/handout.pdf)",
    "[js](javascript:alert(1))", "<javascript:alert(1)>", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "[web](https://example.com)", "[top](#top)", "```\nfence\n```",
    "| a | b |\n|---|---|\n| 1 | 2 |\n", "&amp; &#0; &#x110000;", "\n\n", "    indented\n", "> quote\n",
    "[ref]: ../media/photo.png\n[ref]\n", "![a](<../media/photo.png> \"title\")",
    "[next](02-more.md)", "[back](./01-intro.md#top)",
]  # fmt: skip
BROKEN_MARKDOWN = [
    "![x](%00.png)", "![x](/etc/hostname.png)", "![x](https://example.com/x.png)", "![](../media/photo.png)",
    "[out](../../outside.md)", "![x](../media/missing.png)", "[draft](03-unlisted.md)",
    "![x](file:///etc/passwd)", "[x](FILE:notes.pdf)", "![notes](../check.yaml)",
    "![pdf](../media/handout.pdf)",
]  # fmt: skip

COURSE_TEMPLATE: dict[str, Any] = {
    "id": "fuzz-course",
    "title": "Fuzzed course",
    "mastery_score": 80,
    "lessons": ["lessons/01-intro.md", "check.yaml", "lessons/02-more.md"],
    "quiz": "quiz.yaml",
}
FRONT_MATTER_TEMPLATE: dict[str, Any] = {"title": "A lesson"}
QUIZ_TEMPLATE: dict[str, Any] = {
    "title": "Quiz",
    "questions": [
        {
            "id": "one",
            "type": "single-choice",
            "prompt": "Pick one.",
            "options": [{"text": "Right", "correct": True}, {"text": "Wrong", "feedback": "No."}],
        },
        {
            "id": "many",
            "type": "multiple-response",
            "prompt": "Pick all.",
            "options": [{"text": "A", "correct": True}, {"text": "B"}],
        },
        {
            "id": "tf",
            "type": "true-false",
            "prompt": "True?",
            "answer": True,
            "feedback": {"correct": "Yes."},
        },
        {"id": "word", "type": "fill-in", "prompt": "Say it.", "answers": ["it"]},
        {
            "id": "pairs",
            "type": "matching",
            "prompt": "Match.",
            "pairs": [{"prompt": "a", "match": "1"}, {"prompt": "b", "match": "2"}],
        },
        {"id": "order", "type": "sequencing", "prompt": "Order.", "items": ["first", "second"]},
        {"id": "number", "type": "numeric", "prompt": "Two plus two?", "answer": 4, "tolerance": 0.5},
    ],
}
SPECIAL_FILES = ["missing", "folder", "link-outside", "link-loop", "binary"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(YAML_WORDS),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=20,
)


def _slots(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a nested structure."""
    found: list[tuple[Any, Any]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((data, key))
            found.extend(_slots(value))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.append((data, index))
            found.extend(_slots(value))
    return found


@st.composite
def mutated(draw: st.DrawFn, template: dict[str, Any]) -> Any:
    """The template with up to four fields dropped, replaced or added."""
    data = copy.deepcopy(template)
    for _ in range(draw(st.integers(0, 4))):
        slots = _slots(data)
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        action = draw(st.sampled_from(["drop", "replace", "add"]))
        if action == "drop":
            del container[key]
        elif action == "replace":
            container[key] = draw(values)
        elif isinstance(container, dict):
            container[draw(st.sampled_from(FIELD_NAMES))] = draw(values)
        else:
            container.append(draw(values))
    return data


TEXT_FIELDS = frozenset(
    {"title", "description", "prompt", "text", "feedback", "correct", "incorrect", "match"}
)
"""Fields whose value is free text: changed at will, the file stays valid."""
HOSTILE_TEXT = [
    "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<!--", "]]>", "{{ course.id }}",
    "${alert(1)}", "\u202eevil", "javascript:alert(1)", "\"'><svg onload=alert(1)>",
]  # fmt: skip
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40),
)


@st.composite
def retexted(draw: st.DrawFn, template: dict[str, Any]) -> Any:
    """The template with some free-text values replaced by random or hostile text."""
    data = copy.deepcopy(template)
    for container, key in _slots(data):
        if key in TEXT_FIELDS and isinstance(container[key], str) and draw(st.booleans()):
            container[key] = draw(hostile_text)
    return data


@st.composite
def yaml_text(draw: st.DrawFn, template: dict[str, Any], broken: bool) -> str | bytes:
    """A YAML file: valid with random text; or, broken, a mutated one, any value, YAML-ish characters
    or bytes."""
    kind = "retexted"
    if broken:
        kind = draw(st.sampled_from(["mutated", "mutated", "mutated", "value", "characters", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=60))
    if kind == "characters":
        return draw(st.text(alphabet=st.sampled_from(YAML_CHARS), max_size=120))
    strategy = {"retexted": retexted(template), "mutated": mutated(template), "value": values}[kind]
    return yaml.safe_dump(draw(strategy), allow_unicode=draw(st.booleans()), sort_keys=False)


@st.composite
def lesson_text(draw: st.DrawFn, broken: bool) -> str | bytes:
    """A lesson: front matter and random Markdown (references to files that may be missing)."""
    front = draw(yaml_text(FRONT_MATTER_TEMPLATE, broken))
    if isinstance(front, bytes):
        return front
    snippets = MARKDOWN_SNIPPETS + (BROKEN_MARKDOWN if broken else [])
    parts = st.one_of(
        st.sampled_from(snippets), st.text(alphabet=st.sampled_from(MARKDOWN_CHARS), max_size=30)
    )
    body = "\n".join(draw(st.lists(parts, max_size=8))) + "\nText.\n"
    opening, closing = "---\n", "---\n"
    if broken:
        opening = draw(st.sampled_from(["---\n", "--- \r\n", ""]))
        closing = draw(st.sampled_from(["---\n", ""]))
    return opening + front + closing + body


FILES = ["course.yaml", "lessons/01-intro.md", "lessons/02-more.md", "check.yaml", "quiz.yaml", "media"]


@st.composite
def course_trees(draw: st.DrawFn) -> dict[str, str | bytes]:
    """A course folder, path -> content or one of SPECIAL_FILES; a few files of it are broken."""
    broken = draw(st.sets(st.sampled_from(FILES), max_size=3))
    tree: dict[str, str | bytes] = {}

    def place(path: str, content: st.SearchStrategy[str | bytes]) -> None:
        if path in broken and draw(st.integers(0, 3)) == 0:
            tree[path] = "special:" + draw(st.sampled_from(SPECIAL_FILES))
        else:
            tree[path] = draw(content)

    place("course.yaml", yaml_text(COURSE_TEMPLATE, "course.yaml" in broken))
    place("lessons/01-intro.md", lesson_text("lessons/01-intro.md" in broken))
    place("lessons/02-more.md", lesson_text("lessons/02-more.md" in broken))
    place("check.yaml", yaml_text(QUIZ_TEMPLATE, "check.yaml" in broken))
    place("quiz.yaml", yaml_text(QUIZ_TEMPLATE, "quiz.yaml" in broken))
    for media in ("photo.png", "clip.mp4", "clip.vtt", "talk.mp3", "handout.pdf"):
        if "media" not in broken:
            tree[f"media/{media}"] = draw(st.binary(min_size=1, max_size=16))
        elif draw(st.booleans()):
            # Missing, a folder, a link out of the course or in a loop, or junk.
            tree[f"media/{media}"] = "special:" + draw(st.sampled_from(SPECIAL_FILES))
    return tree


def materialize(tree: dict[str, str | bytes], parent: Path) -> Path:
    """Write the tree at ``parent/course``; ``parent/outside`` is a folder links may point into."""
    outside = parent / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: Secret\n---\nSecret.\n", "utf-8")
    course = parent / "course"
    course.mkdir()
    for relative, content in tree.items():
        path = course / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if content == "special:missing":
            continue
        if content == "special:folder":
            path.mkdir()
        elif content == "special:link-outside":
            path.symlink_to(outside / "secret.md")
        elif content == "special:link-loop":
            path.symlink_to(path.name)
        elif content == "special:binary":
            path.write_bytes(b"\xff\xfe\x00garbage\x80")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8", errors="surrogatepass")
    return course


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }
