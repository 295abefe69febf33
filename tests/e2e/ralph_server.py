"""Run ralph's LRS API on a listening socket inherited from the parent (``python ralph_server.py FD``).

ralph's filesystem LRS backend writes every batch of statements with the operation type CREATE,
which refuses once its one statements file exists: only the first POST would ever be stored
(ralph-malph 4.2 to 5.1). Appending is what a single-process test LRS needs, so this sets the
backend's default operation type to APPEND before the API loads; the API, its validation,
authentication and queries are ralph's own.
"""

from __future__ import annotations

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

if __name__ == "__main__":
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    from ralph.api import app

    uvicorn.run(app, fd=int(sys.argv[1]), log_level="warning", access_log=False)
