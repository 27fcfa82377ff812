"""The fix for a value marked safe inside a `<script>`: there the value is data for the
script, and dropping `|safe` alone does not give the script what it reads."""

from __future__ import annotations

from webwarden.parse.templates import Dialect, Node, ParsedTemplate
from webwarden.parse.templates.html import Where

_CODE = {
    Dialect.DJANGO: (
        "in a `<script>`, write the data with `json_script` (`{{{{ {operand}|json_script:"
        '"data" }}}}`, read back with `JSON.parse(document.getElementById("data")'
        ".textContent)`): it escapes `<`, `>` and `&`, so no `</script>` in the data ends "
        "the script"
    ),
    Dialect.JINJA: (
        "in a `<script>`, write the data with `|tojson` instead of `|{filter}`: it escapes "
        "`<`, `>`, `&` and quotes, so no `</script>` in the data ends the script"
    ),
}
_STRING = {
    Dialect.DJANGO: (
        "in a JavaScript string, write the value with `|escapejs` instead of `|{filter}`"
    ),
    Dialect.JINJA: (
        "in a JavaScript string, write the value with `|tojson` (it adds the quotes) "
        "instead of `|{filter}` inside quotes"
    ),
}


def script_fix(template: ParsedTemplate, node: Node, operand: str, filter_name: str) -> str | None:
    """The fix for `{{ operand|filter_name }}` at `node` when it lands in a script's code
    or in a string of it; None anywhere else (the rule's own fix holds)."""
    placement = template.placement(node)
    if placement.where not in (Where.SCRIPT, Where.DATA_SCRIPT) or placement.js_comment:
        return None
    advice = _STRING if placement.js_string else _CODE
    text = advice.get(template.dialect)
    return None if text is None else text.format(operand=operand, filter=filter_name)
