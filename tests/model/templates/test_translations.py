"""Jinja translations that, installed newstyle, escape every value put into them."""

from __future__ import annotations

import pytest

from webwarden.model.templates.translations import escaped_translation, escaping_translation


@pytest.mark.parametrize(
    ("operand", "called"),
    [
        pytest.param("_('{a} joined {g}').format(a=actor, g=group.title)", {"_"}, id="format"),
        pytest.param("_('{a} joined').format(\n  a=h.actor(activity)\n)", {"_"}, id="helper"),
        pytest.param("gettext('%(n)s wrote', n=user.name)", {"gettext"}, id="keywords"),
        pytest.param(
            "ngettext('%(num)d item', '%(num)d items', n).format(x=y)", {"ngettext"}, id="plural"
        ),
        pytest.param("pgettext('menu', 'Open {x}').format(x=y)", {"pgettext"}, id="context"),
        pytest.param("_('By') ~ ' ' ~ author", {"_"}, id="joined"),
        pytest.param("'<b>' + gettext('Note')", {"gettext"}, id="joined-after"),
        pytest.param("_('Hi %s') % name", {"_"}, id="percent"),
        pytest.param("_('Hi %s')|format(name)", {"_"}, id="format-filter"),
        pytest.param(
            # NOTE: a value put in is escaped whatever gettext gives it: `_` alone decides.
            "_('{a}: {b}').format(a=_('x {y}').format(y=z), b=gettext('w'))",
            {"_"},
            id="nested",
        ),
    ],
)
def test_escaping_translation(operand: str, called: set[str]) -> None:
    assert escaping_translation(operand) == called


@pytest.mark.parametrize(
    "operand",
    [
        pytest.param("_('{a}').format(a=body|safe)", id="marked-argument"),
        pytest.param("_('%(a)s', a=Markup(body))", id="markup-argument"),
        pytest.param("_('{a}').format(a='<i>{}</i>'.format(x)|safe)", id="marked-inner-format"),
        pytest.param("_('By') ~ author|safe", id="marked-joined"),
        pytest.param("_(message).format(a=b)", id="variable-message"),
        pytest.param("'<b>{}</b>'.format(name)", id="no-translation"),
        pytest.param("_gettext('x {a}').format(a=b)", id="own-function"),
        pytest.param("_('{a}').format(a=b) if c", id="jinja-only-syntax"),
        pytest.param("_('{a}').upper().format(a=b)", id="other-method"),
    ],
)
def test_not_escaping_translation(operand: str) -> None:
    assert escaping_translation(operand) == frozenset()


@pytest.mark.parametrize(
    ("operand", "escaped"),
    [
        pytest.param("_('%(m)s', m=name|e)", True, id="escaped-keyword"),
        pytest.param("_('{a} {b}').format(a=icon, b=3)", True, id="own-markup-and-number"),
        pytest.param("_('%(u)s', u=url_for('docs') if x else '#')", True, id="own-url-or-literal"),
        pytest.param("_('%(a)s', a=', <i>' ~ (v|e) ~ '</i>')", True, id="joined-escaped"),
        pytest.param("_('%(a)s', a=_('%(b)s', b=true))", True, id="nested-translation"),
        # NOTE: in Jinja a filter binds tighter than `~`: `|e` escapes `name` alone.
        pytest.param("_('Hello') ~ ' ' ~ name|e", True, id="joined-filter-binds-tighter"),
        pytest.param("_('%(a)s', a=', <i>' ~ v|e ~ '</i>')", True, id="joined-unparenthesised"),
        pytest.param("_('Hello') ~ ' ' ~ name|safe", False, id="joined-marked"),
        pytest.param("_('%(m)s', m=name)", False, id="variable"),
        pytest.param("_('%(u)s', u=url_for('docs', _external=True))", False, id="external-url"),
        pytest.param("_('%(m)s', m=name|safe)", False, id="marked"),
        pytest.param("'<b>%s</b>' % (name|e)", False, id="no-translation"),
    ],
)
def test_escaped_translation(operand: str, escaped: bool) -> None:
    assert escaped_translation(operand, frozenset({"icon"})) is escaped
