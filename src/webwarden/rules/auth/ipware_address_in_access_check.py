"""WW776: an address django-ipware took from `X-Forwarded-For` as sent, granting access."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_GET_CLIENT_IP = frozenset({"ipware.get_client_ip", "ipware.ip.get_client_ip"})
"""django-ipware's function (its package's name since 2.0, and its `ipware.ip` module)."""
_TOLD = frozenset({"proxy_order", "proxy_count", "proxy_trusted_ips", "request_header_order"})
"""Arguments that tell it which proxies to believe, or which headers to read."""
_COMPARING = (ast.In, ast.NotIn, ast.Eq, ast.NotEq)
_ADDRESS_CALLS = frozenset({"ipaddress.ip_address", "ipaddress.IPv4Address", "str"})


class IpwareAddressInAccessCheck(PythonRule):
    """## What it does
    Finds django-ipware's `get_client_ip(request)` called without saying which proxies
    to believe (no `proxy_count`, `proxy_trusted_ips`, `proxy_order` or
    `request_header_order`) when the function then grants or refuses the request by the
    address: compares it with an allow-list, a network or an address (`ip_address(ip)
    in ip_network(allowed)`, `ip in settings.ALLOWED_IPS`, `ip == "127.0.0.1"`), also as
    `get_client_ip(request)[0]` or the first name of `ip, routable =
    get_client_ip(request)`. A call whose address is only logged or stored is not
    reported.

    ## Why is this bad?
    Told nothing, ipware reads `X-Forwarded-For` before `REMOTE_ADDR` and takes the
    left-most public address in it: the one the client wrote, as proxies only append
    to the header. An allow-list that admits a server's public address (a RADIUS
    server, a payment provider's callback host, an office) is passed by any client
    sending `X-Forwarded-For: <that address>`. ipware's own documentation says not to
    use its answer for security decisions unless told the proxies in front.

    ## Known problems
    The `IPWARE_META_PRECEDENCE_ORDER` setting, which older django-ipware reads to choose
    the headers, is not looked at: a project listing only `REMOTE_ADDR` there is safe;
    say so with a suppression. A comparison in another function the address is handed
    to is not followed.

    ## Example
    ```python
    from ipaddress import ip_address, ip_network

    from django.conf import settings
    from django.http import HttpResponseForbidden
    from ipware import get_client_ip


    def notify(request):
        client_ip, _routable = get_client_ip(request)
        if not any(ip_address(client_ip) in ip_network(n) for n in settings.HOOK_NETWORKS):
            return HttpResponseForbidden()
    ```

    ## Fix
    ```python
    from ipaddress import ip_address, ip_network

    from django.conf import settings
    from django.http import HttpResponseForbidden
    from ipware import get_client_ip


    def notify(request):
        client_ip, _routable = get_client_ip(request, proxy_count=1)
        if not any(ip_address(client_ip) in ip_network(n) for n in settings.HOOK_NETWORKS):
            return HttpResponseForbidden()
    ```
    Give `proxy_count` the number of proxies in front of the app (or
    `proxy_trusted_ips` their addresses); with none, compare `request.META["REMOTE_ADDR"]`.

    ## References
    - [CWE-348: Use of Less Trusted Source](https://cwe.mitre.org/data/definitions/348.html)
    - [django-ipware: advanced users (proxy count and trusted proxies)](https://github.com/un33k/django-ipware#advanced-users)
    - [MDN: X-Forwarded-For, security and privacy concerns](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-For#security_and_privacy_concerns)
    """

    code = "WW776"
    name = "ipware-address-in-access-check"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 348
    frameworks = frozenset({Framework.DJANGO})
    message = (
        "`{call}` takes the client's address from `X-Forwarded-For` as the client wrote it,"
        " and `{check}` lets the request in by it"
    )
    fix = (
        "tell ipware the proxies in front (`proxy_count=1`, `proxy_trusted_ips=[...]`),"
        ' or check `request.META["REMOTE_ADDR"]`'
    )
    calls = _GET_CLIENT_IP
    mentions = ("ipware",)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if ctx.call_name(node) not in _GET_CLIENT_IP or len(node.args) > 1:
            return
        if any(k.arg is None or k.arg in _TOLD for k in node.keywords):
            return
        address = _address(ctx, node)
        if address is None:
            return
        scope: ast.AST = ctx.scopes.enclosing_function(node) or ctx.tree
        check = next(
            (
                found
                for found in ast.walk(scope)
                if isinstance(found, ast.Compare) and _checks(ctx, found, address)
            ),
            None,
        )
        if check is not None:
            yield self.finding(ctx, node, call=_shown(node), check=_shown(check))


def _address(ctx: FileContext, call: ast.Call) -> str | ast.expr | None:
    """What holds the address the call answers: the first name of `ip, routable =
    get_client_ip(request)`, the name `ip = get_client_ip(request)[0]` binds, or the
    subscript `get_client_ip(request)[0]` itself; None for anything else."""
    holder = ctx.parent(call)
    if isinstance(holder, ast.Assign) and len(holder.targets) == 1:
        target = holder.targets[0]
        if isinstance(target, ast.Tuple) and target.elts and isinstance(target.elts[0], ast.Name):
            return target.elts[0].id
        return None
    if isinstance(holder, ast.Subscript) and ctx.evaluate(holder.slice) == 0:
        return ctx.assigned_name(holder) or holder
    return None


def _checks(ctx: FileContext, compare: ast.Compare, address: str | ast.expr) -> bool:
    """`ip in allowed`, `ip_address(ip) in ip_network(net)`, `ip == "10.0.0.1"`: the
    address on one side, something other than `None` or `""` on the other."""
    if len(compare.ops) != 1 or not isinstance(compare.ops[0], _COMPARING):
        return False
    sides = [compare.left, compare.comparators[0]]
    for index, side in enumerate(sides):
        other = sides[1 - index]
        if _is_address(ctx, side, address) and not (
            isinstance(other, ast.Constant) and other.value in (None, "")
        ):
            return True
    return False


def _is_address(ctx: FileContext, node: ast.expr, address: str | ast.expr) -> bool:
    while (
        isinstance(node, ast.Call) and len(node.args) == 1 and ctx.call_name(node) in _ADDRESS_CALLS
    ):
        node = node.args[0]
    if isinstance(address, str):
        return isinstance(node, ast.Name) and node.id == address
    return node is address


def _shown(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."
