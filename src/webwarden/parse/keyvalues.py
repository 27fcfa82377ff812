"""Key/value entries of configuration-like text files, with their positions.

`.env` files, YAML (PyYAML's composer, so every scalar keeps its line and column and no
object is ever constructed), JSON, INI/TOML-style `key = value` lines and `KEY=value`
assignments in deploy files (Procfile, Dockerfile `ENV`). Values are returned as
written minus quotes; columns are 0-based character offsets of the value's source text.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import yaml

# NOTE: yaml is imported where YAML is read: a warm scan reads no file and need not
# pay for importing it.


@dataclass(frozen=True, slots=True)
class Entry:
    """`key` set to `value` on `line` (1-based); `start:end` spans the value's source."""

    key: str
    value: str
    line: int
    start: int
    end: int


class YamlProblem(Exception):
    """A YAML document that does not parse; `line` is 1-based."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


_DOTENV = re.compile(
    r"^\s*(?:export\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_.\-]*)\s*=\s*(?P<value>.*?)\s*$"
)
_INI = re.compile(
    r"^\s*(?P<key>\"[A-Za-z_][\w.\-]*\"|'[A-Za-z_][\w.\-]*'|[A-Za-z_][\w.\-]*)"
    r"\s*(?:=(?!=)|:)\s*(?P<value>.*?)\s*$"
)
"""`key = value`, `key: value` or a quoted key (`"key" = value`); not a quoted string of
an array (`"shop-credentials==2.1",` in `pyproject.toml`'s dependencies) nor a
requirement's `==` pin (`shop-credentials==2.1` in `setup.cfg`'s `install_requires`)."""
_JSON = re.compile(r"\"(?P<key>[^\"\\]{1,200})\"\s*:\s*\"(?P<value>(?:[^\"\\]|\\.)*)\"")
_YAML_ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*)=(.*)$")
_ENV = re.compile(r"^\s*ENV\s+(?P<key>[A-Za-z_]\w*)\s+(?P<value>[^=\s].*?)\s*$")
"""A Dockerfile's `ENV KEY value` (without `=`)."""
_ASSIGNMENT = re.compile(
    r"(?:(?<=\\[nrt])|(?<![\w$\\]))(?P<key>[A-Za-z_][A-Za-z0-9_]*)=(?!=)"
    r"(?P<value>\"(?:[^\"\\]|\\.)*\"|'[^']*'|(?:\[(?:\"[^\"]*\"|'[^']*')\]|[^\s\"'\\]|\\(?![nrt]))+)"
)
"""`KEY=value`, not `==` (a requirement's pin, `shop-credentials==2.1`, a comparison).
An unquoted value goes on past an item looked up by a quoted key: in code a file
embeds, `password=os.environ["ADMIN_PASSWORD"],` passes the variable's value, whose
text is no literal.
In a string escaped as JSON writes it (a README kept in a package's metadata), a line
break is `\\n`: the name starts past it (not `nKEY`) and an unquoted value ends at it."""

_SETS_IN_TURN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=(?!=)")
"""A value that is itself an assignment (`Environment=SECRET_KEY=...`)."""
_PASSED_NAME = re.compile(r"[A-Za-z_][\w.]*(?:\[(?:\"[^\"]*\"|'[^']*')\])*(?=[),]+$)")
"""A keyword argument in code a file embeds (`create_user(password=ADMIN_PASSWORD)`,
or its last line alone, `password=ADMIN_PASSWORD)`, which reads as an INI line): the
name of the variable passed, or the item of one (`os.environ["ADMIN_PASSWORD"]`),
without the call's closing punctuation."""


def _name_passed(value: str, start: int, end: int) -> tuple[str, int, int]:
    """The variable's name alone when `value` is one passed to a call (`_PASSED_NAME`)."""
    passed = _PASSED_NAME.match(value)
    return (value, start, end) if passed is None else (passed.group(), start, start + passed.end())


def _unquote(raw: str, start: int) -> tuple[str, int, int]:
    """The value inside quotes (or before a ` #` comment) and its span."""
    if raw[:1] in {"'", '"'}:
        quote = raw[0]
        close = raw.find(quote, 1)
        while quote == '"' and close > 0 and _escaped(raw, close):
            # NOTE: `"KEY=\"$(openssl rand -hex 32)\""`: shells, dotenv and TOML read
            # `\"` inside double quotes as a quote of the value, not its end.
            close = raw.find(quote, close + 1)
        inner = raw[1:close] if close > 0 else raw[1:]
        return inner, start + 1, start + 1 + len(inner)
    value = re.split(r"\s+[#;]", raw, maxsplit=1)[0].rstrip()
    return value, start, start + len(value)


def _escaped(raw: str, index: int) -> bool:
    """Whether the character at `index` follows an odd run of backslashes."""
    run = len(raw[:index]) - len(raw[:index].rstrip("\\"))
    return run % 2 == 1


def dotenv_entries(text: str) -> Iterator[Entry]:
    """`KEY=value` lines of a `.env` file (as python-dotenv reads simple ones)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        match = _DOTENV.match(line)
        if match is not None:
            value, start, end = _unquote(match.group("value"), match.start("value"))
            yield Entry(match.group("key"), value, number, start, end)


def ini_entries(text: str) -> Iterator[Entry]:
    """`key = value` and `key: value` lines (INI, cfg, TOML, conf files)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("#", ";", "[")):
            continue
        match = _INI.match(line)
        if match is not None:
            value, start, end = _name_passed(*_unquote(match.group("value"), match.start("value")))
            yield Entry(match.group("key").strip("\"'"), value, number, start, end)


