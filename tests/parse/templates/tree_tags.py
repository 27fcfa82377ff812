"""A tag library in the shape of recursive-tree libraries, for Django to load in tests:
`{% tree %}` parses up to `{% endtree_node %}`, an end named for another tag, and
`{% tree_node children %}` stands alone inside it, rendering that body again."""

from __future__ import annotations

from django import template
from django.template.base import Parser, Token

register = template.Library()


class _Body(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        return str(self.nodelist.render(context))


@register.tag(name="tree")
def tree(parser: Parser, token: Token) -> _Body:
    nodelist = parser.parse(("endtree_node",))
    parser.delete_first_token()
    return _Body(nodelist)


@register.tag(name="tree_node")
def tree_node(parser: Parser, token: Token) -> _Body:
    return _Body(template.NodeList())
