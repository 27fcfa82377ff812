"""What reading templates costs, and what the template rules say, on real trees.

For each tree: the number of templates by dialect, the seconds of the per-file template
step (read, parse, HTML context, template rules, facts) against a floor (Jinja2's
`env.parse` or Django's `Lexer.tokenize` on the same files, which is what any tool that
reads templates must pay), the whole scan with and without the template rules, and the
findings per template rule, so a change's new false positives are visible.

    python bench/templates_bench.py TREE [TREE ...]
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import statistics
import sys
import time
from pathlib import Path

from webwarden.config import load_config
from webwarden.discover import FileKind, SourceFile, discover
from webwarden.engine import scan
from webwarden.engine.files import FilePlan, analyse_file
from webwarden.engine.templates import read_template
from webwarden.model.names import package_dirs
from webwarden.model.templates.plan import TemplatePlan, plan_templates
from webwarden.parse import read_text
from webwarden.parse.templates import Dialect, ParsedTemplate, TemplateSyntax, parse_template
from webwarden.rules.registry import all_rules

TEMPLATE_CODES = tuple(
    r.code for r in all_rules() if r.code.startswith(("WW55", "WW64")) or r.code == "WW540"
)


def _floor(texts: dict[str, tuple[str, Dialect]]) -> float:
    from jinja2 import Environment, TemplateSyntaxError

    env = Environment()  # noqa: S701 - parsed, never rendered
    try:
        from django.template.base import Lexer
    except ImportError:  # pragma: no cover - Django is in the test extra
        Lexer = None
    started = time.perf_counter()
    for text, dialect in texts.values():
        if dialect is Dialect.DJANGO and Lexer is not None:
            Lexer(text).tokenize()
        else:
            with contextlib.suppress(TemplateSyntaxError):
                env.parse(text)
    return time.perf_counter() - started


def _plan(tree: Path) -> tuple[TemplatePlan, list[SourceFile], int]:
    """The template plan the engine would make (from the Python files' facts)."""
    config = load_config([tree], isolated=True, root=tree)
    discovery = discover([tree], config)
    packages = package_dirs(f.relpath for f in discovery.files)
    file_plan = FilePlan((), config.max_file_size, packages, config.test_paths)
    summaries = [
        r.summary
        for f in discovery.files
        if f.kind is FileKind.PYTHON and (r := analyse_file(f, file_plan)).summary is not None
    ]
    plan = plan_templates(summaries, discovery.files)
    return plan, [f for f in discovery.files if plan.is_template(f)], config.max_file_size


def measure(tree: Path, rounds: int) -> None:
    config = load_config([tree], isolated=True, root=tree)
    plan, files, max_size = _plan(tree)
    texts: dict[str, tuple[str, Dialect]] = {}
    dialects: collections.Counter[str] = collections.Counter()
    for file in files:
        text = read_text(file.path, max_size)
        if not isinstance(text, str):
            continue
        syntax = plan.syntax_for(file.relpath) or TemplateSyntax(fallback=plan.default)
        parsed = parse_template(file.relpath, text, syntax)
        dialect = parsed.dialect if isinstance(parsed, ParsedTemplate) else Dialect.JINJA
        dialects["unparsable" if not isinstance(parsed, ParsedTemplate) else dialect] += 1
        texts[file.relpath] = (text, dialect)
    step, floor = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        for file in files:
            read_template(file, plan, TEMPLATE_CODES, max_size)
        step.append(time.perf_counter() - started)
        floor.append(_floor(texts))
    with_rules, without = [], []
    findings: collections.Counter[str] = collections.Counter()
    for _ in range(rounds):
        started = time.perf_counter()
        result = scan([tree], config)
        with_rules.append(time.perf_counter() - started)
        findings = collections.Counter(f.code for f in result.findings if f.code in TEMPLATE_CODES)
        bare = load_config(
            [tree], isolated=True, root=tree, overrides={"ignore": [*TEMPLATE_CODES, "WW000"]}
        )
        started = time.perf_counter()
        scan([tree], bare)
        without.append(time.perf_counter() - started)
    print(f"== {tree.name}: {len(files)} templates {dict(dialects)}")
    print(f"   template step   {statistics.median(step):7.2f}s")
    print(f"   parse floor     {statistics.median(floor):7.2f}s (Jinja2 parse / Django Lexer)")
    print(f"   scan, all rules {statistics.median(with_rules):7.2f}s")
    print(f"   scan, no templ. {statistics.median(without):7.2f}s")
    print(f"   findings        {dict(sorted(findings.items()))}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args(argv)
    for tree in options.trees:
        measure(tree.resolve(), options.rounds)


if __name__ == "__main__":
    main(sys.argv[1:])
