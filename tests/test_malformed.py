"""The corpus of malformed courses: each gets its messages, exit code 1, and the last build stays.

``tests/malformed/<case>/`` holds a course folder's files and ``expected.txt``: ``#`` lines say what
the case shows, every other line is one message exactly as ``packager build`` prints it (without
``error:``), in order, for the course copied to ``course/`` and built from its parent folder.
Cases a folder cannot hold (symbolic links, unreadable or huge files, devices) are made below.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_packager
from tests.refusals import COURSE_ID, Refused, failure_messages

CORPUS = Path(__file__).resolve().parent / "malformed"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())
LESSON = "---\ntitle: Introduction\n---\nHello, learner.\n"
LESSON_WITH_PHOTO = "---\ntitle: Introduction\n---\nHello.\n\n![A photo](../media/photo.png)\n"
COURSE = f"id: {COURSE_ID}\ntitle: A broken course\nlessons:\n  - lessons/01-intro.md\n"
QUIZ = "questions:\n  - id: sky\n    type: true-false\n    prompt: The sky is blue.\n    answer: true\n"


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    plain_output(monkeypatch, tmp_path_factory)


def plain_output(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Plain text on stderr (no colour codes); the build cache away from the user's."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("PACKAGER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def expected_messages(case: str) -> list[str]:
    lines = (CORPUS / case / "expected.txt").read_text("utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def copy_case(case: str, parent: Path) -> Path:
    """The case's course files at ``parent/course`` (an empty case gives an empty folder)."""
    course = parent / "course"
    shutil.copytree(CORPUS / case, course, ignore=shutil.ignore_patterns("expected.txt"))
    return course


def write_course(parent: Path, files: dict[str, str | bytes]) -> Path:
    course = parent / "course"
    for relative, content in files.items():
        path = course / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    return course


@pytest.mark.parametrize("case", CASES)
def test_malformed_course(case: str, tmp_path: Path, refused: Refused) -> None:
    copy_case(case, tmp_path)
    assert refused() == expected_messages(case)


def test_every_case_expects_something() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        lines = (CORPUS / case / "expected.txt").read_text("utf-8").splitlines()
        assert lines[0].startswith("# "), f"{case}: say what the case shows on the first line"
        assert expected_messages(case), f"{case}: no expected message"


@pytest.mark.parametrize(
    "case",
    [
        "course-and-files-all-wrong",
        "yaml-alias-bomb",
        "control-characters",
        "markup-and-emoji-codes-in-messages",
    ],
)
def test_malformed_course_as_a_process(case: str, tmp_path: Path, previous_build: dict[str, bytes]) -> None:
    copy_case(case, tmp_path)
    env = {key: value for key, value in os.environ.items() if key != "FORCE_COLOR"}
    result = run_packager("build", "course", "-o", "build", cwd=tmp_path, env=env)
    messages = failure_messages(result.returncode, result.stdout, result.stderr, tmp_path, previous_build)
    assert messages == expected_messages(case)


