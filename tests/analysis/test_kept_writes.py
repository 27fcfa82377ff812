"""The writes a process keeps between scans (`analysis.writes.kept`): a scan that takes
the kept judgements finds what a fresh one finds, whatever order either judged in, through
recursion, chains deeper than the bound and edits of the functions below a handler."""

from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.analysis import taint
from webwarden.analysis.writes import StateChanges
from webwarden.analysis.writes.kept import KeptWrites
from webwarden.config import load_config
from webwarden.discover import discover
from webwarden.engine.files import FilePlan, analyse_file
from webwarden.engine.project import build_project, prepare_taint
from webwarden.model.project import ProjectModel

VIEWS = """\
from app import helpers, steps


def archive(request):
    return helpers.archive(request.GET["id"])


def walk(request):
    return helpers.walk(3)


def ping(request):
    return helpers.ping(2)


def deep(request):
    return steps.step0()


def read(request):
    return helpers.lookup(1)
"""

HELPERS = """\
from app.models import Note


def archive(pk):
    return store(pk)


def store(pk):
    Note.objects.filter(pk=pk).update(archived=True)


def walk(n):
    if n:
        walk(n - 1)
    Note.objects.create(text="x")


def ping(n):
    return pong(n)


def pong(n):
    if n:
        return ping(n - 1)
    Note.objects.all().delete()


def lookup(pk):
    return Note.objects.get(pk=pk)
"""
STEPS = (
    "from app.models import Note\n"
    + "".join(f"\n\ndef step{i}():\n    return step{i + 1}()\n" for i in range(13))
    + "\n\ndef step13():\n    Note.objects.create(text='deep')\n"
)

EDITS = [
    ("helpers", "store(pk):\n    Note", "store(pk):\n    return pk\n    Note"),
    ("helpers", "return Note.objects.get(pk=pk)", "return store(pk)"),
    ("steps", "def step5():\n    return step6()", "def step5():\n    return step7()"),
    ("helpers", "    if n:\n        return ping", "    if not n:\n        return ping"),
    ("steps", "def step5():\n    return step7()", "def step5():\n    return step6()"),
    ("helpers", "return store(pk)\n", "return Note.objects.get(pk=pk)\n"),
    ("views", "helpers.walk(3)", "helpers.walk(4)"),
]
HANDLERS = ["archive", "walk", "ping", "deep", "read"]


def _project(root: Path, kept: taint.Kept | None) -> ProjectModel:
    config = load_config([root], isolated=True, root=root)
    discovery = discover([root], config)
    plan = FilePlan((), config.max_file_size, frozenset({"app"}), config.test_paths)
    project = build_project(root, discovery, [analyse_file(f, plan) for f in discovery.files])
    if kept is None:
        prepare_taint(project, None)
    else:
        flows, feeds, _ = taint.compute(project, inputs=taint.Inputs.of(project), kept=kept)
        taint.use_results(project, flows, feeds)
        project.taint_kept = kept
    return project


def _writes(project: ProjectModel, order: list[str]) -> dict[str, list[tuple[object, ...]]]:
    changes = StateChanges(project)
    found = {}
    for name in order:
        writes = changes.writes(f"app.views.{name}")
        found[name] = [(w.kind, w.what, w.line, w.clear, w.gated) for w in writes]
    return found


@pytest.mark.parametrize("order", [HANDLERS, HANDLERS[::-1]], ids=["forward", "backward"])
def test_kept_judgements_find_what_a_fresh_scan_finds(tmp_path: Path, order: list[str]) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(
        "from django.db import models\n\n\nclass Note(models.Model):\n"
        "    text = models.TextField()\n"
    )
    (app / "views.py").write_text(VIEWS)
    (app / "helpers.py").write_text(HELPERS)
    (app / "steps.py").write_text(STEPS)
    first = _project(tmp_path, None)
    kept = first.taint_kept
    assert kept is not None
    _writes(first, order[::-1])
    assert isinstance(kept.writes, KeptWrites)
    assert kept.writes.judged
    deep = [("orm", "`Note.objects.create()`", 46)]
    assert _writes(first, ["deep"])["deep"] != deep  # NOTE: too deep to follow
    taken: list[int] = []
    for module, old, new in EDITS:
        taken.append(kept.writes.taken)
        source = (app / f"{module}.py").read_text()
        assert old in source
        (app / f"{module}.py").write_text(source.replace(old, new, 1))
        again = _writes(_project(tmp_path, kept), order)
        assert again == _writes(_project(tmp_path, None), order)
    # NOTE: the helpers a view calls are kept when only the view changes; so is the
    # chain of steps, once short enough, when the helpers change
    assert kept.writes.taken > taken[-1] > taken[4] > 0


