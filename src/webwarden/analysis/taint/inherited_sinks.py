"""The sink a project class is when made: the library class whose constructor it runs.

`class HttpResponseTemporaryRedirect(HttpResponseRedirect): status_code = 307` makes its
instances with Django's `HttpResponseRedirect.__init__`, which writes the URL it is given
as the `Location`: `HttpResponseTemporaryRedirect(url)` is that sink, however many of the
project's classes (in whatever modules) stand between, as far as `ProjectIndex.mro` goes.
A class that changes what the library's class does is judged by its own code, or not at
all: its `__init__` is followed, and its `super().__init__(...)` judged as the library's
call; one defining `__new__`, or a member the sink is decided by (an `Unpickler`'s
`find_class`, a Flask response's `default_mimetype`), is not that sink.
"""

from __future__ import annotations

from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.sinks import FUNCTION_SINKS, Sink

_OBJECT = frozenset({"object", "builtins.object"})


def inherited_sink(index: IndexView, cls: str) -> tuple[str, Sink] | None:
    """The library class a project class inherits from, and the sink making it is: the
    first ancestor not the project's (`object` aside), when that is a sink made by a call
    (not a function fetching a URL), and no class of the project's on the way defines
    `__new__` or a member the sink is decided by (`Sink.decided_by`)."""
    defined: set[str] = set()
    for ancestor in index.mro(cls):
        definition = index.classes.get(ancestor)
        if definition is not None:
            defined.update(definition.methods)
            defined.update(attribute for attribute, _ in definition.assigned)
            continue
        if ancestor in _OBJECT:
            continue
        name = index.canonical(ancestor)
        sink = FUNCTION_SINKS.get(name)
        if sink is None or sink.answered or "__new__" in defined:
            return None
        return None if defined & sink.decided_by else (name, sink)
    return None
