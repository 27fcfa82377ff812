"""WW543: request data in the format string of Django's `format_html()`."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInFormatHtmlTemplate(TaintRule):
    """## What it does
    Follows request data into the *format string* (first argument) of
    `django.utils.html.format_html()` or the format of `format_html_join()`. Request data
    passed as the arguments after it is escaped by `format_html` and is safe.

    ## Why is this bad?
    `format_html` escapes its arguments but trusts its format string and marks the result
    safe. Building the format string from request data (with an f-string or `%`) bypasses
    the escaping it exists for, and the result is rendered unescaped.

    ## Example
    ```python
    from django.http import HttpResponse
    from django.utils.html import format_html

    def greet(request):
        name = request.GET.get("name", "")
        return HttpResponse(format_html(f"<p>Hello {name}</p>"))
    ```

    ## Fix
    ```python
    from django.http import HttpResponse
    from django.utils.html import format_html

    def greet(request):
        name = request.GET.get("name", "")
        return HttpResponse(format_html("<p>Hello {}</p>", name))
    ```
    Keep the format string constant and pass request data as arguments.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django docs: format_html](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html)
    """

    code = "WW543"
    name = "request-data-in-format-html-template"
    practice = Practice.XSS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 79
    message = "{source} is part of the format string of `{sink}`, which is not escaped"
    fix = "keep the format string constant and pass request data as arguments to be escaped"
    frameworks = frozenset({Framework.DJANGO})
    supersedes = ("WW545",)
