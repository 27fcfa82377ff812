"""Views that are public by nature, by the names of their function, route or URL."""

from __future__ import annotations

import re
from collections.abc import Iterable

from webwarden.model.module import identifier_words, sounds_secret

PUBLIC_WORD = re.compile(
    r"login|logout|log_?in|log_?out|signin|sign_in|signout|sign_out|signup|sign_up|register|"
    r"(?<![a-z])(?:log(?:ged)?|sign(?:ed)?)[-_ ]?out(?![a-z])|"
    r"registration(?!s)|"
    r"(?<![\w-])reset(?![\w-])|forgot|recover|"
    r"(reset|forgot|forgotten|forget|recover|lost|set)[-_/]?(password|pwd)|"
    r"password[-_/]?(reset|forgot|forget|recover)|"
    r"(?<![a-z])(?:reset[-_]?req(?:uest)?|request[-_]?reset)(?![\w-])|"
    r"(retrieve|remind)[-_/]?user_?name|user_?name[-_/]?(retriev|remind)|"
    r"token(?!s(?![a-z]))|webhook|(?<![a-z])hooks?(?![a-z])|(?<![a-z])ipn(?![a-z])|callback|"
    r"silent[-_]?post|thank[-_]?you|"
    r"oauth|(?-i:(?<![A-Za-z])(?:sso|SSO|Sso)|(?<=[a-z])SSO)(?-i:(?![a-z]))|"
    r"saml|openid|oidc|(?<![a-z])lti[-_/]?launch|"
    r"(?<![a-z])magic[-_ ]?(?:links?|log[-_]?ins?|sign[-_]?ins?)(?![a-z])|"
    r"(?<![a-z])password[-_]?less(?![a-z])|"
    r"confirm|verify|verification|activate|activation|unsubscribe|opt[-_]?out|(?<![a-z])opt[-_]?in(?![a-z])|"
    r"disable[-_]?e-?mails?|contact|feedback|health|"
    r"(?<![a-z])create[-_]?(?:your|an|my)[-_]?account(?:(?=_?view)|(?![a-z_]))|"
    r"(?<![a-z])(?:join|subscribe)(?![a-z])\w*?(?:mailing[-_]?list|newsletter)|"
    r"(?:mailing[-_]?list|(?<![a-z])news(?:letter)?)[-_/]?(?:join|subscribe)(?![a-z])|"
    r"report[-_]?(errors?|exceptions?|crash(es)?|violations?)|client[-_]?(errors?|exceptions?)|"
    r"report[-_]?(?:a[-_]?)?problem|"
    r"csp[-_]?(violation[-_]?)?reports?|"
    r"(set|switch|change|select|choose)_?(language|lang|locale|currency|theme|timezone)|setlang|"
    r"authenticat|(?<![\w-])auth(?![\w.])",
    re.IGNORECASE,
)
"""Login and single sign-on (an `auth/` URL, a view named `auth`, not a module so named;
a logout however spelled: `log-out/`, `logged-out/`, `SignedOutView`, not the
`assigned_outputs` of a task; a passwordless sign-in by e-mailed link, asking for the link
or following it (`magic-links/new`, `magic-links/<link_id>`, `MagicLinkView`, a view or
URL named `passwordless`);
an LTI launch, where a learning platform posts a signed token that signs the user in;
single sign-on's `sso` as a word of its own, apart by `_`, `-`, `/` or a change of case:
`sso_login`, `SSOCallbackView`, `saml_sso`, `/sso/`, not the `sso` of `association` or
`lasso`),
registration (`registration/`, not the `registrations/` of an event, a list of its
rows; a visitor's own `create_your_account`, `create-an-account`, not a bare
`create_account`, which may be staff's adding one),
the sign-up to a mailing list or newsletter (`join_alerts_mailing_list`,
`subscribe_newsletter`, `newsletter/subscribe`, `news/subscribe`, or a bare `subscribe/`
as the whole URL, the site's own list: the visitor gives the address to be mailed at,
before any account; not `newsletter/subscribers`, a list of them, nor
`threads/<pk>/subscribe`, an action on an object), password recovery (not a change of password, which needs a login; also
spelled `forget_password`, `ForgetPasswordView`, `forgot_pwd`, and the request for a
reset link, `reset_req`, `request-reset`; not `reset_request_count`) and
the reminder of a forgotten username (`username-retrieve`, `remind_username`),
e-mail verification (following the emailed link, or asking for it again before the
address is verified, when some sites let no one log in: `ResendActivationView`), API tokens
(issued or checked, not a user's deleting or renewing one, nor an upload of one: `_TOKEN_CHORES`), e-mailed
unsubscribe links (an opt-out, Misago's `disable-email`) and the form asking to opt back
in (`optin/`, which e-mails the address a link to confirm), webhooks, callbacks and
payment notifications (PayPal's IPN, a gateway's silent post, the thank-you page it
returns the buyer to), contact forms, the endpoints a page's script or
the browser posts its errors to (`report_error`, `client_exception`, `csp-report`: every
visitor's page reports, logged in or not), the form reporting a problem with a page
(`report_problem/`, `report-a-problem`: any visitor may; not `problems/<pk>/resolve`,
staff's handling of the reports), switches of the visitor's own
language, currency, theme or time zone: views anyone must reach, or that other servers
call."""

