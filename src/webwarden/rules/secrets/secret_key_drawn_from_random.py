"""WW223: a signing secret key made by a project helper that draws from `random`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.flask.app import is_development_name
from webwarden.model.project import ProjectModel
from webwarden.model.random_makers import RANDOM_MAKER_FACTS, RandomMakerFacts, returns_draw
from webwarden.rules.base import ProjectRule


class SecretKeyDrawnFromRandom(ProjectRule):
    """## What it does
    Finds a signing secret (`SECRET_KEY`, `app.secret_key`, `app.config["SECRET_KEY"]`,
    `JWT_SECRET_KEY`: a name ending in "secret key") set from a call of a function of
    the project, in any module, that returns what the `random` module drew
    (`"".join(random.choice(chars) for _ in range(n))`): `SECRET_KEY =
    random_string(16)` in a config class, with `random_string` defined in a utilities
    module. WW1143 sees the draw where it is named for a secret; a general helper named
    for a string is not, and the key it makes is missed there.

    ## Why is this bad?
    The key signs the session cookie (and CSRF tokens, password-reset links). `random`
    is a Mersenne Twister: whoever sees enough of its other outputs (ids, file names,
    captcha values the same process draws) can reconstruct its state and so the key,
    then forge a session for any user. A key of a handful of characters is also short
    enough to guess offline from one signed cookie.

    ## Known problems
    Only a function the project defines at the top level of a module is followed, one
    call deep, and only its `return` (or a local bound once that it returns); a helper
    that draws through `random.SystemRandom` or `secrets` is not reported. A key set in
    a config class named for development or tests (`DevelopmentConfig`) is reported at
    low severity.

    ## Example
    ```python
    import random
    import string

    from flask import Flask

    def random_string(length):
        return "".join(random.choice(string.ascii_letters) for _ in range(length))

    app = Flask(__name__)
    app.config["SECRET_KEY"] = random_string(32)
    ```

    ## Fix
    ```python
    import secrets

    from flask import Flask

    def random_string(length):
        return secrets.token_urlsafe(length)

    app = Flask(__name__)
    app.config["SECRET_KEY"] = random_string(32)
    ```
    Better still, read a key generated once from the environment, so that sessions
    survive a restart.

    ## References
    - [CWE-338: Use of Cryptographically Weak PRNG](https://cwe.mitre.org/data/definitions/338.html)
    - [Flask: SECRET_KEY](https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY)
    - [Python docs: secrets](https://docs.python.org/3/library/secrets.html)
    """

    code = "WW223"
    name = "secret-key-drawn-from-random"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 338
    message = "`{setting}` is made by `{helper}`, which draws from the predictable `random` module"
    fix = "make the key with `secrets.token_urlsafe()` (or read it from the environment)"
    since = "0.1.0"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        for relpath, summary in sorted(project.modules.items()):
            facts = summary.facts.get(RANDOM_MAKER_FACTS)
            if not isinstance(facts, RandomMakerFacts):
                continue
            for key in facts.keys:
                helper = next((c for c in key.callees if returns_draw(project, c)), None)
                if helper is None:
                    continue
                where = Location(relpath, key.line, key.column, key.end_line, key.end_column)
                low = summary.is_test or is_development_name(key.holder)
                severity = Severity.LOW if low else None
                yield self.make_finding(where, severity=severity, setting=key.key, helper=helper)
