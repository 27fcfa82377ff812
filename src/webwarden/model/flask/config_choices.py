"""A config class name bound by imports the module chooses between.

```python
match os.environ.get("FLASK_ENV"):
    case "development":
        from config.envs.development import DevelopmentConfig as Config
    case _:
        from config.envs.default import DefaultConfig as Config
```

`app.config.from_object("config.Config")` loads whichever the branch taken imported:
each is a variant of the app's config, selected by the value the branch tests (the
`case`, or `if FLASK_ENV == "test":`), as a mapping's keys select its entries. The same
holds for `if`/`elif`/`else` and `try`/`except ImportError` arms.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.flask.facts import ConfigMapFact
from webwarden.model.flask.references import Namer
from webwarden.model.names import absolute_module

_Choice = tuple[tuple[str, ...], str]
"""(the values selecting it, the imported class's reference)."""
_DEFAULT = "default"
"""The key of the arm taken when no tested value matches (`case _:`, a last `else:`)."""


def config_choices(namer: Namer) -> tuple[ConfigMapFact, ...]:
    """Module-level names that imports in the arms of an `if`, `match` or `try` bind to
    two or more different classes (names starting with a capital letter)."""
    choices: dict[str, list[_Choice]] = {}
    for name, keys, target in _arm_imports(namer, namer.ctx.tree.body, None):
        choices.setdefault(name, []).append((keys, target))
    found = []
    for name, chosen in choices.items():
        targets = {target for _, target in chosen}
        if len(targets) < 2 or not name[:1].isupper():
            continue
        entries = tuple(
            (key, target) for keys, target in chosen for key in keys or (target.rpartition(".")[2],)
        )
        ref = f"{namer.module}.{name}" if namer.module else name
        found.append(ConfigMapFact(ref, entries, chosen=True))
    return tuple(found)


def _arm_imports(
    namer: Namer, body: list[ast.stmt], keys: tuple[str, ...] | None
) -> Iterator[tuple[str, tuple[str, ...], str]]:
    """(bound name, selecting values, imported reference) of the `from ... import`
    statements in an arm (`keys` None: not in any arm), through nested arms."""
    for statement in body:
        match statement:
            case ast.ImportFrom() if keys is not None:
                source = absolute_module(
                    namer.module,
                    statement.level,
                    statement.module,
                    is_package=namer.ctx.relpath.endswith("__init__.py"),
                )
                for alias in statement.names:
                    if alias.name != "*" and source:
                        yield alias.asname or alias.name, keys, f"{source}.{alias.name}"
            case ast.If():
                yield from _arm_imports(namer, statement.body, _tested(namer, statement.test))
                yield from _arm_imports(namer, statement.orelse, (_DEFAULT,))
            case ast.Match():
                for case in statement.cases:
                    yield from _arm_imports(namer, case.body, _matched(case.pattern))
            case ast.Try():
                for block in (statement.body, *(h.body for h in statement.handlers)):
                    yield from _arm_imports(namer, block, ())


def _tested(namer: Namer, test: ast.expr) -> tuple[str, ...]:
    """The strings an `if` compares with (`env == "dev"`, `env in ("dev", "local")`)."""
    match test:
        case ast.Compare(ops=[ast.Eq() | ast.In()], comparators=[other]):
            value = namer.ctx.evaluate(other)
            values = value if isinstance(value, list | tuple | set | frozenset) else [value]
            return tuple(v for v in values if isinstance(v, str))
    return ()


def _matched(pattern: ast.pattern) -> tuple[str, ...]:
    """The strings a `case` matches (`case "uat" | "production":`); `case _:` is the
    default."""
    match pattern:
        case ast.MatchValue(value=ast.Constant(value=str() as value)):
            return (value,)
        case ast.MatchOr(patterns=patterns):
            return tuple(v for p in patterns for v in _matched(p))
        case ast.MatchAs(pattern=None):
            return (_DEFAULT,)
    return ()
