from __future__ import annotations

import pytest

from webwarden.rules.secrets._build_steps import run_step_lines

_DOCKERFILE = """FROM python:3.12
RUN SECRET_KEY=k python manage.py collectstatic
RUN export A=1 \\
    && make
ENV SECRET_KEY=k
"""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Dockerfile", {2, 3, 4}, id="dockerfile"),
        pytest.param("web.Dockerfile", {2, 3, 4}, id="suffixed"),
        pytest.param("Containerfile", {2, 3, 4}, id="containerfile"),
        pytest.param("Dockerfile-dev", {2, 3, 4}, id="dashed-suffix"),
        pytest.param("build.sh", set(), id="not-a-dockerfile"),
    ],
)
def test_run_step_lines(name: str, expected: set[int]) -> None:
    assert run_step_lines(name, _DOCKERFILE) == expected
