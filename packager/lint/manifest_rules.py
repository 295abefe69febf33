"""The manifest: version, namespaces, identifiers, references and the file list.

These are the conformance rules the ADL test suite and LMS importers apply beyond the XSDs
(``shared/notes/scorm-rules.md``). The build runs them on every manifest it writes
(:func:`manifest_problems`); ``packager lint`` runs them on any package.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from lxml import etree

from packager.lint.findings import RULES, Hit, Severity, rule
from packager.lint.package import Package
from packager.lint.versions import expected_prefixes, known_versions, local_name
from packager.standards import MANIFEST, NCNAME, XML_NAMESPACE, XSI_NAMESPACE

XML_BASE = f"{{{XML_NAMESPACE}}}base"
XSI_SCHEMA_LOCATION = f"{{{XSI_NAMESPACE}}}schemaLocation"


def manifest_problems(manifest: etree._Element, files: Iterable[str]) -> list[str]:
    """The messages of every manifest rule, for a manifest and the names of its package's files."""
    package = Package(files=frozenset(files), manifest=manifest)
    return [
        finding.message
        for check in RULES.values()
        if check.needs == "manifest"
        for finding in check.run(package)
    ]


# --- helpers -----------------------------------------------------------------------------------


def _manifest(package: Package) -> etree._Element:
    assert package.manifest is not None, "manifest rules run only on a parsed manifest"
    return package.manifest


def _cp(package: Package, name: str) -> list[etree._Element]:
    """Every element ``name`` of the manifest's own (content-packaging) namespace, in document order."""
    key = f"cp:{name}"
    if key not in package.derived:
        manifest = _manifest(package)
        namespace = etree.QName(manifest).namespace or ""
        package.derived[key] = list(manifest.iter(f"{{{namespace}}}{name}"))
    found: list[etree._Element] = package.derived[key]
    return found


def source_line(element: etree._Element) -> int | None:
    """The element's line in the parsed file (None for elements built in memory)."""
    line = element.sourceline
    return line if isinstance(line, int) else None


def _at(element: etree._Element, message: str) -> Hit:
    return Hit(message, MANIFEST, source_line(element))


def _bases(package: Package, element: etree._Element) -> tuple[str, ...]:
    """The xml:base values that apply to an element's hrefs, outermost first."""
    if "any xml:base" not in package.derived:
        manifest = _manifest(package)
        package.derived["any xml:base"] = any(node.get(XML_BASE) for node in manifest.iter(etree.Element))
    if not package.derived["any xml:base"]:
        return ()  # the usual case
    chain = [*reversed(list(element.iterancestors())), element]
    return tuple(str(node.get(XML_BASE)) for node in chain if node.get(XML_BASE))


def _is_url(reference: str) -> bool:
    if ":" not in reference and not reference.startswith("//"):
        return False  # neither a scheme nor a host: a path (and urlsplit is slow)
    split = urlsplit(reference)
    return bool(split.scheme or split.netloc)


def _is_external(reference: str) -> bool:
    return reference.startswith("//") or urlsplit(reference).scheme.lower() in ("http", "https")


def resolve_href(href: str, bases: Sequence[str] = ()) -> str | None:
    """The package path an href names, after its xml:bases; None for a URL or a path leaving the package.

    Query and fragment are dropped and %-escapes decoded, as a browser would.
    """
    parts: list[str] = []
    references = [*bases, href]
    for index, reference in enumerate(references):
        if _is_url(reference) or reference.startswith("/") or "\\" in reference:
            return None
        path = reference if _plain_path(reference) else unquote(urlsplit(reference).path)
        if index < len(bases):
            path = path[: path.rfind("/") + 1]  # a base names the folder up to its last slash
        for segment in path.split("/"):
            if segment == "..":
                if not parts:
                    return None
                parts.pop()
            elif segment not in ("", "."):
                parts.append(segment)
    return "/".join(parts) or None


def _plain_path(reference: str) -> bool:
    """Whether a relative reference is its own path: nothing for urlsplit to strip, cut or decode."""
    if not reference:
        return True
    trimmed = reference[0] > " " and reference[-1] > " "
    plain = not reference.startswith("//") and not any(character in reference for character in ":?#%\t\r\n")
    return trimmed and plain


def _href_problem(reference: str, bases: Sequence[str]) -> str | None:
    if reference.startswith("/"):
        return "starts with '/'; hrefs are relative to the package root"
    if "\\" in reference:
        return "contains a backslash; use forward slashes"
    if urlsplit(reference).scheme.lower() == "file":
        return "is a file: URL, which points at the author's disk"
    if not _is_url(reference) and ".." in reference.split("/") and resolve_href(reference, bases) is None:
        return "climbs out of the package with '../'"
    return None


