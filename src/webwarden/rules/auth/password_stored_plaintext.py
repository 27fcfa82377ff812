"""WW743: passwords stored as typed."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._project import auth_facts_by_path
from webwarden.rules.base import ProjectRule


class PasswordStoredPlaintext(ProjectRule):
    """## What it does
    Finds passwords that reach storage unhashed: a model attribute named like a password
    set straight from request data (`user.password = request.form["password"]`,
    `User(password=form.password.data)`, `User.objects.create(password=...)`), and
    password columns of models (Django, SQLAlchemy, Flask-SQLAlchemy, SQLModel,
    MongoEngine) in a project where nothing hashes passwords at all: no
    `generate_password_hash`, `make_password`/`set_password`, bcrypt, Argon2, passlib or
    `hashlib.pbkdf2_hmac`/`scrypt` call. Medium confidence: the path from the form to
    the column is not followed through functions.

    ## Why is this bad?
    A leaked database (an SQL injection, a backup, a curious employee) then hands over
    every user's password, which most users also use elsewhere.

    ## Known problems
    Django models deriving from `AbstractBaseUser` manage their `password` field
    (`set_password`) and are not reported; `User.objects.create_user` hashes, while
    `User.objects.create(password=...)` does not.

    ## Example
    ```python
    from flask import request
    from flask_sqlalchemy import SQLAlchemy

    db = SQLAlchemy()

    class User(db.Model):
        id = db.Column(db.Integer, primary_key=True)
        password = db.Column(db.String(128))

    def register():
        user = User()
        user.password = request.form["password"]
        db.session.add(user)
    ```

    ## Fix
    ```python
    from flask import request
    from flask_sqlalchemy import SQLAlchemy
    from werkzeug.security import generate_password_hash

    db = SQLAlchemy()

    class User(db.Model):
        id = db.Column(db.Integer, primary_key=True)
        password_hash = db.Column(db.String(256))

    def register():
        user = User()
        user.password_hash = generate_password_hash(request.form["password"])
        db.session.add(user)
    ```

    ## References
    - [CWE-256: Plaintext Storage of a Password](https://cwe.mitre.org/data/definitions/256.html)
    - [OWASP Password Storage Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)
    """

    code = "WW743"
    name = "password-stored-plaintext"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 256
    message = "{what}"
    fix = "store `generate_password_hash(password)` / `make_password(password)` (or `set_password`)"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        facts = list(auth_facts_by_path(project))
        for _, module in facts:
            for write in module.raw_writes:
                what = f"`{write.target}` is set to `{write.source}` without hashing"
                yield self.make_finding(write.location, what=what)
        # NOTE: "nothing hashes them" is judged per application, so two apps scanned
        # together (a monorepo, the examples folder) do not vouch for each other.
        hashing = {project.application_of(path) for path, m in facts if m.hashes_passwords}
        for relpath, module in facts:
            if project.application_of(relpath) in hashing:
                continue
            for field in module.password_fields:
                what = (
                    f"`{field.model}.{field.field}` stores passwords and nothing in the "
                    "project hashes them"
                )
                yield self.make_finding(field.location, what=what)
