"""Values read back from DNS, told from secrets that merely speak of DNS."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source
from webwarden.rules.auth._dns import dns_answer


def _context(source: str) -> FileContext:
    text = "import dns.resolver\n" + textwrap.dedent(source)
    parsed = parse_source(text, "app/acme.py")
    assert isinstance(parsed, ParsedPython)
    return make_context("app/acme.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))


def _compared(ctx: FileContext) -> ast.expr:
    compare = next(node for node in ast.walk(ctx.tree) if isinstance(node, ast.Compare))
    return compare.left


@pytest.mark.parametrize(
    ("source", "answer"),
    [
        pytest.param("txt_record == token", True, id="named-a-txt-record"),
        pytest.param("rdata.to_text() == token", True, id="dnspython-rdata"),
        pytest.param(
            """
            for answer in dns.resolver.resolve(name, "TXT"):
                answer.to_text().strip('"') == token
            """,
            True,
            id="item-of-dnspython-answers",
        ),
        pytest.param(
            """
            def create(domain, token):
                cur_records = _get_txt_records(domain)
                for record in cur_records:
                    record.content != token
            """,
            True,
            id="field-of-an-item-of-a-local-named-for-txt-records",
        ),
        pytest.param(
            "any(txt == token for txt in dnsutil.get_dns_records(domain, 'TXT'))",
            True,
            id="item-of-a-comprehension-over-dns-records",
        ),
        pytest.param(
            """
            for record in Record.query.all():
                record.content == token
            """,
            False,
            id="a-database-record",
        ),
        pytest.param(
            """
            for record in get_dns_records(domain):
                record.token == token
            """,
            False,
            id="a-field-named-a-secret",
        ),
        pytest.param("dns_api_key == sent", False, id="a-dns-providers-key"),
        pytest.param("txt_record_token == sent", False, id="named-a-secret-too"),
    ],
)
def test_dns_answer(source: str, answer: bool) -> None:
    ctx = _context(source)
    assert dns_answer(ctx, _compared(ctx)) is answer
