"""setup.py: the `install_requires` and `extras_require` a `setup()` call is given,
read from the code (never run)."""

from __future__ import annotations

import ast

from webwarden.deps.model import Problem
from webwarden.deps.sources import names
from webwarden.deps.sources._pep508 import from_requirement, parse_requirement
from webwarden.deps.sources.interface import Collected, DependencySource, DependencySourceError

_SETUP = frozenset({"setup", "setuptools.setup", "distutils.core.setup"})


class SetupPySource(DependencySource):
    """The requirements a `setup.py` passes to `setup()` as literals."""

    format_name = "setup.py"
    patterns = names.SETUP_PY

    def collect(self) -> Collected:
        """Each literal requirement of `install_requires` and of every extra; a list
        built at run time is a problem (it cannot be audited without running the file)."""
        text = self.read()
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            raise DependencySourceError(self.relpath, f"cannot parse: {exc}") from None
        lines = text.splitlines()
        bound = _module_values(tree)
        collected = Collected()
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and ast.unparse(call.func) in _SETUP):
                continue
            for keyword in call.keywords:
                if keyword.arg == "install_requires":
                    self._list(keyword.value, "", bound, lines, collected)
                elif keyword.arg == "extras_require":
                    self._extras(keyword.value, bound, lines, collected)
        return collected

    def _list(
        self,
        node: ast.expr,
        group: str,
        bound: dict[str, ast.expr],
        lines: list[str],
        out: Collected,
    ) -> None:
        node = _unwrapped(node, bound)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.BitOr):
            # NOTE: `BASE + ["extra==1.0"]`, and the union of sets `{"Flask<4"} | BASE`:
            # each literal once, however many of the sets joined hold it.
            for part in _joined(node, bound):
                self._list(part, group, bound, lines, out)
            return
        text = _split_text(node)
        if text is not None:
            # NOTE: `"""\nDjango==4.2\n...""".split()`: one requirement per line.
            for offset, raw in enumerate(str(text.value).splitlines()):
                if raw.strip() and not raw.strip().startswith("#"):
                    one = ast.Constant(raw.strip(), lineno=text.lineno + offset)
                    self._requirement(one, group, lines, out)
            return
        if not isinstance(node, ast.List | ast.Tuple | ast.Set):
            if not self._declared_elsewhere():
                what = f"`{group}` extra" if group else "`install_requires`"
                reason = f"{what} is computed when setup.py runs; list the requirements literally"
                out.problems.append(Problem(self.relpath, reason, getattr(node, "lineno", 1)))
            return
        for item in node.elts:
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                self._requirement(item, group, lines, out)

    def _requirement(
        self, element: ast.Constant, group: str, lines: list[str], out: Collected
    ) -> None:
        try:
            requirement = parse_requirement(str(element.value))
        except ValueError as exc:
            out.problems.append(Problem(self.relpath, str(exc), element.lineno))
            return
        declared = self.declaration(lines, element.lineno)
        out.dependencies.append(
            from_requirement(requirement, declared, self.format_name, group=group)
        )

    def _declared_elsewhere(self) -> bool:
        """Whether the folder has requirements or lock files (what a computed list is
        usually read from at run time), which are audited themselves."""
        folder = self.path.parent
        return any(next(folder.glob(pattern), None) is not None for pattern in _ELSEWHERE)

    def _extras(
        self, node: ast.expr, bound: dict[str, ast.expr], lines: list[str], out: Collected
    ) -> None:
        node = bound.get(node.id, node) if isinstance(node, ast.Name) else node
        if not isinstance(node, ast.Dict):
            return
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                self._list(value, key.value, bound, lines, out)


_ELSEWHERE = ("requirements*.txt", "requirements/*.txt", "requirements*.in", "Pipfile*", "*.lock")


_COLLECTION_BUILTINS = frozenset({"frozenset", "set", "list", "tuple", "sorted"})
"""Builtins that make a collection of the items they are given, the same requirements
whatever their order or duplicates (`install_requires=frozenset([...])`)."""


def _unwrapped(node: ast.expr, bound: dict[str, ast.expr]) -> ast.expr:
    """The value a module name is bound to, and the argument of a collection builtin
    (`frozenset(["pandas"])`, `sorted(REQUIRES)`), as far as they go."""
    for _ in range(8):  # NOTE: a name may be bound to a call of itself (`R = sorted(R)`)
        if isinstance(node, ast.Name) and node.id in bound:
            node = bound[node.id]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _COLLECTION_BUILTINS
            and len(node.args) == 1
            and not node.keywords
        ):
            node = node.args[0]
        else:
            break
    return node


def _joined(node: ast.BinOp, bound: dict[str, ast.expr]) -> list[ast.expr]:
    """The operands of a chain of `+` and `|` (`BASE | WEB | BASE`), through the module
    names bound to such chains, each node once."""
    found: dict[int, ast.expr] = {}
    pending: list[ast.expr] = [node]
    for _ in range(_MAX_OPERANDS):
        if not pending:
            break
        current = _unwrapped(pending.pop(0), bound)
        if isinstance(current, ast.BinOp) and isinstance(current.op, ast.Add | ast.BitOr):
            pending[:0] = [current.left, current.right]
        else:
            found.setdefault(id(current), current)
    found.update((id(rest), rest) for rest in pending)
    return list(found.values())


_MAX_OPERANDS = 200


def _split_text(node: ast.expr) -> ast.Constant | None:
    """The string literal of `\"\"\"...\"\"\".split()` (or `.splitlines()`), if that is what
    `node` is."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"split", "splitlines"}
        and not node.args
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return node.func.value
    return None


def _module_values(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level names assigned exactly once (`REQUIRES = [...]`)."""
    seen: dict[str, list[ast.expr]] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    seen.setdefault(target.id, []).append(statement.value)
    return {name: values[0] for name, values in seen.items() if len(values) == 1}
