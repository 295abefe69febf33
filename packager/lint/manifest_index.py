"""What the manifest rules share, worked out once per package: elements, identifiers, file lists."""

from __future__ import annotations

from lxml import etree

from packager.lint.findings import Hit
from packager.lint.hrefs import is_url, resolve_href, source_line
from packager.lint.messages import message
from packager.lint.package import Package
from packager.lint.versions import expected_prefixes, local_name
from packager.standards import MANIFEST, XML_NAMESPACE, XSI_NAMESPACE

XML_BASE = f"{{{XML_NAMESPACE}}}base"
XSI_SCHEMA_LOCATION = f"{{{XSI_NAMESPACE}}}schemaLocation"


def manifest_of(package: Package) -> etree._Element:
    assert package.manifest is not None, "manifest rules run only on a parsed manifest"
    return package.manifest


def cp(package: Package, name: str) -> list[etree._Element]:
    """Every element ``name`` of the manifest's own (content-packaging) namespace, in document order."""
    key = f"cp:{name}"
    if key not in package.derived:
        manifest = manifest_of(package)
        namespace = etree.QName(manifest).namespace or ""
        package.derived[key] = list(manifest.iter(f"{{{namespace}}}{name}"))
    found: list[etree._Element] = package.derived[key]
    return found


def at(element: etree._Element, key: str, /, **facts: object) -> Hit:
    """The message ``key`` (:mod:`packager.lint.messages`) about a manifest element, at its line."""
    return Hit(message(key, **facts), MANIFEST, source_line(element))


def bases(package: Package, element: etree._Element) -> tuple[str, ...]:
    """The xml:base values that apply to an element's hrefs, outermost first."""
    if "any xml:base" not in package.derived:
        manifest = manifest_of(package)
        package.derived["any xml:base"] = any(node.get(XML_BASE) for node in manifest.iter(etree.Element))
    if not package.derived["any xml:base"]:
        return ()  # the usual case
    chain = [*reversed(list(element.iterancestors())), element]
    return tuple(str(node.get(XML_BASE)) for node in chain if node.get(XML_BASE))


def identifiers(package: Package) -> dict[str, str]:
    """identifier -> local name of the first element that has it."""
    found: dict[str, str] = {}
    for element in manifest_of(package).iter():
        value = element.get("identifier") if isinstance(element.tag, str) else None
        if value is not None:
            found.setdefault(value, local_name(element))
    return found


def listed_files(package: Package) -> dict[str, etree._Element]:
    """Every package path the manifest lists (file hrefs, adlcp:location metadata) -> where."""
    if "listed files" not in package.derived:
        package.derived["listed files"] = _find_listed_files(package)
    listed: dict[str, etree._Element] = package.derived["listed files"]
    return listed


def _find_listed_files(package: Package) -> dict[str, etree._Element]:
    listed: dict[str, etree._Element] = {}
    for file in cp(package, "file"):
        path = resolve_href(str(file.get("href", "")), bases(package, file))
        if path is not None:
            listed.setdefault(path, file)
    adlcp = {namespace for namespace, prefix in expected_prefixes().items() if prefix == "adlcp"}
    for element in manifest_of(package).iter(*(f"{{{namespace}}}location" for namespace in adlcp)):
        if element.text and not is_url(element.text.strip()):
            path = resolve_href(element.text.strip(), bases(package, element))
            if path is not None:
                listed.setdefault(path, element)
    return listed


def schema_files(package: Package) -> set[str]:
    """Package paths of the XSDs the manifest names in xsi:schemaLocation."""
    paths = set()
    for element in manifest_of(package).iter():
        tokens = str(element.get(XSI_SCHEMA_LOCATION, "")).split() if isinstance(element.tag, str) else []
        for location in tokens[1::2]:
            path = resolve_href(location)
            if path is not None:
                paths.add(path)
    return paths
