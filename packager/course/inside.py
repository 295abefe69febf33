"""The one check every file a course references goes through: it must resolve inside the course.

Lessons, quizzes, images, audio, video, their captions and downloads are all read through
:func:`resolve_inside`; a symbolic link (to a file, or to a folder on the way, such as ``media/``
or ``lessons/``) that leads out of the course folder is refused, so no outside byte reaches a
package. Each caller words the refusal for what it was reading.
"""

from __future__ import annotations

import errno
from enum import Enum
from pathlib import Path


class Refusal(Enum):
    """Why a referenced path cannot be used."""

    OUTSIDE = "outside"
    MISSING = "missing"
    LOOP = "loop"
    NOT_A_FILE = "not-a-file"
    UNREADABLE = "unreadable"
    BAD_NAME = "bad-name"


class Refused(Exception):
    """A path :func:`resolve_inside` refuses; ``reason`` is the system's words, when it gave any."""

    def __init__(self, refusal: Refusal, reason: str = "") -> None:
        super().__init__(refusal.value)
        self.refusal = refusal
        self.reason = reason or "not a usable file"


def resolve_inside(root: Path, path: Path) -> Path:
    """``path`` with every link followed: a regular file inside ``root`` (itself resolved).

    Whether it leads outside is checked before whether it exists, so a link out of the course is
    refused as such even when its target is missing.
    """
    try:
        resolved = path.resolve()
    except RuntimeError:  # Python < 3.13 on a symbolic link loop
        raise Refused(Refusal.LOOP) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Refused(Refusal.LOOP) from None
        raise Refused(Refusal.UNREADABLE, error.strerror or "") from None
    except ValueError:  # a NUL byte in the name
        raise Refused(Refusal.BAD_NAME) from None
    if not resolved.is_relative_to(root):
        raise Refused(Refusal.OUTSIDE)
    try:
        if not resolved.exists():
            # Python 3.13 leaves a loop unresolved: the path is still a link.
            raise Refused(Refusal.LOOP if resolved.is_symlink() else Refusal.MISSING)
        if not resolved.is_file():
            raise Refused(Refusal.NOT_A_FILE)
    except OSError as error:
        raise Refused(Refusal.UNREADABLE, error.strerror or "") from None
    except ValueError:
        raise Refused(Refusal.BAD_NAME) from None
    return resolved
