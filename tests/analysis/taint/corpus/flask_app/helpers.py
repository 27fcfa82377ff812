"""Helpers the views call: string building, commands, pages, and project checks."""

import os
import re

import yaml
from flask import request

import db


def get_param(name):
    # Declared a source in pyproject.toml (`sources`): the project's own accessor.
    return request.values.get(name, "")


def is_local_url(target):
    # Declared a guard for redirects in pyproject.toml (`guards-for`).
    return target.startswith("/") and not target.startswith("//")


def clean_identifier(name):
    # Declared an SQL sanitiser in pyproject.toml (`sanitisers-for`).
    return re.sub(r"[^a-z_]", "", name)


def c03_where(term):
    # c03: builds SQL text from its parameter; the caller executes it.
    return "SELECT id FROM notes WHERE title = '%s'" % term


def c04_filter(term):
    # c04: first of two helpers between the view and the sink.
    return db.c04_run(c04_sql(term))


def c04_sql(term):
    return f"SELECT id FROM notes WHERE body LIKE '%{term}%'"


def c21_page(name):
    # c21: an HTML page built by hand in another module.
    return "<h1>Hello " + name + "</h1>"


def c29_archive(folder):
    # c29: a shell command built from a parameter, in a helper.
    os.system("tar czf /tmp/archive.tgz " + folder)


def c38_fetch_url(base):
    # c38: returns its parameter joined into a URL (the host stays the caller's).
    return base.rstrip("/") + "/status"


def c45_load(stream):
    # c45: unsafe YAML loading of whatever the caller passes.
    return yaml.load(stream, Loader=yaml.Loader)


def c52_first(value):
    # c52: first helper of three.
    return c52_second(value.strip())


def c52_second(value):
    return db.c52_execute(f"title = '{value}'")


def c63_status_url(item):
    # c63: the scheme and host are fixed here; only the path comes from the caller.
    return f"https://status.example.com/items/{item}"