# --- cases a folder in the repository cannot hold ----------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symbolic_links_out_of_the_course_are_refused(tmp_path: Path, refused: Refused) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: Secret\n---\nNot part of the course.\n", "utf-8")
    (outside / "quiz.yaml").write_text(QUIZ, "utf-8")
    (outside / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (outside / "lessons").mkdir()
    (outside / "lessons" / "hidden.md").write_text(LESSON, "utf-8")
    course = write_course(
        tmp_path,
        {
            "course.yaml": COURSE + "  - lessons/02-secret.md\n  - linked/hidden.md\nquiz: quiz.yaml\n",
            "lessons/01-intro.md": LESSON_WITH_PHOTO,
        },
    )
    (course / "lessons" / "02-secret.md").symlink_to(outside / "secret.md")
    (course / "linked").symlink_to(outside / "lessons", target_is_directory=True)
    (course / "quiz.yaml").symlink_to(Path("..") / "outside" / "quiz.yaml")
    (course / "media").mkdir()
    (course / "media" / "photo.png").symlink_to(outside / "photo.png")
    assert refused() == [
        "course/lessons/01-intro.md:6:12 image: '../media/photo.png' points outside the course folder",
        "course/lessons/02-secret.md: the file lies outside the course folder (through a link)",
        "course/linked/hidden.md: the file lies outside the course folder (through a link)",
        "course/quiz.yaml: the file lies outside the course folder (through a link)",
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symbolic_link_loops(tmp_path: Path, refused: Refused) -> None:
    course = write_course(
        tmp_path,
        {
            "course.yaml": COURSE + "  - lessons/02-loop.md\n",
            "lessons/01-intro.md": "---\ntitle: Introduction\n---\nHello.\n\n![A loop](loop.png)\n",
        },
    )
    (course / "lessons" / "02-loop.md").symlink_to("02-loop.md")
    (course / "lessons" / "loop.png").symlink_to("loop.png")
    messages = refused()
    assert messages[0] == "course/lessons/01-intro.md:6:11 image: cannot read 'loop.png': not a usable file"
    assert messages[1].startswith("course/lessons/02-loop.md: ")
    assert len(messages) == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_not_read(tmp_path: Path, refused: Refused) -> None:
    """Reading a pipe would wait for ever: it is refused unread."""
    course = write_course(
        tmp_path, {"course.yaml": COURSE + "quiz: quiz.yaml\n", "lessons/01-intro.md": LESSON}
    )
    os.mkfifo(course / "quiz.yaml")
    assert refused() == [
        "course/course.yaml:5:1 quiz: 'course/quiz.yaml' is not a file (a folder, or a device)"
    ]


def test_unreadable_files(
    tmp_path: Path,
    refused: Refused,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Permission denied on a lesson, a quiz and an image (tests run as root: simulated)."""
    write_course(
        tmp_path,
        {
            "course.yaml": COURSE + "  - lessons/02-locked.md\nquiz: quiz.yaml\n",
            "lessons/01-intro.md": LESSON_WITH_PHOTO,
            "lessons/02-locked.md": LESSON,
            "quiz.yaml": QUIZ,
            "media/photo.png": b"\x89PNG\r\n\x1a\n",
        },
    )
    locked = {"02-locked.md", "quiz.yaml", "photo.png"}
    read_bytes, open_file = Path.read_bytes, Path.open

    def refuse_read(path: Path) -> bytes:
        if path.name in locked:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    def refuse_open(path: Path, *args: object, **kwargs: object) -> object:
        if path.name in locked:
            raise PermissionError(13, "Permission denied", str(path))
        return open_file(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "read_bytes", refuse_read)
    monkeypatch.setattr(Path, "open", refuse_open)
    assert refused() == [
        "course/lessons/01-intro.md:6:12 image: cannot read '../media/photo.png': Permission denied",
        "course/lessons/02-locked.md: cannot read the file: Permission denied",
        "course/quiz.yaml: cannot read the file: Permission denied",
    ]


def test_huge_files_are_refused_unread(tmp_path: Path, refused: Refused) -> None:
    huge_lesson = "---\ntitle: Huge\n---\n" + "All work and no play. " * 50_000
    huge_quiz = QUIZ + "# padding\n" * 110_000
    write_course(
        tmp_path,
        {
            "course.yaml": COURSE + "  - lessons/02-huge.md\nquiz: quiz.yaml\n",
            "lessons/01-intro.md": LESSON,
            "lessons/02-huge.md": huge_lesson,
            "quiz.yaml": huge_quiz,
        },
    )
    assert refused() == [
        f"course/lessons/02-huge.md: the file is too large ({len(huge_lesson)} bytes; the limit is 1024 KiB)",
        f"course/quiz.yaml: the file is too large ({len(huge_quiz)} bytes; the limit is 1024 KiB)",
    ]


def test_thousands_of_lessons_are_refused_before_any_is_read(tmp_path: Path, refused: Refused) -> None:
    """None of these files exists: one message, not five thousand, shows none was looked for."""
    listed = "".join(f"  - lessons/{number:04}-lesson.md\n" for number in range(5000))
    write_course(tmp_path, {"course.yaml": f"id: {COURSE_ID}\ntitle: Long\nlessons:\n{listed}"})
    assert refused() == [
        "course/course.yaml:3:1 lessons: the course lists 5000 lessons; the limit is 1000 (split it into "
        "several courses)"
    ]


def test_a_flat_list_of_too_many_values(tmp_path: Path, refused: Refused) -> None:
    quiz = "questions: [" + ", ".join(["x"] * 120_000) + "]\n"
    write_course(
        tmp_path,
        {"course.yaml": COURSE + "quiz: quiz.yaml\n", "lessons/01-intro.md": LESSON, "quiz.yaml": quiz},
    )
    [message] = refused()
    assert message.startswith("course/quiz.yaml:1:")
    assert message.endswith(
        "the file holds more than 100000 values (aliases expanded); it is far too large for a course file"
    )


def test_paths_are_named_as_the_course_folder_was(tmp_path: Path, refused: Refused) -> None:
    """An absolute course folder gives absolute paths, for course.yaml and lessons alike."""
    course = copy_case("course-and-files-all-wrong", tmp_path)
    assert refused(str(course), "-o", ".", cwd=tmp_path / "build") == [
        f"{course}/{line.removeprefix('course/')}" for line in expected_messages("course-and-files-all-wrong")
    ]
