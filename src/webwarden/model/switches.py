"""Code that runs only while a switch is on: the body of an `if` that reads a flag named
for debugging (`if args.debug:`) or for a test run (`if settings.RUNNING_TEST:`)."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from webwarden.model.module import FileContext, identifier_words

DEBUG = frozenset({"debug"})
TESTING = frozenset({"test", "tests", "testing"})
CI_SERVICES = frozenset(
    {"travis", "circleci", "jenkins", "appveyor", "buildkite", "tox", "ghactions", "githubactions"}
)
"""Services (and tox) that run a project's tests: settings or a config class named for
one (`settings/travis.py`, `TravisConfig`, `if "GHACTIONS" in os.environ:`) are what its
test runs use, as `ci` ones are. GitHub Actions' own variable, `GITHUB_ACTIONS`, is two
words (see `CI_WORD_PAIRS`)."""
CI_WORD_PAIRS = (frozenset({"github", "actions"}),)
"""Services named in two words: a name holding both is the service's."""


def names_ci(words: Iterable[str]) -> bool:
    """Whether a name's words (`role_words`) name a service that runs a project's tests:
    one of `CI_SERVICES`, or both words of one of `CI_WORD_PAIRS` (`GithubActionsConfig`)."""
    held = set(words)
    return bool(held & CI_SERVICES) or any(pair <= held for pair in CI_WORD_PAIRS)


def under_switch(ctx: FileContext, node: ast.AST, words: frozenset[str]) -> bool:
    """Whether `node` is in the body of an `if` (in its own function) whose test reads a
    switch named by one of `words`, not negated: `if args.debug:`, `if
    settings["DEBUG"]:`, `if get_setting("general.debug"):`, `if getattr(settings,
    "RUNNING_TEST", False):`."""
    child = node
    for holder in ctx.ancestors(node):
        in_body = isinstance(holder, ast.If) and any(s is child for s in holder.body)
        if in_body and isinstance(holder, ast.If) and reads_switch(holder.test, words):
            return True
        if isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return False
        child = holder
    return False


def reads_switch(test: ast.expr, words: frozenset[str]) -> bool:
    """Whether a test reads a switch named by one of `words`, not negated."""
    if isinstance(test, ast.BoolOp):
        return any(reads_switch(value, words) for value in test.values)
    if isinstance(test, ast.Compare):
        return reads_switch(test.left, words)
    if isinstance(test, ast.Call):
        parts: list[ast.expr] = [test.func, *test.args]
        return any(reads_switch(part, words) for part in parts)
    if isinstance(test, ast.Subscript):
        return reads_switch(test.slice, words) or reads_switch(test.value, words)
    if isinstance(test, ast.Constant) and isinstance(test.value, str):
        return not words.isdisjoint(identifier_words(test.value))
    if isinstance(test, ast.Attribute):
        return not words.isdisjoint(identifier_words(test.attr)) or reads_switch(test.value, words)
    return isinstance(test, ast.Name) and not words.isdisjoint(identifier_words(test.id))
