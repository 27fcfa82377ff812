"""WW1183: request data names the module that is imported (unsafe reflection)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInImport(TaintRule):
    """## What it does
    Follows request data into the name of a module that is imported:
    `importlib.import_module(name)`, `__import__(name)`, Werkzeug's and Django's
    `import_string(path)` and `pydoc.locate(path)`, also through the project's own
    helpers (a plugin factory's `create_class("pkg.mod.Class")` that splits the path and
    imports the module). A name written after fixed text (`"plugins." + name`,
    `f"app.handlers.{kind}"`) picks among the modules of that package and is not
    reported, nor is a name checked against a list the program made (`if name in
    PLUGINS`), or found in a table of the project's own by a predicate of the project
    (`if not plugin_registered(name): abort(404)`, the function returning
    `Plugin.query.filter(Plugin.name == name).first() is not None`, or `filter_by(...)`,
    `.count() > 0`, `.exists()`): the name is one an entry registers.

    ## Why is this bad?
    Importing a module runs its top-level code, and the request picks which module of
    everything the server can import: the standard library, every installed package,
    every module of the project, scripts included. The caller then usually takes an
    attribute of it and calls or instantiates it, so the request chooses a class or
    function to run as well (`os.system` by `import_string("os.system")`).

    ## Known problems
    A module name checked against the modules a package holds by a function webwarden
    cannot read (`pkgutil.iter_modules`) is still reported; say so with a guard in
    `[tool.webwarden.taint]`.

    ## Example
    ```python
    import importlib

    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/export")
    def export():
        exporter = importlib.import_module(request.args["format"])
        return exporter.render()
    ```

    ## Fix
    ```python
    import importlib

    from flask import Flask, abort, request

    app = Flask(__name__)
    EXPORTERS = {"csv", "json"}

    @app.route("/export")
    def export():
        name = request.args["format"]
        if name not in EXPORTERS:
            abort(404)
        exporter = importlib.import_module(f"exporters.{name}")
        return exporter.render()
    ```
    Map the names a request may use to the modules or classes in a dict of your own, or
    check the name against such a list before the import.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README;
    the sink kind is `dispatch`).

    ## References
    - [CWE-470: Use of Externally-Controlled Input to Select Classes or Code ('Unsafe Reflection')](https://cwe.mitre.org/data/definitions/470.html)
    - [Python docs: importlib.import_module](https://docs.python.org/3/library/importlib.html#importlib.import_module)
    """

    code = "WW1183"
    name = "request-data-in-import"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 470
    message = "{source} names the module `{sink}` imports"
    fix = "map allowed names to modules or classes in a dict of your own, or check the name first"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
