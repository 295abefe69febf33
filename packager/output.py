"""Write one output file atomically: a temporary file beside it, renamed into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from packager.errors import PackagerError


def write_file(destination: Path, data: bytes) -> None:
    """Write ``data`` to ``destination``: either the whole file appears, or nothing changes."""
    temporary: Path | None = None
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
        )
        temporary = Path(name)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, destination)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise PackagerError(f"cannot write the file: {error.strerror or error}", file=destination) from None
