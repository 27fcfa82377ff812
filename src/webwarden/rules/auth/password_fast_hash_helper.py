"""WW784: a password handed to a project function that hashes it with a fast hash."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.auth.facts import FastHashHelper
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._project import auth_facts_by_path
from webwarden.rules.base import ProjectRule


class PasswordFastHashHelper(ProjectRule):
    """## What it does
    Finds a password (`password`, `form.password.data`) handed to a top-level function
    of the project that returns a fast general-purpose hash of that parameter (`def
    make_md5(s): return hashlib.md5(s.encode("utf-8")).hexdigest()`, also in another
    module: `util.make_md5(password)`), by position or by keyword. WW740 judges a hash
    where it is written, and there the parameter is named for nothing.

    ## Why is this bad?
    `md5`, `sha1` and `sha256` are built to be fast: one GPU tries billions of candidate
    passwords per second against a leaked digest, and an unsalted one is looked up in
    precomputed tables. A helper with a neutral name hides that the digest it returns,
    stored or kept in a cookie, is a password's.

    ## Known problems
    The digest may be what another server's API dictates (a login taking the MD5 of the
    password): WW740 leaves out a hash sent to a server where it is written; here the
    call and the request may be apart, and such a use is still reported.

    ## Example
    ```python
    import hashlib

    def make_md5(s):
        return hashlib.md5(s.encode("utf-8")).hexdigest()

    def protect(recipe, password):
        recipe.passhash = make_md5(password)
    ```

    ## Fix
    ```python
    from werkzeug.security import generate_password_hash

    def protect(recipe, password):
        recipe.passhash = generate_password_hash(password)
    ```

    ## References
    - [CWE-916: Use of Password Hash With Insufficient Computational Effort](https://cwe.mitre.org/data/definitions/916.html)
    - [OWASP Password Storage Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)
    """

    code = "WW784"
    name = "password-fast-hash-helper"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 916
    message = "`{function}()` hashes the password `{password}` with `hashlib.{algorithm}`: a fast hash is guessed at billions per second"
    fix = "hash passwords with Argon2, scrypt, bcrypt or PBKDF2 (`generate_password_hash`, `make_password`)"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        facts = list(auth_facts_by_path(project))
        helpers: dict[str, FastHashHelper] = {}
        for relpath, module in facts:
            owner = project.modules[relpath].module
            for helper in module.fast_hash_helpers:
                helpers[f"{owner}.{helper.function}" if owner else helper.function] = helper
        if not helpers:
            return
        for relpath, module in facts:
            owner = project.modules[relpath].module
            for call in module.password_calls:
                # NOTE: a helper the module defines itself is called by its bare name.
                found = helpers.get(call.callee) or helpers.get(f"{owner}.{call.callee}")
                if found is None or call.given_as not in (str(found.position), found.param):
                    continue
                yield self.make_finding(
                    call.location,
                    key=f"{call.callee}:{call.password}",
                    function=found.function,
                    password=call.password,
                    algorithm=found.algorithm,
                )
