"""File discovery: excludes, .gitignore, virtualenvs, symlinks, unreadable paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from webwarden.config import ConfigError, load_config
from webwarden.discover import FileKind, classify, discover


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _found(root: Path, *paths: Path, **overrides: object) -> list[str]:
    config = load_config([root], isolated=True, root=root, overrides=overrides or None)
    return [f.relpath for f in discover(list(paths) or [root], config).files]


def test_default_skips(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "app/views.py": "",
            "node_modules/x.py": "",
            ".git/hooks/pre-commit.py": "",
            "build/lib/app.py": "",
            "pkg.egg-info/x.py": "",
            "__pycache__/x.py": "",
            "env/pyvenv.cfg": "",
            "env/lib/site.py": "",
        },
    )
    assert _found(tmp_path) == ["app/views.py"]


def test_gitignore_at_every_level(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _tree(
        tmp_path,
        {
            ".gitignore": "secret_stuff/\n*.generated.py\n",
            "app/.gitignore": "local_settings.py\n",
            "app/local_settings.py": "",
            "app/settings.py": "",
            "app/models.generated.py": "",
            "secret_stuff/keys.py": "",
        },
    )
    assert _found(tmp_path) == [".gitignore", "app/.gitignore", "app/settings.py"]
    everything = _found(tmp_path, **{"respect-gitignore": False})
    assert "secret_stuff/keys.py" in everything


def test_ancestor_gitignore_applies_to_a_subdirectory_scan(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _tree(tmp_path, {".gitignore": "*.tmp.py\n", "app/a.py": "", "app/b.tmp.py": ""})
    assert _found(tmp_path, tmp_path / "app") == ["app/a.py"]


def test_exclude_patterns_and_explicit_paths(tmp_path: Path) -> None:
    _tree(tmp_path, {"app/a.py": "", "legacy/old.py": "", "legacy/sub/x.py": ""})
    assert _found(tmp_path, **{"extend-exclude": ["legacy"]}) == ["app/a.py"]
    # A path given explicitly is scanned even though it is excluded.
    assert _found(tmp_path, tmp_path / "legacy", **{"extend-exclude": ["legacy"]}) == [
        "legacy/old.py",
        "legacy/sub/x.py",
    ]
    assert _found(tmp_path, tmp_path / "legacy" / "old.py", **{"extend-exclude": ["legacy"]}) == [
        "legacy/old.py"
    ]


def test_symlink_loops_and_broken_links_are_problems(tmp_path: Path) -> None:
    _tree(tmp_path, {"app/a.py": ""})
    os.symlink("..", tmp_path / "app" / "up")
    os.symlink("loop.py", tmp_path / "app" / "loop.py")
    os.symlink("missing.py", tmp_path / "app" / "dangling.py")
    config = load_config([tmp_path], isolated=True, root=tmp_path)
    result = discover([tmp_path], config)
    assert [f.relpath for f in result.files] == ["app/a.py"]
    reasons = {p.relpath: p.reason for p in result.problems}
    assert reasons == {
        "app/dangling.py": "broken symlink: the target does not exist",
        "app/loop.py": "symlink loop: the link resolves to itself",
        "app/up": "symlink loop: the link leads back to a folder holding it",
    }


def test_symlinked_file_is_scanned_once(tmp_path: Path) -> None:
    _tree(tmp_path, {"a.py": ""})
    os.symlink("a.py", tmp_path / "b.py")
    assert _found(tmp_path) == ["a.py"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every directory")
def test_unreadable_directory(tmp_path: Path) -> None:  # pragma: no cover - not as root
    _tree(tmp_path, {"locked/a.py": ""})
    (tmp_path / "locked").chmod(0)
    try:
        config = load_config([tmp_path], isolated=True, root=tmp_path)
        problems = discover([tmp_path], config).problems
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert [p.reason for p in problems] == ["permission denied"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    config = load_config([tmp_path], isolated=True, root=tmp_path)
    with pytest.raises(ConfigError, match="no such file or directory"):
        discover([tmp_path / "nope"], config)


def test_given_path_that_is_not_a_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    config = load_config([tmp_path], isolated=True, root=tmp_path)
    assert [p.reason for p in discover([fifo], config).problems] == ["not a regular file"]


def test_outside_root_paths_are_relative(tmp_path: Path) -> None:
    _tree(tmp_path, {"root/x.py": "", "other/y.py": ""})
    config = load_config([tmp_path / "root"], isolated=True, root=tmp_path / "root")
    files = discover([tmp_path / "other"], config).files
    assert [f.relpath for f in files] == ["../other/y.py"]


@pytest.mark.parametrize(
    ("name", "parents", "kind"),
    [
        pytest.param("views.py", (), FileKind.PYTHON, id="python"),
        pytest.param("base.html", ("templates",), FileKind.TEMPLATE, id="html"),
        pytest.param("mail.txt", ("app", "templates"), FileKind.TEMPLATE, id="txt-in-templates"),
        pytest.param("notes.txt", (), FileKind.OTHER, id="txt"),
        pytest.param(".env", (), FileKind.TEXT, id="env"),
        pytest.param(".env.production", (), FileKind.TEXT, id="env-suffix"),
        pytest.param("requirements-dev.txt", (), FileKind.TEXT, id="requirements"),
        pytest.param("base.txt", ("requirements",), FileKind.TEXT, id="requirements-dir"),
        pytest.param("docker-compose.yml", (), FileKind.TEXT, id="compose"),
        pytest.param("logo.png", (), FileKind.OTHER, id="other"),
        pytest.param("deploy.sh", (), FileKind.TEXT, id="shell-script"),
        pytest.param("entrypoint", ("docker",), FileKind.TEXT, id="image-entrypoint"),
        pytest.param("docker-entrypoint", (), FileKind.TEXT, id="docker-entrypoint"),
        pytest.param("entrypoint.txt", (), FileKind.OTHER, id="notes-named-entrypoint"),
        pytest.param("shop.service", (), FileKind.TEXT, id="systemd-unit"),
        pytest.param(".npmrc", (), FileKind.TEXT, id="npmrc"),
        pytest.param(".pgpass", (), FileKind.TEXT, id="pgpass"),
        pytest.param(".htpasswd", (), FileKind.TEXT, id="htpasswd"),
        pytest.param("settings.py.prod", (), FileKind.PYTHON, id="settings-to-copy"),
        pytest.param("local_settings.py.example", (), FileKind.PYTHON, id="example-to-copy"),
        pytest.param("config.py.dist", (), FileKind.PYTHON, id="dist-to-copy"),
        pytest.param("settings.py.template", (), FileKind.PYTHON, id="template-to-copy"),
        pytest.param("settings.py.devprod", (), FileKind.PYTHON, id="variant-word-inside"),
        pytest.param("script.py.mako", (), FileKind.OTHER, id="code-template"),
        pytest.param("models.py.jinja2", (), FileKind.TEMPLATE, id="jinja-code-template"),
        pytest.param("settings.py.dev.j2", (), FileKind.TEMPLATE, id="variant-template"),
        pytest.param("views.py.bak", (), FileKind.OTHER, id="backup"),
        pytest.param("views.py.orig", (), FileKind.OTHER, id="patch-leftover"),
        pytest.param("tls.key", (), FileKind.TEXT, id="key-file"),
        pytest.param("tls.key.default", (), FileKind.TEXT, id="key-file-to-copy"),
        pytest.param("privkey.pem.bak", (), FileKind.TEXT, id="key-file-backup"),
    ],
)
def test_classify(name: str, parents: tuple[str, ...], kind: FileKind) -> None:
    assert classify(name, parents) is kind


def test_gitignore_negation_re_includes(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _tree(
        tmp_path,
        {
            ".gitignore": "*.log\n!keep.log\n",
            "app/debug.log": "",
            "app/keep.log": "",
            "app/.gitignore": "local_*.py\n!local_ok.py\n",
            "app/local_a.py": "",
            "app/local_ok.py": "",
        },
    )
    assert _found(tmp_path) == [".gitignore", "app/.gitignore", "app/keep.log", "app/local_ok.py"]


def test_negated_exclude_pattern(tmp_path: Path) -> None:
    _tree(tmp_path, {"app/views.py": "", "app/models.py": "", "notes.txt": ""})
    found = _found(tmp_path, **{"extend-exclude": ["*.py", "!views.py"]})
    assert found == ["app/views.py", "notes.txt"]


def test_root_inside_the_scanned_directory(tmp_path: Path) -> None:
    _tree(tmp_path, {"app/a.py": "", "app/build/b.py": "", "other/c.py": ""})
    root = tmp_path / "app"
    config = load_config([root], isolated=True, root=root, overrides={"extend-exclude": ["/a.py"]})
    files = discover([tmp_path], config).files
    assert [f.relpath for f in files] == ["../other/c.py"]


def test_directory_with_a_name_starting_with_two_dots(tmp_path: Path) -> None:
    _tree(tmp_path, {"..data/x.py": "", "..data/sub/y.py": ""})
    assert _found(tmp_path) == ["..data/sub/y.py", "..data/x.py"]


def test_a_link_to_a_folder_scanned_under_its_own_name_is_no_problem(tmp_path: Path) -> None:
    # Read the Docs: `static/core/fonts` -> `font`, the same files under a second name.
    _tree(tmp_path, {"static/font/a.py": ""})
    os.symlink("font", tmp_path / "static" / "fonts")
    config = load_config([tmp_path], isolated=True, root=tmp_path)
    result = discover([tmp_path], config)
    assert [f.relpath for f in result.files] == ["static/font/a.py"]
    assert result.problems == []
