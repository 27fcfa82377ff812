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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from webwarden.discover.files import SourceFile
from webwarden.model.launch_scripts import script_texts

_WSGI_SERVER = re.compile(
    r"(?:^|[\s;&|\"'\[,(:=])(?:gunicorn|uwsgi|waitress-serve|hypercorn|uvicorn|mod_wsgi-express)"
    r"[\"']?,?[ \t]+[\"']?(?![=<>~^!\d])\S",
    re.MULTILINE,
)
"""A WSGI (or ASGI) server started on a command line (`exec gunicorn -b :5000 app:app`,
`CMD ["gunicorn", "app:app"]`); not a requirement (`gunicorn==22.0`, `gunicorn = "^22"`)."""
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
