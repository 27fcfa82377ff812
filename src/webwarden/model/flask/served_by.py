"""Whether the project's scripts serve its Flask app with a WSGI server alone.

The `flask` command loads `.flaskenv` (through python-dotenv) before it runs; a WSGI
server (`gunicorn app:app`, `uwsgi --module app:app`) imports the app without it. When the
project's scripts (Procfiles, Dockerfiles, compose files, shell scripts: see
`launch_scripts`) start such a server and none runs `flask run`, a debug switch in
`.flaskenv` reaches only the development server a developer starts by hand; other
`flask` commands there (`flask db upgrade`) serve no request. A `flask run` in a Procfile
variant named for local use (`Procfile.windows`, `Procfile.dev`: Heroku and Dokku read only
`Procfile`; `heroku local -f` or honcho runs the others on a developer's machine) is that
development server too.

Likewise a module that starts the development server itself (`app.run(debug=True)` in a
`serve.py`, or under `if __name__ == "__main__":` in the `wsgi.py` a server imports) is a
developer's runner when such scripts serve the app with a WSGI server and none runs the
module (`python serve.py`, `python -m serve`, `serve:app`): a Makefile's targets (or a
local Procfile's) are commands a developer types, unless another script makes the
target that runs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from webwarden.discover.files import SourceFile
from webwarden.model.launch_scripts import script_texts

_WSGI_SERVER = re.compile(
    r"(?:^|[\s;&|\"'\[,(:=])(?:gunicorn|uwsgi|waitress-serve|hypercorn|uvicorn|mod_wsgi-express)"
    r"(?:[\"']?,?[ \t]+|[\"'],)[\"']?(?![=<>~^!\d])\S",
    re.MULTILINE,
)
"""A WSGI (or ASGI) server started on a command line (`exec gunicorn -b :5000 app:app`,
`CMD ["gunicorn", "app:app"]`, also written without spaces, `CMD ["gunicorn","app:app"]`);
not a requirement (`gunicorn==22.0`, `gunicorn = "^22"`)."""
_FLASK_RUN = re.compile(r"(?<![\w./-])flask(?![\w-])[^;&|\n]*?(?<![\w-])run(?![\w-])")
"""`flask run`, `flask --app shop run`, `python -m flask run`, `["flask", "run"]`."""
_INSTALLS = re.compile(r"(?<![\w-])(?:install|add)(?![\w-])")
_LOCAL_PROCFILE = re.compile(r"Procfile[._-](?:windows|win|dev|development|local)", re.IGNORECASE)
"""A process file for a developer's machine (Heroku's getting-started apps ship
`Procfile.windows` with `flask run` for `heroku local -f Procfile.windows`)."""


def served_by_wsgi_server(root: Path, files: Iterable[SourceFile], max_size: int) -> bool:
    """Whether some script starts a WSGI server and none runs `flask run`."""
    served = False
    for name, text in script_texts(root, files, max_size):
        if _FLASK_RUN.search(text) and not _LOCAL_PROCFILE.fullmatch(name):
            return False
        served = served or any(
            _WSGI_SERVER.search(line) and not _INSTALLS.search(line) for line in text.splitlines()
        )
    return served


_MAKEFILE = re.compile(r"(?:Makefile|GNUmakefile|.*\.mk)")
_RULE = re.compile(r"^([\w.-]+(?:[ \t]+[\w.-]+)*)[ \t]*::?(?!=)(.*)$")
"""A Makefile rule's line: its targets, then its prerequisites."""


_TOOL_CONFIG = re.compile(
    r"\.?coverage[\w.-]*\.(?:ini|cfg|toml)|pytest\.ini|mypy\.ini|\.?codecov\.ya?ml|\.?pylintrc"
)
"""The configuration of a tool that reads the project's files without running them: a
module a coverage configuration names (`omit = oauth_tester.py`) is one it leaves out of
the measure, not one a process starts."""


def started_by_hand(
    root: Path, files: Iterable[SourceFile], relpaths: Iterable[str], max_size: int
) -> frozenset[str]:
    """Of the modules `relpaths`, those no script runs, where some script serves the app
    with a WSGI server: only a developer starts them, by hand or through a Makefile's
    target that no other script runs (`make serve`); a tool's configuration naming the
    module (`coverage.ini`, see `_TOOL_CONFIG`) runs nothing."""
    texts = list(script_texts(root, files, max_size))
    served = any(
        _WSGI_SERVER.search(line) and not _INSTALLS.search(line)
        for _, text in texts
        for line in text.splitlines()
    )
    if not served:
        return frozenset()
    makefiles = [text for name, text in texts if _MAKEFILE.fullmatch(name)]
    deployed = [
        text
        for name, text in texts
        if not _LOCAL_PROCFILE.fullmatch(name)
        and not _MAKEFILE.fullmatch(name)
        and not _TOOL_CONFIG.fullmatch(name)
    ]
    return frozenset(
        path
        for path in relpaths
        if not any(_runs(path, text) for text in deployed)
        and not any(
            _made(target, deployed) for text in makefiles for target in _targets(path, text)
        )
    )


def _runs(relpath: str, text: str) -> bool:
    """Whether a script names the module as a command runs or serves it: its file
    (`python serve.py`, `scripts/serve.py`), `-m` and its dotted name, or a WSGI target
    (`wsgi:app`)."""
    module = relpath.removesuffix(".py").replace("/", ".")
    stem = module.rsplit(".", 1)[-1]
    file = re.escape(relpath.rsplit("/", 1)[-1])
    dotted = rf"(?:[\w.]+\.)?{re.escape(stem)}"
    pattern = rf"(?<![\w-]){file}\b|-m\s+{dotted}\b|(?<![\w-]){dotted}:"
    return re.search(pattern, text) is not None


def _targets(relpath: str, makefile: str) -> set[str]:
    """The Makefile's targets whose recipe runs the module, and those that depend on one
    of them (`dev: serve`)."""
    recipes: dict[str, list[str]] = {}
    needs: dict[str, list[str]] = {}
    current: list[str] = []
    for line in makefile.splitlines():
        if line.startswith("\t"):
            for target in current:
                recipes.setdefault(target, []).append(line)
            continue
        rule = _RULE.match(line)
        current = rule.group(1).split() if rule else []
        for target in current:
            needs.setdefault(target, []).extend(rule.group(2).split() if rule else ())
    found = {t for t, lines in recipes.items() if _runs(relpath, "\n".join(lines))}
    grown = True
    while grown:
        more = {t for t, wanted in needs.items() if t not in found and found & set(wanted)}
        found |= more
        grown = bool(more)
    return found


def _made(target: str, texts: Iterable[str]) -> bool:
    """Whether a script runs `make` for the target, or bare `make` (its first target)."""
    pattern = (
        rf"(?<![\w.-])make(?:[ \t]+-\S+)*(?:[ \t]+[^\s;&|]+)*?[ \t]+{re.escape(target)}(?![\w.-])"
    )
    bare = r"(?<![\w.-])make[ \t]*(?:$|[;&|\"'\]])"
    return any(re.search(pattern, t) or re.search(bare, t, re.MULTILINE) for t in texts)
