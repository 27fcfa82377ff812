"""Templates: Jinja2 (with Jinja2's own lexer and parser) and Django (Django's rules).

`parse_template` reads one template into a `ParsedTemplate` (dialect-neutral nodes with
exact positions, and where each output lands in the HTML) or an `Unreadable` with the
reason a developer would see from the template engine itself.
"""

from __future__ import annotations

from webwarden.parse.templates.jinja import JinjaSyntax as JinjaSyntax
from webwarden.parse.templates.nodes import Dialect as Dialect
from webwarden.parse.templates.nodes import Expression as Expression
from webwarden.parse.templates.nodes import FilterUse as FilterUse
from webwarden.parse.templates.nodes import Node as Node
from webwarden.parse.templates.nodes import NodeKind as NodeKind
from webwarden.parse.templates.read import ParsedTemplate as ParsedTemplate
from webwarden.parse.templates.read import TemplateSyntax as TemplateSyntax
from webwarden.parse.templates.read import parse_template as parse_template
