"""Output targets: one module per format, registered here by name.

Each target's module is imported the first time the target is used, so that commands which only
name targets (the options of ``packager build``, an up-to-date rebuild) start without loading
lxml, Jinja2 and the course models.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from packager.targets.base import Target


class TargetRegistry(Mapping[str, "Target"]):
    """Targets by name, each made from ``module:Class`` and keyword arguments on first use."""

    def __init__(self, entries: dict[str, tuple[str, dict[str, Any]]]) -> None:
        self._entries = entries
        self._made: dict[str, Target] = {}

    def __getitem__(self, name: str) -> Target:
        if name not in self._made:
            path, arguments = self._entries[name]
            module, _, class_name = path.partition(":")
            target: Target = getattr(importlib.import_module(module), class_name)(**arguments)
            if target.name != name:
                raise RuntimeError(f"target {path} is named {target.name!r}, registered as {name!r}")
            self._made[name] = target
        return self._made[name]

    def __contains__(self, name: object) -> bool:
        return name in self._entries  # without importing the target's module

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


TARGETS = TargetRegistry(
    {
        "scorm12": ("packager.targets.scorm12:Scorm12", {}),
        "scorm2004-3rd": ("packager.targets.scorm2004:Scorm2004", {"edition": 3}),
        "scorm2004-4th": ("packager.targets.scorm2004:Scorm2004", {"edition": 4}),
        "cmi5": ("packager.targets.cmi5:Cmi5", {}),
        "tincan": ("packager.targets.tincan:Tincan", {}),
        "web": ("packager.targets.web:Web", {}),
    }
)
"""Every target, by the name ``--target`` takes, in build order. Register a new target here."""

__all__ = ["TARGETS", "TargetRegistry"]
