"""Cookiecutter's placeholders in a project template, read as the names they stand for.

A cookiecutter template (cookiecutter-flask, cookiecutter-django) is a project whose
folders and modules hold `{{cookiecutter.app_name}}` where the generator writes the
name chosen for the project: `from {{cookiecutter.app_name}}.user.models import User`.
Read with the variable's own name in the placeholder's place (`app_name`), the module is
the Python the template generates, and its imports name the package the folder
`{{cookiecutter.app_name}}` becomes. Control blocks (`{% if cookiecutter.use_heroku ==
"y" %}`, cookiecutter-django's settings) choose lines by the answers given when the
project is generated: a file holding them is read as generated with the defaults of the
template's `cookiecutter.json` (`generated_text`), the one project a user gets by
pressing Enter at every question. Other tags (`{% for %}`, an extension's `{% now %}`)
are not rendered: such a file stays unread.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

_PLACEHOLDER = re.compile(r"\{\{\s*cookiecutter\.(\w+)\s*\}\}")
_MARK = "cookiecutter."


def with_stand_ins(text: str) -> str | None:
    """`text` with each `{{ cookiecutter.NAME }}` replaced by `NAME`; None when it holds
    none (columns after a placeholder on its line shift by the difference)."""
    if _MARK not in text:
        return None
    replaced, count = _PLACEHOLDER.subn(r"\1", text)
    return replaced if count else None


_FOLDER_MARKS = ("{{cookiecutter.", "{{ cookiecutter.")
_OPENING_RAW = re.compile(r"\A\s*(\{%-?\s*raw\s*-?%\})")
_CLOSING_RAW = re.compile(r"(\{%-?\s*endraw\s*-?%\})\s*\Z")
_ENDRAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")


def unwrapped_template(relpath: str, text: str) -> str | None:
    """The template a cookiecutter template generates from `text`, when the file lies in
    a placeholder folder and is wrapped whole in `{% raw %}...{% endraw %}` (so that the
    generator copies the project's own Jinja template as it is): those two tags blanked
    out, lines and columns kept. None otherwise."""
    if not any(mark in relpath for mark in _FOLDER_MARKS):
        return None
    opening = _OPENING_RAW.match(text)
    closing = _CLOSING_RAW.search(text)
    if opening is None or closing is None or len(_ENDRAW.findall(text)) != 1:
        return None
    start, end = opening.span(1)
    close_start, close_end = closing.span(1)
    return (
        text[:start]
        + " " * (end - start)
        + text[end:close_start]
        + " " * (close_end - close_start)
        + text[close_end:]
    )


_TAG = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}|\{#.*?#\}", re.DOTALL)
_ENDRAW_TAG = re.compile(r"\{%-?\s*endraw\s*-?%\}")
_BRANCHING = frozenset({"if", "elif", "else", "endif"})


def generated_text(path: str | Path, text: str) -> str | None:
    """The text a cookiecutter template generates from `text` with the answers its
    `cookiecutter.json` gives by default (a choice's first option), when the file lies
    in a placeholder folder beside that file: each `{% if %}` / `{% elif %}` /
    `{% else %}` block the answers leave out blanked, the tags, `{# comments #}` and
    `{% raw %}` tags blanked (the raw text kept as written), then placeholders read as
    `with_stand_ins` reads them; lines and columns of what is kept stay where they were.
    None when the file holds no control tag or placeholder, when no `cookiecutter.json`
    answers it, or when it holds another tag (`{% for %}`) or a condition that cannot be
    evaluated: such a file is not guessed at."""
    if not in_template(path) or _MARK not in text:
        return None
    answers = template_answers(path)
    if answers is None:
        return None
    chosen = _chosen_text(text, answers)
    if chosen is None:
        return None
    return with_stand_ins(chosen) or chosen


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _chosen_text(text: str, answers: Mapping[str, object]) -> str | None:
    pieces: list[str] = []
    # NOTE: one frame per open `if`: (a branch of it was taken, this branch is kept).
    frames: list[tuple[bool, bool]] = []
    position = 0
    while (tag := _TAG.search(text, position)) is not None:
        kept = all(frame[1] for frame in frames)
        segment = text[position : tag.start()]
        pieces.append(segment if kept else _blank(segment))
        name, argument = tag.group(1), tag.group(2)
        position = tag.end()
        if name == "raw":
            closing = _ENDRAW_TAG.search(text, position)
            if closing is None:
                return None
            raw = text[position : closing.start()]
            pieces += [_blank(tag.group(0)), raw if kept else _blank(raw), _blank(closing.group(0))]
            position = closing.end()
            continue
        if name is not None and not _followed(name, argument, frames, answers):
            return None
        pieces.append(_blank(tag.group(0)))
    if frames:
        return None
    pieces.append(text[position:])
    return "".join(pieces)


def _followed(
    name: str, argument: str, frames: list[tuple[bool, bool]], answers: Mapping[str, object]
) -> bool:
    """Open, switch or close the branch the tag `name` marks; False when it cannot."""
    if name not in _BRANCHING or (name != "if" and not frames):
        return False
    if name == "endif":
        frames.pop()
        return True
    truth = name == "else" or _condition(argument, answers)
    if truth is None:
        return False
    if name == "if":
        frames.append((truth, truth))
        return True
    taken, _ = frames[-1]
    branch = not taken and truth
    frames[-1] = (taken or branch, branch)
    return True


@functools.lru_cache(maxsize=512)
def _compiled(expression: str) -> Callable[..., object] | None:
    environment = _environment()
    if not _harmless(environment, "{{ " + expression + " }}"):
        return None
    try:
        return environment.compile_expression(expression, undefined_to_none=False)
    except Exception:  # NOTE: any Jinja error: the condition is not read
        return None


@functools.cache
def _environment() -> ImmutableSandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=StrictUndefined)


_MAX_SOURCE = 1000
_MAX_ANSWER = 10_000
_SAFE_METHODS = frozenset(
    {"lower", "upper", "strip", "lstrip", "rstrip", "title", "capitalize", "replace"}
    | {"startswith", "endswith", "count"}
)
_SAFE_FILTERS = frozenset(
    {"lower", "upper", "trim", "title", "capitalize", "replace", "length", "int", "string"}
)


def _harmless(environment: ImmutableSandboxedEnvironment, source: str) -> bool:
    """Whether a condition or a default of the template (a repository's text, which
    webwarden reads but must not let run away) only compares, slices and changes the
    case of the answers: Jinja's sandbox refuses unsafe attributes, not `"x" * 10**9`,
    a `center(10**9)` filter or a `replace` that grows the text."""
    from jinja2 import nodes

    safe = (
        *(nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Const),
        *(nodes.Getattr, nodes.Getitem, nodes.Slice, nodes.Compare, nodes.Operand),
        *(nodes.And, nodes.Or, nodes.Not, nodes.Tuple, nodes.List, nodes.Filter, nodes.Call),
    )
    if len(source) > _MAX_SOURCE:
        return False
    try:
        tree = environment.parse(source)
    except Exception:  # NOTE: not Jinja: not evaluated
        return False
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, safe):
            return False
        if isinstance(node, nodes.Filter) and (
            node.name not in _SAFE_FILTERS or not _shrinking(node.name, node.args)
        ):
            return False
        if isinstance(node, nodes.Call) and not (
            isinstance(node.node, nodes.Getattr)
            and node.node.attr in _SAFE_METHODS
            and _shrinking(node.node.attr, node.args)
        ):
            return False
    return True


def _shrinking(name: str, arguments: list[Any]) -> bool:
    """A `replace(old, new)` whose `new` is no longer than a non-empty `old`."""
    if name != "replace":
        return True
    from jinja2 import nodes

    texts = [a.value for a in arguments if isinstance(a, nodes.Const) and isinstance(a.value, str)]
    return len(arguments) == 2 and len(texts) == 2 and 0 < len(texts[1]) <= len(texts[0])


def _condition(expression: str, answers: Mapping[str, object]) -> bool | None:
    compiled = _compiled(expression.strip())
    if compiled is None:
        return None
    try:
        return bool(compiled(cookiecutter=answers))
    except Exception:  # NOTE: an unknown variable or filter: not guessed
        return None


def in_template(path: str | Path) -> bool:
    """Whether the file lies in a placeholder folder (`{{cookiecutter.project_slug}}/`)."""
    return any(mark in str(path) for mark in _FOLDER_MARKS)


def template_answers(path: str | Path) -> Mapping[str, object] | None:
    """The default answers of the `cookiecutter.json` beside the outermost placeholder
    folder holding the file at `path`; None outside one, or without a readable file
    (read again when the file changes: a resident process keeps no stale answers)."""
    if not in_template(path):
        return None
    folder = Path(path).parent
    outermost = next(
        (
            part
            for part in [folder, *folder.parents]
            if part.parent.name and _is_placeholder(part) and not _is_placeholder(part.parent)
        ),
        None,
    )
    if outermost is None:
        return None
    declared = outermost.parent / "cookiecutter.json"
    try:
        changed = declared.stat().st_mtime_ns
    except OSError:
        return None
    return _read_answers(declared, changed)


@functools.lru_cache(maxsize=64)
def _read_answers(declared: Path, changed: int) -> Mapping[str, object] | None:
    # NOTE: `changed` (the file's modification time) only keys the cache.
    try:
        values = json.loads(declared.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return _default_answers(values) if isinstance(values, dict) else None


def _is_placeholder(folder: Path) -> bool:
    return any(mark in folder.name for mark in _FOLDER_MARKS)


def _default_answers(declared: Mapping[str, object]) -> dict[str, object]:
    """Each variable's default as cookiecutter takes it: a list's first option, a text
    rendered with the answers before it (`project_slug` from `project_name`)."""
    environment = _environment()
    answers: dict[str, object] = {}
    for name, value in declared.items():
        if isinstance(value, list):
            value = value[0] if value else ""
        if isinstance(value, str) and not name.startswith("_") and _harmless(environment, value):
            # NOTE: a value using an extension's filter (`slugify`) is kept as written.
            with contextlib.suppress(Exception):
                rendered = environment.from_string(value).render(cookiecutter=answers)
                value = rendered if len(rendered) <= _MAX_ANSWER else value
        answers[name] = value
    return answers
