"""WW1110: request data deserialised by pickle, YAML or marshal."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataDeserialised(TaintRule):
    """## What it does
    Follows request data (bodies, uploads, cookies, parameters, also after base64
    decoding) into deserialisers that can build arbitrary objects: `pickle`, `dill`,
    `cloudpickle` (also a project's subclass of `Unpickler`, unless it resolves the
    pickle's globals with its own `find_class`), `jsonpickle.decode`, `marshal`,
    `joblib.load`, `pandas.read_pickle`, `shelve.open`, `numpy.load(allow_pickle=True)`,
    and `yaml.load`/`load_all` without a
    safe loader or `yaml.unsafe_load`.

    ## Why is this bad?
    A pickle is a program: loading one calls any function with any arguments, so the
    client that sends it runs code in your server. YAML's full loaders construct Python
    objects the same way (`!!python/object/apply:os.system`).

    ## Known problems
    This rule supersedes WW1120 (`pickle-load`), WW1121 (`marshal-load`) and WW1123
    (`yaml-unsafe-load`) on the same call: when both are selected, only this finding
    (with its flow) is kept.

    ## Example
    ```python
    import base64
    import pickle

    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/cart")
    def cart():
        items = pickle.loads(base64.b64decode(request.cookies["cart"]))
        return {"count": len(items)}
    ```

    ## Fix
    ```python
    import json

    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/cart")
    def cart():
        items = json.loads(request.cookies["cart"])
        return {"count": len(items)}
    ```
    Use a data-only format (JSON), `yaml.safe_load` for YAML, and sign data you must
    round-trip through the client (`itsdangerous`, `django.core.signing`).

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)
    - [Python docs: pickle warning](https://docs.python.org/3/library/pickle.html)
    - [PyYAML docs: loading YAML](https://pyyaml.org/wiki/PyYAMLDocumentation)
    """

    code = "WW1110"
    name = "request-data-deserialised"
    practice = Practice.AUDITING
    severity = Severity.CRITICAL
    confidence = Confidence.HIGH
    cwe = 502
    message = "{source} is deserialised by `{sink}`, which can run arbitrary code"
    fix = "use JSON or `yaml.safe_load`; sign data that must round-trip through clients"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    bandit = ("B301", "B302", "B506")
    ruff = ("S301", "S302", "S506")
    supersedes = ("WW1120", "WW1121", "WW1123")
