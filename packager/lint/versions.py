"""Which SCORM version a manifest declares, read as LMSs read it: ``metadata/schemaversion``.

The versions and their namespaces, prefixes and XSDs are not written again here: they come from
:mod:`packager.standards`, as the targets' do, so the linter checks exactly what the build writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from packager.standards import LINTED_SCORM_VERSIONS, ScormVersion

DEFAULT_SCHEMAVERSION = "1.2"
"""What LMSs assume when a manifest names no version."""


@dataclass(frozen=True)
class Detection:
    """What a manifest says about its version."""

    version: ScormVersion | None
    """The version the rules apply: the one named, else the one whose namespace the manifest uses."""
    schemaversion: str | None
    """``metadata/schemaversion`` as written; None when missing."""
    exact: bool
    """Whether the manifest names a version the linter has XSDs for (else no XSD validation)."""
    namespace_matches: bool
    """Whether the manifest's namespace is that version's; if not, version-specific rules stand
    aside and only VER003 reports it (everything else would follow from it)."""

    @property
    def checkable(self) -> ScormVersion | None:
        """The version whose specific rules apply, if the manifest is consistently that version."""
        return self.version if self.namespace_matches else None

    @property
    def validatable(self) -> ScormVersion | None:
        """The version whose XSDs the manifest is validated against, if any."""
        return self.version if self.namespace_matches and self.exact else None


def known_versions() -> tuple[ScormVersion, ...]:
    """Every SCORM version the linter recognises (:data:`packager.standards.LINTED_SCORM_VERSIONS`)."""
    return LINTED_SCORM_VERSIONS


def expected_prefixes() -> dict[str, str]:
    """Extension namespace -> the one prefix LMS importers accept for it, over every version."""
    return {
        namespace: prefix for version in known_versions() for prefix, namespace in version.prefixes.items()
    }


def local_name(node: etree._Element) -> str:
    """The element's name without namespace ('' for comments and processing instructions)."""
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def declared_schemaversion(manifest: etree._Element) -> str | None:
    """The text of the manifest's own ``metadata/schemaversion``, whitespace collapsed."""
    for metadata in manifest:
        if local_name(metadata) != "metadata":
            continue
        for child in metadata:
            if local_name(child) == "schemaversion":
                return " ".join((child.text or "").split())
    return None


def detect_version(manifest: etree._Element) -> Detection:
    """The version a manifest declares; a missing ``schemaversion`` means 1.2, as in LMSs."""
    declared = declared_schemaversion(manifest)
    wanted = (declared or DEFAULT_SCHEMAVERSION).casefold()
    namespace = etree.QName(manifest).namespace
    for version in known_versions():
        if version.schemaversion.casefold() == wanted:
            return Detection(version, declared, exact=True, namespace_matches=namespace == version.imscp)
    by_namespace = next((version for version in known_versions() if version.imscp == namespace), None)
    return Detection(by_namespace, declared, exact=False, namespace_matches=by_namespace is not None)
