"""What the ways into an included template bind a name to.

A Django template that others include sees each includer's context (see
`include_sites`): a name it writes is the author's own text when some include hands it
so and every other way in either does too or leaves it unset. A view's context, known
or not, does not reach a name the last include on its way sets itself.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from webwarden.model.templates.facts import IncludeSiteFact, TemplateFacts

if TYPE_CHECKING:
    from webwarden.model.templates.build import Link

_MAX_DEPTH = 12


class Binding(enum.IntEnum):
    """What the ways into a template bind a name to."""

    UNSET = 0
    AUTHORED = 1
    OTHER = 2
    """Something else, or what cannot be told."""


class IncludeGraph:
    """The project's includes of each template, and what they hand on."""

    def __init__(
        self,
        files: Mapping[str, TemplateFacts],
        links: Mapping[str, Sequence[Link]],
        resolve: Callable[[str, str], str | None],
    ) -> None:
        self._links = links
        self._sites: dict[str, list[IncludeSiteFact]] = {}
        for includer, facts in files.items():
            for site in facts.include_sites:
                if (target := resolve(site.name, includer)) is not None:
                    placed = dataclasses.replace(site, includer=includer)
                    self._sites.setdefault(target, []).append(placed)
        self._known: dict[tuple[str, str], Binding] = {}

    def _set_on_the_way(self, chain: tuple[str, ...], relpath: str, root: str) -> bool:
        """Whether the render's way to `relpath` ends in includes that each set `root`
        to the author's text (`{% include "banner.html" with message="..." %}`): Django
        writes that over whatever the view's context holds, known or not."""
        if len(chain) < 2 or chain[-1] != relpath:
            return False
        sites = [site for site in self._sites.get(relpath, []) if site.includer == chain[-2]]
        return bool(sites) and all(site.hands_authored(root) for site in sites)

    def sites(self, relpath: str) -> list[IncludeSiteFact]:
        """The project's includes of template `relpath`, each with its includer."""
        return list(self._sites.get(relpath, ()))

    def handed(self, relpath: str, path: str) -> set[str]:
        """The variables of its includers that the includes of template `relpath` hand
        the root of `path` from, with the rest of `path` after each (`messages.message`
        for `note.message` under `{% for note in messages %}{% include "flash.html" %}`);
        a name an include hands on unbound is the includer's own and is not followed."""
        root, dot, rest = path.partition(".")
        sources = (site.handed_from(root) for site in self._sites.get(relpath, ()))
        return {source + dot + rest for source in sources if source}

    def authored(self, relpath: str, root: str) -> bool:
        """Whether some include of template `relpath` hands it `root` as the includer's
        own text, and every other way in does too or leaves it unset: an include that
        leaves the name alone hands on what its includer holds, judged the same way, and
        a view rendering the template (or a page including it) shows its context and
        passes no `root`."""
        return bool(root) and self._binding(relpath, root, 0) is Binding.AUTHORED

    def _binding(self, relpath: str, root: str, depth: int) -> Binding:
        known = self._known.get((relpath, root))
        if known is None:
            self._known[(relpath, root)] = Binding.OTHER  # NOTE: a cycle proves nothing
            known = self._known[(relpath, root)] = self._judge(relpath, root, depth)
        return known

    def _judge(self, relpath: str, root: str, depth: int) -> Binding:
        links = self._links.get(relpath, ())
        if depth > _MAX_DEPTH or any(
            (
                link.render.opaque
                or any(
                    name.name == root or name.name.startswith(root + ".")
                    for name in link.render.context
                )
            )
            and not self._set_on_the_way(link.chain, relpath, root)
            for link in links
        ):
            return Binding.OTHER
        sites = self._sites.get(relpath, [])
        if not sites and not links:
            return Binding.OTHER  # NOTE: reached no way the project shows
        found = Binding.UNSET
        for site in sites:
            if site.hands_authored(root):
                found = Binding.AUTHORED
                continue
            above = (
                self._binding(site.includer, root, depth + 1)
                if site.hands_through(root)
                else Binding.OTHER
            )
            if above is Binding.OTHER:
                return above
            found = max(found, above)
        return found
