"""The shipped message catalogues, and the messages of one course (its language and overrides)."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent, get_decimal_symbol
from babel.support import Translations

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SOURCE_LOCALE = "en"
DOMAIN = "messages"

Override = str | list[str]
"""An author's text for one message: one text, or (for a message with plurals) one per form."""


def catalogue_path(locale: str) -> Path:
    """Where the catalogue of a Babel locale identifier (``pl``, ``zh_Hans``) is."""
    return LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def shipped_locales() -> tuple[str, ...]:
    """Every locale a catalogue ships for, as Babel identifiers, sorted."""
    return tuple(sorted(path.parent.parent.name for path in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


@cache
def read_catalogue(locale: str) -> Catalog:
    """One shipped catalogue, parsed by Babel."""
    with catalogue_path(locale).open("rb") as stream:
        return read_po(stream, locale=locale, domain=DOMAIN)


@cache
def message_keys() -> dict[str, bool]:
    """Every message id of the source catalogue -> whether it has plural forms."""
    return {
        str(message.id if isinstance(message.id, str) else message.id[0]): message.pluralizable
        for message in read_catalogue(SOURCE_LOCALE)
        if message.id
    }


def babel_locale(language: str) -> Locale | None:
    """The Babel locale of a BCP 47 tag (``es-MX``, ``zh-Hans``), or None if CLDR does not know it."""
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def catalogue_for(language: str) -> str:
    """The shipped catalogue for a course language: its script variant, its language, else English."""
    locale = babel_locale(language)
    if locale is None:
        return SOURCE_LOCALE
    shipped = shipped_locales()
    for candidate in (f"{locale.language}_{locale.script}", locale.language):
        if candidate in shipped:
            return candidate
    return SOURCE_LOCALE


@dataclass(frozen=True)
class Messages:
    """The interface strings of one course: a catalogue, with the author's overrides applied."""

    language: str
    """The course's language (BCP 47); numbers are formatted for it."""
    catalogue: Catalog
    translations: Translations

    @property
    def locale(self) -> str:
        """The catalogue's Babel identifier (``pl``, ``zh_Hans``)."""
        return str(self.catalogue.locale)

    def text(self, key: str, **values: Any) -> str:
        """A message without plurals, its ``{name}`` placeholders filled in."""
        if message_keys().get(key) is not False:
            raise KeyError(f"no interface message {key!r} without plural forms in the catalogues")
        return self.translations.gettext(key).format(**self._formatted(values))

    def plural(self, key: str, count: int, **values: Any) -> str:
        """A message with plural forms, the form chosen for ``count`` by the language's rule."""
        if message_keys().get(key) is not True:
            raise KeyError(f"no interface message {key!r} with plural forms in the catalogues")
        return self.translations.ngettext(key, key, count).format(
            **self._formatted({"count": count, **values})
        )

    def number(self, value: int | float | Decimal) -> str:
        """A number as the course's language writes it."""
        return str(format_decimal(value, locale=self._locale(), decimal_quantization=False))

    def percent(self, fraction: float | Decimal) -> str:
        """A fraction (0.8) as a percentage (``80 %`` in French)."""
        rounded = Decimal(str(fraction)).quantize(Decimal("0.0001"))
        return str(format_percent(rounded, locale=self._locale(), decimal_quantization=False))

    def runtime(self) -> dict[str, Any]:
        """The strings and number symbols the page's scripts need (they run offline: no fetch)."""
        strings: dict[str, str | list[str]] = {}
        for message in self.catalogue:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            text = message.string
            strings[key] = [str(form) for form in text] if isinstance(text, tuple | list) else str(text)
        sample = self.percent(Decimal("0.125"))
        number = self.number(Decimal("12.5"))
        prefix, _, suffix = sample.partition(number)
        return {
            "language": self.language,
            "strings": strings,
            "decimal": str(get_decimal_symbol(self._locale())),
            "percent": [prefix, suffix],
        }

    @property
    def plural_expression(self) -> str:
        """The catalogue's gettext plural expression in ``n`` (C syntax, which is also JavaScript's)."""
        return str(self.catalogue.plural_expr)

    @cached_property
    def digest(self) -> str:
        """What the rendered text depends on: the language, the messages and the number formats."""
        return hashlib.sha256(json.dumps(self.runtime(), sort_keys=True).encode()).hexdigest()

    def _formatted(self, values: dict[str, Any]) -> dict[str, Any]:
        return {
            name: self.number(value)
            if isinstance(value, int | float) and not isinstance(value, bool)
            else value
            for name, value in values.items()
        }

    def _locale(self) -> Locale:
        return babel_locale(self.language) or Locale.parse(self.locale)


def messages_for(language: str, overrides: Mapping[str, Override] | None = None) -> Messages:
    """The messages of a course in ``language``, with the author's ``strings:`` overrides."""
    return _messages(language, json.dumps(dict(overrides or {}), sort_keys=True))


@cache
def _messages(language: str, overrides: str) -> Messages:
    source = read_catalogue(catalogue_for(language))
    catalogue = Catalog(locale=source.locale, domain=DOMAIN)
    for message in source:
        if message.id:
            catalogue.add(message.id, message.string)
    for key, text in json.loads(overrides).items():
        found = catalogue[key]
        given = [text] if isinstance(text, str) else text
        # Fewer forms than the language has: the last one stands for the rest.
        forms = (given + [given[-1]] * catalogue.num_plurals)[: catalogue.num_plurals]
        if found is not None:
            found.string = tuple(forms) if found.pluralizable else forms[0]
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Messages(language, catalogue, Translations(compiled, domain=DOMAIN))
