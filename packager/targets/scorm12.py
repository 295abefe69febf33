"""SCORM 1.2: one SCO, the imscp 1.1.2 manifest with adlcp extensions, the 1.2 runtime adapter."""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from packager import schemas
from packager.course import Course
from packager.render import Site, merge
from packager.targets.base import (
    XSI_NAMESPACE,
    Target,
    fail_on,
    identifier,
    manifest_problems,
    serialize_xml,
)

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
SCHEMA_LOCATIONS = ((IMSCP, "imscp_rootv1p1p2.xsd"), (ADLCP, "adlcp_rootv1p2.xsd"))


class Scorm12(Target):
    """SCORM 1.2 package."""

    name: ClassVar[str] = "scorm12"
    adapter_script: ClassVar[str | None] = "runtime/lms/scorm12.js"
    description: ClassVar[str] = "SCORM 1.2"

    def add_package_files(self, course: Course, site: Site) -> None:
        merge(site, schemas.schema_files(self.name))
        manifest = build_manifest(course, sorted(site.files))
        fail_on(schemas.validate(self.name, manifest, SCHEMA_LOCATIONS), "imsmanifest.xml")
        site.add("imsmanifest.xml", serialize_xml(manifest))
        fail_on(manifest_problems(manifest, site), "imsmanifest.xml")


def build_manifest(course: Course, files: list[str]) -> etree._Element:
    """The imsmanifest.xml tree: one organization, one item, one SCO listing every file."""
    imscp = f"{{{IMSCP}}}"
    adlcp = f"{{{ADLCP}}}"
    manifest = etree.Element(
        imscp + "manifest",
        nsmap={None: IMSCP, "adlcp": ADLCP, "xsi": XSI_NAMESPACE},  # type: ignore[dict-item]
        identifier=identifier(course, "MANIFEST"),
        version=course.version,
    )
    manifest.set(
        f"{{{XSI_NAMESPACE}}}schemaLocation",
        " ".join(f"{namespace} {location}" for namespace, location in SCHEMA_LOCATIONS),
    )
    metadata = etree.SubElement(manifest, imscp + "metadata")
    etree.SubElement(metadata, imscp + "schema").text = "ADL SCORM"
    etree.SubElement(metadata, imscp + "schemaversion").text = "1.2"

    organization_id = identifier(course, "ORG")
    organizations = etree.SubElement(manifest, imscp + "organizations", default=organization_id)
    organization = etree.SubElement(organizations, imscp + "organization", identifier=organization_id)
    etree.SubElement(organization, imscp + "title").text = course.title
    resource_id = identifier(course, "RES")
    item = etree.SubElement(
        organization, imscp + "item", identifier=identifier(course, "ITEM"), identifierref=resource_id
    )
    etree.SubElement(item, imscp + "title").text = course.title
    if course.quiz is not None:
        etree.SubElement(item, adlcp + "masteryscore").text = str(course.mastery_score)

    resources = etree.SubElement(manifest, imscp + "resources")
    resource = etree.SubElement(
        resources,
        imscp + "resource",
        identifier=resource_id,
        type="webcontent",
        href="index.html",
    )
    resource.set(adlcp + "scormtype", "sco")
    for name in files:
        if name != "imsmanifest.xml":
            etree.SubElement(resource, imscp + "file", href=name)
    return manifest
