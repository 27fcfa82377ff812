"""Password model fields, writes of request data into them, and password hashing calls."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import partial

from webwarden.analysis.secrets import is_password_name
from webwarden.model.auth.evidence import (
    HASHING_METHODS,
    HASHING_OBJECTS,
    callee_name,
    calls_hashing,
    hashes_password,
    hashing_name,
)
from webwarden.model.auth.facts import PasswordField, PasswordHolder, PasswordWrite
from webwarden.model.auth.field_types import holds_no_text
from webwarden.model.auth.rehashed import rehashed_members, sets_password_member
from webwarden.model.auth.validation_hooks import checked_by, hashed_by_hooks, instance_class
from webwarden.model.module import PASSWORD_WORDS, PATH_WORDS, FileContext, identifier_words
from webwarden.model.names import last_part
from webwarden.model.tree import self_method

_FIELD_CALLS = frozenset(
    {"CharField", "TextField", "Column", "mapped_column", "StringField", "String", "Field"}
)
_MODEL_BASES = frozenset({"Model", "Base", "DeclarativeBase", "Document", "SQLModel"})
_MANAGED = frozenset({"AbstractBaseUser", "AbstractUser", "User"})
_REQUEST_PARTS = frozenset({"form", "json", "args", "values", "POST", "GET", "data", "get_json"})
_WRITE_CALLS = frozenset({"create", "update", "get_or_create", "update_or_create", "insert"})


def _model_classes(ctx: FileContext) -> tuple[set[str], set[str]]:
    """The module's model classes, and those of them managing their passwords: a class
    on a model base (`models.Model`, `AbstractUser`) or on another class of the module
    that is one (an abstract `HeliosModel(models.Model)` the models derive from); worked
    out once per module, for `password_fields` and `password_holders` both."""
    known = ctx.memo.get(_model_classes)
    if known is not None:
        return known  # type: ignore[return-value]
    models: set[str] = set()
    managed: set[str] = set()
    classes = [n for n in ctx.nodes(ast.ClassDef) if isinstance(n, ast.ClassDef)]
    for node in sorted(classes, key=lambda n: (n.lineno, n.col_offset)):
        qualified = [ctx.qualified(b) or ast.unparse(b) for b in node.bases]
        bases = {last_part(name) for name in qualified}
        if bases & (_MODEL_BASES | models):
            models.add(node.name)
        if bases & (_MANAGED | managed) or any(map(_user_model_base, qualified)):
            managed.add(node.name)
    ctx.memo[_model_classes] = (models, managed)
    return models, managed


def _user_model_base(qualified: str) -> bool:
    """A user model another module's `models` declares, named so (`BaseUser` of
    django-use-email-as-username, `AbstractEmailUser` of django-authtools or
    django-custom-user, `AbstractCUser` of django-cuser): those packages build it on
    Django's `AbstractBaseUser`, whose `set_password` hashes the `password` a model on
    it redeclares (`password = CharField(null=True)` for users who log in by link)."""
    *module, name = qualified.split(".")
    return "models" in module and name.endswith("User")


def password_fields(ctx: FileContext) -> Iterator[PasswordField]:
    """Password-named fields of model classes that do not manage passwords themselves."""
    models, managed = _model_classes(ctx)
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef):
            continue
        if node.name not in models or node.name in managed:
            continue
        for statement in node.body:
            target = value = None
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target, value = statement.targets[0], statement.value
            elif isinstance(statement, ast.AnnAssign):
                target, value = statement.target, statement.value
            named = (
                isinstance(target, ast.Name)
                and is_password_name(target.id)
                and not _opens_file(target.id)
                and not (_opens_file(node.name) and target.id.lower() in _BARE_NAMES)
            )
            if (
                named
                and isinstance(target, ast.Name)
                and callee_name(value) in _FIELD_CALLS
                and not encrypted_field(value)
                and not _labelled_path(value)
                and not holds_no_text(statement)
                and not _set_encoded(node, target.id)
            ):
                where = ctx.location(statement)
                yield PasswordField(node.name, target.id, where, _destination(node, target.id))


def _set_encoded(model: ast.ClassDef, field: str) -> bool:
    """Whether a method of the model sets the field only to what a hashing or encrypting
    call returns (`self._password = fernet.encrypt(...)` in the setter of a `password`
    synonym), or to a value made from what it holds: the column keeps what that call
    made, not what was typed."""
    writes = [
        node.value
        for method in model.body
        if isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(method)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Attribute) and t.attr == field for t in node.targets)
    ]
    return bool(writes) and all(_encodes(value) or _rewrites(value, field) for value in writes)


def _rewrites(value: ast.expr, field: str) -> bool:
    """A value made from what the field holds (`fernet.rotate(self._password...)`, a key
    rotation re-encrypting it): it keeps what was stored, however that was encoded."""
    return any(isinstance(node, ast.Attribute) and node.attr == field for node in ast.walk(value))


def _encodes(value: ast.expr) -> bool:
    """A value made by a call that hashes or encrypts (`fernet.encrypt(...).decode()`)."""
    return any(
        hashing_name(callee_name(node)) for node in ast.walk(value) if isinstance(node, ast.Call)
    )


_FILE_WORDS = frozenset(
    {"zip", "archive", "rar", "pdf", "pfx", "keystore", "keyfile"} | {"certificate", "cert", "pkcs"}
)
"""What a password opens when it is no user's: an archive, a document, a key store, a
certificate's private key (a PKCS #12 bundle)."""


