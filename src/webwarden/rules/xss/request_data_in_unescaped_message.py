"""WW596: request data stored as a Django message that the project's templates write
unescaped."""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django.message_tags import carries, given_tags
from webwarden.model.project import ProjectModel
from webwarden.model.templates.message_gates import MESSAGE_PATHS
from webwarden.rules.base import Framework, TaintRule

_UNESCAPING = frozenset({"safe", "safeseq"})


class RequestDataInUnescapedMessage(TaintRule):
    """## What it does
    Follows request data into Django's messages framework (`messages.error(request,
    text)`, `info`, `success`, `warning`, `debug`, `add_message(request, level, text)`)
    in a project one of whose templates writes the messages unescaped: `{{ message|safe
    }}` (or `{{ message.message|safe }}`) in a `{% for message in messages %}` loop, or
    inside `{% autoescape off %}`, also in a component the loop includes for each
    message (`{% include "components/alert.html" with message=message %}`, or a plain
    include, which hands on the loop's name: Django gives the included template the
    includer's context, so `alert.html`'s `{{ message|safe }}` writes the message). Such a template is usually the base every page
    extends, so the message is written as HTML into the next page the user opens. Data
    escaped first (`escape()`, `format_html()`'s arguments) is not reported, nor a URL
    parameter whose converter admits no markup (`<int:pk>`), also in a route an app
    config's `get_urls()` makes (`path("vouchers/<int:pk>/remove/",
    self.remove_voucher_view.as_view())`, the view held in an attribute set from
    `get_class(...)` in `ready()`). Text marked safe before it is stored
    (`mark_safe(text)`) is WW542's. A template that writes unescaped only the messages
    carrying a tag (`{% if 'safe' in message.tags %}{{ message|safe }}{% else %}{{
    message }}{% endif %}`, as Django's documentation and django-oscar do) reaches only
    the calls storing a message with that tag (`extra_tags="safe"`, also by position or
    through a module constant; tags given by a variable or `**kwargs` count as carrying
    it): the others are escaped. Nor is the body of a view `CsrfViewMiddleware` checks
    (`request.POST`, or the form a form view's `form_valid(form)` is handed, which
    Django's `FormMixin` binds to the body): another site's page cannot send the
    visitor's token, so the message goes back to the browser that posted it.

    ## Why is this bad?
    A template writing messages with `|safe` lets the code put markup in them (a link,
    a line break), but then every message holding request data, an exception's text
    quoting a URL parameter or the name a form submitted, writes that data into the
    page as HTML: a link with `<script>` in its path runs script in the victim's
    session (cross-site scripting), on whichever page lists the message.

    ## Known problems
    A level's tag counts as any level's: a gate on a word that a level's tag holds
    (`'error' in message.tags`) lets every message through, and a `MESSAGE_TAGS` setting
    renaming a level's tag to the gate's word is not followed. The `{% else %}` of a
    test (`{% if 'safe' not in message.tags %}...{% else %}{{ message|safe }}`) is not
    read as a gate. What a model form's saved instance holds in a number, date, UUID or
    slug field (`order.number` of a `SlugField`) is no markup and is not followed, nor
    is a field its form's `Meta.fields` does not list (`order.customer.name` of a form
    listing `["paid"]`: the row the view loaded, not what was posted), unless a class of
    the form defines its own `save()`; the instance is known only when the view names its `form_class` (or Django builds
    the form from `model` and `fields`), not when `get_form_class()` chooses one.

    ## Example
    ```python
    from django.contrib import messages
    from django.shortcuts import redirect

    def rename(request):
        name = request.POST.get("name", "")
        messages.error(request, f"No folder named {name}")
        return redirect("/")
    ```

    ```django
    {# templates/base.html #}
    {% for message in messages %}<p class="alert">{{ message|safe }}</p>{% endfor %}
    ```

    ## Fix
    ```python
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.html import format_html

    def rename(request):
        name = request.POST.get("name", "")
        messages.error(request, format_html("No folder named <b>{}</b>", name))
        return redirect("/")
    ```

    ```django
    {# templates/base.html #}
    {% for message in messages %}<p class="alert">{{ message }}</p>{% endfor %}
    ```
    Let the template escape messages, and build the few that need markup with
    `format_html()`, which escapes what it fills in and marks the result safe (Django
    keeps that mark through the message storage).

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django docs: the messages framework](https://docs.djangoproject.com/en/stable/ref/contrib/messages/)
    - [Django docs: format_html](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html)
    """

    code = "WW596"
    name = "request-data-in-unescaped-message"
    practice = Practice.XSS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 79
    message = "{source} is stored as a message by `{sink}`, which a template writes unescaped"
    fix = "drop `|safe` from the messages' template; build markup with `format_html()`"
    frameworks = frozenset({Framework.DJANGO})

    def check(self, project: ProjectModel) -> Iterable[Finding]:
        """The flows into messages that a template of the project writes unescaped: any,
        or those stored with the tags its unescaped outputs require."""
        gates = unescaped_gates(project)
        if not gates:
            return
        tags: dict[tuple[str, int], list[str | None]] = {}
        if () not in gates:
            for relpath, line, given in given_tags(project):
                tags.setdefault((relpath, line), []).append(given)
        for finding in super().check(project):
            where = finding.location
            given_here = tags.get((where.path, where.line), [""])
            if () in gates or any(carries(t, gate) for t in given_here for gate in gates):
                yield finding


def unescaped_gates(project: ProjectModel) -> set[tuple[str, ...]]:
    """The tags each template output writing a message of Django's `messages` with
    `|safe` or with autoescaping off requires it to carry (`()`: none, every message
    reaches it)."""
    templates = project.templates
    if templates is None:
        return set()
    return {
        output.tag_gates
        for relpath, facts in templates.files.items()
        for output in facts.outputs
        if (output.escape_off or not _UNESCAPING.isdisjoint(output.filters))
        and (
            output.path in MESSAGE_PATHS
            or not MESSAGE_PATHS.isdisjoint(templates.includer_paths(relpath, output.path))
        )
    }
