"""The last step of the pipeline: a package's files into a deterministic zip.

:mod:`~packager.archive.entries` says what the entries are (names, order, timestamp),
:mod:`~packager.archive.writer` writes the zip, reusing what the previous zip holds,
:mod:`~packager.archive.inplace` updates a large zip in place behind an undo journal, and
:mod:`~packager.archive.zip_adapter` is the one place that touches zipfile's internals.
"""