_FIRST_RUN = re.compile(r"^\^?/?(?:setup|install)(?:/[a-z][\w-]*)?/?\$?$", re.IGNORECASE)
"""The site's first-run setup at the root of its URLs (`/setup`, Django's `^install/$`),
or one named step of it (`/setup/admin-pass`, `/install/database`): it makes the first
account, before anyone can log in. Not a setup below another path (`/2fa/setup`), which
a signed-in user runs, nor a step naming an object (`/setup/<int:id>`)."""

_SITE_LIST = re.compile(r"^\^?/?subscribe/?\$?$", re.IGNORECASE)
"""A bare `subscribe/` as the whole URL: the sign-up to the site's own mailing list, the
visitor giving the address to be mailed at. Not a view so named elsewhere
(`threads/<pk>/subscribe/`), an action on an object."""

_REMOTE_NOTIFICATION = re.compile(r"(?:track|ping)[-_]?backs?|web[-_]?mentions?", re.IGNORECASE)
"""Where other blogs' servers tell the site they linked to one of its posts (the
trackback and pingback protocols, and their successor Webmention: `EntryTrackback`,
`entries/<int:pk>/trackback/`, `receive_ping_back`): a server with no account on the site
posts there, so no login can guard it, also after the id of the post it names."""

_SCOPED_LOGIN = re.compile(r"(?<![a-z])(?:log[-_]?in|sign[-_]?in)/?\$?$", re.IGNORECASE)
"""A URL ending in a login (`elections/<uuid>/password_voter_login`, `events/<pk>/login/`):
the way into one election, event or tenant, which a login cannot guard; not a
`users/<pk>/login-as` (an administrator taking over an account) or a page of the
login's own (`users/<pk>/login_attempts`)."""

_OBJECT = re.compile(
    r"<(?:int|uuid):|<(?:\w+:)?\w*(?:id|pk)>|\(\?P<\w*(?:id|pk)>|\((?:\\d|\[0-9\])[+*]\)",
    re.IGNORECASE,
)
"""Where a URL's first parameter naming one object of the site starts (`<int:oid>`,
`<pk>`, `(?P<user_id>...)`, or a regex route's unnamed number, `^orders/(\\d+)/`,
`([0-9]+)`); a slug (`<slug:event>`) may be a tenant's prefix instead."""


_SECRET_PARAMETER = re.compile(
    r"<(?:\w+:)?\w*(?:token|secret|signature|secret_?(?:code|hash))>"
    r"|\(\?P<\w*(?:token|secret|signature|secret_?(?:code|hash))>",
    re.IGNORECASE,
)
"""A URL parameter holding a secret (`<slug:token>`, `(?P<signed_token>...)`, the
`(?P<secret_code>...)` of an e-mailed invitation): the link itself proves who was sent
it, as an e-mailed verification link does. Not a `<secret_id>`, which may name a row of
a store of secrets."""

