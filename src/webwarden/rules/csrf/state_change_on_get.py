"""WW680: a route that answers GET and changes state when it does."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from webwarden.analysis.writes import StateChanges, Write, state_changes
from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.django import DjangoProject, View
from webwarden.model.django.ninja_auth import Credential, NinjaProject
from webwarden.model.django.values import lookup
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._public import is_public, secret_argument
from webwarden.rules.base import Framework, ProjectRule
from webwarden.rules.csrf._setting_gets import setting_gets
from webwarden.rules.django_settings import keeps_no_login, mentions
from webwarden.rules.flask_base import all_strict, jwt_in_headers_only, login_cookies_strict

_GET_HANDLERS = ("get", "get_redirect_url", "dispatch_request")
"""Methods of a class-based view that run for a GET: Django's `get()` (and the
`get_redirect_url()` a `RedirectView`'s `get()` calls), Flask's `MethodView.get()` or a
plain `View.dispatch_request()`."""
_COOKIE_AUTHENTICATION = re.compile(r"Session|Basic|Cookie")
"""Words of a DRF authentication class a browser sends credentials to by itself."""
_BASIC_OR_COOKIE = re.compile(r"Basic|Cookie")
"""Words of such a class whose credential no `SESSION_COOKIE_SAMESITE` keeps off."""
_REMOTE_USER_MIDDLEWARE = (
    "django.contrib.auth.middleware.RemoteUserMiddleware",
    "django.contrib.auth.middleware.PersistentRemoteUserMiddleware",
)
_STRICT_SETTINGS = (
    '; `SESSION_COOKIE_SAMESITE` is "Strict" in every settings module: only a page of'
    " the same site (a sibling subdomain) can send it with the session"
)
_STRICT_CONFIGS = (
    "; every cookie that logs the user in is `SameSite=Strict` in every config the app"
    " loads: only a page of the same site (a sibling subdomain) can send it with them"
)
_Route = tuple[str, str, Location, list[str], str]
"""(view, URL rule, where the view is, its handlers of a GET, the `SameSite=Strict` note
when only a page of the same site can forge the request, else "")."""
_NOT_FORGED = frozenset({"login"})
"""Kinds of write a GET may make: logging in from an emailed link or a single sign-on
callback is what those links are for."""


def get_writes(changes: StateChanges, handler: str) -> list[Write]:
    """The clear writes a handler makes on a GET request (not under a test of the method
    or of submitted data)."""
    return [
        w for w in changes.writes(handler) if w.clear and not w.gated and w.kind not in _NOT_FORGED
    ]


class StateChangeOnGet(ProjectRule):
    """## What it does
    Finds Django views, Django Ninja operations and Flask routes that answer GET and
    change state when they do (also the views a Django admin class adds by overriding
    `get_urls()`, `path("members/", self.admin_site.admin_view(self.members))`, or a
    function of the project, `admin_view(views.export_all)`:
    `admin_view` asks for a staff login and checks the CSRF token of a POST only; not
    one whose method a decorator limits to POST, `@method_decorator(require_POST)`):
    they save, create or delete model objects (`.save()`, `.delete()`,
    `objects.create()`, `update()` on a queryset (also one a method of the class returns,
    `self.open_claims().update(...)`), a relation's `add()`/`remove()`; also
    in a method of the project's manager or queryset, `self.filter(...).update(...)`,
    reached as `Ticket.objects.archive_stale()` or through a manager made with
    `TicketQuerySet.as_manager()`), add,
    merge or delete through a SQLAlchemy session or commit it (not a merge that only
    puts a detached object back, a row kept in a cache between requests: `if obj not in
    db.session: obj = db.session.merge(obj)`, or `merge(obj, load=False)`, which loads
    nothing and requires an object with no pending change), run SQL that inserts,
    updates or deletes, write to MongoDB (PyMongo's `insert_one()`, `delete_many()`,
    `find_one_and_update()`, `bulk_write()`... on any object; `drop()` and PyMongo 3's
    `insert()`, `update()`, `remove()` on a collection known by where it comes from,
    `MongoClient()`, Flask-PyMongo's `mongo.db`, a global, a local or an attribute
    `__init__` sets; an `aggregate()` with a `$out` or `$merge` stage; a MongoEngine
    document's `save()`, `delete()`, `update()` or `modify()`), requeue or cancel RQ jobs (`requeue_job(job_id)`, a dashboard's
    retry), also through an RQ queue or job the view made (`queue = django_rq.get_queue(name)`
    then `queue.enqueue_job(job)`, `Job.fetch(job_id).requeue()`) or django-rq's
    `stop_jobs()`, send mail (Flask-Mail's `mail.send(msg)` too; not Django's
    `mail_admins()` or `mail_managers()`, a notice to the site's own operators, as its
    error mails are), write or remove files, run a command the code spells out that
    changes the machine (`subprocess.check_output(["git", "pull"], cwd=path)`, `pip
    install`, `systemctl restart`, `rm`; not `git log` or a command built at run time,
    which may only read), or log the user out (also by running the
    `post` of the library logout view the class derives from, Django's `LogoutView`,
    mozilla-django-oidc's `OIDCLogoutView` or django-allauth's: `def get(self,
    request): return super().post(request)`; or by emptying the web session in a function
    or class named for a logout: `session.clear()`, `request.session.flush()`,
    `session.pop("user_id")`, also a key built on a prefix the code works out,
    `session.pop(cfg.prefix + "_user_id")`), in the
    view itself or in the project's functions it calls (also one a thread it starts
    runs: `Thread(target=_send_async_mail, args=[app, msg])`, or a Celery task it queues:
    `rebuild_report.delay(pk)`, `apply_async(...)`; or any of those a table of functions
    written in the code may pick, `ACTIONS[request.GET["cmd"]](request)`, a local given
    `HANDLERS.get(kind, show)`, or `getattr(self, "do_" + op)(request)`: each of the
    table's functions, or of the class's methods named with that start; a table the code
    changes or builds otherwise is not guessed at), or in a method of the project's
    model whose row it loads (`get_object_or_404(Ticket, pk=pk).close()`, `close()`
    saving `self`, or through a relation of `self`, `self.votes.update_or_create(...)`;
    also a generic view's `self.get_object()`, a row of its `model`, kept as
    `self.object` or not), or in a method of the signed-in user's class run on
    Flask-Login's `current_user` (also by a name a module of the project binds to it
    once and others import, `current_user: User = _current_user`) or on the user a
    project keeps on `g` (`g.user`) (`current_user.follow(user)` adding a row, then
    `db.session.commit()`: the project's class deriving from `UserMixin`, or the one
    class defining the method when none does), also when a helper of the project returns the row
    (`package = self.get_package()`, every `return` of `get_package()` a row loaded), or
    a test binds it with `:=` (`if run := Run.objects.filter(...).first(): run.start()`);
    a helper's write made only for one value of a flag parameter defaulting to off (`def
    run(url, dry=False)` saving under `if changed and not dry:` or after `if dry:
    return`, also `if dry or not changed: return`, `def refresh(row, save=False)` after `if not save: return row`), or to
    `True` (`def emit(event, persist=True)` saving under `if persist:`), is not made
    by a call giving the other value (`run(url, dry=True)`, `refresh(row)`,
    `emit(event, persist=False)`), and one
    handing on a flag of its own (`run(url, dry=dry)`) makes it as its callers set that;
    a temporary file the view made and removes (also one a `with` made: `with
    NamedTemporaryFile(delete=False) as tmp:`, then `os.unlink(tmp.name)`), a file it
    writes in a temporary folder it made (`tmp_dir = tempfile.mkdtemp()`, or `with
    tempfile.TemporaryDirectory() as tmp_dir:`, then `open(os.path.join(tmp_dir,
    "export.csv"), "w")`; or a path in the system's temporary folder named afresh for the
    request, `folder = "/tmp/{0}/".format(uuid4())`; or any path the view assigns and
    removes when the request ends, in a `finally:` block or in a cleanup hook it defines,
    `@after_this_request def remove_files(response): shutil.rmtree(folder)`), what a
    helper handed such a path and no other (only ids and objects besides:
    `write_forms(round_id, folder)`, not `publish_into(folder, ARCHIVE)`) writes or removes
    (`_remove_dir(tmp_dir)`), a file it removes
    after sending it (`return send_file(path)`, then `os.remove(path)` in a `finally:`:
    the response's own file) or after making it itself (`with ZipFile(path, "w") as
    archive:`, then `os.remove(path)` once the response holds its bytes: making it is
    judged on its own), a key of a key-value store it deletes after reading it
    (`target = r.get(key)`, then `r.delete(key)`: a value stored to be used once, a
    link's target or a notice, taken as it is used; not a key it did not read), a file
    opened only when its path does not exist yet (`if
    not os.path.exists(path):` then `open(path, "wb")`, or after `if
    os.path.exists(marker): return`: a cache the first request fills,
    a PDF rendered once, which a second request leaves as it is), a field of a row
    saved only while it is unset (`if profile.start_page is None:` or `if not
    profile.start_page:`, then `profile.start_page = busiest_team(user)` and
    `profile.save(update_fields=["start_page"])`, or SQLAlchemy's `db.session.commit()`
    in a view setting no other attribute, also under a test joining others with `and`, `if
    not domain.verified and not domain.txt_token:` then `domain.txt_token = ...`; the
    branch setting no other field of
    the row and none to what the request chooses, its query string, its submitted data or
    a part of the URL: a default the first request works out and keeps, which a second
    request leaves as it is), a file opened in an
    update mode whose handle the view only reads (`with open(path, "r+b") as f:` then
    `f.read()` and `f.name`: `r+` neither creates nor truncates), or code after a `return`, which never runs, is no write, nor is
    a change undone by the transaction it is made in (`with transaction.atomic():` whose
    block calls `transaction.set_rollback(True)` or ends by raising; a view whose
    decorator of the project runs it only in such a block, a preview of a merge), nor is
    a row's counter of visits (a field named for views, downloads, hits, visits, clicks or reads,
    or a count of requests alone, `request_count`: how often a share link was requested)
    raised by a number and saved with no other change (`dataset.downloads =
    (dataset.downloads or 0) + 1` or `dataset.downloads = F("downloads") + 1` then
    `dataset.save(update_fields=["downloads"])`, on a row a query or a helper named for
    looking one up returns (`find_dataset(pk, request.user)`) or a rendered response's
    context holds (`response.context_data["object"]` after `response =
    super().get(request, *args, **kwargs)` in a `DetailView`), `page.views += 1`
    then `page.save()`, `Page.objects.filter(pk=pk).update(views=F("views") + 1)`: RFC 9110 counts
    a hit counter among a safe method's side effects; not `likes` or `votes`, what the user did,
    nor a row the view makes first; likewise a flag saying the row was viewed set so,
    `message.unread = False` or `notice.seen = True` then `save()` (or SQLAlchemy's
    `db.session.commit()` in a view changing nothing else), which opening the
    page does anyway; not `unread = True`; or the time the row was last read set to
    the clock's, `secret.last_decrypted_date = now()`, `token.last_used_at =
    timezone.now()` or `visit.visited_at = now()` (not `used_at`, a one-time token
    spent), also on a row that may be missing, `archived = None`, or on the
    row the request holds, the signed-in user or a profile a middleware put there
    (`profile = request.profile`, then `profile.last_active_date = now()`), or from a
    function of the project that only returns the time, `time_utcnow()`; also on a row
    made bare to hold it beside the reader and what was read, a tracker of what the
    signed-in user has read: `topicsread = TopicsRead()`, `topicsread.user = user`,
    `topicsread.topic = self`, `topicsread.last_read = time_utcnow()`, then `save()`;
    or a row a query loads of a model named for a reading, moved to the newest item of
    what is read, `marker = ThreadRead.objects.filter(user=user, thread=thread).first()`,
    `marker.reply = thread.last_reply`, then `save()` (not `thread.pinned_reply`, nor a
    `Subscription` so moved);
    not `last_rotation_date`, what the user did, nor a new row given any other field);
    or a field a method of the row, given nothing and named for it, brings to its valid
    or current form as it is read (`view.query_filter = view.validate_filter()`, then
    SQLAlchemy's `db.session.add(view)` or a commit: a stored filter given the keys it
    lacks, which a second read leaves as it is; not `view.generate_key()`, nor
    `view.validate_filter(request.args["filter"])`, a value the request chooses),
    nor is
    a library's view the handler hands its request to under a row's verb (Wagtail's
    `delete(request, page_id)`, which asks before it deletes: Django's `save()` and
    `delete()` of a row take no request), nor is a row made only when a lookup
    found none (`row = M.objects.filter(...).first()`, then `if not row:` or `if row is
    None:` `row = M.objects.create(...)`, or `M.objects.get(...)` in a `try` whose
    `except` makes the row, as `get_or_create()` does (also returning each: `return
    M.objects.get(...)`, then `return M.objects.create(...)` in the handler; also a row
    of the model whose `DoesNotExist` the handler catches, whatever the lookup: `try:
    request.user.profile`, a one-to-one relation read from the other side, then `except
    Profile.DoesNotExist:` `Profile.objects.create(user=request.user)`; or of a model the
    `try` looks up when the handler catches Django's `ObjectDoesNotExist`, the base of
    every model's, also through a classmethod of the model returning its lookup: `try:
    profile = Profile.of_user(user)` then `except ObjectDoesNotExist:`
    `Profile.objects.create(user=user)`), or `if row :=
    M.objects.filter(...).first(): return ...` then a new `M(...)` saved (a thumbnail
    made the first time it is asked for), or, after `row = M.objects.filter(...).first()`
    and `if row: return ...` (or in the arm of `if not row:`), a call whose every write
    makes a row of that model through its manager, there or in a helper of the project
    (`summary = build_summary(keyword)`, which ends in
    `Summary.objects.update_or_create(...)`: a summary worked out the first time it is
    asked for and kept), or with SQLAlchemy `if
    M.query.filter_by(...).first() is None: db.session.add(M(...))`, a record that the
    user opened a page, also looked up by the model's own classmethod, `view =
    M.get(post, user)` returning `cls.query.get(...)`, and the commit there), or when a
    test found no row of the model (`if SINGLE_TEAM and Team.objects.count() == 0:`, `if
    not Team.objects.filter(...).exists():`, or a local bound to the model's query, `teams
    = Team.objects.filter(...)` then `if not teams.count():`, or a local the view binds
    once to such a test, `has_none = Team.objects.filter(...).count() == 0` then `if
    ONBOARDING and has_none:`, then
    `Team.objects.create(...)`: the site's default row; also of a library's model,
    `if User.objects.filter(is_superuser=True).count() == 0:` then
    `User.objects.create_superuser(...)` (or `create_user()`): a fresh install's first
    account; or a value looked for among its
    rows, `if key not in prefs.values_list("key", flat=True):` then
    `Pref.objects.bulk_create([...])`: a user's default rows), nor a delete in the handler of a `get_or_create()` that failed
    (`except M.MultipleObjectsReturned:`, the older of two racing records removed), nor
    the `save()` of a row `get_or_create()` returned with none of its fields set (its
    `auto_now` time refreshed: when the user last opened the page), or SQLAlchemy's
    `session.add()` of one whose time only a method named for it moved on
    (`view.update_modification_time()`, `row.touch()`; not another method, `view.archive()`,
    whose changes are not told): a second request
    makes nothing; nor are the removals (and
    commits) made only when a lookup found no row (`if not
    Book.query.filter(...).first():` or the `else` of `if book:`, then a `delete()` in
    the view or a helper): a row kept for one that is gone (a download of a book deleted
    outside the app) dropped as the page is shown, which the request does not choose and
    a second request finds nothing more of. A Flask route answers GET unless
    its `methods` leave it out; a Django function view answers every method unless
    `@require_POST`, `@require_http_methods`, django-hatchway's `@api_view.post` (`.put`,
    `.patch`, `.delete`: any other method is refused) or the like limits it (a decorator of the
    project too, whose wrapper first refuses other methods: `if request.method not in
    expected_methods: return HttpResponseNotAllowed(expected_methods)`, the methods
    given to its factory at each view, `@api_endpoint(expected_methods=["POST"])`, or
    written in it, `if request.method != "POST":`, or a test letting the request on
    whose `else` refuses, `if request.method in methods: return fn(request) else: return
    HttpResponseNotAllowed(methods)`; or one whose every wrapper, whichever its factory
    returns, is decorated with `@api_view(methods)` or `@require_http_methods(methods)`,
    the methods given at each view, `@api_endpoint(methods=["POST"])`, or written in
    it; or one running the view only for a
    posted form and showing any other request a page, a confirmation decorator's `if
    "__confirm__" in request.POST: return func(request, ...)`, or one refusing a request
    whose form data lacks a field it requires, `if not all(p in request.POST for p in
    params): return HttpResponseBadRequest()` with fields given at each view: Django fills
    `request.POST` for a POST only), and a class-based
    view answers GET through its `get()`. Writes made only under a test of the request's
    method or of submitted data (`if request.method == "POST":`, Flask's `if not
    request.form.get("confirm"): return ...` or `request.files.get(...)`, which a link's
    or an image's GET never fills, `if
    form.is_valid():`, `if form.validate_on_submit():`, `if not all(f.is_valid() for f in
    forms): return ...`) are not GET writes (but those under the validation of a form or
    serializer bound to the query string alone are: `SearchForm(request.GET)`,
    `EmailSerializer(data={"email": request.GET.get("email")})`, which a link makes
    valid, and so are those under a test of a value read from the query string or the
    body, whichever the method picks, `(request.args if request.method == "GET" else
    request.form).get("href")`, a bookmarklet's, which a link fills), nor are those
    made once a row is looked up by a field of the posted body alone (`prefix =
    request.POST.get("prefix")`, then `Key.objects.get(prefix=prefix)` in a `try` whose
    handler returns, or outside any `try`, a field of the row read at once or not:
    `Group.objects.get(name=name).id`, or `get_object_or_404(...)`): a GET sends no
    body, so no row is found; nor those a helper of the project makes for each item of
    a parameter (`for workflow_id in workflows:`) the view fills from the posted body
    (`Workflow.apply(request.POST.getlist("workflow"), system)`): a GET's list is
    empty; but those in
    the arm of a method test that a GET takes are (`if request.method == "GET":`, the
    same test joined by `and` to a test of the query string, the `else` of `if
    request.method == "POST":`, what follows `if request.method == "DELETE": return`;
    not what follows a chain of method tests whose last `else`, where a GET goes, leaves:
    `if request.method == "POST": ... elif request.method == "PUT": ... else: raise
    MethodNotAllowed(...)`), nor are a
    Flask view's when a decorator of the project runs it only once a Flask-WTF form is
    submitted (Mailu's `@confirmation_required`, showing a confirmation form to a GET),
    or when it reads what the client sends only as JSON (`request.json`, `get_json()`,
    as WW620 judges it; not `get_json(force=True)`): a link's GET has no JSON body, and
    Flask refuses the read.
    Routes
    public by nature (emailed confirmation and unsubscribe links, the sign-in link of a
    passwordless login, `magic-links/<link_id>`, any URL with a
    secret among its parameters such as `<slug:token>` (or a bare `<key>` or `<code>`
    after what the link is for: `invitation/<key>`, `rsvp/<slug:code>`, or ending the
    URL after the id of the object it acts on: `reminders/cancel/<pk>/<key>`; or a random UUID
    named for it:
    `<uuid:unsubscribe_id>`; or a regex route's unnamed group filling a view parameter
    so named, `def enable_alert(request, secret_key)` for `alert/enable/([a-z0-9]{40})/`),
    single sign-on callbacks, webhooks, the endpoints issuing an API token; not the
    signed-in user's deleting or renewing one, `authtoken/delete`) are not reported, but
    for a logout they make (a logout view that
    records it too, `LogEntry.objects.create(action_type="logout")`, is judged by its
    logout alone) unless they log someone in too (an account switched by a callback),
    nor Django REST framework views authenticated by tokens alone (their
    `authentication_classes`, or DRF's `DEFAULT_AUTHENTICATION_CLASSES`, name no
    session, basic or cookie authentication: a browser sends none of those to another
    site's link; DRF checks the CSRF token of a session's unsafe requests only, not of a
    GET): an `APIView`'s `get()` is judged as a class-based view's, `@api_view` as a
    function view answering the methods it lists (GET alone by default), also when a
    decorator of the project applies it and the classes to the view, with the methods
    its factory is given at each view (`@setup_view(["POST"])` whose decorator returns
    `api_view(methods)(authentication_classes(())(func))`), and so is a
    viewset's extra action that a router routes (`@action`, or `@detail_route` and
    `@list_route` of DRF before 3.10), nor Flask routes whose session the app's own session interface
    takes from a request header (an API's `Authorization: Token ...`, see WW623), or
    whose only login check is a decorator reading a credential from a header (Lemur's
    `@login_required` decoding a JWT from `Authorization`, or a wrapper whose first act
    turns away a request whose header token does not decode with the app's key, whatever
    it answers: a 422, or nothing at all from a handler that only logs), or a
    `before_request` hook of the app or of the view's blueprint that refuses a request
    without such a header (an API's `bp.before_request(requires_admin_auth)` whose helper
    reads the `Authorization` bearer token and raises the project's `AuthError(message,
    401)`; not one reading HTTP Basic credentials, `request.authorization`, which the
    browser sends again by itself, nor such a decorator: Flask-HTTPAuth's `HTTPBasicAuth`
    or `HTTPDigestAuth`, the project's `requires_auth` reading `request.authorization`) while the view is known by no cookie, also as a Flask-RESTful
    resource's `method_decorators`, or a library's check of a bearer token: flask-oauthlib's
    `@oauth.require_oauth()`, also through a method of the provider's subclass returning
    it, Authlib's `@require_oauth("profile")` but for `optional=True`, Flask-HTTPAuth's
    `HTTPTokenAuth`) while nothing reads the session, nor Flask routes behind
    Flask-JWT-Extended's `@jwt_required()` (not `optional=True`) in an app that reads
    its tokens from headers alone (`JWT_TOKEN_LOCATION` unset or naming no cookies,
    and no `locations=` on the decorator), nor any route of a Flask app that
    checks such a header somewhere and keeps no login in a cookie (no `session`, no
    package logging users in by a cookie such as Flask-Login or an OAuth client, no
    cookie read or set: a tracking device's query-string key, a token read only when
    sent), nor any Django
    view of a project whose `MIDDLEWARE` keeps no login in a cookie (no session or
    authentication middleware, or none but a middleware of the project that logs the
    request in from a header, `request.headers.get("x-token")`, and reads no session or
    cookie), nor Django views
    that refuse every request without a credential sent in a header before anything
    else, themselves or by a decorator of the project (an `X-Api-Key` checked against
    the database; a wrapper calling the view only once an HMAC it computes of what was
    posted matches, `if _verify(request.POST): return view(request)`), or without a parameter matching a secret of the settings (a
    scheduler's URL: `if request.GET.get("token") != settings.CRON_TOKEN: return
    HttpResponseForbidden()`, a class-based view's `get()` too, or a digest of such a
    secret, `get_sha256(settings.SECRET_KEY)`, read into a local first or not) or of a library checking its provider's signature (django-twilio's
    `@twilio_view`, `X-Twilio-Signature`, unless `DJANGO_TWILIO_FORGERY_PROTECTION = False`
    switches it off) and read no session, or that a decorator of the project makes refuse
    every request without `X-Requested-With` (`@require_AJAX` testing
    `request.headers.get("x-requested-with") == "XMLHttpRequest"`, also when the refusal
    is skipped only under `DEBUG`: `if not settings.DEBUG and not request.is_ajax()`, or
    a function view's own first act refusing so, after guards that only turn requests
    away by their method if any) or without htmx's `HX-Request`
    (`if "HTTP_HX_REQUEST" not in request.META: return render(request, "405.html")`,
    django-htmx's `if not request.htmx:`), or whose own first act refuses every
    request without an `Authorization` header of a token scheme (`if not
    auth.startswith("Bearer "): return HttpResponse(status=401)`; not of `Basic`, which a
    browser sends by itself once logged in): a link, an image or a form on another site
    cannot add the header, nor those whose body itself refuses a request
    whose parameter does not match a value kept in the session (an OAuth callback's
    `if request.GET.get("state") != state: return HttpResponseForbidden()`, or
    `if not constant_time_compare(...)` raising inside a `try` whose every handler
    answers), nor the writes that follow such a refusal in the block holding it
    (a callback's branch, `if "pushover_user_key" in request.GET:`, checking the `state`
    it kept before it saves): another site cannot read the session to forge the link. A logout made
    only once a test of the logged-in user's account found it barred (`if user ==
    current_user and not user.active: logout_user()`, the `else` of `if
    current_user.is_active:`, Django's `if request.user.is_banned:`; for an app keeping
    the user id in Flask's session itself, the account looked up by it, `user =
    get_user(uid=session["uid"])`, then `if not user or user.get("disabled"):`) is no
    GET write: it
    ends the session of an account that may no longer sign in, which no forged request
    brings about; a test of the login alone (`if current_user.is_authenticated:`), of a
    role or of the request's data is no such test. A route
    whose only change is a logout is reported at low severity (another site can sign
    the user out, as CVE-2023-5690 in Modoboa); so is django-allauth's own logout view,
    at the line of a settings module a deployment runs (not a development or test one)
    that sets `ACCOUNT_LOGOUT_ON_GET = True` with `allauth.account` installed: the view
    then logs out on GET instead of asking for the confirmation form's POST. Likewise
    `SOCIALACCOUNT_LOGIN_ON_GET = True` with `allauth.socialaccount` installed: a
    provider's login view then starts the OAuth flow (a login, or with `?process=connect`
    an account connection) on a GET any page can send: the attacker's social account
    connected to the victim's, as django-allauth 0.47's security notice describes. So is
    mozilla-django-oidc's `OIDCLogoutView` when such a settings module sets
    `ALLOW_LOGOUT_GET_METHOD = True` (a django-configurations value defaulting to true
    too) with `mozilla_django_oidc` installed: it otherwise answers GET with 405. A Django Ninja operation is judged
    unless its authentication (its own `auth=`, its router's or its API's) needs what a
    browser does not send to another site's link by itself (a bearer token, an API key
    header): Ninja's cookie authentication (`django_auth`) checks the CSRF token of
    unsafe requests only. Confidence is high when the view itself
    writes, low when only a helper it calls does (often its bookkeeping: removing
    dangling rows, recording a download). A row saved to an audit log (`entry =
    Entry(...)`, then `entry.save()`, or `Entry.objects.create(...)`, also through `cls`
    in a class method of the model, `DebugLog.error(message)`, of a model whose
    module path or name says `audit`, or `log` (`logged`, `analytics`) beside `entry`,
    `event`, `access`, `activity`, `action`, `search`, `debug` or `error`: `LogEntry`,
    `event_log.Entry`, a site search's `LoggedSearch`, an `analytics.Event` of a page
    viewed, the application's `DebugLog`, also saved by
    the receiver of a signal the view sends; not a `SavedSearch` the user keeps), or to a model named for
    the record of an access, a download or a view of a page or a dashboard
    (`Download.objects.create(creator=request.user, image=image)` as a file is served,
    `FileDownload`, `PageView`, `DashboardVisit`, or an analytics event of a view,
    `GrantViewEvent`; not `DownloadRequest`, a job the user asks for, nor a bare `Hit`
    or `Visit`, nor a `VisitEventRegistration`), or to a model whatever its name whose
    columns are an activity log's, an action beside a generic reference to the object
    it was done to (`action`, `object_type`, `object_id`; Django admin's `action_flag`,
    `content_type`, `object_id`), also added to a SQLAlchemy session (`event =
    cls(action=action, ...)`, then `db.session.add(event)`; not a `Favorite`, a generic
    reference with no action), or to a model named a trail that keeps what was done
    (`UserTrail` with an `action` column: an audit trail; not a `SavedTrail` of walking
    routes, which keeps none), or made by a Django manager standing in for a logger, in
    its method named for a level (`log`, `info`, `error`...) creating a row of a model
    with a column for the level (`Note.objects.create(level=level, text=text)` in
    `NoteManager.log`, whatever the model is called), is the record of the request, not a change,
    and is not reported (RFC
    9110 counts logging among a safe method's side effects). Nor is a row of a model
    named a cache (`PageCache`, `MarkdownToHTMLCacheEntry`, `ThumbnailCacheItem`,
    `CachedRendering`; not `CacheSettings`), saved or added to a SQLAlchemy session
    (`cache_entry = MarkdownToHTMLCacheEntry(markdown=text, html=html)`, then
    `db.session.add(cache_entry)`): what reading worked out, which any visitor's request
    keeps alike. Nor is a change made only once a token the request carries (its query
    string, its body, a part of its URL) checked out as one the server signed, the
    capability an e-mailed link holds (an invitation, an address to confirm): an
    itsdangerous serializer's `loads(token, max_age=...)` or a signer's `unsign()`, Django's
    `signing.loads()`, each raising unless the server signed it; a project function
    handing back such a payload or None, `data = verify_token(token, salt="invite")`,
    then `if data is None: abort(403)` (also `if a is None and b is None:` of two such);
    `if not default_token_generator.check_token(user, token): raise Http404`; also in a
    callback a helper calls only past such a check: another site can send the browser to
    the link, but cannot sign the token. Not a token kept in a cookie or the session,
    which the browser sends by itself, nor one read by `loads_unsafe()`, nor by a helper
    handing back an empty payload for a token it did not sign.
    A finding is reported at low severity, its message saying why, when the session
    cookie is `SameSite=Strict` wherever the project runs: `SESSION_COOKIE_SAMESITE =
    "Strict"` in every judged Django settings module, whatever branch is taken (Django's
    default is "Lax"), none listing Django's `RemoteUserMiddleware` (a login by the web
    server in front), the view not a DRF one whose authentication also takes HTTP Basic
    credentials or a cookie of the project's (DRF's default classes do); or, for a Flask
    app, in every config it loads (Flask's default is no SameSite), with
    `REMEMBER_COOKIE_SAMESITE = "Strict"` too when it logs users in with Flask-Login's
    remember-me cookie (which alone logs the user in again) and `JWT_COOKIE_SAMESITE`
    when Flask-JWT-Extended keeps its tokens in cookies, and no HTTP Basic credentials
    nor a cookie of the app's own read by a hook, a decorator or a helper. A value
    decided at deploy time, set in one branch or one settings module only, or that
    config loaded from outside the source may replace leaves the finding as it is.

    ## Why is this bad?
    CSRF protection (Django's `CsrfViewMiddleware`, Flask-WTF's `CSRFProtect`) never
    checks GET. Under `SameSite=Lax`, the default of Django and of the browsers that
    apply one to a cookie without the attribute, a browser leaves the session cookie off
    the requests another site's page makes by itself (an `<img>`, a frame, a `fetch()`)
    but sends it with a top-level navigation by a safe method: a link the user follows,
    a redirect, `window.open()`, a form sent by GET. That is enough: any page the user
    visits can send them to the URL, and the change is made in their name. With no
    SameSite attribute (Flask's default) Firefox and Safari send it with an `<img>` too
    (Chrome treats such a cookie as Lax). Link prefetchers,
    crawlers and browser previews follow GET links too, and change the data by reading
    the page.

    ## Known problems
    `SameSite=Strict` keeps the cookie off every request another site starts, a link
    followed included, but "site" means the registrable domain (`example.com`): a page on
    a sibling subdomain (`blog.example.com`, user content served there) still sends the
    request with the cookie, as does a page of the site itself that shows an attacker's
    link or image; hence low, not silent. Browsers that ignore the attribute (old ones)
    send it anyway. Credentials the browser sends whatever the session cookie's
    SameSite that webwarden does not see (HTTP Basic asked by a web server in front
    that does not hand Django `REMOTE_USER`, a login cookie a library sets with its own
    attributes) are not weighed.

    ## Example
    ```python
    from flask import Flask, redirect
    from flask_sqlalchemy import SQLAlchemy

    app = Flask(__name__)
    db = SQLAlchemy(app)


    class Note(db.Model):
        id = db.Column(db.Integer, primary_key=True)


    @app.route("/notes/<int:note_id>/delete")
    def delete_note(note_id):
        db.session.delete(db.get_or_404(Note, note_id))
        db.session.commit()
        return redirect("/")
    ```

    ## Fix
    ```python
    from flask import Flask, redirect
    from flask_sqlalchemy import SQLAlchemy

    app = Flask(__name__)
    db = SQLAlchemy(app)


    class Note(db.Model):
        id = db.Column(db.Integer, primary_key=True)


    @app.post("/notes/<int:note_id>/delete")
    def delete_note(note_id):
        db.session.delete(db.get_or_404(Note, note_id))
        db.session.commit()
        return redirect("/")
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [RFC 9110: safe methods](https://www.rfc-editor.org/rfc/rfc9110#name-safe-methods)
    - [Django: how CSRF protection works](https://docs.djangoproject.com/en/stable/ref/csrf/#how-it-works)
    - [Django: restricting view methods](https://docs.djangoproject.com/en/stable/topics/http/decorators/#allowed-http-methods)
    - [Flask: HTTP methods](https://flask.palletsprojects.com/en/stable/quickstart/#http-methods)
    - [RFC 6265bis: SameSite cookies and top-level navigations](https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#name-samesite-cookies)
    - [MDN: Set-Cookie, SameSite](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie#samesitesamesite-value)
    - [Django: SESSION_COOKIE_SAMESITE](https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite)
    - [Flask: SESSION_COOKIE_SAMESITE](https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SAMESITE)
    - [django-allauth 0.47.0: SOCIALACCOUNT_LOGIN_ON_GET](https://docs.allauth.org/en/latest/release-notes/2021.html)
    """

    code = "WW680"
    name = "state-change-on-get"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 352
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    message = "`{view}` (`GET {rule}`) changes state on a GET request: {what}"
    fix = 'accept the change only by POST (`@require_POST`, `methods=["POST"]`) and send it from a form with a CSRF token'

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        if project.django is None and project.flask is None:
            return
        changes = state_changes(project)
        seen: set[str] = set()
        for view, rule, location, handlers, strict in _get_routes(project, changes):
            if view in seen:
                continue
            writes = [w for h in handlers for w in get_writes(changes, h)]
            if is_public((view,), rule):
                writes = _public_logouts(changes, handlers, writes)
                if not writes:
                    continue
            seen.add(view)
            if writes:
                yield self._finding(view, rule, location, writes, strict)
        if project.django is not None:
            yield from self._setting_gets(project.django)

    def _setting_gets(self, django: DjangoProject) -> Iterator[Finding]:
        """Library views a setting makes change state on GET (`setting_gets`)."""
        strict = _session_strict(django)
        for setting in setting_gets(django):
            finding = self.make_finding(
                setting.location,
                key=f"{setting.view}:{setting.location.path}",
                severity=Severity.LOW,
                message=self.message + _STRICT_SETTINGS if strict else None,
                view=setting.view.rpartition(".")[2],
                rule=setting.rule,
                what=setting.what,
            )
            yield dataclasses.replace(finding, fix=setting.fix)

    def _finding(
        self, view: str, rule: str, location: Location, writes: list[Write], strict: str
    ) -> Finding:
        first = writes[0]
        where = f"{first.what} in `{first.via}`" if first.via else f"{first.what}"
        logout = all(w.kind == "logout" for w in writes)
        return self.make_finding(
            location,
            key=view,
            severity=Severity.LOW if logout or strict else None,
            message=self.message + strict if strict else None,
            # NOTE: on 40 findings on real trees, 15 of 19 made by the view itself were true,
            # 7 of 21 made in a helper (the rest a helper's bookkeeping on a read)
            confidence=None if not first.via else Confidence.LOW,
            view=view.rpartition(".")[2],
            rule=rule or "/",
            what=f"{where} (line {first.line})" if first.relpath == location.path else where,
        )


def _public_logouts(changes: StateChanges, handlers: list[str], writes: list[Write]) -> list[Write]:
    """What is reported of a view public by nature: its logouts alone, whatever else it
    writes (what it is for, a confirmed address, or the record of the logout, an audit
    entry), unless it logs someone in too: signing the previous user out is then part of
    logging in another (a single sign-on callback switching accounts)."""
    if any(w.kind == "login" for h in handlers for w in changes.writes(h)):
        return []
    return [w for w in writes if w.kind == "logout"]


def _get_routes(project: ProjectModel, changes: StateChanges) -> Iterator[_Route]:
    """(view, URL rule, where the view is, its handlers of a GET, why only a page of the
    same site can forge the request if it is so) of every route that answers GET,
    outside test code."""
    if project.django is not None:
        strict = _STRICT_SETTINGS if _session_strict(project.django) else ""
        for view, rule, location, handlers, by_session in _django_routes(
            project, project.django, changes
        ):
            yield view, rule, location, handlers, strict if by_session else ""
        for view, rule, location, handlers in _ninja_routes(project):
            yield view, rule, location, handlers, strict
    for app in project.flask.apps if project.flask is not None else ():
        if app.header_guards and not (app.keeps_login_in_cookie or app.asks_basic_credentials):
            continue  # NOTE: users known by a header token only: a forged link carries none
        headers_only = jwt_in_headers_only(app)
        strict = _STRICT_CONFIGS if login_cookies_strict(app) else ""
        for route in app.routes:
            summary = project.modules.get(route.location.path)
            if "GET" not in route.methods or (summary is not None and summary.is_test):
                continue
            if app.runs_on_submit(route):
                continue  # NOTE: a GET only shows the form its decorator asks for
            if app.takes_json_only(route):
                continue  # NOTE: a link's GET has no JSON body: Flask refuses it at the read
            if headers_only and app.jwt_guarded_as_configured(route):
                continue  # NOTE: the token is read from a header only: a link sends none
            by_header = app.header_guarded(route, forged=True) or app.header_hook_guarded(
                route, forged=True
            )
            if app.session_by_header(route) or (
                by_header and not app.authenticates_by_cookie(route)
            ):
                continue  # NOTE: another site's link sends no header: no session, no login
            function = changes.function(route.view) is not None
            handlers = [route.view] if function else get_handlers(changes, route.view)
            yield route.view, route.rule or "", route.location, handlers, strict


def _session_strict(django: DjangoProject) -> bool:
    """Whether `SESSION_COOKIE_SAMESITE` is "Strict" in every judged settings module,
    whatever branch is taken: browsers send the session cookie with no request another
    site starts, a link followed or a redirect included; and no module may log users in
    from the web server's `REMOTE_USER` (its HTTP Basic or Kerberos login, which the
    browser answers again whatever the cookie's SameSite)."""
    if not all_strict(django.setting_values("SESSION_COOKIE_SAMESITE")):
        return False
    return not any(
        middleware in settings.subclassed
        or mentions(settings, "MIDDLEWARE", middleware) is not False
        for settings in django.judged
        for middleware in _REMOTE_USER_MIDDLEWARE
    )


def _django_routes(
    project: ProjectModel, django: DjangoProject, changes: StateChanges
) -> Iterator[tuple[str, str, Location, list[str], bool]]:
    """As `_get_routes`, the last item saying whether the session cookie alone may log
    the request in (not a DRF view whose authentication also takes HTTP Basic
    credentials or a cookie of the project's, whose SameSite is not known)."""
    if _keeps_no_login(django):
        return  # NOTE: no cookie logs anyone in: another site's link carries no credential
    by_default = _cookie_authenticated_by_default(django)
    by_session_default = _session_only_by_default(django)
    for route in django.routes:
        view = route.view
        if view is None or view.location is None or view.kind == "unknown":
            continue
        if view.is_drf and not _cookie_authenticated(view, by_default):
            continue
        summary = project.modules.get(view.location.path)
        urlconf = project.modules.get(route.location.path)
        if summary is None or summary.is_test or (urlconf is not None and urlconf.is_test):
            continue
        if view.methods is not None and "GET" not in view.methods:
            continue
        if view.verifies_caller or view.checks_nonce or view.requires_ajax:
            continue  # NOTE: another site's link has no header credential, nor the nonce
        if any(map(secret_argument, route.positional_names)):
            continue  # NOTE: nor the secret an e-mailed link carries in an unnamed group
        function = view.kind in {"function", "action"}
        handlers = [view.target] if function else get_handlers(changes, view.target)
        by_session = not view.is_drf or _session_only(view, by_session_default)
        yield view.target, route.pattern or "", view.location, handlers, by_session
    for added in (u for u in django.admin_urls if u.answers_get):
        # NOTE: `admin_view()` asks for a staff login and checks the CSRF token of a POST,
        # not of a GET: a staff member's browser follows another site's link logged in.
        if added.function:
            view = django.views.get(added.view)
            if view is None or view.kind != "function":
                continue  # NOTE: a library's view, or a class's `as_view()`: not judged here
            if view.methods is not None and "GET" not in view.methods:
                continue
            if view.verifies_caller or view.checks_nonce or view.requires_ajax:
                continue
        yield added.view, added.pattern, added.location, [added.view], True


def _ninja_routes(project: ProjectModel) -> Iterator[tuple[str, str, Location, list[str]]]:
    """Django Ninja operations answering GET whose authentication another site's link
    passes: none, a project's function reading the session, or Ninja's cookie
    authentication, which checks the CSRF token of unsafe requests only."""
    ninja = NinjaProject(project)
    for located in ninja.operations:
        operation = located.operation
        if "GET" not in operation.methods:
            continue
        if ninja.auth(operation).credential is Credential.HEADER:
            continue
        where = Location(located.relpath, operation.line, operation.column + 1)
        yield located.qualname, operation.path, where, [located.qualname]


def _keeps_no_login(django: DjangoProject) -> bool:
    """Whether every judged settings module's `MIDDLEWARE` keeps no login in a cookie (no
    session or authentication middleware, or only the project's own logging in from a
    header: `keeps_no_login`)."""
    return bool(django.judged) and all(
        keeps_no_login(possibility.shipped, settings.header_logins)
        for settings in django.judged
        for possibility in settings.get("MIDDLEWARE")
    )


def _cookie_authenticated(view: View, by_default: bool) -> bool:
    """Whether a browser may authenticate the DRF view's requests by itself: its
    `authentication_classes` name a session, basic or cookie one, or it has none and the
    default ones may; a view authenticated by tokens alone cannot be forged."""
    classes = view.authentication_classes
    # NOTE: a fork of DRF's `APIView` (Taiga's) names the defaults as DRF's own does:
    # `authentication_classes = api_settings.DEFAULT_AUTHENTICATION_CLASSES`.
    if classes is None or any(n.endswith(".DEFAULT_AUTHENTICATION_CLASSES") for n in classes):
        return by_default or any(_COOKIE_AUTHENTICATION.search(n) for n in classes or ())
    return any(_COOKIE_AUTHENTICATION.search(name) for name in classes)


def _session_only(view: View, by_default: bool) -> bool:
    """Whether a DRF view's authentication classes (its own or the defaults) are all
    session ones: no HTTP Basic credentials, which a browser sends by itself once typed,
    whatever the cookies' SameSite, nor a cookie of the project's."""
    classes = view.authentication_classes
    if classes is None or any(n.endswith(".DEFAULT_AUTHENTICATION_CLASSES") for n in classes):
        return by_default and all(map(_session_class, classes or ()))
    return all(map(_session_class, classes))


def _session_only_by_default(django: DjangoProject) -> bool:
    """Whether DRF's `DEFAULT_AUTHENTICATION_CLASSES` is, in every judged settings module,
    a list of session classes alone (DRF's own default adds `BasicAuthentication`)."""
    for settings in django.judged:
        for possibility in settings.get("REST_FRAMEWORK"):
            classes = lookup(possibility.shipped, "DEFAULT_AUTHENTICATION_CLASSES")
            if not isinstance(classes, list | tuple) or not all(map(_session_class, classes)):
                return False
    return bool(django.judged)


def _session_class(name: object) -> bool:
    """A DRF authentication class named for the session (`SessionAuthentication`), or
    one a browser sends nothing to by itself (a token read from a header)."""
    return isinstance(name, str) and not _BASIC_OR_COOKIE.search(name)


def _cookie_authenticated_by_default(django: DjangoProject) -> bool:
    """Whether DRF's `DEFAULT_AUTHENTICATION_CLASSES` may let a browser authenticate:
    not set (DRF's own are session and basic), not known, or naming such a class in some
    settings module judged."""
    for settings in django.judged:
        for possibility in settings.get("REST_FRAMEWORK"):
            classes = lookup(possibility.shipped, "DEFAULT_AUTHENTICATION_CLASSES")
            if not isinstance(classes, list | tuple) or any(
                not isinstance(name, str) or _COOKIE_AUTHENTICATION.search(name) for name in classes
            ):
                return True
    return not django.judged


def get_handlers(changes: StateChanges, cls: str) -> list[str]:
    """The methods of a class-based view that run for a GET."""
    found = (changes.method(cls, name) for name in _GET_HANDLERS)
    return [m.function.qualname for m in found if m is not None]
