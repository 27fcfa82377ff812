"""Logic-less templates rendered from Python: pystache's and chevron's `render`.

`pystache.render(template, context)` writes the template's own text as it is, and each
value of the context HTML-escaped (`{{name}}`) unless the template asks for it raw
(`{{{name}}}`, `{{& name}}`). A template the request chose writes whatever markup it
holds; a context value reaches the page raw only through such a tag, which a template
written in the code shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import Value, union

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords

RENDERERS = frozenset({"pystache.render", "chevron.render", "chevron.renderer.render"})
_RAW_TAGS = ("{{{", "{{&")


def rendered(name: str, args: Args, keywords: Keywords) -> Value:
    """What `render(template, context)` gives: the template's data, and the context's
    when a template written in the code writes a value raw (or is not written there)."""
    template = [*args[:1], *((e, v) for k, e, v in keywords if k == "template")]
    context = [v for _, v in args[1:]] + [v for k, _, v in keywords if k != "template"]
    given = [v for _, v in template]
    written = [e for e, _ in template if isinstance(e, ir.Const) and isinstance(e.value, str)]
    if not written or any(tag in str(e.value) for e in written for tag in _RAW_TAGS):
        given += context
    return Value(union(*(v.whole() for v in given)), kind=name)
