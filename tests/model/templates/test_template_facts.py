"""Facts of one template: whether a form writes a CSRF token, and whether it is sent by GET."""

from __future__ import annotations

import pytest

from webwarden.model.templates.template_facts import (
    form_has_token,
    form_target,
    submits_by_get,
    template_facts,
)
from webwarden.parse.templates import Dialect, ParsedTemplate
from webwarden.parse.templates.read import TemplateSyntax, parse_template


@pytest.mark.parametrize(
    ("field", "surely"),
    [
        pytest.param(
            '<input name="authenticity_token" value="{{ csrf_token }}">', True, id="app-token"
        ),
        pytest.param(
            '<input name="authenticity_token" value="{{ token }}">', True, id="named-value"
        ),
        pytest.param('<input name="csrf_token">', True, id="filled-by-script"),
        pytest.param('<input name="authenticity_token" value="k3y">', False, id="literal"),
        pytest.param(
            '<input name="authenticity_token" value="{{ settings.LIST_TOKEN }}">',
            False,
            id="setting",
        ),
        pytest.param(
            '<input name="authenticity_token" value="{{ config.LIST_TOKEN }}">',
            False,
            id="flask-config",
        ),
    ],
)
def test_a_token_field_is_surely_the_apps_unless_fixed(field: str, surely: bool) -> None:
    text = f'<form method="post" action="https://lists.example.net/join">{field}</form>'
    parsed = parse_template("page.html", text, TemplateSyntax(Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    (form,) = parsed.html.forms
    assert form_has_token(form, surely=True) is surely
    assert form_has_token(form), "a token-named field still counts for a form's own check"


def test_external_links_are_the_url_for_calls_building_absolute_urls() -> None:
    text = (
        "{{ url_for('reset', token=token, _external=True) }}\n"
        "{{ url_for('index') }}\n"
        "{% set link = url_for('confirm', code=user.get_code(), _external = True) %}\n"
        "{{ url_for('home', _external=False) }}\n"
    )
    parsed = parse_template("email/reset.txt", text, TemplateSyntax(Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    links = template_facts(parsed).external_links
    assert [line for line, _ in links] == [1, 3]
    assert "token=token" in links[0][1]


def test_outputs_say_whether_a_built_url_would_stay_inside() -> None:
    text = (
        '<a href="{{ link|safe }}">x</a>\n'
        "<a href='{{ link|safe }}'>x</a>\n"
        "<p>{{ link|safe }}</p>\n"
        '<a onclick="{{ link|safe }}">x</a>\n'
    )
    parsed = parse_template("mail/confirm.html", text, TemplateSyntax(Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    outputs = template_facts(parsed).outputs
    assert [output.url_fits for output in outputs] == [True, False, True, False]


@pytest.mark.parametrize(
    ("script", "sent"),
    [
        pytest.param('$.ajax({headers: {"X-CSRF-Token": getCookie("csrftoken")}})', True, id="jq"),
        pytest.param("xhr.setRequestHeader('X-CSRFToken', token);", True, id="xhr"),
        pytest.param("headers: {'x-xsrf-token': value}", True, id="xsrf"),
        pytest.param('// the "X-CSRF-Token" header is not sent here', False, id="mentioned"),
        pytest.param("fetch(url, {method: 'POST'})", False, id="none"),
    ],
)
def test_a_page_script_sending_the_token_in_a_header(script: str, sent: bool) -> None:
    text = f'<form method="post"><button type="button">Go</button></form><script>{script}</script>'
    parsed = parse_template("page.html", text, TemplateSyntax(Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    assert template_facts(parsed).page_token is sent


@pytest.mark.parametrize(
    ("attributes", "by_get"),
    [
        pytest.param('action="/login"', True, id="action"),
        pytest.param('action="?step=2"', True, id="same-page-query"),
        pytest.param('action=""', True, id="empty-action"),
        pytest.param('action="#"', False, id="placeholder-hash"),
        pytest.param('action=" javascript:void(0)"', False, id="javascript-url"),
        pytest.param('action="#" method="get"', True, id="placeholder-with-get"),
        pytest.param("", False, id="neither"),
    ],
)
def test_submits_by_get(attributes: str, by_get: bool) -> None:
    text = f'<form {attributes}><input name="q"><button type="submit">Go</button></form>'
    parsed = parse_template("page.html", text, TemplateSyntax(Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    (form,) = parsed.html.forms
    assert submits_by_get(form) is by_get


@pytest.mark.parametrize(
    ("buttons", "by_get"),
    [
        pytest.param('<button onclick="send(event, this)">Go</button>', False, id="event-handed"),
        pytest.param('<button onClick="send(); return false;">Go</button>', False, id="cancelled"),
        pytest.param("<button onclick=\"track('go')\">Go</button>", True, id="event-not-handed"),
        pytest.param(
            '<button onclick="send(event)">A</button><button>B</button>', True, id="one-native"
        ),
    ],
)
def test_submits_by_get_script_driven_buttons(buttons: str, by_get: bool) -> None:
    text = f'<form action="/"><input name="q">{buttons}</form>'
    parsed = parse_template("page.html", text, TemplateSyntax(Dialect.JINJA))
    assert isinstance(parsed, ParsedTemplate)
    (form,) = parsed.html.forms
    assert submits_by_get(form) is by_get


@pytest.mark.parametrize(
    ("text", "operand"),
    [
        pytest.param("{% for e in events %}{{ e.created_on|day }}{% endfor %}", "events.created_on", id="loop-variable"),
        pytest.param("{% blocktrans with d=event.created_on|day %}{{ d }}{% endblocktrans %}", "event.created_on", id="tag-argument"),
        pytest.param("{{ event|day }}", "event", id="bare-name"),
        pytest.param('{{ "2024-01-01"|day }}', "", id="literal"),
    ],
)  # fmt: skip
def test_filter_operand_is_the_whole_variable(text: str, operand: str) -> None:
    parsed = parse_template("events/list.html", text, TemplateSyntax(Dialect.DJANGO))
    assert isinstance(parsed, ParsedTemplate)
    uses = [u for u in template_facts(parsed).filters if u.name == "day"]
    assert [u.operand for u in uses] == [operand]


@pytest.mark.parametrize(
    ("tag", "target"),
    [
        pytest.param('<form method="post">', "self", id="no-action"),
        pytest.param('<form action="/orders/7/refund/?x=1">', "path:/orders/7/refund/", id="path"),
        pytest.param(
            '<form action="/orders/{{ order.id }}/refund/">', "path:/orders/1/refund/", id="output"
        ),
        pytest.param('<form action="/orders/?page={{ page }}">', "path:/orders/", id="query"),
        pytest.param('<form action="/{% if a %}x{% endif %}/">', "", id="block-tag"),
        pytest.param("<form action=\"{% url 'refund' 7 %}\">", "route:refund", id="url-tag"),
    ],
)
def test_form_target(tag: str, target: str) -> None:
    assert form_target(tag) == target