def json_entries(text: str) -> Iterator[Entry]:
    """`"key": "value"` pairs of a JSON document, line by line."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _JSON.finditer(line):
            start, end = match.span("value")
            yield Entry(match.group("key"), match.group("value"), number, start, end)


def assignment_entries(text: str) -> Iterator[Entry]:
    """`KEY=value` words anywhere (Procfile commands, Dockerfile `ENV`/`ARG`, shell
    scripts' `export KEY=value`), also those a value sets in turn (a systemd unit's
    `Environment="KEY=value"`)."""
    for number, line in enumerate(text.splitlines(), start=1):
        # NOTE: most lines of a large data file have neither: tested before any pattern.
        if ("=" not in line and "ENV" not in line) or line.lstrip().startswith("#"):
            continue
        for match in _ASSIGNMENT.finditer(line):
            value, start, end = _name_passed(*_unquote(match.group("value"), match.start("value")))
            yield Entry(match.group("key"), value, number, start, end)
            if _SETS_IN_TURN.match(value):
                for inner in _ASSIGNMENT.finditer(value):
                    found, first, last = _unquote(inner.group("value"), inner.start("value"))
                    yield Entry(inner.group("key"), found, number, start + first, start + last)
        env = _ENV.match(line)
        if env is not None:
            value, start, end = _unquote(env.group("value"), env.start("value"))
            yield Entry(env.group("key"), value, number, start, end)


def yaml_documents(text: str) -> list[yaml.Node]:
    """The composed YAML documents of `text` (nodes with positions, nothing constructed).

    Raises `YamlProblem` when the text is not YAML.
    """
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        # NOTE: libyaml's loader when PyYAML has it (its wheels do): the same nodes and
        # marks in a tenth of the time on large data files; a text it rejects is read
        # again by the Python loader, whose messages say more.
        with contextlib.suppress(yaml.YAMLError, RecursionError):
            return list(yaml.compose_all(text, Loader=fast))
    try:
        return list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except RecursionError:
        raise YamlProblem("too deeply nested to read as YAML", 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlProblem(f"not valid YAML: {exc.problem or exc}", line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"not valid YAML: {exc}", 1) from None


def _scalar_entry(key: str, node: yaml.ScalarNode) -> Entry:
    start, end = node.start_mark, node.end_mark
    line = start.line + 1
    begin = start.column + (1 if node.style in {"'", '"'} else 0)
    if end.line == start.line:
        finish = end.column - (1 if node.style in {"'", '"'} else 0)
    else:
        finish = begin + len(node.value.splitlines()[0] if node.value else "")
    return Entry(key, node.value, line, begin, max(begin, finish))


_REFERENCE_TAGS = frozenset({"!Ref", "!GetAtt", "!ImportValue", "!FindInMap", "!reference"})
"""YAML tags whose value names where another value is kept, never the value itself:
CloudFormation's intrinsic functions (`MasterUserPassword: !Ref DbPassword`, a template
parameter given at deploy time; `!GetAtt Secret.Password`, an attribute of another
resource; `!ImportValue`, another stack's export; `!FindInMap`, a key of the template's
mappings) and GitLab CI's `!reference [.setup, variables]`, keys of another job."""
_COMPOSING_TAGS = frozenset({"!Join", "!Sub"})
_DYNAMIC_REFERENCE = "{{resolve:"
_MAX_PIECES = 64


def _composes_reference(node: yaml.Node) -> bool:
    """Whether a CloudFormation `!Join` or `!Sub` builds a dynamic reference from its
    pieces (`!Join ["", ["{{resolve:secretsmanager:", !Ref DbSecret,
    ":SecretString:password}}"]]`): CloudFormation reads the value from Secrets Manager
    or Parameter Store at deploy time; the pieces are the reference's syntax, no value."""
    import yaml

    if node.tag not in _COMPOSING_TAGS:
        return False
    pieces: list[str] = []
    pending: list[yaml.Node] = [node]
    while pending and len(pieces) < _MAX_PIECES:
        current = pending.pop()
        if isinstance(current, yaml.ScalarNode) and isinstance(current.value, str):
            pieces.append(current.value)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(reversed(current.value))
    return _DYNAMIC_REFERENCE in "".join(pieces)


def yaml_entries(documents: list[yaml.Node]) -> Iterator[Entry]:
    """Every `key: scalar` pair of the documents, and `KEY=value` list items (the list
    form of docker-compose `environment`); aliases are visited once, and values tagged
    as references to other values (`!Ref DbPassword`, see `_REFERENCE_TAGS`), or built
    as a dynamic reference by a `!Join` or `!Sub` (see `_composes_reference`), are not
    entries."""
    import yaml

    seen: set[int] = set()
    stack: list[tuple[str, yaml.Node]] = [("", document) for document in documents]
    while stack:
        key, node = stack.pop()
        if id(node) in seen or node.tag in _REFERENCE_TAGS or _composes_reference(node):
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                name = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
                stack.append((str(name), value_node))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((key, item) for item in node.value)
        elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
            assignment = _YAML_ASSIGNMENT.match(node.value)
            if assignment is not None and node.start_mark.line == node.end_mark.line:
                entry = _scalar_entry(assignment.group(1), node)
                offset = assignment.end(1) + 1
                yield Entry(
                    entry.key, assignment.group(2), entry.line, entry.start + offset, entry.end
                )
            elif key:
                yield _scalar_entry(key, node)