_BARE_NAMES = frozenset({"password", "passphrase"})
"""A password member named for nothing else, which the model's own name explains
(`CertificatePayload.password`: the passphrase of the certificate it holds)."""


def _opens_file(name: str) -> bool:
    """`zip_password`, `archive_password`: the password that opens a file the app keeps
    (an encrypted sample archive, a certificate store), which it must give back to open
    it; no user logs in with it, so no hash fits."""
    return not _FILE_WORDS.isdisjoint(identifier_words(name))


def _labelled_path(field: ast.expr | None) -> bool:
    """A field whose label says it holds a path (`pwd = CharField(help_text="Working
    directory")`): the abbreviation is the shell's, not a password's."""
    if not isinstance(field, ast.Call):
        return False
    labels = [k.value for k in field.keywords if k.arg in {"help_text", "verbose_name", "doc"}]
    labels += field.args[:1]
    return any(
        isinstance(label, ast.Constant)
        and isinstance(label.value, str)
        and PATH_WORDS.intersection(identifier_words(label.value))
        for label in labels
    )


_DESTINATION_WORDS = frozenset(
    {"webhook", "endpoint", "host", "hostname", "server", "smtp", "dsn", "imap", "ldap"}
)
_DESTINATION_NAMES = frozenset({"url", "uri", "base_url", "api_url"})


def _destination(node: ast.ClassDef, field: str) -> str:
    """The field of a model naming the server or endpoint (`webhook`, `smtp_host`, `url`)
    the password `field` is for: the model keeps credentials for it. One sharing a word
    with `field` first (`ldap_server` for `ldap_bind_password` in a model that also holds
    `email_host`), and one holding text before a flag (`ldap_auth = BooleanField()`);
    else the first. A user's own links (`avatar_url`, `website`) are not such names, nor
    is a password field's (`smtp_password` names the credential, not the server)."""
    words = set(identifier_words(field)) - PASSWORD_WORDS
    places: list[tuple[bool, bool, int, str]] = []
    for statement in node.body:
        targets = statement.targets if isinstance(statement, ast.Assign) else []
        for target in targets:
            if not isinstance(target, ast.Name) or is_password_name(target.id):
                continue
            named = set(identifier_words(target.id))
            if target.id.lower() in _DESTINATION_NAMES or _DESTINATION_WORDS & named:
                rank = (not words & named, holds_no_text(statement), len(places), target.id)
                places.append(rank)
    return min(places)[3] if places else ""


def request_data(ctx: FileContext, node: ast.AST | None, depth: int = 0) -> str | None:
    """`request.form["password"]`, `form.password.data`, `data["password"]` from a request
    (following names assigned once, a few steps back)."""
    if node is None or depth > 3:
        return None
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call) and (
            callee_name(inner) in HASHING_METHODS
            or _named_for_hashing(inner)
            or _fast_hash(ctx, inner)
            or _encrypts(inner)
        ):
            return None
    for inner in _value_parts(node):
        if isinstance(inner, ast.Attribute) and _from_request(ctx, inner):
            return ast.unparse(node)
        if isinstance(inner, ast.Name) and request_data(ctx, ctx.lookup(inner), depth + 1):
            return ast.unparse(node)
    return None