_KEY_PARAMETER = re.compile(r"<(?:\w+:)?(\w+_key)>|\(\?P<(\w+_key)>", re.IGNORECASE)
_LINK_KEY_WORDS = frozenset(
    {"ping", "unsubscribe", "invite", "invitation", "share", "sharing", "confirm",
     "confirmation", "activation", "verify", "verification", "reset", "magic", "download",
     "upload", "hook", "webhook", "signing", "private", "access", "report", "feed", "ical",
     "rsvp"}
)  # fmt: skip
"""First words of a key that a link carries to prove who was given it (`<slug:ping_key>`,
`<unsubscribe_key>`), unlike one naming a record (`<setting_key>`, `<sort_key>`)."""


_UUID_PARAMETER = re.compile(r"<uuid:(\w+)>")
_EMAILED_LINK_WORDS = frozenset(
    {"confirm", "confirmation", "verify", "verification", "activate", "activation"}
    | {"validate", "validation"}
    | {"unsubscribe", "reset", "magic"}
)
"""First words of a random UUID that a link e-mailed to an address carries to prove it was
received (`<uuid:confirmation_id>`, `<uuid:validation_id>`, `<uuid:unsubscribe_id>`): a
UUID is no number to count through, and one so named is no record's own id
(`<uuid:document_id>`)."""


_INVITATION_WORDS = frozenset({"invite", "invitation"})
_ACCEPT = re.compile(r"(?<![a-z])accept(?![a-z])", re.IGNORECASE)
"""A URL saying the invitation is accepted (`accept_invite/<uuid:invitation_id>/start/`,
`invitations/<uuid:invitation_id>/accept/`): the invitee's steps, not the inviter's."""


_UNNAMED_ID_WORDS = frozenset({"uuid", "uid", "uidb", "id", "pk", "key", "code"})
"""Words of a parameter naming no object (`<uuid:uidb64>`, `<uuid:pk>`), unlike one
naming another record than the URL's (`<uuid:project_id>`)."""


def _emailed_link_uuid(pattern: str) -> bool:
    """A `uuid` URL parameter named for what an e-mailed link confirms, or naming the
    invitation a URL accepts, or naming nothing after a path that says so
    (`invite/accept/<uuid:uidb64>/`): the invitee, who may have no account yet, follows
    the link the invitation e-mailed, whose random UUID only they were sent (the
    inviter's own `invitations/<uuid:invitation_id>/cancel/` is no such link)."""
    accepts = _ACCEPT.search(pattern) is not None
    for match in _UUID_PARAMETER.finditer(pattern):
        words = identifier_words(match.group(1))
        if words and words[0] in _EMAILED_LINK_WORDS:
            return True
        if accepts and words and words[0] in _INVITATION_WORDS:
            return True
        if accepts and _invitation_path(pattern[: match.start()], words):
            return True
    return False


def _invitation_path(before: str, words: list[str]) -> bool:
    """Whether the URL's own text before a parameter naming no object names an
    invitation (`invite/accept/` before `<uuid:uidb64>`)."""
    named = {word for word in words if not word.isdigit()}
    if not named <= _UNNAMED_ID_WORDS:
        return False
    return any(
        word.removesuffix("s") in _INVITATION_WORDS
        for segment in before.split("/")
        if "<" not in segment
        for word in identifier_words(segment)
    )


_LINKED_KEY = re.compile(r"(?:^\^?|/)([A-Za-z_-]+)/(?:<(?:\w+:)?(?:key|code)>|\(\?P<(?:key|code)>)")
"""A bare key or code after the segment that says what the link is for
(`invitation/<key>`, an RSVP's `rsvp/<slug:code>`, a regex route's `^rsvp/(?P<code>...)`);
not a code elsewhere, which may name a record (`countries/<code>`)."""


_KEY_AFTER_OBJECT = re.compile(
    r"(?:<(?:int|uuid):\w+>|<(?:\w+:)?\w*(?:id|pk)>|\(\?P<\w*(?:id|pk)>[^)]*\))/"
    r"(?:<(?:\w+:)?(?:key|code)>|\(\?P<(?:key|code)>[^)]*\))/?\$?$",
    re.IGNORECASE,
)
"""A bare `<key>` or `<code>` ending the URL right after the id of the object it acts on
(`reminders/cancel/<pk>/<key>`, an e-mailed link's): the id already names the object,
so the key beside it is no name of a record but what proves the link was handed out."""


