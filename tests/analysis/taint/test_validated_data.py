from __future__ import annotations

import textwrap

import pytest

from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.analysis.taint.validated_data import validating_functions
from webwarden.analysis.taint.wrappers import by_qualname
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source


def _validating(source: str) -> frozenset[str]:
    parsed = parse_source(textwrap.dedent(source), "shop/api.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("shop/api.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return validating_functions(by_qualname(Lowering(ctx).module_ir().functions))


FACTORY = """
    import functools

    def validate_with(serializer):
        def decorate(view):
            @functools.wraps(view)
            def wrapper(self, request, *args, **kwargs):
                checked = serializer(data=request.data)
                if checked.is_valid():
                    request.data = checked.data
                    return view(self, request, *args, **kwargs)
                return self.invalid(checked)
            return wrapper
        return decorate
"""


def test_a_factory_rebinding_the_validated_data_validates() -> None:
    found = {name.partition(".")[2] for name in _validating(FACTORY)}
    assert found == {"validate_with", "validate_with.decorate", "validate_with.decorate.wrapper"}


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            FACTORY.replace("if checked.is_valid():", "if not checked.is_valid():"),
            id="rebound-when-invalid",
        ),
        pytest.param(
            FACTORY.replace("request.data = checked.data", "request.data = request.data"),
            id="rebound-to-what-was-sent",
        ),
        pytest.param(
            FACTORY.replace("checked.data\n", "checked.initial_data\n"),
            id="rebound-to-the-input",
        ),
        pytest.param(
            FACTORY.replace("serializer(data=request.data)", "serializer(request.data)"),
            id="nothing-bound-to-data",
        ),
    ],
)
def test_other_decorators_do_not(source: str) -> None:
    assert not _validating(source)
