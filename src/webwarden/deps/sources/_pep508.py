"""PEP 508 requirement strings to `Dependency` objects, shared by the sources."""

from __future__ import annotations

import re

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet

from webwarden.deps.model import Declaration, Dependency, Kind

_EXACT = ("==", "===")


def pinned_version(specifier: SpecifierSet) -> str | None:
    """The version an `==X` / `===X` specifier pins (no wildcard), else None."""
    specs = list(specifier)
    if len(specs) == 1 and specs[0].operator in _EXACT and "*" not in specs[0].version:
        return specs[0].version
    return None


def from_requirement(
    requirement: Requirement,
    declared: Declaration,
    source: str,
    *,
    hashed: bool = False,
    group: str = "",
) -> Dependency:
    """A dependency from a parsed PEP 508 requirement."""
    marker = str(requirement.marker) if requirement.marker else ""
    extras = tuple(sorted(requirement.extras))
    if requirement.url:
        return Dependency(
            requirement.name,
            Kind.UNAUDITABLE,
            declared,
            source,
            spec_text=requirement.url,
            marker=marker,
            extras=extras,
            hashed=hashed,
            group=group,
        )
    version = pinned_version(requirement.specifier)
    return Dependency(
        requirement.name,
        Kind.PINNED if version else Kind.RANGE,
        declared,
        source,
        version=version,
        specifiers=(requirement.specifier,) if not version and requirement.specifier else (),
        spec_text=str(requirement.specifier),
        marker=marker,
        extras=extras,
        hashed=hashed,
        group=group,
    )


def parse_requirement(text: str) -> Requirement:
    """Parse a PEP 508 string; raise `ValueError` with a short reason when it is not one."""
    try:
        return Requirement(text)
    except InvalidRequirement as exc:
        reason = str(exc).splitlines()[0]
        raise ValueError(f"not a valid requirement `{text}`: {reason}") from None


_POETRY_PART = re.compile(r"\s*,\s*|\s+(?=[<>=!~^])")


def _bump(version: str, position: int) -> str:
    parts = [int(p) for p in re.findall(r"\d+", version.split("+")[0])[:3]] or [0]
    parts = parts[: position + 1] + [0] * max(0, position + 1 - len(parts))
    parts[position] += 1
    return ".".join(str(p) for p in parts[: position + 1])


def _poetry_part(part: str) -> str:
    if part in ("", "*"):
        return ""
    if part.startswith("^"):
        version = part[1:].strip()
        numbers = [int(p) for p in re.findall(r"\d+", version)[:3]]
        position = next((i for i, n in enumerate(numbers) if n != 0), len(numbers) - 1)
        return f">={version},<{_bump(version, max(position, 0))}"
    if part.startswith("~") and not part.startswith("~="):
        version = part[1:].strip()
        count = len(re.findall(r"\d+", version)[:3])
        return f">={version},<{_bump(version, 0 if count == 1 else 1)}"
    # NOTE: poetry-core also reads `=1.10` as `==1.10`, `<>1.0` as `!=1.0` and `1.2.x` as `1.2.*`.
    part = re.sub(r"\.[xX]$", ".*", part)
    if part[0].isdigit():
        return f"=={part}"
    if part.startswith("<>"):
        return f"!={part[2:].strip()}"
    if part.startswith("=") and not part.startswith("=="):
        return f"=={part[1:].strip()}"
    return part


def poetry_specifiers(constraint: str) -> tuple[SpecifierSet, ...]:
    """Poetry's constraint syntax (`^2.0`, `~1.2`, `>=1 <2`, `1.0 || 2.0`) as PEP 440 sets.

    Raises `ValueError` for a constraint that is none of these.
    """
    alternatives: list[SpecifierSet] = []
    for alternative in constraint.split("||"):
        parts = [_poetry_part(p.strip()) for p in _POETRY_PART.split(alternative.strip())]
        text = ",".join(p for p in parts if p)
        try:
            alternatives.append(SpecifierSet(text))
        except ValueError:
            raise ValueError(f"not a valid version constraint `{constraint}`") from None
    return tuple(alternatives)


def constrained(
    name: str,
    constraint: str,
    declared: Declaration,
    source: str,
    *,
    marker: str = "",
    extras: tuple[str, ...] = (),
    group: str = "",
) -> Dependency:
    """A dependency from a Poetry-style (or Pipfile) constraint string."""
    specifiers = poetry_specifiers(constraint)
    version = pinned_version(specifiers[0]) if len(specifiers) == 1 else None
    return Dependency(
        name,
        Kind.PINNED if version else Kind.RANGE,
        declared,
        source,
        version=version,
        specifiers=() if version else tuple(s for s in specifiers if str(s)),
        spec_text=constraint,
        marker=marker,
        extras=extras,
        group=group,
    )