def _value_parts(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of `node` whose text may become its value: every one but the index of a
    subscript, which only picks a part (`user.password[: -len(request.GET["key"])]` is
    the stored value cut short, not the request's key)."""
    pending = [node]
    while pending:
        current = pending.pop()
        yield current
        if isinstance(current, ast.Subscript):
            pending.append(current.value)
        else:
            pending.extend(ast.iter_child_nodes(current))


_HASH_WORDS = frozenset({"hash", "hashed", "bcrypt", "scrypt", "argon2", "pbkdf2"})


def _named_for_hashing(call: ast.Call) -> bool:
    """`generate_hashed_value(password)`, `bcrypt_password(...)`: a function of the
    project named for hashing, whose body another module holds (a setter so named counts
    as hashing too, in `calls_hashing`)."""
    return bool(_HASH_WORDS & set(identifier_words(last_part(callee_name(call)))))


def _encrypts(call: ast.Call) -> bool:
    """`fernet.encrypt(password)`, `dojo_crypto_encrypt(...)`: a credential the application
    sends on (to a tool, a mail server), kept encrypted as an encrypting field keeps it."""
    return "encrypt" in identifier_words(last_part(callee_name(call)))


def _from_request(ctx: FileContext, node: ast.Attribute) -> bool:
    root = ctx.qualified(node.value) or ast.unparse(node.value)
    if node.attr in _REQUEST_PARTS and last_part(root) == "request":
        return True
    if node.attr == "data" and isinstance(node.value, ast.Attribute):
        return is_password_name(node.value.attr)
    return node.attr == "cleaned_data"


def raw_writes(ctx: FileContext) -> Iterator[PasswordWrite]:
    """`user.password = request.form["password"]`, `User(password=request.json[...])`."""
    for node in ctx.nodes(ast.Assign, ast.Call):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Attribute) and is_password_name(target.attr):
                source = request_data(ctx, node.value)
                if source is not None:
                    where = ctx.location(node)
                    through, key = checked_by(ctx, node.value)
                    yield PasswordWrite(
                        ast.unparse(target),
                        source,
                        where,
                        target.attr,
                        checked_by=through,
                        checked_key=key,
                    )
        elif isinstance(node, ast.Call) and node.keywords:
            name = callee_name(node)
            if name in _WRITE_CALLS or name[:1].isupper():
                for keyword in node.keywords:
                    if keyword.arg and is_password_name(keyword.arg):
                        source = request_data(ctx, keyword.value)
                        if source is not None:
                            where = ctx.location(keyword.value)
                            callee = (
                                _instance_method(ctx, node.func)
                                or ctx.qualified_here(node.func)
                                or name
                            )
                            written = f"{name}({keyword.arg}=...)"
                            library = _absolute_import(ctx, node.func)
                            through, key = checked_by(ctx, keyword.value)
                            yield PasswordWrite(
                                written,
                                source,
                                where,
                                keyword.arg,
                                callee,
                                library,
                                checked_by=through,
                                checked_key=key,
                            )


def _absolute_import(ctx: FileContext, func: ast.expr) -> str:
    """The qualified callee when its first name is bound by an absolute import
    (`from ldap3 import Connection`, `import smtplib`), else "": a relative import
    (`from .models import User`) is always the project's own."""
    head = func
    while isinstance(head, ast.Attribute):
        head = head.value
    if not isinstance(head, ast.Name) or head.id not in ctx.names.aliases:
        return ""
    for statement in ctx.nodes(ast.Import, ast.ImportFrom):
        if isinstance(statement, ast.ImportFrom) and statement.level:
            continue
        assert isinstance(statement, ast.Import | ast.ImportFrom)  # noqa: S101 - nodes()
        for alias in statement.names:
            bound = alias.asname or alias.name.partition(".")[0]
            if bound == head.id:
                return ctx.qualified(func) or ""
    return ""


def _instance_method(ctx: FileContext, func: ast.expr) -> str | None:
    """`UserController.create` for `user_contr.create`, where the local was assigned
    once, an instance of a class (`user_contr = UserController()`)."""
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    made = instance_class(ctx, func.value)
    return f"{made}.{func.attr}" if made is not None else None


def password_holders(ctx: FileContext) -> Iterator[PasswordHolder]:
    """The module's classes with password-named members (attributes, properties, or
    `__init__` parameters), and which of those members hash what they are set to."""
    models, _ = _model_classes(ctx)
    hashing = _may_hash(ctx)
    rehashing = hashing and any(map(sets_password_member, ctx.nodes(ast.Assign)))
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef):
            continue
        methods = {
            s.name: s for s in node.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        managed: set[str] = set()
        declared: set[str] = set()
        taken: set[str] = set()
        flags: set[str] = set()
        factories = (
            {s.name for s in methods.values() if hashing_factory(s, methods)} if hashing else set()
        )
        named = bool(factories)
        hashing_columns: set[str] = set()
        for statement in node.body:
            init = isinstance(statement, ast.FunctionDef) and statement.name == "__init__"
            for name, hashes in _members(statement, methods):
                if hashes:
                    hashing_columns.add(name)
                if is_password_name(name):
                    named = True
                    (taken if init else declared).add(name)
                    if not init and holds_no_text(statement):
                        flags.add(name)
                    if hashes:
                        managed.add(name)
        if rehashing:
            rehashed = rehashed_members(methods.values(), partial(_hashing_call, methods=methods))
            managed |= rehashed
            named = named or bool(rehashed)
        init_method = methods.get("__init__")
        constructed: set[str] = set()
        if init_method is not None:
            inputs = _init_inputs(init_method)
            stored = _stored_in(init_method, inputs, managed | hashing_columns)
            constructed = _hashed_in(init_method, inputs, methods) if hashing else set()
            managed |= stored
            # NOTE: a constructor taking the password from its keywords into a hashing
            # member (`self.password_hash = kwargs.pop("password")`) names no member so.
            named = named or bool(stored or constructed)
        validated = hashed_by_hooks(methods) if hashing else set()
        if named or validated:
            qualname = f"{ctx.module}.{node.name}" if ctx.module else node.name
            yield PasswordHolder(
                qualname,
                node.name in models,
                frozenset(managed),
                frozenset(declared),
                frozenset(taken),
                frozenset(factories),
                frozenset(flags),
                frozenset(constructed),
                frozenset(methods),
                frozenset(validated),
            )


_Methods = dict[str, ast.FunctionDef | ast.AsyncFunctionDef]


def _members(statement: ast.stmt, methods: _Methods) -> Iterator[tuple[str, bool]]:
    """(name, whether setting it hashes the value) of a class member."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
        if statement.name == "__init__":
            args = statement.args
            for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
                yield arg.arg, False
            return
        setter = any(
            isinstance(d, ast.Attribute) and d.attr == "setter" for d in statement.decorator_list
        )
        yield statement.name, setter and calls_hashing(statement)
        validated = _validated(statement)
        if validated:
            hashes = calls_hashing(statement)
            for name in validated:
                yield name, hashes
        return
    value: ast.expr | None = None
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets, value = statement.targets, statement.value
    elif isinstance(statement, ast.AnnAssign):
        targets, value = [statement.target], statement.value
    hashes = _hashing_descriptor(value, methods) or encrypted_field(value)
    for target in targets:
        if isinstance(target, ast.Name):
            yield target.id, hashes or _hashing_column(statement)


_HASHING_COLUMN_TYPES = frozenset({"PasswordType"})
"""Column types that hash what they are set to: SQLAlchemy-Utils' `PasswordType` (with
passlib; its value compares with `==` by verifying against the hash)."""


def _hashing_column(statement: ast.stmt) -> bool:
    """`password_hash = db.Column(PasswordType(schemes=["argon2"]))`."""
    value = statement.value if isinstance(statement, ast.Assign | ast.AnnAssign) else None
    return isinstance(value, ast.Call) and any(
        isinstance(node, ast.Call) and last_part(callee_name(node)) in _HASHING_COLUMN_TYPES
        for node in ast.walk(value)
    )


def _stored_in(
    init: ast.FunctionDef | ast.AsyncFunctionDef, inputs: dict[str, str], members: set[str]
) -> set[str]:
    """The password-named parameters of `__init__` it sets a hashing member to
    (`self.password_hash = password`, also one taken from its keywords: `pw =
    kwargs.pop("password")`; `inputs`: its `_init_inputs`): what the constructor is
    given is stored hashed."""
    if not inputs and init.args.kwarg is None:
        return set()
    found: set[str] = set()
    for node in ast.walk(init):
        if not isinstance(node, ast.Assign):
            continue
        key = _input_key(node.value, init, inputs)
        if key is not None and any(
            isinstance(t, ast.Attribute)
            and isinstance(t.value, ast.Name)
            and t.value.id == "self"
            and t.attr in members
            for t in node.targets
        ):
            found.add(key)
    return found


def _hashed_in(
    init: ast.FunctionDef | ast.AsyncFunctionDef, inputs: dict[str, str], methods: _Methods
) -> set[str]:
    """The password-named parameters of `__init__` it hands to a call that hashes: a
    method of its class that does (`self.set_password(password)`) or a hashing function
    (`self.password = bcrypt.generate_password_hash(password)`): what the constructor is
    given is stored hashed, whatever member keeps it (`inputs`: its `_init_inputs`)."""
    if not inputs and init.args.kwarg is None:
        return set()
    found: set[str] = set()
    for node in ast.walk(init):
        if not (isinstance(node, ast.Call) and _hashing_call(node, methods)):
            continue
        given = [*node.args, *(k.value for k in node.keywords)]
        found |= {key for a in given if (key := _input_key(a, init, inputs)) is not None}
    return found


_KEYWORD_READS = frozenset({"pop", "get"})


def _init_inputs(init: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, str]:
    """Local name -> the password-named keyword of the constructor it holds: its own
    parameters, and locals bound to a key of its `**kwargs` (`pw = kwargs.pop(
    "password", None)` before `super().__init__(**kwargs)`)."""
    args = init.args
    listed = (*args.posonlyargs, *args.args, *args.kwonlyargs)
    inputs = {a.arg: a.arg for a in listed if is_password_name(a.arg)}
    for node in ast.walk(init):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            key = _keyword_read(node.value, init)
            if isinstance(target, ast.Name) and key is not None:
                inputs[target.id] = key
    return inputs


def _input_key(
    node: ast.expr, init: ast.FunctionDef | ast.AsyncFunctionDef, inputs: dict[str, str]
) -> str | None:
    """The constructor's password-named keyword `node` holds, if any."""
    if isinstance(node, ast.Name):
        return inputs.get(node.id)
    return _keyword_read(node, init)


