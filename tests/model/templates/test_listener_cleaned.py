"""Columns a SQLAlchemy `"set"` listener fills with cleaned HTML count as escaped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.templates.helpers import template_model

MODELS = """
import bleach
from flask_sqlalchemy import SQLAlchemy
from markdown import markdown
from sqlalchemy import event

db = SQLAlchemy()


def clean_markdown(text):
    return bleach.clean(markdown(text), tags=["p", "em"])


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.Text)
    body_html = db.Column(db.Text)
    intro = db.Column(db.Text)
    intro_html = db.Column(db.Text)
    raw = db.Column(db.Text)
    raw_html = db.Column(db.Text)
    teaser = db.Column(db.Text)
    teaser_html = db.Column(db.Text)
    lead = db.Column(db.Text)
    lead_html = db.Column(db.Text)
    note = db.Column(db.Text)
    note_html = db.Column(db.Text)
    tags = db.Column(db.Text)
    tags_html = db.Column(db.Text)

    @staticmethod
    def on_changed_body(target, value, oldvalue, initiator):
        target.body_html = bleach.linkify(bleach.clean(markdown(value), strip=True))

    @staticmethod
    def on_changed_note(target, value, oldvalue, initiator):
        target.note_html = bleach.clean(value)

    @staticmethod
    def on_removed_tags(target, value, initiator):
        target.tags_html = bleach.clean(value)


db.event.listen(Post.body, "set", Post.on_changed_body)
event.listen(Post.tags, "remove", Post.on_removed_tags)


@event.listens_for(Post.intro, "set")
def render_intro(target, value, oldvalue, initiator):
    target.intro_html = clean_markdown(value)


@event.listens_for(Post.raw, "set")
def render_raw(target, value, oldvalue, initiator):
    target.raw_html = markdown(value)


@event.listens_for(Post.teaser, "set")
def render_teaser(target, value, oldvalue, initiator):
    if value:
        target.teaser_html = bleach.clean(value)


@event.listens_for(Post.lead, "set")
def render_lead(target, value, oldvalue, initiator):
    target.lead_html = bleach.clean(value)
    if "<" not in value:
        target.lead_html = value
"""


@pytest.mark.parametrize(
    ("attribute", "escaped"),
    [
        pytest.param("body_html", True, id="listen-static-method-linkify-after-clean"),
        pytest.param("intro_html", True, id="listens-for-module-cleaning-function"),
        pytest.param("raw_html", False, id="markdown-uncleaned"),
        pytest.param("teaser_html", False, id="set-under-if"),
        pytest.param("lead_html", False, id="set-again-uncleaned"),
        pytest.param("note_html", False, id="listener-never-registered"),
        pytest.param("tags_html", False, id="another-event"),
    ],
)
def test_column_a_set_listener_cleans_is_escaped_attribute(
    tmp_path: Path, attribute: str, escaped: bool
) -> None:
    files = {"blog/models.py": MODELS, "blog/templates/post.html": "{{ post|safe }}"}
    model = template_model(tmp_path, files)
    assert model.markup_attributes.get(attribute) is escaped