def _secret_key_name(name: str) -> bool:
    words = identifier_words(name)
    return sounds_secret(name) or bool(words and words[0] in _LINK_KEY_WORDS)


_SECRET_NAME = re.compile(r"(?:token|secret|signature)$|_key$", re.IGNORECASE)


def secret_argument(name: str) -> bool:
    """A view's parameter filled by an unnamed group of its regex route, named as a URL
    parameter holding a secret would be (`def enable_alert(request, secret_key)` for
    `^alert/enable/([a-zA-Z0-9]{40})/$`)."""
    found = _SECRET_NAME.search(name)
    return found is not None and (found.group(0).lower() != "_key" or _secret_key_name(name))


def _secret_key_parameter(pattern: str) -> bool:
    """A URL parameter named for a secret key (`<api_key>`, `<slug:ping_key>`), or a bare
    `<key>` or `<code>` right after a link's purpose (`invitation/<key>`, `rsvp/<code>`);
    or ending the URL right after an object's id (`cancel/<pk>/<key>`); or after a segment
    naming the password (`change_password/<code>`); not a bare one elsewhere nor one
    naming a record (`<setting_key>`, `<cache_key>`)."""
    if _KEY_AFTER_OBJECT.search(pattern):
        return True
    for match in _KEY_PARAMETER.finditer(pattern):
        if _secret_key_name(match.group(1) or match.group(2)):
            return True
    for match in _LINKED_KEY.finditer(pattern):
        words = identifier_words(match.group(1))
        if words and (words[0] in _LINK_KEY_WORDS or words[0].removesuffix("s") in _LINK_KEY_WORDS):
            return True
        if "password" in words:
            # NOTE: `change_password/<code>`: whoever holds the code sets the account's
            # password, so it is the secret of a reset link mailed to the account's owner.
            return True
    return False


_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


SSO_CALLBACK = re.compile(
    r"(?<![a-z])(acs|sls|slo)(?![a-z])|callback|authori[sz]ed|assertion|consume", re.IGNORECASE
)
"""Where an identity provider posts its signed answer: a SAML assertion consumer or
single logout service (`/saml/authorized`, `/sso/acs`, `/saml/sls`), an OAuth or OpenID
Connect callback (`/login/authorized`, `/oidc/callback`, posted with
`response_mode=form_post`); not an OAuth provider's own `authorize` page, where the
consent must be the user's."""


def is_sso_callback(names: Iterable[str], pattern: str) -> bool:
    """Whether a view is where a single sign-on provider posts its answer, by its URL or,
    when the URL says nothing, its names (`saml_authorized`, `oidc_callback`)."""
    if pattern:
        return SSO_CALLBACK.search(pattern) is not None
    return any(SSO_CALLBACK.search(name) for name in names if name)


_MODULE_PUBLIC_WORD = re.compile(r"(?<![a-z])web[-_]?hooks?(?![a-z])", re.IGNORECASE)
"""What a module or blueprint may say of every view in it: a `webhooks` module holds the
endpoints other servers call. Not the rest of `PUBLIC_WORD`: an `auth` package or an
`authentication` blueprint holds the account views too (deleting one's account), a
`hooks.py` the request hooks beside the site's pages, an `oauth` module the clients'
management as well as the sign-in."""


def _own_name(name: str) -> tuple[str, str]:
    """(module, own name) of a dotted view name: the own name is its last part, or from
    its class on (`LoginView.post`); the module is what comes before (`app.auth.views`,
    a Flask endpoint's blueprint `auth`)."""
    parts = name.split(".")
    first = next((i for i, part in enumerate(parts) if part[:1].isupper()), len(parts) - 1)
    return ".".join(parts[:first]), ".".join(parts[first:])


def _named_public(names: Iterable[str]) -> set[str]:
    """The public words the views' own names say (`delete_account` of `app.auth.views`
    says none), and the webhooks their modules say they are."""
    found: set[str] = set()
    for name in names:
        if not name:
            continue
        module, own = _own_name(name)
        for spelled in (own, _camel_words(own)):
            found.update(m.group(0).lower() for m in _public_words(spelled))
        found.update(m.group(0).lower() for m in _MODULE_PUBLIC_WORD.finditer(module))
    return found


