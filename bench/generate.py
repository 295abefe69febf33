"""Generate a synthetic course, deterministic from a seed, for the build benchmark.

The course has the form the packager reads (``course.yaml``, ``lessons/*.md``, ``quizzes/*.yaml``,
``media/*``). Lessons reference their media relative to the lesson file (``../media/...``): images,
captioned videos, audio and PDF downloads. Media files are random bytes behind the right magic
header, so they are as incompressible as real media.

    python bench/generate.py OUT_DIR --lessons 1000 --questions 5000 --media-mib 1024 --seed 7
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

CHUNK_BYTES = 1 << 20
WORDS = " ".join(
    (
        "support recovery specialist client boundary trust ethics role referral session goal plan peer",
        "community confidential record consent conflict interest relationship professional policy review",
        "supervisor practice safety dignity respect choice strength wellness resource agency standard",
        "honest clear limit personal contact duty care harm risk signal pattern progress feedback",
    )
).split()

MAGIC = {
    ".jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
    ".png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x04\x00\x00\x00\x03\x00\x08\x02\x00\x00\x00",
    ".mp4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom",
    ".webm": b"\x1aE\xdf\xa3\x9fB\x86\x81\x01B\xf7\x81\x01B\xf2\x81\x04B\xf3\x81\x08B\x82\x84webm",
    ".mp3": b"ID3\x04\x00\x00\x00\x00\x00\x00",
    ".pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
}
TRAILER = {".jpg": b"\xff\xd9", ".pdf": b"\n%%EOF\n"}

# Share of the media bytes per kind, and how often a lesson carries one.
MEDIA_PLAN = (
    # suffix, share of bytes, every n-th lesson (offset), how it is referenced
    (".jpg", 0.18, 1, 0, "image"),
    (".png", 0.07, 4, 1, "image"),
    (".mp4", 0.45, 20, 3, "video"),
    (".webm", 0.10, 50, 7, "video"),
    (".mp3", 0.08, 25, 5, "audio"),
    (".pdf", 0.12, 10, 2, "download"),
)


@dataclass(frozen=True)
class Size:
    """One benchmark size."""

    name: str
    lessons: int
    questions: int
    media_mib: float

    def scaled(self, scale: float) -> Size:
        """This size with every count multiplied by ``scale`` (at least one lesson and question)."""
        return Size(
            self.name,
            max(1, round(self.lessons * scale)),
            max(1, round(self.questions * scale)),
            self.media_mib * scale,
        )


SIZES = (
    Size("small", 10, 50, 10),
    Size("medium", 100, 500, 100),
    Size("large", 1000, 5000, 1024),
)
"""The three sizes; the largest is 1,000 lessons, 5,000 questions and 1 GiB of media."""


def sentence(rng: random.Random, words: int) -> str:
    """A pseudo-English sentence of ``words`` words."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    """A few sentences, with some emphasis."""
    parts = [sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(3, 6))]
    parts[0] = f"**{parts[0]}**" if rng.random() < 0.3 else parts[0]
    return " ".join(parts)


def write_media(path: Path, size: int, seed: int) -> None:
    """Random, incompressible bytes of ``size`` behind the suffix's magic header, streamed to disk."""
    suffix = path.suffix
    rng = random.Random(f"{seed}:{path.name}")
    head, tail = MAGIC.get(suffix, b""), TRAILER.get(suffix, b"")
    body = max(0, size - len(head) - len(tail))
    with path.open("wb") as stream:
        stream.write(head)
        while body > 0:
            count = min(CHUNK_BYTES, body)
            stream.write(rng.randbytes(count))
            body -= count
        stream.write(tail)


def captions(rng: random.Random, title: str) -> str:
    """A short WebVTT file."""
    cues = ["WEBVTT", ""]
    for index in range(rng.randint(4, 12)):
        cues += [
            f"00:{index * 5 // 60:02d}:{index * 5 % 60:02d}.000 --> "
            f"00:{(index * 5 + 5) // 60:02d}:{(index * 5 + 5) % 60:02d}.000",
            f"{title}: {sentence(rng, rng.randint(5, 12))}",
            "",
        ]
    return "\n".join(cues)


def media_for(index: int) -> list[tuple[str, float, str]]:
    """(suffix, share of its kind, reference style) of the media lesson ``index`` carries."""
    return [
        (suffix, share, style)
        for suffix, share, every, offset, style in MEDIA_PLAN
        if index % every == offset % every
    ]


def lesson_text(rng: random.Random, index: int, title: str, media: list[tuple[str, str]]) -> str:
    """One lesson's Markdown: front matter, sections, a list, a table, its media."""
    lines = ["---", f"title: {title}", "---", paragraph(rng), ""]
    for section in range(rng.randint(2, 4)):
        lines += [f"## {sentence(rng, 4)[:-1]}", "", paragraph(rng), ""]
        if section == 0:
            lines += [f"- {sentence(rng, rng.randint(4, 9))}" for _ in range(rng.randint(3, 5))] + [""]
        if section == 1:
            lines += ["| term | meaning |", "| --- | --- |"]
            lines += [f"| {rng.choice(WORDS)} | {sentence(rng, 6)} |" for _ in range(3)] + [""]
    for name, style in media:
        reference = f"../media/{name}"
        if style == "download":
            lines += [f"[Download the handout for lesson {index + 1}]({reference})", ""]
        else:
            alt = f"{style.capitalize()} for lesson {index + 1}: {sentence(rng, 5)[:-1]}"
            lines += [f"![{alt}]({reference})", ""]
    lines += [f"> {sentence(rng, 12)}", ""]
    return "\n".join(lines)


