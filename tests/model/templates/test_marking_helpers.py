"""Filters handing their input to a function of another module that marks it safe."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model


def test_a_filter_marks_what_a_helper_of_another_module_marks(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/text.py": """
                from markupsafe import Markup, escape

                def tag(kind, label):
                    return Markup(f"<b class='{kind}'>") + escape(label) + Markup("</b>")

                def plain(text):
                    return Markup("<p>{}</p>").format(text)
            """,
            "site/app.py": """
                from flask import Flask
                from site.text import plain, tag

                app = Flask(__name__)

                @app.template_filter()
                def kind(value):
                    return tag(value, "label")

                @app.template_filter()
                def label(value):
                    return tag("info", label=value)

                @app.template_filter()
                def para(value):
                    return plain(value)
            """,
            "site/templates/page.html": "{{ x|kind }}",
        },
    )
    (kind,) = model.filters["kind"]
    assert kind.marks_safe
    assert kind.raw == ("value",)
    assert kind.marker == "tag(...)"
    assert kind.marked_in is not None
    assert kind.marked_in.location.path == "site/text.py"
    (label,) = model.filters["label"]
    assert not label.marks_safe, "the helper escapes its label"
    (para,) = model.filters["para"]
    assert not para.marks_safe, "the helper fills its text in escaped"
