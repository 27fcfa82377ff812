"""WW540: a Jinja2 environment that does not escape HTML."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.templates.safe_marking import cleans_html
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.xss._autoescape import autoescape_problem, is_jinja_options, options_problem
from webwarden.rules.xss._console_output import renders_to_console
from webwarden.rules.xss._environment_renders import (
    LOADERS,
    SETUP_TABLES,
    environment_renders,
    sets_up,
)
from webwarden.rules.xss._html_template import (
    MARKUP_SUFFIXES,
    TEMPLATE_CLASSES,
    TEMPLATE_SUFFIXES,
    html_template,
)
from webwarden.rules.xss._kept_environments import kept_template_names
from webwarden.rules.xss._rendered_text import renders_named_text
from webwarden.rules.xss._template_files import source_file

ENVIRONMENTS = frozenset(
    {"jinja2.Environment", "jinja2.environment.Environment", "jinja2.sandbox.SandboxedEnvironment"}
)


class Jinja2AutoescapeFalse(PythonRule):
    """## What it does
    Finds Jinja2 environments that render HTML without escaping:
    `jinja2.Environment(...)` without `autoescape` (its default is off) or with
    `autoescape=False`, `select_autoescape()` that leaves `.html` out, and in Flask
    `app.jinja_env.autoescape = False` (or a `select_autoescape` without `html`) and
    `app.jinja_options` that pass `autoescape=False` to the environment Flask builds; and
    `jinja2.Template(source)` without `autoescape=True` (it builds its environment from
    the options it is given, autoescape off by default) when the source is HTML: a
    constant holding markup, or a file's text (`.read()`, `.read_text()`, directly or
    through a local) read from a markup file the code names (`open("report.html.j2")`)
    or, when it names none for it, where a markup file is named (`template="table.html"`,
    then `Template(open(path).read())`).

    ## Why is this bad?
    Without autoescaping, every `{{ value }}` is written into the page as raw HTML. A
    user name like `<script>fetch('/api/keys').then(...)</script>` then runs in the
    browser of everyone who sees it (stored XSS). Flask turns autoescaping on for
    `.html` templates; a hand-made `Environment` does not.

    ## Known problems
    An environment that renders plain text (e-mails, config files) needs no escaping.
    One assigned to a name whose templates, loaded by name in the same function, are all
    of another kind (`env.get_template("config.cfg.template")`, `mail.txt`), or given
    as the text of files the code names as such (`env.from_string(path.read_text())` for
    each `path` of `folder.glob("*.js")`, `with (folder / "config.yaml").open() as f:`
    then `env.from_string(f.read())`), is not reported, nor is one kept on `self`
    (`self.env = Environment(...)` in `__init__`) whose class's methods only load such
    templates of it, named there or by every call of the method in the module
    (`self.env.get_template(name)` in `save_to(self, path, name)`, called as
    `writer.save_to(target, "service.conf")`), nor is one the function only asks
    to parse, lex or compile templates (`env.parse(source)`, a tool reading templates'
    syntax trees, or `env.compile(source)` or `env.from_string(source)` as a statement of
    its own, checking the syntax of a template a user submits and dropping it, its filters
    set up first, `env.filters.update(filters)`), which renders nothing,
    nor one whose rendered text the function hands to an HTML sanitiser before reading it
    otherwise (`html = env.from_string(text).render(...)`, then `bleach.clean(html)`),
    nor one each rendering of whose templates in that scope is assigned to a name saying
    what other text it is (`template = env.from_string(search.query_string)`, then
    `query_string = template.render(form)`; `sql`, `subject`, `command`, `filename`), a
    search query a user's template fills in, which HTML escaping would corrupt,
    nor one that only writes to the terminal or parses as data (`print(...)`, a management
    command's `self.stdout.write(rendered)`, `json.loads(rendered)`: a command generating
    a schema or a config file, which no browser shows).
    A `Template(source)` whose source is other text (SQL, a mail's words), read from a
    file the code names that is no markup file (`open("emails/mod-updated")`, beside the
    mail's HTML part that `render_template("email.html")` renders escaped) or where no
    markup file is named, or no file's text at all (a link pattern a model field
    holds, `redirect(Template(service.support_url).render(...))`) is not reported either;
    otherwise an `Environment()` without `autoescape` is reported at medium
    confidence, and you can say `autoescape=False` explicitly and suppress the finding
    with the reason.

    ## Example
    ```python
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader("templates"))
    ```

    ## Fix
    ```python
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Jinja2: autoescaping](https://jinja.palletsprojects.com/en/stable/api/#autoescaping)
    - [Flask: controlling autoescaping](https://flask.palletsprojects.com/en/stable/templating/#controlling-autoescaping)
    """

    code = "WW540"
    name = "jinja2-autoescape-false"
    practice = Practice.XSS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 79
    message = "`{call}` {problem}: template values are written as raw HTML"
    fix = "pass `autoescape=select_autoescape()` (or `True`) to the environment"
    bandit = ("B701",)
    ruff = ("S701",)
    calls = ENVIRONMENTS | TEMPLATE_CLASSES | {".update"}
    assigns = frozenset({"autoescape", "jinja_options"})

    def _template(self, node: ast.Call, ctx: FileContext, name: str) -> Iterator[Finding]:
        if not html_template(node, ctx) or ctx.has_kwargs_splat(node) or len(node.args) >= 18:
            return
        autoescape = ctx.keyword(node, "autoescape")
        if autoescape is None:
            problem: str | None = "leaves autoescape off"
            yield self.finding(ctx, node, confidence=Confidence.MEDIUM, call=name, problem=problem)
        elif (problem := autoescape_problem(ctx, autoescape)) is not None:
            yield self.finding(ctx, node, call=name, problem=problem)

    def _environment(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name in TEMPLATE_CLASSES:
            yield from self._template(node, ctx, name)
            return
        if name not in ENVIRONMENTS or _renders_other_text(node, ctx) or _only_parses(node, ctx):
            return
        if (
            _output_cleaned(node, ctx)
            or renders_named_text(node, ctx)
            or renders_to_console(node, ctx)
        ):
            return
        autoescape = ctx.keyword(node, "autoescape")
        if autoescape is None:
            if ctx.has_kwargs_splat(node) or len(node.args) >= 9:
                return
            yield self.finding(
                ctx, node, confidence=Confidence.MEDIUM, call=name, problem="leaves autoescape off"
            )
            return
        problem = autoescape_problem(ctx, autoescape)
        if problem is not None:
            yield self.finding(ctx, node, call=name, problem=problem)

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        for target in node.targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == "autoescape"
                and isinstance(target.value, ast.Attribute)
                and target.value.attr == "jinja_env"
                and (problem := autoescape_problem(ctx, node.value)) is not None
            ):
                shown = "sets autoescape to False" if "False" in problem else problem
                yield self.finding(ctx, node, call=ast.unparse(target.value), problem=shown)
            elif is_jinja_options(target) and (problem := options_problem(ctx, node.value)):
                yield self.finding(ctx, node, call=ast.unparse(target), problem=problem)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        yield from self._environment(node, ctx)
        function = node.func
        if (
            isinstance(function, ast.Attribute)
            and function.attr == "update"
            and is_jinja_options(function.value)
            and (problem := options_problem(ctx, node))
        ):
            yield self.finding(ctx, node, call=ast.unparse(function.value), problem=problem)


_READING_METHODS = frozenset({"parse", "lex", "preprocess", "compile"})
"""Methods reading a template's source without rendering it: `compile()` turns it into
Python code (a syntax check raises `TemplateSyntaxError`), which renders nothing until a
template is made of it."""


def _only_parses(node: ast.Call, ctx: FileContext) -> bool:
    """Whether the environment, assigned to a name, is only set up and asked to parse or
    lex in that scope (`env.filters["x"] = f`, then `env.parse(source)` or a bare
    `env.from_string(source)`): no template of
    it is rendered, so nothing is written unescaped. Any other use (returned, passed on,
    `get_template`, `from_string`) may render."""
    target = ctx.assigned_name(node)
    if target is None:
        return False
    parses = False
    for use in ast.walk(ctx.scopes.enclosing_function(node) or ctx.tree):
        if not (isinstance(use, ast.Name) and use.id == target and isinstance(use.ctx, ast.Load)):
            continue
        attribute = ctx.parent(use)
        if not isinstance(attribute, ast.Attribute):
            return False
        holder = ctx.parent(attribute)
        if attribute.attr in _READING_METHODS and isinstance(holder, ast.Call):
            parses = True
        elif attribute.attr in LOADERS and _discarded(holder, ctx):
            parses = True  # NOTE: `env.from_string(source)` alone: a syntax check
        elif attribute.attr not in SETUP_TABLES or not sets_up(holder, ctx):
            return False
    return parses


def _discarded(call: ast.AST | None, ctx: FileContext) -> bool:
    """Whether `call` is a statement of its own, its value unused (`env.from_string(text)`
    compiles the template and drops it: nothing is rendered)."""
    return isinstance(call, ast.Call) and isinstance(ctx.parent(call), ast.Expr)


def _output_cleaned(node: ast.Call, ctx: FileContext) -> bool:
    """Whether the environment, assigned to a name, renders in that scope only text an
    HTML sanitiser cleans before anything else reads it
    (`html = env.from_string(text).render(...)`, then `html = bleach.clean(html, ...)`):
    what the templates write unescaped is cleaned as a whole."""
    found = environment_renders(node, ctx)
    if found is None:
        return False
    renders, scope = found
    return bool(renders) and all(_cleaned_first(render, scope, ctx) for render in renders)


def _cleaned_first(render: ast.Call, scope: ast.AST, ctx: FileContext) -> bool:
    """Whether the rendered text goes straight into a sanitiser, or is assigned to a name
    whose first read after the render is an argument of one."""
    holder = ctx.parent(render)
    if isinstance(holder, ast.Call) and render in holder.args:
        return cleans_html(holder)
    if not (isinstance(holder, ast.Assign) and len(holder.targets) == 1):
        return False
    name = holder.targets[0]
    if not isinstance(name, ast.Name):
        return False
    end = (holder.end_lineno or holder.lineno, holder.end_col_offset or 0)
    reads = [
        use
        for use in ast.walk(scope)
        if isinstance(use, ast.Name)
        and use.id == name.id
        and isinstance(use.ctx, ast.Load)
        and (use.lineno, use.col_offset) > end
    ]
    if not reads:
        return False
    first = min(reads, key=lambda use: (use.lineno, use.col_offset))
    cleaner = ctx.parent(first)
    return isinstance(cleaner, ast.Call) and first in cleaner.args and cleans_html(cleaner)


def _renders_other_text(node: ast.Call, ctx: FileContext) -> bool:
    """Whether the environment, assigned to a name, only loads named templates of another
    kind in that scope (`env.get_template("config.cfg.template")`, or the text of such a
    file: `env.from_string((folder / "config.yaml").read_text())`, each of
    `folder.glob("*.js")`), or, kept on `self`, only such templates in the methods of its
    class, as the module's calls of a method name them (`kept_template_names`): no HTML
    to escape."""
    target = ctx.assigned_name(node)
    if target is None:
        kept = kept_template_names(ctx, node)
        return kept is not None and all(_other_text(name) for name in kept)
    names: list[object] = []
    for inner in ast.walk(ctx.scopes.enclosing_function(node) or ctx.tree):
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr in {"get_template", "select_template", "from_string"}
            and isinstance(inner.func.value, ast.Name)
            and inner.func.value.id == target
        ):
            if not inner.args:
                names.append(None)
            elif inner.func.attr == "from_string":
                names.append(source_file(ctx, inner.args[0]))
            else:
                names.append(ctx.evaluate(inner.args[0]))
    return bool(names) and all(_other_text(name) for name in names)


def _other_text(name: object) -> bool:
    """A template file name that is not markup (`config.cfg.template`, `mail.txt`)."""
    if not isinstance(name, str) or "." not in name:
        return False
    stem = name.lower()
    while stem.endswith(TEMPLATE_SUFFIXES):
        stem = stem.rsplit(".", 1)[0]
    return "." in stem and not stem.endswith(MARKUP_SUFFIXES)
