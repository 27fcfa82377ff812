"""The names a template binds, each over the region where it holds: a `{% with %}`'s or a
`{% blocktranslate with %}`'s names up to its end tag, a `for` tag's up to `endfor`, a
`set`'s from the tag to the end of the innermost block that scopes it (the template's
end at its top level: `if` scopes nothing)."""

from __future__ import annotations

from dataclasses import dataclass, field

from webwarden.parse.templates.nodes import Dialect

_SCOPING_TAGS = {
    Dialect.DJANGO: frozenset({"for", "with", "block", "blocktrans", "blocktranslate"}),
    Dialect.JINJA: frozenset({"for", "with", "block", "macro", "call", "filter"}),
}
"""The block tags whose names (and, in Jinja, whose `set`s) hold only up to their end."""


@dataclass(frozen=True, slots=True)
class Binding:
    """What one tag binds a name to, from the tag to the end of the region it holds in."""

    source: str
    """The path the name reads ("" for a value webwarden does not follow: a literal
    Jinja `set`, a loop over a call); read where the tag stands."""
    start: int
    end: int
    loop: bool = False
    """Bound by a `for` tag."""


@dataclass(slots=True)
class _Region:
    tag: str
    pending: list[tuple[str, str, int, bool]] = field(default_factory=list)


@dataclass(slots=True)
class BindingScopes:
    """Collects bindings while a template's nodes are walked in order."""

    dialect: Dialect
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    _open: list[_Region] = field(default_factory=list)
    _top: list[tuple[str, str, int, bool]] = field(default_factory=list)

    def opens(self, tag: str) -> bool:
        """Whether `tag` opens a region its names (or `set`s) hold in; if so it is open."""
        if tag not in _SCOPING_TAGS[self.dialect]:
            return False
        self._open.append(_Region(tag))
        return True

    def bind(self, names: dict[str, str], start: int, *, loop: bool = False) -> None:
        """Names bound at `start` for the innermost open region (the tag's own, for a
        tag that opened one)."""
        pending = self._open[-1].pending if self._open else self._top
        pending.extend((name, source, start, loop) for name, source in names.items())

    def closes(self, tag: str, end: int) -> None:
        """An `end...` tag: the region it ends (and any left open inside it) ends at `end`."""
        opened = tag.removeprefix("end")
        if opened == tag or all(region.tag != opened for region in self._open):
            return
        while self._open:
            region = self._open.pop()
            self._record(region.pending, end)
            if region.tag == opened:
                return

    def finish(self, end: int) -> dict[str, list[Binding]]:
        """Every binding, those of regions never closed and the top level's up to `end`."""
        while self._open:
            self._record(self._open.pop().pending, end)
        self._record(self._top, end)
        return self.bindings

    def _record(self, pending: list[tuple[str, str, int, bool]], end: int) -> None:
        for name, source, start, loop in pending:
            self.bindings.setdefault(name, []).append(Binding(source, start, end, loop))


def innermost(bindings: list[Binding], at: int) -> Binding | None:
    """The binding that holds at offset `at`: of those whose region encloses it, the
    latest written."""
    enclosing = [b for b in bindings if b.start < at < b.end]
    return max(enclosing, key=lambda b: b.start) if enclosing else None


def last_written(bindings: list[Binding]) -> Binding | None:
    """The binding the template writes last."""
    return max(bindings, key=lambda b: b.start) if bindings else None
