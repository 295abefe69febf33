"""Loading plug-ins from an entry-point group, as Sphinx and MkDocs extensions are loaded.

Question types (:mod:`packager.questions.registry`) and lesson blocks
(:mod:`packager.blocks.registry`) are each a group; the entry point's name is the plug-in's name.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import ClassVar, TypeVar

from pydantic import BaseModel

from packager.errors import PackagerError

PluginT = TypeVar("PluginT")


def load_plugins(
    group: str, kind: str, expected: type[PluginT], problem: Callable[[PluginT, str], str | None]
) -> dict[str, PluginT]:
    """Every object registered under ``group``, by entry-point name, in name order.

    ``kind`` names a plug-in in messages ("question type"); ``problem`` says why a registered
    object of the ``expected`` class cannot serve under its name, if it cannot. A plug-in that
    cannot be loaded, or fails the check, is a :class:`PackagerError` naming it.
    """
    found: dict[str, PluginT] = {}
    for entry_point in sorted(entry_points(group=group), key=lambda point: point.name):
        where = f"the {kind} plug-in {entry_point.name!r} ({entry_point.value})"
        try:
            plugin = entry_point.load()
        except Exception as error:  # a broken plug-in is the installer's problem, told plainly
            raise PackagerError(f"{where} cannot be loaded: {error}") from None
        if not isinstance(plugin, expected):
            raise PackagerError(
                f"{where} is a {type(plugin).__name__}, not a {expected.__module__}.{expected.__name__}"
            )
        reason = problem(plugin, entry_point.name)
        if reason:
            raise PackagerError(f"{where} {reason}")
        found.setdefault(entry_point.name, plugin)  # the same package seen twice on sys.path
    return found


def model_problem(plugin: PluginKind, name: str, base: type[BaseModel]) -> str | None:
    """Why ``plugin`` cannot serve as ``name``: a model that is not a ``base``, or that is not
    named ``name`` by its ``type`` literal (the checks every kind of plug-in shares)."""
    if not (isinstance(plugin.model, type) and issubclass(plugin.model, base)):
        return f"has a model that is not a subclass of {base.__module__}.{base.__qualname__}"
    try:
        named = plugin.name
    except (KeyError, ValueError):
        return "has a model whose 'type' field is not one Literal name"
    if named != name:
        return f"has a model of type {named!r}: the entry point must be named after it"
    return None


class PluginKind:
    """What every kind of content a plug-in registers shares (a question type, a lesson block): it is
    named by its model's ``type`` literal, and its template and script are found by that name."""

    folder: ClassVar[str]
    """``questions`` or ``blocks``: where its template and runtime script go."""
    model: type[BaseModel]

    @property
    def name(self) -> str:
        """The model's ``type`` literal: ``type:`` in a quiz file, the name after ``:::`` in a lesson."""
        (name,) = typing.get_args(self.model.model_fields["type"].annotation)
        return str(name)

    @property
    def template_name(self) -> str:
        """The template's name in the Jinja2 environment."""
        return f"{self.folder}/{self.name}.html"

    @property
    def script_path(self) -> str:
        """Where the runtime script goes in a package."""
        return f"runtime/{self.folder}/{self.name}.js"
