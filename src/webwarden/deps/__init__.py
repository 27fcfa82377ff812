"""The dependency audit: inventory sources, advisory services, and matching.

`sources/` read every way a project declares or pins its dependencies, `advisories/`
answer which OSV records concern a package (a local SQLite store or the OSV web API),
and `audit` matches the two with OSV's semantics. All dependency I/O happens here;
the dependency rules only judge the `AuditedDependency` objects handed to them.
"""

from __future__ import annotations
