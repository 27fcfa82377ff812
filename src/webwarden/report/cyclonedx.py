"""CycloneDX 1.5 SBOM (JSON) of the dependency inventory, with its vulnerabilities.

Rendered with cyclonedx-python-lib, the reference implementation of the format; only
`webwarden deps --format cyclonedx` uses it (a scan's findings are not an SBOM).
"""

from __future__ import annotations

import warnings
from typing import TextIO

from webwarden.errors import ReportError
from webwarden.report.interface import InventoryEntry, ReportData, Reporter


def _ref(entry: InventoryEntry) -> str:
    if entry.kind == "pinned":
        return f"pkg:pypi/{entry.name.lower()}@{entry.version}"
    return f"{entry.name.lower()}@{entry.path}:{entry.line}"


class CycloneDxReporter(Reporter):
    """The inventory as a CycloneDX JSON document."""

    format_name = "cyclonedx"

    def render(self, data: ReportData, stream: TextIO) -> None:
        """Write the SBOM: one component per distinct dependency, its vulnerabilities."""
        try:
            from cyclonedx.model import Property
            from cyclonedx.model.bom import Bom
            from cyclonedx.model.component import Component, ComponentType
            from cyclonedx.model.vulnerability import (
                BomTarget,
                Vulnerability,
                VulnerabilityReference,
                VulnerabilitySource,
            )
            from cyclonedx.output import make_outputter
            from cyclonedx.schema import OutputFormat, SchemaVersion
            from packageurl import PackageURL
        except ImportError:  # pragma: no cover - the sbom extra is part of the test extra
            raise ReportError(
                "--format cyclonedx needs cyclonedx-python-lib: pip install 'webwarden[sbom]'"
            ) from None
        bom = Bom()
        root = Component(name=data.root.name or "project", type=ComponentType.APPLICATION)
        bom.metadata.component = root
        bom.metadata.properties.update(Property(name="webwarden:note", value=n) for n in data.notes)
        components: dict[str, Component] = {}
        vulnerabilities: dict[str, Vulnerability] = {}
        for entry in data.inventory:
            ref = _ref(entry)
            if ref not in components:
                purl = (
                    PackageURL(type="pypi", name=entry.name.lower(), version=entry.version)
                    if entry.kind == "pinned"
                    else None
                )
                component = Component(
                    name=entry.name,
                    version=entry.version if entry.kind == "pinned" else None,
                    bom_ref=ref,
                    purl=purl,
                    properties=[
                        Property(name="webwarden:declared", value=f"{entry.path}:{entry.line}"),
                        Property(name="webwarden:kind", value=entry.kind),
                        Property(name="webwarden:source", value=entry.source),
                    ],
                )
                if entry.kind != "pinned" and entry.version:
                    component.properties.add(
                        Property(name="webwarden:constraint", value=entry.version)
                    )
                components[ref] = component
            if not entry.applies:
                continue
            for advisory in entry.advisories:
                vulnerability = vulnerabilities.get(advisory.id)
                if vulnerability is None:
                    vulnerability = Vulnerability(
                        id=advisory.id,
                        source=VulnerabilitySource(name="OSV"),
                        description=advisory.summary or None,
                        recommendation=(
                            f"Upgrade {entry.name} to {entry.smallest_fix}"
                            if entry.smallest_fix
                            else None
                        ),
                        references=[
                            VulnerabilityReference(id=alias, source=VulnerabilitySource(name="OSV"))
                            for alias in advisory.aliases
                        ],
                    )
                    vulnerabilities[advisory.id] = vulnerability
                vulnerability.affects.add(BomTarget(ref=ref))
        bom.components.update(components.values())
        bom.vulnerabilities.update(vulnerabilities.values())
        bom.register_dependency(root, components.values())
        with warnings.catch_warnings():
            # NOTE: the library warns about optional fields left empty; they are on purpose.
            warnings.simplefilter("ignore")
            outputter = make_outputter(bom, OutputFormat.JSON, SchemaVersion.V1_5)
            stream.write(outputter.output_as_string(indent=2))
        stream.write("\n")