def _camel_words(name: str) -> str:
    """The words of a class name apart (`ProviderAuthView` -> `Provider Auth View`), so
    that `auth` reads as the word it is there; the module path is left out."""
    return _CAMEL_BOUNDARY.sub(" ", name.rpartition(".")[2])


def secret_in_url(pattern: str) -> bool:
    """A URL parameter holding a secret (`<token>`, `<slug:ping_key>`, `invitation/<key>`):
    the link itself proves who was given it."""
    return _SECRET_PARAMETER.search(pattern) is not None or _secret_key_parameter(pattern)


_BASKET = re.compile(r"(?<![a-z])(?:basket|cart)(?![a-z])", re.IGNORECASE)


def is_basket(pattern: str) -> bool:
    """Whether a URL is in a shop's basket or cart before it names any object
    (`basket/vouchers/<int:pk>/remove/`, `cart/add/`): an anonymous shopper fills and
    empties their own before checking out, so no login is asked there; not `baskets/`,
    a list of everyone's, nor `orders/<pk>/cart/`. A forged request still changes the
    victim's basket: WW680 judges one answering GET all the same."""
    said = _BASKET.search(pattern)
    if said is None:
        return False
    parameter = _OBJECT.search(pattern)
    return parameter is None or said.start() < parameter.start()


_TOKEN_CHORES = re.compile(
    r"(?<![a-z])(?:delete|remove|renew|regenerate|rotate|upload)(?![a-z])", re.IGNORECASE
)
"""Verbs of a user's own care of an API token (`authtoken/delete`, `renew_user_token`):
the signed-in user's action on a token the site issued, or an administrator's upload of
one another service issued to the site (`vpp/upload/token`, a store's service token),
not the endpoint that issues one for credentials or checks one another server sends."""


def _public_words(text: str) -> list[re.Match[str]]:
    """The public words `text` says, but `token` beside a verb of `_TOKEN_CHORES`."""
    found = list(PUBLIC_WORD.finditer(text))
    if _TOKEN_CHORES.search(text):
        found = [m for m in found if m.group(0).lower() != "token"]
    return found


def is_public(names: Iterable[str], pattern: str, arguments: Iterable[str] = ()) -> bool:
    """Whether a view is public by nature. When its URL says (`reset/<uidb64>/<token>/`),
    the URL decides, and a word after an object's id names an action on that object
    (`orders/<int:id>/confirm`, `events/<pk>/register`), which is not public, but for a
    login into that object (`elections/<uuid>/login`); otherwise the view's own names do
    (`confirm_email`, `password_reset`), not its module's (`app/auth/views.py` holds the
    deletion of one's account too), but for a module of webhooks. A URL with a secret as a
    parameter (`channels/<uuid:code>/verify/<slug:token>/`) is a link sent to someone,
    which no other site can make up, also when the pattern's group is unnamed and the
    view's parameter it fills (`arguments`) is so named; a first-run setup (`/setup`)
    comes before any account, a bare `subscribe/` is the site's own mailing list, and a
    trackback, pingback or Webmention receiver is posted
    to by other sites' servers."""
    if secret_in_url(pattern):
        return True
    if any(map(secret_argument, arguments)):
        return True
    if _emailed_link_uuid(pattern):
        return True
    if _FIRST_RUN.match(pattern) or _SITE_LIST.match(pattern):
        return True
    if any(_REMOTE_NOTIFICATION.search(text) for text in (pattern, *names)):
        return True
    said = _public_words(pattern)
    named = _named_public(names)
    if said:
        parameter = _OBJECT.search(pattern)
        if parameter is None or said[0].start() < parameter.start():
            return True
        if _SCOPED_LOGIN.search(pattern):
            return True
        # NOTE: `confirm_token` at `lists/<list_id>/confirm/`: the name adds what the URL
        # does not say (an emailed token), so it is no plain action on the list.
        return bool(named - {m.group(0).lower() for m in said})
    return bool(named)