CHAIN = (
    "from app.models import Note\n"
    + "".join(f"\n\ndef s{i}():\n    return s{i + 1}()\n" for i in range(8))
    + "\n\ndef s8():\n    Note.objects.create(text='end')\n"
    + "".join(f"\n\ndef p{i}():\n    return p{i + 1}()\n" for i in range(5))
    + "\n\ndef p5():\n    return s0()\n\n\ndef t():\n    return s3()\n"
)
LOOP = """\
from app.models import Note


def a():
    Note.objects.all().delete()
    return b()


def b():
    return a()
"""
ORDERED_VIEWS = """\
from app import chain, loop


def short(request):
    return chain.s0()


def long(request):
    return chain.p0()


def tail(request):
    return chain.t()


def enter_a(request):
    return loop.a()


def enter_b(request):
    return loop.b()
"""


def test_what_a_cut_made_is_not_taken_for_what_kept_judgements_found(tmp_path: Path) -> None:
    """Judgements cut by the order of a scan: the kept ones are not taken where judging
    afresh in this scan's order would cut them (too deep now, a function below already
    judged otherwise, a cycle entered elsewhere)."""
    app = tmp_path / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(
        "from django.db import models\n\n\nclass Note(models.Model):\n"
        "    text = models.TextField()\n"
    )
    (app / "chain.py").write_text(CHAIN)
    (app / "loop.py").write_text(LOOP)
    (app / "views.py").write_text(ORDERED_VIEWS)
    first = _project(tmp_path, None)
    kept = first.taint_kept
    assert kept is not None
    found = _writes(first, ["short", "tail", "enter_a", "long", "enter_b"])
    assert found["short"] == found["long"] == found["tail"] != []
    assert found["enter_b"] == []  # NOTE: `b` was judged inside `a`, which it calls back
    (app / "views.py").write_text(ORDERED_VIEWS.replace("chain.p0()", "(chain.p0())"))
    order = ["long", "tail", "short", "enter_b", "enter_a"]
    again = _writes(_project(tmp_path, kept), order)
    fresh = _writes(_project(tmp_path, None), order)
    assert again == fresh
    assert (
        fresh["long"]
        == fresh["tail"]
        == fresh["short"]
        == [("unknown", "`s6()`", 28, False, False)]
    )
    assert fresh["enter_b"] == fresh["enter_a"] != []


def test_a_helper_read_for_its_row_is_read_by_each_judgement(tmp_path: Path) -> None:
    """What a project helper returns is read once a scan, but every judgement using it
    depends on its module: an edit there drops them all."""
    app = tmp_path / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(
        "from django.db import models\n\n\nclass Note(models.Model):\n"
        "    text = models.TextField()\n"
    )
    (app / "rows.py").write_text(
        "from app.models import Note\n\n\ndef find(pk):\n    return Note.objects.get(pk=pk)\n"
    )
    views = "from app import rows\n" + "".join(
        f"\n\ndef drop{i}(request, pk):\n    note = rows.find(pk)\n    note.delete()\n"
        for i in range(2)
    )
    (app / "views.py").write_text(views)
    first = _project(tmp_path, None)
    kept = first.taint_kept
    assert kept is not None
    _writes(first, ["drop0", "drop1"])
    assert isinstance(kept.writes, KeptWrites)
    for name in ("drop0", "drop1"):
        assert "app/rows.py" in kept.writes.judged[f"app.views.{name}"].modules
