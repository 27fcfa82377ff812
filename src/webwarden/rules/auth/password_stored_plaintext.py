"""WW743: passwords stored as typed."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.auth import AuthFacts, PasswordWrite
from webwarden.model.auth.facts import PasswordField, PasswordHolder
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._project import auth_facts_by_path
from webwarden.rules.auth._relayed import MANAGER_WRITES, MANAGERS, Relays
from webwarden.rules.base import ProjectRule

_HASH = "store `generate_password_hash(password)` / `make_password(password)` (or `set_password`)"
_ENCRYPT = "keep it in an encrypted field (django-cryptography's `encrypt()`, SQLAlchemy-Utils' `StringEncryptedType`)"

_CONSTRUCTING = frozenset({"create", "get_or_create"})
"""Factory methods a model may inherit that build it with its constructor."""

_LIBRARY_MEMBERS = frozenset({"password"})
"""The password member of the user models libraries ship (Django's `AbstractBaseUser`,
Flask-Security's and Flask-AppBuilder's `User`), which the application need not declare."""

_PACKAGE_MODELS = frozenset({"User", "AbstractUser", "AbstractBaseUser"})
"""User models a package may export outside a `models` module: still storage."""


class PasswordStoredPlaintext(ProjectRule):
    """## What it does
    Finds passwords that reach storage unhashed: a model attribute named like a password
    set straight from request data (`user.password = request.form["password"]`,
    `User(password=form.password.data)`, `User.objects.create(password=...)`), and
    password columns of models (Django, SQLAlchemy, Flask-SQLAlchemy, SQLModel,
    MongoEngine) in a project where nothing hashes passwords at all: no
    `generate_password_hash`, `make_password`/`set_password`, bcrypt, Argon2, passlib or
    `hashlib.pbkdf2_hmac`/`scrypt` call, and no Flask-Security, whose own views hash
    what they store (WW724 judges with what). Medium confidence: the path from the form to
    the column is not followed through functions.

    ## Why is this bad?
    A leaked database (an SQL injection, a backup, a curious employee) then hands over
    every user's password, which most users also use elsewhere.

    ## Known problems
    A class on a base of its own module that is a model (an abstract
    `TrackedModel(models.Model)`) is a model too; a base from another module is not
    followed. Django models deriving from `AbstractBaseUser` (also through such a base)
    manage their `password` field (`set_password`) and are not reported, nor are those on a
    user model of another module's `models` named so (`BaseUser` of
    django-use-email-as-username, `AbstractEmailUser` of django-authtools), which such
    packages build on it; `User.objects.create_user` hashes, while
    `User.objects.create(password=...)` does not (nor `update_or_create`,
    `get_or_create`), on Django's `User` or a model of the project. A call of a class's
    method is followed through the project's functions and methods, across modules, to
    a hash: an account class's `create(cls, **kwargs)` handing the password it reads
    from its keywords to a helper, `create_account(*args, **kwargs)`, that hands all it
    is given to a manager's method calling `set_password` (a manager's method is found
    by its name among the project's classes; functions of a module naming no password
    and no usual `*args`/`**kwargs` name are not followed, nor `super()` calls). A
    method called on an object whose class no reading of the code gives
    (`self.typeclass.create(password=...)`, a class the settings name) is not reported
    when every class method of the project so named that takes a password hashes it,
    and otherwise at low severity and confidence. A password member that hashes when set
    (`password = property(get, set_hashed)`, a synonym with such a descriptor, a
    `@password.setter` that calls a hash function, a SQLAlchemy `@validates("password")`
    method that returns a hash, a descriptor class of the project's own like
    `PasswordProperty`, a column of SQLAlchemy-Utils' `PasswordType`, a member a method
    of the class sets to a hash of its own value before storing it (`self.password =
    make_password(self.password)` in a `save()` override, or a `commit()` building
    `"%s$%s" % (salt, digest)` from `hash_password(salt, self.password)`), and a parameter a
    model's `__init__` sets such a member to: `self.password_hash = password`, also one
    it takes from its keywords: `pw = kwargs.pop("password")`) makes
    writes to a member so named anywhere in that
    application safe, as the object written to is seldom known, and in any module that
    imports such a class by its qualified name from another application of the project
    (a plugin package's view setting `user.password` on the user model of the auth
    package beside it, each with its own `pyproject.toml`); so does a method of a
    class taking a password-named parameter and hashing it (a `User.create(email, password)`
    classmethod calling `set_password`: a hash of another value it is given,
    `make_password(api_key)`, is no hash of the password; also a function of the module that Django's
    `add_to_class` attaches to a model of another package, `User.add_to_class("create",
    classmethod(make_user))`), or taking keywords it hands to a method of its
    class that hashes (a controller's `create(self, **attrs)` calling
    `self._handle_password(attrs)`), for the writes through it, also on an instance a
    local holds (`users = UserController()`, then `users.create(password=...)`). A
    password a model's `__init__` hands to a call that hashes (`self.set_password(
    password)`, `generate_password_hash(password)`, `self.set_password(kwargs.pop(
    "password"))`) is stored hashed when the class is
    given it (`User(password=...)`), also through a factory the class inherits (a CRUD
    mixin's `User.create(**kwargs)` returning `cls(**kwargs)`), not when it is assigned
    to the member later (`user.password = ...`).
    Keyword arguments of a
    class of the project that is not a model (an attrs record handed to the code that
    creates the user) are not storage and not reported, nor are members a model's own
    `__init__` takes that no class of the application declares (PowerDNS-Admin's
    `User(plain_text_password=...)`, hashed into the `password` column later): the ORM
    stores only what the class maps; likewise a member set on an object
    (`user.raw_password = generated`, kept for a sheet of new accounts) that no class or
    model of the application declares, unless it is `password`, which the user models
    libraries ship map. Nor are keyword arguments of a class or function
    another package provides (an absolute import of a module not of the project:
    `ldap3.Connection(server, user=dn, password=request.form["password"])` binds to
    the directory with it), unless it comes from a `models` module or is a `User`
    (`django.contrib.auth.models.User(password=...)` stores it). Nor are password fields that
    encrypt what they store (django-cryptography's `encrypt(CharField())`, an
    `EncryptedCharField`, SQLAlchemy-Utils' `EncryptedType`, a field class of the
    project's named for a cipher, `AESCharField`), nor values encrypted before
    they are set (`config.password = fernet.encrypt(...)`), nor a column the model's own
    methods set only to what such a call returns (the setter of a `password` synonym
    writing `self._password = fernet.encrypt(...)`): they keep credentials the
    application sends on (a database connection's), which a hash could not give back.
    Request data that only indexes or slices the value is not what is stored
    (`user.password = user.password[: -len(request.GET["key"])]`: the stored hash with
    an activation key cut off its end).
    A value passed through a function named for hashing (`generate_hashed_value(...)`,
    a helper of the project another module defines) counts as hashed: its body is not
    read. So does a value read back from a serializer's `validated_data` or a form's
    `cleaned_data` (`serializer.validated_data.get("passphrase")`) under a key its class's
    validation hook hashes: DRF keeps what `validate(attrs)` returns (`attrs["passphrase"]
    = make_password(...)`), as Django keeps what `clean()` or `clean_<field>()` does. Nor is a password that opens a file the app keeps (`zip_password`,
    `archive_password` of an encrypted sample archive, `cert_password`, or a bare
    `password` of a model named for a certificate, `CertificatePayload`, the passphrase
    of the PKCS #12 bundle it holds): no one logs in with it, and
    the app must read it back. Nor is a field whose label says it holds a path (`pwd = CharField(help_text="Working
    directory")`: the shell's abbreviation), nor a member that the application's classes
    declare only as holding no text (`change_password = models.BooleanField()`,
    `Column(Boolean)`, `must_change: Mapped[bool]`): a flag or a date about the
    password, which a write so named sets (casepro's "must change password at next
    login").
    Nor is a field about the password policy (`password_complexity`, the text a form
    shows of it, `password_complexity_desc`, or a `password_strength` score).
    A plain password field of a model that also names where it goes (`webhook`, `url`,
    `smtp_host`, `server`) is such a credential kept in plain text: reported at medium,
    with encryption as the fix, naming the place that shares a word with the field
    (`ldap_server` for `ldap_bind_password` in a settings model naming a mail host too), as is request data written into it in a project that
    hashes its users' passwords (also set on an object of no known class,
    `campaign.smtp_password = ...`, when every model of the application declaring a
    field so named names a server; the password field itself names none). So is a field whose name the code reads back as another
    system's login (`jenkins.Jenkins(url, password=config.jenkins_pass)`, `auth=(user,
    password)`, `HTTPBasicAuth(user, password)`, a `"password"` key of a dict handed on
    as keywords: `Salesforce(**options)`), matched by name within the application; checking it (`authenticate(...)`) or copying it into a model is not.

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
    fix = "{fix}"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        facts = list(auth_facts_by_path(project))
        holders = _Holders.of(project, facts)
        for relpath, module in facts:
            application = project.application_of(relpath)
            imported = holders.imported_managed(project.modules[relpath].imports.values())
            for write in module.raw_writes:
                if write.attribute in imported or not holders.stores_plain(write, application):
                    continue
                if holders.unidentified(write, application):
                    # NOTE: `self.typeclass.create(password=...)`: the object is named by
                    # the settings; what its `create` does with the password is unknown.
                    what = (
                        f"`{write.callee}({write.attribute}=...)` is given `{write.source}`, "
                        "on an object of unknown class: it may store it without hashing"
                    )
                    yield self.make_finding(
                        write.location,
                        severity=Severity.LOW,
                        confidence=Confidence.LOW,
                        what=what,
                        fix=_HASH,
                    )
                    continue
                sent_to = holders.sent_to(write, application)
                if sent_to:
                    # NOTE: a password the app logs in elsewhere with (an issue tracker's
                    # API token) must be given back: hashing it would break that.
                    what = (
                        f"`{write.target}` keeps the password the app sends to "
                        f"`{sent_to}` in plain text"
                    )
                    yield self.make_finding(
                        write.location, severity=Severity.MEDIUM, what=what, fix=_ENCRYPT
                    )
                    continue
                what = f"`{write.target}` is set to `{write.source}` without hashing"
                yield self.make_finding(write.location, what=what, fix=_HASH)
        # NOTE: "nothing hashes them" is judged per application, so two apps scanned
        # together (a monorepo, the examples folder) do not vouch for each other.
        hashing = {project.application_of(path) for path, m in facts if m.hashes_passwords}
        for relpath, module in facts:
            application = project.application_of(relpath)
            if application in hashing:
                continue
            for field in module.password_fields:
                sent_to = field.sent_to or holders.logs_in_with(field.field, application)
                yield self._unhashed(field, sent_to)

    @classmethod
    def _unhashed(cls, field: PasswordField, sent_to: str) -> Finding:
        if sent_to:
            # NOTE: a webhook's or a mail server's password must be given back to be
            # sent: encrypting it at rest is the fix, not hashing; a stolen database
            # still gives it away, hence reported, at a lower level.
            what = (
                f"`{field.model}.{field.field}` keeps the password the app sends to "
                f"`{sent_to}` in plain text"
            )
            return cls.make_finding(
                field.location, severity=Severity.MEDIUM, what=what, fix=_ENCRYPT
            )
        what = (
            f"`{field.model}.{field.field}` stores passwords and nothing in the project hashes them"
        )
        return cls.make_finding(field.location, what=what, fix=_HASH)


@dataclass(slots=True)
class _Holders:
    """The project's classes with password members, by application."""

    by_name: dict[tuple[str | None, str], list[PasswordHolder]]
    """(application, qualified or short class name) -> the classes so named."""
    managed: dict[str | None, set[str]]
    """application -> the password members some class of it hashes when set."""
    transient: dict[str | None, set[str]]
    """application -> password members no model stores: a model's own `__init__` takes
    them, and no class or model field of the application declares one so named."""
    credentials: dict[tuple[str | None, str, str], str]
    """(application, model, field) -> the field of the model naming where that password
    is sent (`url`, `smtp_host`)."""
    flags: dict[str | None, set[str]] = dataclasses.field(default_factory=dict)
    """application -> password-named members its classes declare only as holding no
    text (`change_password = models.BooleanField()`): flags about a password."""
    logins: dict[tuple[str | None, str], str] = dataclasses.field(default_factory=dict)
    """(application, attribute) -> a call outside the models that a password-named
    attribute so named is passed to as a login (`password=config.jenkins_pass`)."""
    destinations: dict[tuple[str | None, str], set[str]] = dataclasses.field(default_factory=dict)
    """(application, field) -> where the models declaring a password field so named send
    it (`smtp_host`), "" for a model naming no such place."""
    packages: frozenset[str] = frozenset()
    """The first names of the project's own modules (`app` of `app.models`)."""
    declared: dict[str | None, set[str]] = dataclasses.field(default_factory=dict)
    """application -> the password-named members its classes and models declare."""
    qualified: dict[str, list[PasswordHolder]] = dataclasses.field(default_factory=dict)
    """Qualified class name -> the classes of any application of the project so named."""
    relays: Relays = dataclasses.field(default_factory=lambda: Relays({}))
    """The project's functions taking a password, followed to a hash."""

    @classmethod
    def of(cls, project: ProjectModel, facts: list[tuple[str, AuthFacts]]) -> _Holders:
        by_name: dict[tuple[str | None, str], list[PasswordHolder]] = defaultdict(list)
        qualified: dict[str, list[PasswordHolder]] = defaultdict(list)
        managed: dict[str | None, set[str]] = defaultdict(set)
        taken: dict[str | None, set[str]] = defaultdict(set)
        declared: dict[str | None, set[str]] = defaultdict(set)
        credentials: dict[tuple[str | None, str, str], str] = {}
        destinations: dict[tuple[str | None, str], set[str]] = defaultdict(set)
        flags: dict[str | None, set[str]] = defaultdict(set)
        texts: dict[str | None, set[str]] = defaultdict(set)
        for relpath, module in facts:
            application = project.application_of(relpath)
            declared[application] |= {field.field for field in module.password_fields}
            for field in module.password_fields:
                if field.sent_to:
                    credentials[application, field.model, field.field] = field.sent_to
                destinations[application, field.field].add(field.sent_to)
            for holder in module.password_holders:
                qualified[holder.qualname].append(holder)
                by_name[application, holder.qualname].append(holder)
                by_name[application, holder.qualname.rpartition(".")[2]].append(holder)
                managed[application] |= holder.managed
                declared[application] |= holder.declared
                flags[application] |= holder.flags
                texts[application] |= holder.declared - holder.flags
                if holder.model:
                    taken[application] |= holder.taken
        # NOTE: PowerDNS-Admin's `User.__init__(plain_text_password=...)` keeps the typed
        # password on the object for `create_local_user()` to hash into the `password`
        # column; SQLAlchemy stores only what the class maps.
        transient = {app: names - declared[app] for app, names in taken.items()}
        flags = {app: names - texts[app] for app, names in flags.items()}
        holders = cls(by_name, managed, transient, credentials, flags)
        holders.destinations = destinations
        holders.declared = declared
        holders.qualified = qualified
        holders.relays = Relays.of(module for _, module in facts)
        holders.packages = frozenset(
            summary.module.partition(".")[0]
            for summary in project.modules.values()
            if summary.module
        )
        for relpath, module in facts:
            application = project.application_of(relpath)
            for sent in module.sent_passwords:
                if not any(h.model for h in holders._named(application, sent.callee)):
                    holders.logins.setdefault((application, sent.attribute), sent.callee)
        return holders

    def imported_managed(self, imports: Iterable[str]) -> frozenset[str]:
        """The password members that classes a module imports by qualified name hash when
        set, whichever application of the project declares them: a plugin package's view
        writing `user.password` on the user model of the auth package beside it."""
        return frozenset(
            member
            for name in imports
            for holder in self.qualified.get(name, ())
            for member in holder.managed
        )

    def logs_in_with(self, attribute: str, application: str | None) -> str:
        """The call the application passes a stored password so named to, to log in
        to another system with it (`jenkins.Jenkins`); "" when there is none."""
        return self.logins.get((application, attribute), "")

    def stores_plain(self, write: PasswordWrite, application: str | None) -> bool:
        """Whether `write` may store the password as given: not a member the project's
        own classes hash when set (`password = property(get, set_and_hash)`), nor a
        constructor argument of a class that is no model (an attrs record, a form)."""
        if write.attribute in self.managed.get(application, ()):
            return False
        if write.attribute in self.transient.get(application, ()):
            return False
        if write.attribute in self.flags.get(application, ()):
            return False  # NOTE: `profile.change_password = form.cleaned_data[...]`, a flag
        if write.library and self._of_library(write.library):
            return False  # NOTE: `ldap3.Connection(server, user, password=...)`, a bind
        if write.checked_by and any(
            write.checked_key in h.validated for h in self._named(application, write.checked_by)
        ):
            return False  # NOTE: a serializer's `validate()` hashed it into `validated_data`
        if not write.callee:
            # NOTE: `user.raw_password = ...` kept on the object for a report, where no
            # class of the application declares the member: the ORM stores only what a
            # model maps (a library's user model maps `password`).
            return (
                write.attribute in self.declared.get(application, ())
                or write.attribute in _LIBRARY_MEMBERS
            )
        owner, _, method = write.callee.rpartition(".")
        classes = self._named(application, owner) if owner else []
        if any(method in h.factories for h in classes):
            return False  # NOTE: `User.create(password=...)`, a factory that hashes it
        if method in _CONSTRUCTING and classes and all(method not in h.methods for h in classes):
            # NOTE: a factory the class inherits (a CRUD mixin's `create(cls, **kwargs)`
            # returning `cls(**kwargs)`) hands the keywords to the constructor.
            return self._plain_in(classes, write.attribute)
        manager = owner.rpartition(".")[2] in MANAGERS
        if manager and method in MANAGER_WRITES:
            # NOTE: `User.objects.create(password=raw)` hands the keywords to the model as
            # given (Django's `create_user` hashes; `create` does not).
            return self._plain_in(
                self._named(application, owner.rpartition(".")[0]), write.attribute
            )
        if self.relays.knows(write.callee) or manager:
            return not self.relays.hashes(write.callee)
        if not classes and self.unidentified(write, application):
            return self.relays.methods_hash(method) is not True
        return self._plain_in(self._named(application, write.callee), write.attribute)

    def unidentified(self, write: PasswordWrite, application: str | None) -> bool:
        """Whether `write` is a keyword of a method called on an object whose class no
        reading of the code gives (`self.typeclass.create(password=...)`, the class the
        settings name): neither a class of the project, nor a model's manager, nor
        another package's."""
        owner, _, method = write.callee.rpartition(".")
        if owner in {"", "self", "cls"} or not method[:1].islower() or write.library:
            return False  # NOTE: `self.update(password=...)` is the class being defined
        if owner.rpartition(".")[2] in MANAGERS or self._named(application, owner):
            return False
        return owner.partition(".")[0] not in self.packages and not self.relays.knows(write.callee)

    @staticmethod
    def _plain_in(classes: list[PasswordHolder], attribute: str) -> bool:
        """Whether a call of one of `classes` may store the password it is given as
        `attribute` as given: a model whose setter and constructor do not hash it (or a
        class of no known holder)."""
        return not classes or any(
            h.model and attribute not in h.managed | h.constructed for h in classes
        )

    def _of_library(self, callee: str) -> bool:
        """Whether a callee an absolute import names is another package's class or
        function that is no model: an LDAP or mail client logging in with the password
        it is given (`ldap3.Connection(password=...)`, `smtplib.SMTP`), not storage. A
        user model a package ships (`django.contrib.auth.models.User`, a `models`
        module of a reusable app) still stores what it is given."""
        parts = callee.split(".")
        if parts[0] in self.packages or "models" in parts[:-1]:
            return False
        return parts[-1] not in _PACKAGE_MODELS

    def sent_to(self, write: PasswordWrite, application: str | None) -> str:
        """Where the password a model's constructor is given goes, when that model keeps
        credentials for a server (`JiraServer(url=..., password=...)`), or the one set on
        an object of no known class goes when every model of the application declaring
        the field keeps it so (`petition.smtp_password = ...`, the field declared beside
        `smtp_host`); "" otherwise."""
        if not write.callee:
            places = self.destinations.get((application, write.attribute), {""})
            return "" if "" in places else min(places)
        model = write.callee.rpartition(".")[2]
        return self.credentials.get((application, model, write.attribute), "")

    def _named(self, application: str | None, name: str) -> list[PasswordHolder]:
        """The classes of the application so named (qualified, or by their last name)."""
        return self.by_name.get((application, name)) or self.by_name.get(
            (application, name.rpartition(".")[2]), []
        )
