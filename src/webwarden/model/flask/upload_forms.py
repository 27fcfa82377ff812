"""Upload forms: WTForms classes with a file field, whose posting sends a file."""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping

from webwarden.model.flask.references import Namer

_FILE_FIELD = "FileField"
"""The last part of the name of WTForms' and Flask-WTF's file fields (`FileField`,
`MultipleFileField`), and of the project's fields named after them."""


def form_fields(namer: Namer, classes: list[ast.ClassDef]) -> Iterator[tuple[str, str]]:
    """(class reference, field class reference) for each own attribute of a class made
    by a call of a class named as a field (`file = FileField(...)`, `logo =
    ScannedFileField(...)`, `document = LogoField(...)`), but WTForms' text fields."""
    for node in classes:
        for statement in node.body:
            value = statement.value if isinstance(statement, ast.Assign | ast.AnnAssign) else None
            if not isinstance(value, ast.Call):
                continue
            callee = namer.ref(value.func)
            if callee is not None and _may_take_files(callee):
                yield namer.function_ref(node), callee


def _may_take_files(callee: str) -> bool:
    """A file field, or a field class that is not the libraries' own (the project's,
    which may derive from a file field); WTForms' other fields take text."""
    name = callee.rpartition(".")[2]
    if name.endswith(_FILE_FIELD):
        return True
    return name.endswith("Field") and callee.partition(".")[0] not in _FIELD_LIBRARIES


_FIELD_LIBRARIES = frozenset({"wtforms", "flask_wtf"})


def upload_forms(
    fields: Iterable[tuple[str, str]],
    bases: Mapping[str, tuple[str, ...]],
    forms: Collection[str],
    resolve: Callable[[str], str] = str,
) -> frozenset[str]:
    """The form classes with a file field of their own or from a class they derive
    from: a field class named `...FileField` (WTForms', Flask-WTF's) or one of the
    project's deriving from such (`class LogoField(FileField)`). `bases` maps each class
    of the project to the references of its bases; a form is a class of `forms` or one
    deriving from one (a model of a document store with its own `FileField` is none);
    `resolve` follows a re-exported name."""

    def derives(ref: str, test: Callable[[str], bool], seen: frozenset[str] = frozenset()) -> bool:
        ref = resolve(ref)
        if test(ref):
            return True
        if ref in seen:
            return False
        return any(derives(b, test, seen | {ref}) for b in bases.get(ref, ()))

    def is_file_field(ref: str) -> bool:
        return ref.rpartition(".")[2].endswith(_FILE_FIELD)

    found = {
        resolve(owner)
        for owner, field in fields
        if derives(field, is_file_field) and derives(owner, forms.__contains__)
    }
    changed = True
    while changed:
        derived = {
            ref
            for ref, classes in bases.items()
            if ref not in found and any(resolve(b) in found for b in classes)
        }
        found |= derived
        changed = bool(derived)
    return frozenset(found)
