"""Names imported from a module beside the importing one by its bare name.

`from forms import FeedbackForm` in `pkg/views.py`, with `pkg/forms.py` defining
`FeedbackForm`, imports that class: Python 2 tried the module beside the importing one
first (an implicit relative import), and Python 3 does the same when the package's
folder is on `sys.path`. Django projects of Python 2's time write it in every app (`from
models import Entry`). A module's import aliases keep the name as written
(`forms.FeedbackForm`), which names no module of the project; this maps it to the one
beside (`pkg.forms.FeedbackForm`) when every module importing that name has such a
module beside it defining the name, and all of them the same. A library sharing its
name with a module of the project (`from celery import shared_task` beside
`pkg/celery.py`, which defines no `shared_task`), a name also imported where no module
beside defines it, or two packages that would differ, leave the name as written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping


def names_beside(
    aliases: Mapping[str, Mapping[str, str]], defines: Callable[[str], bool]
) -> dict[str, str]:
    """`first.name` as imported -> the qualified name in the module beside that defines
    it (see the module docstring). `aliases`: module -> its import aliases; `defines`:
    whether the project defines a qualified name."""
    tops = {module.partition(".")[0] for module in aliases if module}
    found: dict[str, str] = {}
    clashes: set[str] = set()
    for module, imported in aliases.items():
        package = module.rpartition(".")[0]
        for target in imported.values():
            first, dot, rest = target.partition(".")
            if not dot or first in tops or first in sys.stdlib_module_names:
                continue
            key = f"{first}.{rest.partition('.')[0]}"
            beside = f"{package}.{first}"
            meant = f"{package}.{key}"
            known = bool(package) and beside != module and beside in aliases and defines(meant)
            if not known or found.setdefault(key, meant) != meant:
                clashes.add(key)
    return {key: meant for key, meant in found.items() if key not in clashes}
