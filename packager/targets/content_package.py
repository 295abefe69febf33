"""The IMS content-package manifest that SCORM 1.2 and SCORM 2004 share.

A SCORM target says which namespaces and XSDs it uses, its schema version, the name of its
``scormtype`` attribute, and what it adds to the item (mastery, sequencing). This module writes
the rest: one organization, one item, one SCO listing every file, validated against the XSDs.
"""

from __future__ import annotations

from lxml import etree

from packager import schemas
from packager.course.models import Course
from packager.lint.manifest_rules import manifest_problems
from packager.render import PageRuntime, Site
from packager.standards import MANIFEST, XSI_NAMESPACE, ScormVersion
from packager.targets.base import Target, fail_on, identifier, serialize_xml

SCORM_SCRIPTS = (
    "runtime/lms/interactions.js",
    "runtime/lms/scorm.js",
)
"""What both SCORM dialects share: interaction records and the table-driven adapter (finding the
API, guarded calls); each dialect's own scripts follow (only those of the target)."""


class ContentPackageTarget(Target):
    """A SCORM package: XSDs at the root and a validated ``imsmanifest.xml``."""

    version: ScormVersion
    """Namespaces, XSDs and limits of the SCORM version written (:mod:`packager.standards`)."""
    dialect_scripts: tuple[str, ...]
    """The runtime scripts of this SCORM version's data model (its time formats, then its table)."""

    @property
    def runtime(self) -> PageRuntime:
        return PageRuntime(self.name, (*SCORM_SCRIPTS, *self.dialect_scripts))

    @property
    def suspend_data_limit(self) -> int | None:
        return self.version.suspend_data_limit

    def add_package_files(self, course: Course, site: Site) -> None:
        site.merge(schemas.schema_files(self.version.edition))
        manifest = self.manifest(course, sorted(site.files))
        site.add(MANIFEST, serialize_xml(manifest))
        self.check_manifest(manifest, site)

    def check_manifest(self, manifest: etree._Element, site: Site) -> None:
        """Validate the manifest against the XSDs, then make the checks they do not make
        (the manifest rules of ``packager lint``)."""
        version = self.version
        problems = schemas.validate(version.edition, manifest, version.schema_locations)
        fail_on(problems or manifest_problems(manifest, site.files), MANIFEST)

    def q(self, prefix: str | None, name: str) -> str:
        """Qualified element or attribute name: ``None`` for the imscp namespace."""
        return self.version.qualified(prefix, name)

    def manifest(self, course: Course, files: list[str]) -> etree._Element:
        """The manifest tree: one organization, one item, one SCO listing every file."""
        nsmap: dict[str | None, str] = {None: self.version.imscp, "xsi": XSI_NAMESPACE}
        nsmap.update(self.version.prefixes)
        root = etree.Element(
            self.q(None, "manifest"),
            nsmap=nsmap,  # type: ignore[arg-type]
            identifier=identifier(course, "MANIFEST"),
            version=course.version,
        )
        root.set(
            f"{{{XSI_NAMESPACE}}}schemaLocation",
            " ".join(f"{namespace} {location}" for namespace, location in self.version.schema_locations),
        )
        metadata = etree.SubElement(root, self.q(None, "metadata"))
        etree.SubElement(metadata, self.q(None, "schema")).text = "ADL SCORM"
        etree.SubElement(metadata, self.q(None, "schemaversion")).text = self.version.schemaversion

        organization_id = identifier(course, "ORG")
        organizations = etree.SubElement(root, self.q(None, "organizations"), default=organization_id)
        organization = etree.SubElement(
            organizations, self.q(None, "organization"), identifier=organization_id
        )
        etree.SubElement(organization, self.q(None, "title")).text = course.title
        resource_id = identifier(course, "RES")
        item = etree.SubElement(
            organization,
            self.q(None, "item"),
            identifier=identifier(course, "ITEM"),
            identifierref=resource_id,
        )
        etree.SubElement(item, self.q(None, "title")).text = course.title
        self.extend_item(course, item)
        self.extend_organization(course, organization)

        resources = etree.SubElement(root, self.q(None, "resources"))
        resource = etree.SubElement(
            resources, self.q(None, "resource"), identifier=resource_id, type="webcontent", href="index.html"
        )
        resource.set(self.version.scormtype_attribute, "sco")
        for name in files:
            if name != MANIFEST:
                etree.SubElement(resource, self.q(None, "file"), href=name)
        return root

    def extend_item(self, course: Course, item: etree._Element) -> None:
        """Add the target's elements to the SCO's item (after its title)."""

    def extend_organization(self, course: Course, organization: etree._Element) -> None:
        """Add the target's elements at the end of the organization."""
