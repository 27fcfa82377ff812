from __future__ import annotations

import pytest

from webwarden.model.container_commands import copied_files, is_dockerfile, run_programs


@pytest.mark.parametrize(
    ("dockerfile", "context", "relpaths", "expected"),
    [
        pytest.param(
            "FROM alpine\nCOPY start.py /\nCMD /start.py\n",
            "core/admin",
            {"core/admin/start.py"},
            ["core/admin/start.py"],
            id="copied-to-root-run-by-path",
        ),
        pytest.param(
            'FROM python\nWORKDIR /srv\nCOPY . .\nENTRYPOINT ["python", "app/run.py"]\n',
            "",
            {"app/run.py"},
            ["app/run.py"],
            id="folder-copied-exec-form-relative-to-workdir",
        ),
        pytest.param(
            "FROM python\nCOPY --chown=app a.py b.py \\\n  /opt/\nCMD python3 /opt/b.py\n",
            "svc",
            {"svc/a.py", "svc/b.py"},
            ["svc/b.py"],
            id="several-sources-continued-line",
        ),
        pytest.param(
            "FROM python\nCOPY start.py /\nHEALTHCHECK CMD true\nRUN python /start.py\n",
            "",
            {"start.py"},
            [],
            id="only-run-at-build",
        ),
        pytest.param(
            "FROM python\nCMD python /start.py\n",
            "",
            {"start.py"},
            [],
            id="never-copied",
        ),
    ],
)
def test_run_programs(dockerfile, context, relpaths, expected):
    assert list(run_programs(dockerfile, context, relpaths)) == expected


@pytest.mark.parametrize(
    ("dockerfile", "context", "relpaths", "expected"),
    [
        pytest.param(
            "FROM python\nWORKDIR /app\nCOPY requirements.txt app.py ./\n",
            "scanner",
            {"scanner/app.py", "scanner/requirements.txt"},
            ["scanner/requirements.txt", "scanner/app.py"],
            id="files-named-as-sources",
        ),
        pytest.param(
            "FROM python\nCOPY --chown=app:app app.py /srv/\n",
            "",
            {"app.py"},
            ["app.py"],
            id="option-before-the-sources",
        ),
        pytest.param(
            "FROM python\nCOPY . /app\nCOPY src/ /app/src/\n",
            "",
            {"app.py", "src/main.py"},
            [],
            id="folders-only",
        ),
        pytest.param(
            "FROM python AS build\nRUN true\nFROM python\nCOPY --from=build app.py /app/\n",
            "",
            {"app.py"},
            [],
            id="from-another-stage",
        ),
    ],
)
def test_copied_files(dockerfile, context, relpaths, expected):
    assert list(copied_files(dockerfile, context, relpaths)) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # The names `docker build` and `podman build` read by default, and the variants
        # a project names with `-f`: Docker's `<name>.Dockerfile` convention, VS Code's
        # `.dockerfile` extension, a suffix per environment, podman's `Containerfile.in`.
        pytest.param("Dockerfile", True, id="docker-default"),
        pytest.param("Containerfile", True, id="podman-default"),
        pytest.param("Dockerfile.prod", True, id="dotted-suffix"),
        pytest.param("Dockerfile-dev", True, id="dashed-suffix"),
        pytest.param("Dockerfile_test", True, id="underscored-suffix"),
        pytest.param("Containerfile.in", True, id="podman-preprocessed"),
        pytest.param("web.Dockerfile", True, id="docker-named-convention"),
        pytest.param("web.dockerfile", True, id="lowercase-extension"),
        # A Dockerfile's own ignore file, and names that only contain the word.
        pytest.param("Dockerfile.dockerignore", False, id="ignore-file"),
        pytest.param("web.Dockerfile.dockerignore", False, id="named-ignore-file"),
        pytest.param(".dockerignore", False, id="context-ignore-file"),
        pytest.param("Dockerfiles", False, id="plural-word"),
        pytest.param("dockerfile_utils.py", False, id="python-module"),
        pytest.param("MyDockerfile", False, id="word-inside-a-name"),
    ],
)
def test_is_dockerfile(name: str, expected: bool) -> None:
    assert is_dockerfile(name) is expected