def question(rng: random.Random, index: int) -> dict[str, object]:
    """One short quiz question, of the three types in turn (5,000 must fit the 1 MiB file limit)."""
    kind = ("single-choice", "multiple-response", "true-false")[index % 3]
    prompt = sentence(rng, rng.randint(4, 7))
    item: dict[str, object] = {"id": f"q{index + 1}", "type": kind, "prompt": prompt}
    if kind == "true-false":
        item["answer"] = rng.random() < 0.5
        return item
    count = 3
    correct = {rng.randrange(count)} if kind == "single-choice" else set(rng.sample(range(count), 2))
    texts: list[str] = []
    while len(texts) < count:  # two options that read the same are refused
        text = sentence(rng, rng.randint(2, 3))
        if text.lower() not in (seen.lower() for seen in texts):
            texts.append(text)
    item["options"] = [
        {"text": text, **({"correct": True} if option in correct else {})}
        for option, text in enumerate(texts)
    ]
    return item


def quiz_settings(questions: int) -> dict[str, object]:
    """Ask a few questions drawn from the pool, if this packager can (it keeps resume data small)."""
    try:
        from packager.course.models import QuizFile
    except ImportError:
        return {}
    return {"draw": min(10, questions)} if "draw" in QuizFile.model_fields else {}


def generate(root: Path, size: Size, seed: int = 7) -> Path:
    """Write the course for ``size`` into ``root`` (replacing it); returns ``root``."""
    if root.exists():
        shutil.rmtree(root)
    for folder in ("lessons", "quizzes", "media"):
        (root / folder).mkdir(parents=True)
    rng = random.Random(seed)
    media_bytes = size.media_mib * (1 << 20)
    # How many files of each kind, to split that kind's share of the bytes between them.
    counts = {
        suffix: sum(1 for index in range(size.lessons) if (suffix, share, style) in media_for(index))
        for suffix, share, _, _, style in MEDIA_PLAN
    }
    lessons = []
    for index in range(size.lessons):
        title = f"Lesson {index + 1}. {sentence(rng, rng.randint(3, 6))[:-1]}"
        media = []
        for suffix, share, style in media_for(index):
            name = f"lesson-{index + 1:04d}{suffix}"
            mean = media_bytes * share / max(1, counts[suffix])
            write_media(root / "media" / name, max(64, int(mean * rng.uniform(0.5, 1.5))), seed)
            if style == "video":
                (root / "media" / name).with_suffix(".vtt").write_text(captions(rng, title), "utf-8")
            media.append((name, style))
        relative = f"lessons/{index + 1:04d}-lesson-{index + 1}.md"
        (root / relative).write_text(lesson_text(rng, index, title, media), "utf-8")
        lessons.append(relative)
    quiz = {
        "title": "Final assessment",
        **quiz_settings(size.questions),
        "questions": [question(rng, index) for index in range(size.questions)],
    }
    (root / "quizzes" / "final.yaml").write_text(
        yaml.safe_dump(quiz, sort_keys=False, allow_unicode=True, width=200, default_flow_style=None), "utf-8"
    )
    course = {
        "id": f"bench-{size.name}",
        "title": f"Benchmark course ({size.name})",
        "description": "A synthetic course for the build benchmark.",
        "language": "en",
        "version": "1.0.0",
        "mastery_score": 80,
        "lessons": lessons,
        "quiz": "quizzes/final.yaml",
    }
    (root / "course.yaml").write_text(yaml.safe_dump(course, sort_keys=False), "utf-8")
    return root


EDIT = "\nAn added paragraph: the author fixed a typo and rebuilt.\n"


def edit_one_lesson(root: Path) -> Path:
    """Change the middle lesson's text (the "one lesson changed" rebuild); returns its path."""
    lessons = sorted((root / "lessons").glob("*.md"))
    lesson = lessons[len(lessons) // 2]
    with lesson.open("a", encoding="utf-8") as stream:
        stream.write(EDIT)
    return lesson


def restore_lesson(lesson: Path) -> None:
    """Undo :func:`edit_one_lesson`."""
    text = lesson.read_text("utf-8")
    lesson.write_text(text.removesuffix(EDIT), "utf-8")


def main() -> None:
    """Command line: write one course."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", choices=[size.name for size in SIZES], default="small")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every count (default 1)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    size = next(size for size in SIZES if size.name == args.size).scaled(args.scale)
    generate(args.out, size, args.seed)
    print(
        f"wrote {args.out}: {size.lessons} lessons, {size.questions} questions, "
        f"{size.media_mib:.0f} MiB of media"
    )


if __name__ == "__main__":
    main()
