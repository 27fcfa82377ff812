"""Module-level names bound once to an imported object (`module_aliases`)."""

from __future__ import annotations

import textwrap

from webwarden.analysis.taint.module_aliases import module_aliases
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source

_MODULE = """
import shlex
import ckan.logic as logic
from portal import helpers

get_action = logic.get_action
quote = shlex.quote
own = helpers
local_value = 3
twice = shlex.quote
twice = str
changed = shlex.split


def reset():
    global changed
    changed = str
"""


def test_names_bound_once_to_imported_objects() -> None:
    parsed = parse_source(textwrap.dedent(_MODULE), "portal/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("portal/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    assert module_aliases(ctx) == {
        "get_action": "ckan.logic.get_action",
        "quote": "shlex.quote",
        "own": "portal.helpers",
    }


_LAZY_MODULE = """
from django.conf import settings
from django.urls import reverse as django_reverse
from django.utils import html
from django.utils.functional import lazy

if settings.SUBDOMAIN:

    def reverse(viewname, kwargs=None):
        return django_reverse(viewname, urlconf="hosts", kwargs=kwargs)

else:

    def reverse(viewname, kwargs=None):
        return django_reverse(viewname, kwargs=kwargs)


def helper(value):
    return value


helper = str
reverse_lazy = lazy(reverse, str)
django_reverse_lazy = lazy(django_reverse, str)
format_html_lazy = lazy(html.format_html, str)
helper_lazy = lazy(helper, str)
made_lazy = lazy(lambda: "x", str)
"""


def test_lazy_wrappers_read_as_the_wrapped_function() -> None:
    # `helper` is also bound to `str`, and a lambda has no name: neither is known.
    parsed = parse_source(textwrap.dedent(_LAZY_MODULE), "core/urls.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset({"core"}), ("tests/",))
    ctx = make_context("core/urls.py", parsed, plan)
    assert module_aliases(ctx) == {
        "reverse_lazy": "core.urls.reverse",
        "django_reverse_lazy": "django.urls.reverse",
        "format_html_lazy": "django.utils.html.format_html",
    }
