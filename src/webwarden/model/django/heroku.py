"""django-heroku's `settings(locals())`: settings a library call sets at the end of a
settings module.

Heroku's documented setup ends the settings module with

    import django_heroku
    django_heroku.settings(locals())

which, among other things, sets `ALLOWED_HOSTS = ["*"]` in that namespace, whatever the
module set before, unless the call passes `allowed_hosts=False` (django-heroku 0.3 and
its maintained fork django-on-heroku alike). The database, static files and logging it
also configures come from the environment at deploy time and are left as written.
"""

from __future__ import annotations

import ast
from typing import Final

from webwarden.model.module import FileContext
from webwarden.model.namespace_update import namespace_call

HEROKU_SETTINGS: Final = frozenset({"django_heroku.settings", "django_on_heroku.settings"})


def heroku_settings(ctx: FileContext, call: ast.Call) -> dict[str, object]:
    """The settings `call` sets in the module's namespace, by name (empty for any other
    call, or one handed another namespace than the module's own)."""
    if ctx.call_name(call) not in HEROKU_SETTINGS or not call.args:
        return {}
    if not namespace_call(call.args[0]):
        return {}
    options = {kw.arg: ctx.evaluate(kw.value) for kw in call.keywords if kw.arg}
    return {} if options.get("allowed_hosts", True) is False else {"ALLOWED_HOSTS": ["*"]}
