"""Translation round trip: a course's text out as XLIFF for translators, and back as a course per language.

:mod:`.segments` finds every translatable string of a course (titles, Markdown blocks with their
inline markup as placeholders, prompts, options, feedback, alt text); :mod:`.xliff` writes and reads
XLIFF through translate-toolkit; :mod:`.apply` writes the translated course folder that the build
packages as ``<course-id>-<language>-<target>.zip``. Translations live in the course folder, at
``translations/<language>.xlf``.
"""