def _identifiers(package: Package) -> dict[str, str]:
    """identifier -> local name of the first element that has it."""
    found: dict[str, str] = {}
    for element in _manifest(package).iter():
        value = element.get("identifier") if isinstance(element.tag, str) else None
        if value is not None:
            found.setdefault(value, local_name(element))
    return found


def _listed_files(package: Package) -> dict[str, etree._Element]:
    """Every package path the manifest lists (file hrefs, adlcp:location metadata) -> where."""
    if "listed files" not in package.derived:
        package.derived["listed files"] = _find_listed_files(package)
    listed: dict[str, etree._Element] = package.derived["listed files"]
    return listed


def _find_listed_files(package: Package) -> dict[str, etree._Element]:
    listed: dict[str, etree._Element] = {}
    for file in _cp(package, "file"):
        path = resolve_href(str(file.get("href", "")), _bases(package, file))
        if path is not None:
            listed.setdefault(path, file)
    adlcp = {namespace for namespace, prefix in expected_prefixes().items() if prefix == "adlcp"}
    for element in _manifest(package).iter(*(f"{{{namespace}}}location" for namespace in adlcp)):
        if element.text and not _is_url(element.text.strip()):
            path = resolve_href(element.text.strip(), _bases(package, element))
            if path is not None:
                listed.setdefault(path, element)
    return listed


def _schema_files(package: Package) -> set[str]:
    """Package paths of the XSDs the manifest names in xsi:schemaLocation."""
    paths = set()
    for element in _manifest(package).iter():
        tokens = str(element.get(XSI_SCHEMA_LOCATION, "")).split() if isinstance(element.tag, str) else []
        for location in tokens[1::2]:
            path = resolve_href(location)
            if path is not None:
                paths.add(path)
    return paths


# --- version and namespaces ---------------------------------------------------------------------


@rule("MAN001", Severity.ERROR, "imsmanifest.xml is readable, well-formed XML", needs="archive")
def well_formed_manifest(package: Package) -> Iterator[Hit]:
    if package.manifest_problem is not None:
        yield package.manifest_problem


@rule("VER001", Severity.INFO, "the manifest names its SCORM version", needs="manifest")
def names_version(package: Package) -> Iterator[Hit]:
    if package.version.schemaversion is None:
        yield Hit("the manifest has no metadata/schemaversion; LMSs read it as SCORM 1.2", MANIFEST)


@rule("VER002", Severity.WARNING, "the SCORM version is one the linter knows", needs="manifest")
def known_version(package: Package) -> Iterator[Hit]:
    detection = package.version
    if detection.schemaversion is not None and not detection.exact:
        guess = f"; checked as {detection.version.schemaversion}" if detection.version else ""
        known = ", ".join(repr(version.schemaversion) for version in known_versions())
        yield Hit(
            f"schemaversion {detection.schemaversion!r} is not one of {known}, so the manifest was not "
            f"validated against XSDs{guess}",
            MANIFEST,
        )


@rule("VER003", Severity.ERROR, "the manifest's namespace matches its SCORM version", needs="manifest")
def namespace_matches_version(package: Package) -> Iterator[Hit]:
    version = package.version.version
    namespace = etree.QName(_manifest(package)).namespace
    if version is not None and namespace != version.imscp:
        yield _at(
            _manifest(package),
            f"the manifest's namespace is {namespace or 'none'!r}, but SCORM {version.schemaversion} "
            f"manifests use {version.imscp!r}",
        )


@rule("NS001", Severity.ERROR, "imscp is the manifest's default namespace", needs="manifest")
def imscp_is_default_namespace(package: Package) -> Iterator[Hit]:
    manifest = _manifest(package)
    namespace = etree.QName(manifest).namespace
    for element in [manifest, *_cp(package, "*")]:
        if element.prefix is not None:
            yield _at(
                element,
                f"the content-packaging namespace {namespace!r} is written with the prefix "
                f"'{element.prefix}:'; it must be the default namespace (Moodle matches literal names)",
            )
            return


