from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.discover import FileKind, SourceFile
from webwarden.model.fail2ban import is_jail_file, watched_lines, writers

_FILTER = """\
[Definition]
failregex = ^%(__prefix_line)s\\s*Panel: failed login attempts? from <HOST>$
            ^Panel: bad request from <HOST>$
"""


def _files(tmp_path: Path, texts: dict[str, str]) -> list[SourceFile]:
    files = []
    for relpath, text in texts.items():
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        kind = FileKind.PYTHON if relpath.endswith(".py") else FileKind.TEXT
        files.append(SourceFile(str(path), relpath, kind, len(text)))
    return files


@pytest.mark.parametrize(
    ("relpath", "expected"),
    [
        pytest.param("conf/fail2ban/jails.conf", True, id="fail2ban-folder"),
        pytest.param("deploy/jail.local", True, id="jail-local"),
        pytest.param("etc/jail.d/panel.conf", True, id="jail-d"),
        pytest.param("conf/fail2ban/filter.d/panel.conf", False, id="filter"),
        pytest.param("conf/nginx.conf", False, id="other-conf"),
    ],
)
def test_is_jail_file(relpath: str, expected: bool) -> None:
    assert is_jail_file(relpath) is expected


def test_watched_lines_quote_the_login_failure_of_an_enabled_jail(tmp_path: Path) -> None:
    files = _files(
        tmp_path,
        {
            "fail2ban/jail.local": "[panel]\nenabled = true\nfilter = panel[mode=normal]\n",
            "fail2ban/filter.d/panel.conf": _FILTER,
        },
    )
    # NOTE: `attempts?` may lack its `s`; the bad-request line names no login.
    assert watched_lines(files) == ["Panel: failed login attempt"]


@pytest.mark.parametrize(
    "jail",
    [
        pytest.param("[panel]\nenabled = false\nfilter = panel\n", id="disabled"),
        pytest.param("[sshd]\nenabled = true\n", id="stock-filter"),
        pytest.param("[panel\nenabled = true\n", id="unreadable"),
    ],
)
def test_no_watched_lines(tmp_path: Path, jail: str) -> None:
    files = _files(tmp_path, {"fail2ban/jail.local": jail, "fail2ban/filter.d/panel.conf": _FILTER})
    assert watched_lines(files) == []


def test_writers_are_the_python_files_holding_the_line(tmp_path: Path) -> None:
    files = _files(
        tmp_path,
        {
            "app/auth.py": 'log.warning("Panel: failed login attempt from %s", ip)\n',
            "app/views.py": 'log.warning("Panel: bad request")\n',
            "docs/notes.txt": "Panel: failed login attempt from 10.0.0.1\n",
        },
    )
    assert writers(files, ["Panel: failed login attempt"]) == ["app/auth.py"]
