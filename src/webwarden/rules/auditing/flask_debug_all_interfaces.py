"""WW1174: the Flask debug server listening on every network interface."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask import FlaskApp, FlaskModel
from webwarden.rules.auditing._flask_debug import all_interfaces, debug_of_run, truthy
from webwarden.rules.flask_base import FlaskRule, in_effect


class FlaskDebugAllInterfaces(FlaskRule):
    """## What it does
    Finds `app.run(host="0.0.0.0")` (or `"::"`) where debug is on: `debug=True`, a
    debug switch that is on by default, `use_debugger=True`, or `DEBUG = True` in the
    app's config, also of an app reached through the module that makes it
    (`wsgi.app.run(...)`, with `app = main.get_app()` in `wsgi.py`). WW1170 (or WW1171,
    for a switch on by default) reports the debug switch
    and WW1182 binding to every interface on their own; this is the combination, and
    replaces their findings on the same call.

    ## Why is this bad?
    The debugger is a Python console in the browser. On `0.0.0.0` it is offered to
    every machine that can reach the host - the office network, the café Wi-Fi, the
    internet: remote code execution for whoever gets the PIN or finds a way around it.

    ## Example
    ```python
    from flask import Flask

    app = Flask(__name__)

    if __name__ == "__main__":
        app.run(host="0.0.0.0", debug=True)
    ```

    ## Fix
    Listen on the loopback interface only, and leave debug off unless a developer turns
    it on for a run of their own (debug on by default is WW1170's finding wherever the
    server listens):
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)

    if __name__ == "__main__":
        app.run(host="127.0.0.1", debug=os.environ.get("FLASK_DEBUG") == "1")
    ```

    ## References
    - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    - [Flask: externally visible server](https://flask.palletsprojects.com/en/stable/quickstart/#public-server)
    """

    code = "WW1174"
    name = "flask-debug-all-interfaces"
    practice = Practice.AUDITING
    severity = Severity.CRITICAL
    confidence = Confidence.HIGH
    cwe = 489
    supersedes = ("WW1170", "WW1171", "WW1182")
    message = "the debug server listens on every interface (`host={host!r}`)"
    fix = "bind the server to 127.0.0.1, and leave debug off unless a developer turns it on"

    def check_app(self, app: FlaskApp, model: FlaskModel) -> Iterator[Finding]:
        for options, location in app.runs:
            host = options.get("host")
            if not all_interfaces(host):
                continue
            if truthy(debug_of_run(app, options)) or truthy(options.get("use_debugger")):
                yield self.at(location, host=in_effect(host))