@rule("NS002", Severity.ERROR, "extension namespaces use the prefixes LMSs expect", needs="manifest")
def standard_prefixes(package: Package) -> Iterator[Hit]:
    expected = expected_prefixes()
    reported: set[tuple[str | None, str]] = set()
    for element in _manifest(package).iter():
        if not isinstance(element.tag, str):
            continue
        for prefix, namespace in element.nsmap.items():
            wanted = expected.get(namespace)
            if wanted is None or prefix == wanted or (prefix, namespace) in reported:
                continue
            reported.add((prefix, namespace))
            written = "the default namespace" if prefix is None else f"the prefix '{prefix}'"
            yield _at(
                element,
                f"{namespace!r} is bound to {written}; LMS importers match the literal prefix "
                f"'{wanted}:', so declare xmlns:{wanted}",
            )


@rule("XSD003", Severity.ERROR, "every XSD named in xsi:schemaLocation is in the package", needs="manifest")
def schemas_shipped(package: Package) -> Iterator[Hit]:
    for element in _manifest(package).iter():
        value = element.get(XSI_SCHEMA_LOCATION) if isinstance(element.tag, str) else None
        if value is None:
            continue
        tokens = value.split()
        if len(tokens) % 2:
            yield _at(element, "xsi:schemaLocation must hold pairs of namespace and file name")
        for location in tokens[1::2]:
            path = resolve_href(location)
            if path is None:
                yield _at(
                    element,
                    f"xsi:schemaLocation names {location!r}, outside the package; "
                    "ship the XSD at the package root and name it by file name",
                )
            elif path not in package.files:
                yield _at(
                    element,
                    f"xsi:schemaLocation names {location!r}, which is not in the package; "
                    "the conformance suite needs every named XSD at the package root",
                )


# --- identifiers and references -----------------------------------------------------------------


@rule("ID001", Severity.ERROR, "identifiers are valid xs:ID values", needs="manifest")
def valid_identifiers(package: Package) -> Iterator[Hit]:
    for element in _manifest(package).iter():
        value = element.get("identifier") if isinstance(element.tag, str) else None
        if value is not None and not NCNAME.match(value):
            yield _at(element, f"identifier {value!r} is not a valid xs:ID")


@rule("ID002", Severity.ERROR, "identifiers are unique", needs="manifest")
def unique_identifiers(package: Package) -> Iterator[Hit]:
    seen: set[str] = set()
    for element in _manifest(package).iter():
        value = element.get("identifier") if isinstance(element.tag, str) else None
        if value is None:
            continue
        if value in seen:
            yield _at(element, f"identifier {value!r} is used twice")
        seen.add(value)


@rule("ORG001", Severity.ERROR, "organizations@default names an organization", needs="manifest")
def default_organization(package: Package) -> Iterator[Hit]:
    identifiers = _identifiers(package)
    for organizations in _cp(package, "organizations"):
        default = organizations.get("default")
        if default is not None and identifiers.get(default) != "organization":
            yield _at(organizations, f"organizations default {default!r} names no organization")


@rule("REF001", Severity.ERROR, "every identifierref names a resource", needs="manifest")
def references_resolve(package: Package) -> Iterator[Hit]:
    identifiers = _identifiers(package)
    for element in [*_cp(package, "item"), *_cp(package, "dependency")]:
        reference = element.get("identifierref")
        if reference is not None and identifiers.get(reference) != "resource":
            owner = element.get("identifier") if local_name(element) == "item" else None
            subject = f"item {owner!r}" if owner else local_name(element)
            yield _at(element, f"{subject} refers to a missing resource {reference!r}")


@rule("REF002", Severity.ERROR, "only leaf items have an identifierref", needs="manifest")
def leaf_references(package: Package) -> Iterator[Hit]:
    for item in _cp(package, "item"):
        has_children = any(local_name(child) == "item" for child in item)
        if item.get("identifierref") is not None and has_children:
            yield _at(
                item,
                f"item {item.get('identifier')!r} has child items and an identifierref; "
                "only leaf items may launch a resource",
            )


@rule("HREF001", Severity.ERROR, "hrefs are relative paths inside the package", needs="manifest")
def safe_hrefs(package: Package) -> Iterator[Hit]:
    for element in _manifest(package).iter():
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        checks = (
            ("href", element.get("href"), _bases(package, element)),
            ("xml:base", element.get(XML_BASE), () if parent is None else _bases(package, parent)),
        )
        for label, value, bases in checks:
            problem = None if value is None else _href_problem(value, bases)
            if problem:
                yield _at(element, f"{local_name(element)} {label} {value!r} {problem}")


@rule("RES001", Severity.ERROR, "a resource's href is one of its files", needs="manifest")
def launch_file_listed(package: Package) -> Iterator[Hit]:
    for resource in _cp(package, "resource"):
        href = resource.get("href")
        path = None if href is None else resolve_href(href, _bases(package, resource))
        if path is None:
            continue
        files = {
            resolve_href(str(file.get("href", "")), _bases(package, file))
            for file in resource
            if local_name(file) == "file"
        }
        if path not in files:
            message = f"resource {resource.get('identifier')!r} launches {href!r}, not among its files"
            yield _at(resource, message)


