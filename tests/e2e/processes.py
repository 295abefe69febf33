"""Ending the servers the browser tests start as processes (ralph, the Open edX workbench)."""

from __future__ import annotations

import subprocess


def end_process(process: subprocess.Popen[bytes], timeout: float) -> None:
    """Ask ``process`` to end; kill it if it has not ended after ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
