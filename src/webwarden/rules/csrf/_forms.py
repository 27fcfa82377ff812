"""Shared by the template CSRF rules: which forms leave the site, which write a token."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit

from webwarden.findings import Location
from webwarden.model.auth.logins import starts_social_login
from webwarden.model.django import Route, View
from webwarden.model.django.defaults import CSRF_MIDDLEWARE
from webwarden.model.django.values import contains
from webwarden.model.flask.app import FlaskApp
from webwarden.model.project import ProjectModel
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.facts import FormFact
from webwarden.parse.templates.html import DYNAMIC
from webwarden.rules.django_settings import mentions
from webwarden.rules.flask_base import CSRF_EXTENSIONS


def other_origin(action: str | None) -> str:
    """The host an absolute action URL posts to ("" for same-site or dynamic actions)."""
    if not action:
        return ""
    action = action.strip()
    if action.startswith(DYNAMIC) or not action.startswith(("http://", "https://", "//")):
        return ""
    host = urlsplit(action.replace(DYNAMIC, "x")).netloc
    return host


def runs_script(action: str | None) -> bool:
    """A `javascript:` action: submitting the form runs the script (which may send the
    data itself, with a token of its own), the browser posts nothing to any URL. Browsers
    read the URL without its leading spaces and control characters, and without the tabs
    and line breaks inside it."""
    if not action:
        return False
    url = re.sub(r"[\t\n\r]", "", action).lstrip("".join(map(chr, range(33))))
    return url[:11].lower() == "javascript:"


def token_from_elsewhere(form: FormFact, model: TemplateModel, relpath: str) -> bool:
    """An include or a form-rendering macro inside the form may write the token (also
    through the templates those render in turn)."""
    for name in form.includes:
        target = model.resolve(name, relpath) if name != "?" else None
        if target is None or renders_token(target, model):
            return True
    if any(_defined_macro_writes_token(s, model, relpath) for s in form.macro_sources):
        return True
    return any(_macro_writes_token(macro, model, relpath) for macro in form.macros)


def page_token(relpath: str, model: TemplateModel, seen: frozenset[str] = frozenset()) -> bool:
    """The page writes a CSRF token outside its forms for its script to send (see
    `TemplateFacts.page_token`): the template itself, or a template it extends."""
    facts = model.files.get(relpath)
    if facts is None:
        return False
    if facts.page_token:
        return True
    seen |= {relpath}
    parents = {model.resolve(name, relpath) for name in facts.extends} - seen
    return any(page_token(p, model, seen) for p in parents if p is not None)


def renders_token(relpath: str, model: TemplateModel, seen: frozenset[str] = frozenset()) -> bool:
    """The template writes a token itself, or a template it renders does: one it
    includes, or one a project tag it uses renders (an editor partial calling `{%
    notes_form form %}`, an inclusion tag whose template starts with `{% csrf_token %}`).
    Only templates found in the tree are followed."""
    facts = model.files[relpath]
    if facts.writes_token:
        return True
    seen |= {relpath}
    names = [site.name for site in facts.include_sites]
    names += [
        name
        for use in facts.filters
        if use.kind == "tag"
        for definition in model.filters.get(use.name, ())
        for name in definition.renders
    ]
    targets = {model.resolve(name, relpath) for name in names} - seen
    return any(renders_token(t, model, seen) for t in targets if t is not None)


def _defined_macro_writes_token(
    source: tuple[str, str], model: TemplateModel, relpath: str
) -> bool:
    """A Jinja macro the template imports or defines whose body writes the token
    (`{{ page_footer("Confirm") }}` whose macro writes a `csrf_token()` hidden input)."""
    template, name = source
    target = model.resolve(template, relpath) if template else relpath
    facts = None if target is None else model.files.get(target)
    return facts is not None and any(m.name == name and m.writes_token for m in facts.macros)


def _macro_writes_token(macro: str, model: TemplateModel, relpath: str) -> bool:
    """A project tag rendering a template that writes one (Mezzanine's `{% fields_for
    form %}` rendering `includes/form_fields.html`), judged by those templates when they
    are known; otherwise the macro's name or its module's (`{{ forms.add_bill(form) }}`,
    from a `{% import "forms.html" as forms %}` here or in a template this one extends)."""
    rendered = [name for d in model.filters.get(macro, ()) for name in d.renders]
    targets = [model.resolve(name, relpath) for name in rendered]
    if rendered and all(target is not None for target in targets):
        return any(renders_token(t, model) for t in targets if t is not None)
    library = _LIBRARY_TAG_TEMPLATES.get(macro)
    if library is not None and macro not in model.filters:
        # NOTE: the project may override the library's template; then it decides.
        override = model.resolve(library, relpath)
        return override is None or model.files[override].writes_token
    return "form" in macro.lower()


_LIBRARY_TAG_TEMPLATES = {"fields_for": "includes/form_fields.html"}
"""Tags of libraries (the project does not define them) rendering a template of theirs
that writes the token: Mezzanine's `{% fields_for form %}` renders
`includes/form_fields.html`, whose `{% csrf_token %}` precedes the fields."""


def flask_protects_every_view(project: ProjectModel, relpath: str) -> bool:
    """The Flask app that renders (or holds) the template checks every POST's token
    (CSRFProtect, SeaSurf), not only the posts of views that validate a Flask-WTF form."""
    return any(_protects_every_view(app) for app in _deciding_apps(project, relpath))


def _protects_every_view(app: FlaskApp) -> bool:
    return bool(app.extension(*CSRF_EXTENSIONS))


def _checks(app: FlaskApp) -> bool:
    return _protects_every_view(app) or any(app.uses_flask_form(route) for route in app.routes)


def _deciding_apps(project: ProjectModel, relpath: str) -> list[FlaskApp]:
    """The apps whose protection a template's forms meet: its owners, or every app of the
    project when the template belongs to none."""
    if project.flask is None:
        return []
    return flask_owners(project, relpath) or project.flask.apps


def flask_owners(project: ProjectModel, relpath: str) -> list[FlaskApp]:
    """The Flask apps that render the template or hold it in their folder."""
    if project.flask is None:
        return []
    model = project.templates
    renderers = (
        {link.render.location.path for link in model.rendered_by(relpath)} if model else set()
    )
    return [
        app
        for app in project.flask.apps
        if renderers & app.modules
        or not app.root_dir
        or relpath.startswith(app.root_dir.rstrip("/") + "/")
    ]


def flask_checks_tokens(project: ProjectModel, relpath: str) -> bool:
    """The Flask app that renders (or holds) the template uses CSRFProtect or SeaSurf,
    or a view of it validates a Flask-WTF form; any app of the project when the
    template belongs to none."""
    return any(_checks(app) for app in _deciding_apps(project, relpath))


def django_checks_tokens(project: ProjectModel) -> bool:
    """Django's `CsrfViewMiddleware` is in the `MIDDLEWARE` of a settings module the
    Django model judges (any module's `MIDDLEWARE` list when it judges none)."""
    if project.django is not None and project.django.judged:
        return any(mentions(s, "MIDDLEWARE", CSRF_MIDDLEWARE) for s in project.django.judged)
    model = project.templates
    return model is not None and model.csrf_middleware is True


def django_checks_no_tokens(project: ProjectModel) -> bool:
    """Every settings module the Django model judges sets `MIDDLEWARE`, and no value it
    may have holds `CsrfViewMiddleware`: no view's token is checked, exempt or not."""
    django = project.django
    if django is None or not django.judged:
        return False
    if not all(settings.is_set("MIDDLEWARE") for settings in django.judged):
        return False
    return all(
        contains(possibility.shipped, CSRF_MIDDLEWARE) is False
        for settings in django.judged
        for possibility in settings.get("MIDDLEWARE")
    )


_CONVERTERS = {"int": "[0-9]+", "slug": "[-a-zA-Z0-9_]+", "path": ".+", "uuid": "[-0-9a-f]+"}
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _path_regex(pattern: str) -> re.Pattern[str]:
    """A Django `path()` / Flask rule pattern as a regex over the URL path."""
    parts: list[str] = []
    last = 0
    for match in _PARAMETER.finditer(pattern):
        parts.append(re.escape(pattern[last : match.start()]))
        parts.append(_CONVERTERS.get(match["converter"] or "", "[^/]+"))
        last = match.end()
    parts.append(re.escape(pattern[last:]))
    return re.compile("/?" + "".join(parts).lstrip("/") + "$")


def _route_matches(route: Route, path: str) -> bool:
    """Whether the URL path `path` reaches `route` (a `path()` pattern or a regex)."""
    if route.kind == "path":
        return _path_regex(route.pattern).match(path) is not None
    try:
        return re.match(route.pattern, path.lstrip("/")) is not None
    except re.error:
        return False


class ExemptView(NamedTuple):
    """A view exempt from CSRF checks that a form posts to."""

    name: str
    defined: Location | None
    uses_session: bool
    """Whether it reads the session or the user (True when not known): if not, a forged
    post gains what any caller could, and the form needs no token (WW603's judgement)."""
    debug_only: bool = False
    """Every route to it is added under `if settings.DEBUG:`: only a development server
    serves it, and its form (WW603 does not report such a view either)."""
    harmless: bool = False
    """It is python-social-auth's login start (`logins.starts_social_login`): a forged
    post starts a login at the provider as the browser's own user, as a link would (WW603
    does not report its exemption either)."""


def exempt_target(project: ProjectModel, relpath: str, target: str) -> ExemptView | None:
    """The view a form posts to when that view is exempt from CSRF checks, else None."""
    model = project.templates
    renderers = {link.render.function for link in model.rendered_by(relpath)} if model else set()
    kind, _, value = target.partition(":")
    if project.django is not None:
        for route in project.django.routes:
            view = route.view
            if view is None or not view.csrf_exempt or route.kind == "router":
                continue
            if (
                (kind == "path" and _route_matches(route, value))
                or (kind == "route" and route.name == value)
                or (kind == "self" and view.target in renderers)
            ):
                routes = [
                    r
                    for r in project.django.routes
                    if r.view is not None and r.view.target == view.target
                ]
                return ExemptView(
                    view.target.rsplit(".", 1)[-1],
                    view.location,
                    view.uses_session,
                    all(r.debug_only for r in routes),
                    starts_social_login(view.target),
                )
        if kind == "self":
            # NOTE: a view no URLconf names (routed by a registry of dotted names, an
            # admin module's `get_urls()`) still serves the page that posts back to it.
            for target in sorted(renderers):
                unrouted = project.django.views.get(target)
                if unrouted is not None and unrouted.csrf_exempt:
                    return ExemptView(
                        target.rsplit(".", 1)[-1],
                        unrouted.location,
                        unrouted.uses_session,
                        False,
                        starts_social_login(target),
                    )
    if project.flask is not None:
        for app in project.flask.apps:
            exempters = {f"{e.ref}.exempt" for e in app.extension(*CSRF_EXTENSIONS) if e.ref}
            for rule in app.routes:
                if not any(d.name in exempters for d in rule.decorators):
                    continue
                if (
                    (kind == "path" and rule.rule and _path_regex(rule.rule).match(value))
                    or (
                        kind == "endpoint"
                        and value in (rule.endpoint, rule.view.rsplit(".", 1)[-1])
                    )
                    or (kind == "self" and rule.view in renderers)
                ):
                    return ExemptView(rule.endpoint, rule.location, True)
    return None


_NO_POST_VIEWS = frozenset(
    {"django.views.generic.TemplateView", "django.views.generic.base.TemplateView"}
)
"""Django's views that answer GET alone: a POST to them is refused (405)."""


def posts_to_page_without_post(
    project: ProjectModel, relpath: str, target: str, *, included: bool = True
) -> bool:
    """A form posting back to its own page (no `action`) in a template that no template
    extends or includes, whose every page answers no POST: served by the URLconf through
    Django's `TemplateView.as_view(template_name=...)` (a style guide showing what a form
    looks like), or rendered only by class-based views of the project whose handlers are
    known and take no POST (a `DetailView` whose page a script posts from, with the token
    in a header), or by function views that only show a page and read nothing posted. A
    native submit then changes nothing, token or not (the CSRF check
    refuses it with 403 first). A project's subclass may add `post`, and is then judged
    as a page of the template too. Also (when `included`) one in a partial that templates
    only include, never extend, nor a view render alone, each of them such a page: the
    form posts to the page that includes it."""
    model, django = project.templates, project.django
    if target != "self" or model is None or django is None:
        return False
    if model.referenced(relpath):
        return included and _included_in_pages_without_post(project, model, relpath)
    renderers = set()
    for link in model.rendered_by(relpath):
        if link.chain != (relpath,) or link.render.framework != "django":
            return False
        renderers.add(link.render.function)
    serving = [route for route in django.routes if _serves(route, relpath, renderers, model)]
    routed = {route.view.target for route in serving if route.view is not None}
    return (
        bool(serving)
        and renderers <= routed
        and all(_answers_no_post(route.view) for route in serving)
    )


def _included_in_pages_without_post(
    project: ProjectModel, model: TemplateModel, relpath: str
) -> bool:
    """Whether templates only include `relpath` (none extends it, no view renders it
    alone), and each including it is a page answering no POST, itself neither extended
    nor included (see `posts_to_page_without_post`)."""
    if any(link.chain == (relpath,) for link in model.rendered_by(relpath)):
        return False
    includers: set[str] = set()
    for path, facts in model.files.items():
        if any(model.resolve(name, path) == relpath for name in facts.extends):
            return False
        if any(model.resolve(name, path) == relpath for name in facts.includes):
            includers.add(path)
    return bool(includers) and all(
        posts_to_page_without_post(project, page, "self", included=False)
        for page in sorted(includers)
    )


def _serves(route: Route, relpath: str, renderers: set[str], model: TemplateModel) -> bool:
    """Whether the route's page is the template: the URLconf names it, or the view is (or
    inherits from) a class rendering it and the URLconf names no other."""
    if route.template_name is not None:
        return model.resolve(route.template_name) == relpath
    view = route.view
    return view is not None and (view.target in renderers or not renderers.isdisjoint(view.bases))


def _answers_no_post(view: View | None) -> bool:
    """Django's `TemplateView`, or a class-based view whose every handler is known and
    none takes a POST: Django answers the post with 405. Or a function view that only
    shows a page (`View.shows_page`: it reads nothing submitted, tests no method and
    hands the request to Django's renderers alone) under Django's decorators alone (a
    project's may read the post before it runs): it answers a post as it answers a GET,
    whatever the form holds."""
    if view is None:
        return False
    if view.target in _NO_POST_VIEWS:
        return True
    if view.kind == "function":
        return view.shows_page and all(name.startswith("django.") for name in view.decorators)
    return (
        view.kind == "class"
        and view.handlers_known
        and view.methods is not None
        and "POST" not in view.methods
    )
