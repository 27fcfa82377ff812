"""Guarded star imports of the tree's modules: which cannot fail, which may."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.certain_imports import imports_succeed
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver

_TREE = {
    "app.plain": "DEBUG = False\n",
    "app.stdlib": "import os\nfrom pathlib import Path\nX = Path(os.sep)\n",
    "app.django": "from django.conf import global_settings\n",
    "app.chain": "from .plain import *\n",
    "app.loop_a": "from .loop_b import *\n",
    "app.loop_b": "from .loop_a import *\n",
    "app.library": "import sentry_sdk\n",
    "app.library_in_if": "import sys\nif sys.argv:\n    import sentry_sdk\n",
    "app.guarded_library": "try:\n    import sentry_sdk\nexcept ImportError:\n    pass\n",
    "app.unguarded_library": "try:\n    import sentry_sdk\nexcept KeyError:\n    pass\n",
    "app.in_function": "def setup():\n    import sentry_sdk\n",
    "app.named": "from .plain import DEBUG\n",
    "app.via_library": "from .library import *\n",
}


def _find(dotted: str, origin: str) -> str | None:
    return dotted.replace(".", "/") + ".py" if dotted in _TREE else None


def _parse(dotted: str) -> FileContext | None:
    source = _TREE.get(dotted)
    if source is None:
        return None
    tree = ast.parse(textwrap.dedent(source))
    relpath = dotted.replace(".", "/") + ".py"
    return FileContext(
        relpath, dotted, tuple(source.splitlines()), tree, NameResolver(tree, dotted)
    )


@pytest.mark.parametrize(
    ("module", "succeeds"),
    [
        pytest.param("app.plain", True, id="no-imports"),
        pytest.param("app.stdlib", True, id="standard-library"),
        pytest.param("app.django", True, id="django"),
        pytest.param("app.chain", True, id="tree-module-star"),
        pytest.param("app.loop_a", True, id="import-cycle"),
        pytest.param("app.guarded_library", True, id="library-guarded-there"),
        pytest.param("app.in_function", True, id="library-in-a-function"),
        pytest.param("app.library", False, id="library"),
        pytest.param("app.library_in_if", False, id="library-under-if"),
        pytest.param("app.unguarded_library", False, id="library-other-handler"),
        pytest.param("app.named", False, id="named-import-of-the-tree"),
        pytest.param("app.via_library", False, id="tree-module-importing-library"),
        pytest.param("app.missing", False, id="not-in-the-tree"),
    ],
)
def test_imports_succeed(module: str, succeeds: bool) -> None:
    assert imports_succeed((module,), "app/settings.py", _find, _parse) is succeeds


def test_nothing_imported_decides_nothing() -> None:
    assert not imports_succeed((), "app/settings.py", _find, _parse)
