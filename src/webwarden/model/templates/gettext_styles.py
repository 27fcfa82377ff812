"""How a project installs the gettext functions of Jinja's i18n extension.

The extension gives Jinja templates `_`, `gettext`, `ngettext`, `pgettext` and
`npgettext`. Installed "newstyle" (`env.install_gettext_callables(..., newstyle=True)`,
what Flask-Babel's, Flask-BabelEx's and Flask-BabelPlus's `init_app` do unless given
`configure_jinja=False`, and django-jinja's backend unless its `newstyle_gettext` option
is false), each returns
`Markup` under autoescape, the keyword arguments filled in with `%`, which escapes them;
`Markup.format()`, `%` and Jinja's `~` escape what they add to it too. Installed without
(Jinja's default), each returns a plain `str`, which `.format()` fills unescaped.

A module's installs are recorded as `NEWSTYLE` or `PLAIN`. One that leaves the style
alone (`install_gettext_callables(f, g)` on a Flask app's `jinja_env`, keeping what
Flask-Babel set, in whichever order) is not recorded, nor one on an `Environment` a
function makes and uses there only (`env.get_template(...)` for an e-mail): the templates
it renders are rendered by a hand-made environment, which `TemplateModel.newstyle_gettext`
leaves out.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

NEWSTYLE = "newstyle"
PLAIN = "plain"

_BABELS = frozenset(
    {
        *("flask_babel.Babel", "flask_babelex.Babel", "flask.ext.babel.Babel"),
        *("flask_babelplus.Babel", "flask_babelplus.core.Babel"),
    }
)
"""Flask extensions whose `init_app` installs the i18n extension newstyle on the app
(Flask-Babel, Flask-BabelEx and Flask-BabelPlus, unless `configure_jinja=False`)."""
_INSTALLS = {"install_gettext_callables": 2, "install_gettext_translations": 1}
"""The environment's install methods, with where their `newstyle` argument stands."""
_DJANGO_JINJA = frozenset({"django_jinja.backend.Jinja2", "django_jinja.jinja2.Jinja2"})
_APP_ENVIRONMENT = "jinja_env"


def gettext_styles(ctx: FileContext) -> tuple[str, ...]:
    """How each install of Jinja's gettext in the module sets its style (see above)."""
    found: list[str] = []
    if ctx.mentions("Babel"):
        for call in ctx.nodes(ast.Call):
            assert isinstance(call, ast.Call)  # noqa: S101 - nodes() of that type
            if ctx.call_name(call) in _BABELS and _configures_jinja(ctx, call):
                found.append(NEWSTYLE)
    if ctx.mentions("install_gettext_"):
        for call in ctx.nodes(ast.Call):
            assert isinstance(call, ast.Call)  # noqa: S101 - nodes() of that type
            if (style := _install_style(ctx, call)) is not None:
                found.append(style)
    if ctx.is_settings_module and ctx.mentions("django_jinja"):
        found.extend(_django_jinja_styles(ctx))
    return tuple(found)


def _configures_jinja(ctx: FileContext, call: ast.Call) -> bool:
    value = ctx.keyword(call, "configure_jinja")
    return value is None or ctx.evaluate(value) is True


def _install_style(ctx: FileContext, call: ast.Call) -> str | None:
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _INSTALLS:
        return None
    position = _INSTALLS[func.attr]
    value = ctx.keyword(call, "newstyle")
    if value is None and len(call.args) > position:
        value = call.args[position]
    if _contained(ctx, func.value):
        return None
    if value is None:
        # NOTE: the style the environment has stays: an app's, Flask-Babel's or not.
        receiver = func.value
        app = isinstance(receiver, ast.Attribute) and receiver.attr == _APP_ENVIRONMENT
        return None if app else PLAIN
    return NEWSTYLE if ctx.evaluate(value) is True else PLAIN


def _contained(ctx: FileContext, receiver: ast.expr) -> bool:
    """`env` of `env.install_gettext_callables(...)` bound in the function holding the
    call to an environment made there, which the function only reads attributes of
    (`env.get_template(name)`): it neither returns nor stores it."""
    if not isinstance(receiver, ast.Name):
        return False
    function = ctx.scopes.enclosing_function(receiver)
    if function is None:
        return False
    bound = False
    for node in ast.walk(function):
        if not isinstance(node, ast.Name) or node.id != receiver.id:
            continue
        if isinstance(node.ctx, ast.Store):
            parent = ctx.parent(node)
            bound = bound or (isinstance(parent, ast.Assign) and isinstance(parent.value, ast.Call))
            continue
        parent = ctx.parent(node)
        if not (isinstance(parent, ast.Attribute) and parent.value is node):
            return False
    return bound


def _django_jinja_styles(ctx: FileContext) -> list[str]:
    """django-jinja's backend in a `TEMPLATES` entry: newstyle unless its `OPTIONS` set
    `newstyle_gettext` to something else than true."""
    found: list[str] = []
    for node in ctx.nodes(ast.Dict):
        assert isinstance(node, ast.Dict)  # noqa: S101 - nodes() of that type
        backend = _item(ctx, node, "BACKEND")
        if backend is None or ctx.evaluate(backend) not in _DJANGO_JINJA:
            continue
        options = _item(ctx, node, "OPTIONS")
        setting = _item(ctx, options, "newstyle_gettext") if isinstance(options, ast.Dict) else None
        if options is not None and not isinstance(options, ast.Dict):
            found.append(PLAIN)  # NOTE: options the source does not show may turn it off
        elif setting is None or ctx.evaluate(setting) is True:
            found.append(NEWSTYLE)
        else:
            found.append(PLAIN)
    return found


def _item(ctx: FileContext, node: ast.Dict, wanted: str) -> ast.expr | None:
    for key, value in zip(node.keys, node.values, strict=True):
        if key is not None and ctx.evaluate(key) == wanted:
            return value
    return None
