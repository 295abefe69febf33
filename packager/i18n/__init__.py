"""The learner's interface in the course's language: message catalogues, plurals, numbers, direction.

Catalogues are gettext ``.po`` files (``packager/locales/<locale>/LC_MESSAGES/messages.po``), one per
language, read through Babel's public API at build time. Message ids are stable keys
(``quiz.submit``); the English catalogue holds the source text. Plural rules come from Babel (the
``Plural-Forms`` of each catalogue), numbers are formatted with Babel's CLDR data, and the page's
runtime scripts receive the same strings as data in the page (:meth:`Messages.runtime`).
"""