def _keyword_read(node: ast.expr, init: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The password-named key a read of the `**kwargs` of `init` names
    (`kwargs.pop("password")`, `kwargs.get("password")`, `kwargs["password"]`)."""
    kwarg = init.args.kwarg.arg if init.args.kwarg else None
    key: ast.expr | None = None
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _KEYWORD_READS
        and node.args
    ):
        owner, key = node.func.value, node.args[0]
    elif isinstance(node, ast.Subscript):
        owner, key = node.value, node.slice
    else:
        return None
    if not (isinstance(owner, ast.Name) and owner.id == kwarg):
        return None
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value if is_password_name(key.value) else None
    return None


def _hashing_call(call: ast.Call, methods: _Methods) -> bool:
    """A call named for hashing (as `calls_hashing` counts them), or of a method of the class,
    on `self`, whose body hashes."""
    if hashing_name(callee_name(call)):
        return True
    method = self_method(call)
    return method is not None and method in methods and calls_hashing(methods[method])


def hashing_factory(function: ast.FunctionDef | ast.AsyncFunctionDef, methods: _Methods) -> bool:
    """A method other than `__init__` (a `create` classmethod) taking a password-named
    parameter and hashing, or taking keywords (`create(self, **attrs)`) that it hashes
    or hands to a method of its class that hashes (`self._handle_password(attrs)`,
    swapping `attrs["password"]` for its hash): what it is given as the password is
    stored hashed."""
    if function.name == "__init__":
        return False
    args = function.args
    parameters = (*args.posonlyargs, *args.args, *args.kwonlyargs)
    if any(is_password_name(a.arg) for a in parameters):
        return hashes_password(function)
    if args.kwarg is None:
        return False
    return hashes_password(function) or any(
        hashes_password(methods[helper])
        for helper in _given_keywords(function, args.kwarg.arg, methods)
    )


def _given_keywords(
    function: ast.FunctionDef | ast.AsyncFunctionDef, keywords: str, methods: _Methods
) -> Iterator[str]:
    """The methods of the class `function` calls on `self` with its `**keywords` dict."""
    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        if not (isinstance(owner, ast.Name) and owner.id in {"self", "cls"}):
            continue
        given = any(isinstance(a, ast.Name) and a.id == keywords for a in node.args)
        if given and node.func.attr in methods and node.func.attr != function.name:
            yield node.func.attr


def _validated(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """The attributes a SQLAlchemy `@validates("password")` method is given: SQLAlchemy
    calls it on every set of them (the default constructor's keywords too) and stores
    what it returns."""
    names: list[str] = []
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and callee_name(decorator) == "validates":
            names += [
                a.value
                for a in decorator.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
    return names


_CIPHER_WORDS = frozenset(
    {"encrypted", "encrypting", "crypted", "cipher", "aes", "fernet", "pgp", "gpg"}
)
"""Words that name a field class for the cipher it keeps its value under (a project's
own `AESCharField`, a `FernetTextField`, a `PGPSymmetricEncryptedField`)."""


def encrypted_field(value: ast.expr | None) -> bool:
    """A field that encrypts what it stores: django-cryptography's
    `encrypt(models.CharField(...))`, an `EncryptedCharField` (django-encrypted-model-fields,
    django-fernet-fields, django-mirage-field), SQLAlchemy-Utils' `EncryptedType`, or a
    field class (a name ending in `Field` or `Type`) named for a cipher, as projects name
    their own (`AESCharField`, whose `get_prep_value` encrypts with the secret key). A
    password kept so is one the application must send on (a database connection's, an
    SMTP account's), which a hash could not give back."""
    if not isinstance(value, ast.Call):
        return False
    for node in ast.walk(value):
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
        if name == "encrypt" or name.startswith("Encrypted") or name == "StringEncryptedType":
            return True
        if name.endswith(("Field", "Type")) and _CIPHER_WORDS.intersection(identifier_words(name)):
            return True
    return False


def _hashing_descriptor(value: ast.expr | None, methods: _Methods) -> bool:
    """`property(get, set)` or `synonym("_password", descriptor=property(get, set))` whose
    setter hashes, or a project's own descriptor class (`PasswordProperty("hash")`)."""
    if not isinstance(value, ast.Call):
        return False
    name = callee_name(value).lower()
    if name == "synonym":
        given = [k.value for k in value.keywords if k.arg == "descriptor"]
        return bool(given) and _hashing_descriptor(given[0], methods)
    if name == "property":
        setter = value.args[1] if len(value.args) > 1 else None
        setter = next((k.value for k in value.keywords if k.arg == "fset"), setter)
        found = methods.get(setter.id) if isinstance(setter, ast.Name) else None
        return found is not None and calls_hashing(found)
    return name.endswith("property") and name not in {"column_property", "hybrid_property"}


_HASHING_WORDS = (
    "hash",
    "crypt",
    *(m for m in HASHING_METHODS if "hash" not in m and "crypt" not in m),
)


def _may_hash(ctx: FileContext) -> bool:
    """Whether the module's text names a call `calls_hashing` looks for: most name none, and
    their methods need no walk."""
    lowered = ctx.normalised_text.lower()
    return any(word in lowered for word in _HASHING_WORDS)


_HASHING_LIBRARIES = (
    "flask_bcrypt",
    # NOTE: Flask-Security's own views hash what they store with `SECURITY_PASSWORD_HASH`
    # (WW724 judges that setting).
    "flask_security",
    "argon2",
    "passlib",
    "sqlalchemy_utils.PasswordType",
    "sqlalchemy_utils.types.PasswordType",
    "sqlalchemy_utils.types.password",
)


def hashes_passwords(ctx: FileContext) -> bool:
    """Whether the module calls a password hashing API or imports a hashing library."""
    if any(
        qualified == prefix or qualified.startswith(prefix + ".")
        for qualified in ctx.names.aliases.values()
        for prefix in (*HASHING_OBJECTS, *_HASHING_LIBRARIES)
    ):
        return True
    return any(
        isinstance(node, ast.Call)
        and (callee_name(node) in HASHING_METHODS or (_fast_hash(ctx, node) and _of_password(node)))
        for node in ctx.nodes(ast.Call)
    )


def _fast_hash(ctx: FileContext, call: ast.Call) -> bool:
    """`hashlib.md5(...)`: hashing, if too fast for passwords (WW740 reports that)."""
    return (ctx.call_name(call) or "").startswith("hashlib.")


def _of_password(call: ast.Call) -> bool:
    """Whether a password-named value is among what the call is given."""
    return any(
        is_password_name(name)
        for argument in call.args
        for node in ast.walk(argument)
        if (name := _named(node))
    )


def _named(node: ast.AST) -> str:
    """The name a part of an expression reads (`password`, `form.pw`, `data["password"]`)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return str(node.slice.value)
    return ""
