"""Output targets: one module per format, registered here by name."""

from __future__ import annotations

from packager.targets.base import Target
from packager.targets.scorm12 import Scorm12

TARGETS: dict[str, type[Target]] = {target.name: target for target in (Scorm12,)}
"""Every target, by the name ``--target`` takes. Register a new target here."""

__all__ = ["TARGETS", "Target"]
