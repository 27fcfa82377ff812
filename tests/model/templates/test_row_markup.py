"""An attribute of a row a view looks up is judged on its model's own declaration."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model

_FILES = {
    "events/__init__.py": "",
    "events/models/__init__.py": "from .event import Event\nfrom .mail import Mail\n",
    "events/models/event.py": """
        from django.db import models
        from django_bleach.models import BleachField

        class Event(models.Model):
            text = BleachField()
    """,
    "events/models/mail.py": """
        from django.db import models

        class Mail(models.Model):
            text = models.TextField()
    """,
    "events/views.py": """
        from django.shortcuts import get_object_or_404, render

        from .models import Event, Mail

        def event(request, pk):
            event = get_object_or_404(Event, pk=pk)
            return render(request, "event.html", {"event": event})

        def mail(request, pk):
            return render(request, "mail.html", {"mail": Mail.objects.get(pk=pk)})

        def both(request, pk):
            return render(request, "both.html", {"item": Mail.objects.get(pk=pk)})

        def other(request, pk):
            return render(request, "both.html", {"item": Event.objects.get(pk=pk)})
    """,
    "events/templates/event.html": "{{ event.text|safe }}",
    "events/templates/mail.html": "{{ mail.text|safe }}",
    "events/templates/both.html": "{{ item.text|safe }}",
}


def test_a_rows_attribute_is_its_models_through_re_exports(tmp_path: Path) -> None:
    model = template_model(tmp_path, _FILES)
    assert not model.escaped_attribute("events/templates/event.html", "text")
    assert model.row_markup("events/templates/event.html", "event.text")
    assert not model.row_markup("events/templates/event.html", "event.text.upper")
    assert not model.row_markup("events/templates/mail.html", "mail.text")
    # NOTE: a template two views render, one with a row of each model
    assert not model.row_markup("events/templates/both.html", "item.text")