@rule("EXT003", Severity.WARNING, "resources launch from the package, not from a URL", needs="manifest")
def local_launch(package: Package) -> Iterator[Hit]:
    for resource in _cp(package, "resource"):
        href = resource.get("href")
        if href is not None and _is_external(href):
            yield _at(
                resource,
                f"resource {resource.get('identifier')!r} launches the external URL {href!r}; "
                "it fails offline and behind strict LMS policies",
            )


# --- SCOs and launch ----------------------------------------------------------------------------


@rule("SCO001", Severity.ERROR, "every resource says whether it is a sco or an asset", needs="manifest")
def scormtype_present(package: Package) -> Iterator[Hit]:
    version = package.version.checkable
    if version is None:
        return
    name = etree.QName(version.scormtype_attribute)
    other = f"{{{name.namespace}}}{_other_case(name.localname)}"
    for resource in _cp(package, "resource"):
        if resource.get(version.scormtype_attribute) is None and resource.get(other) is None:
            yield _at(
                resource,
                f"resource {resource.get('identifier')!r} has no adlcp:{name.localname} (sco or asset)",
            )


@rule("SCO002", Severity.ERROR, "the scormType attribute is spelt as the version requires", needs="manifest")
def scormtype_case(package: Package) -> Iterator[Hit]:
    version = package.version.checkable
    if version is None:
        return
    name = etree.QName(version.scormtype_attribute)
    other = _other_case(name.localname)
    for resource in _cp(package, "resource"):
        if resource.get(f"{{{name.namespace}}}{other}") is not None:
            yield _at(
                resource,
                f"resource {resource.get('identifier')!r} spells adlcp:{other}; SCORM "
                f"{version.schemaversion} reads only adlcp:{name.localname}",
            )


def _other_case(attribute: str) -> str:
    return "scormtype" if attribute == "scormType" else "scormType"


@rule("SCO003", Severity.WARNING, "at least one resource is a SCO", needs="manifest")
def has_a_sco(package: Package) -> Iterator[Hit]:
    version = package.version.checkable
    resources = _cp(package, "resource")
    if version is None or not resources:
        return
    if not any(resource.get(version.scormtype_attribute) == "sco" for resource in resources):
        yield Hit("no resource is a SCO: nothing will report progress or a score to the LMS", MANIFEST)


@rule("LCH001", Severity.WARNING, "the launch SCO is the first resource with an href", needs="manifest")
def launch_first(package: Package) -> Iterator[Hit]:
    organizations = _cp(package, "organization")
    if not organizations:
        return
    default = next((o.get("default") for o in _cp(package, "organizations") if o.get("default")), None)
    organization = next((o for o in organizations if o.get("identifier") == default), organizations[0])
    item_tag = f"{{{etree.QName(organization).namespace or ''}}}item"
    first_item = next((item for item in organization.iter(item_tag) if item.get("identifierref")), None)
    launched = next((r for r in _cp(package, "resource") if r.get("href") is not None), None)
    if first_item is None or launched is None:
        return
    wanted = first_item.get("identifierref")
    if _identifiers(package).get(str(wanted)) != "resource":
        return  # a dangling reference is REF001's
    if launched.get("identifier") != wanted:
        yield _at(
            launched,
            f"the first resource with an href is {launched.get('identifier')!r}, but the course starts "
            f"with {wanted!r}; Open edX launches the first one: put the launch SCO first",
        )


# --- the file list ------------------------------------------------------------------------------


@rule("FILE001", Severity.ERROR, "every file the manifest lists is in the package", needs="manifest")
def listed_files_present(package: Package) -> Iterator[Hit]:
    for path, element in sorted(_listed_files(package).items()):
        if path not in package.files:
            yield _at(element, f"the manifest lists {path!r}, which is not in the package")


@rule("FILE002", Severity.WARNING, "every file in the package is listed in the manifest", needs="manifest")
def files_listed(package: Package) -> Iterator[Hit]:
    listed = set(_listed_files(package)) | _schema_files(package)
    for name in sorted(package.files - listed - {MANIFEST}):
        if "/" not in name and PurePosixPath(name).suffix.lower() in (".xsd", ".dtd"):
            continue  # schema files at the root belong to the package, not to a resource
        yield Hit(f"the package holds {name!r}, which the manifest does not list", name)
