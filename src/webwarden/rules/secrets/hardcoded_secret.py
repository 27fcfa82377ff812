"""WW241: a credential-named variable, argument or key given a literal secret."""

from __future__ import annotations

from webwarden.analysis.secrets.values import credential_kind
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.secrets import Category, SecretSite
from webwarden.rules.secret_sites import SecretSiteRule


class HardcodedSecret(SecretSiteRule):
    """## What it does
    Finds literal values given to something named like a credential: a variable or
    class attribute (`API_KEY = "..."`), a keyword argument (`Client(api_key="...")`), a
    dict key (`{"password": "..."}`), a field default (`api_key: str = Field("...")`,
    `field(default="...")`), a parameter default (`def connect(password="...")`)
    or a comparison (`if password == "..."`; a password the request sent compared
    beside an account name, `if name == "jack" and password == "reaper"`, is an account
    written into the code whatever the password looks like; the second of a pair of
    strings under a name saying it holds credentials, `ADMIN_CREDENTIALS = ("admin",
    "pa$$word")`, is judged as a password), and the secrets some calls take where no
    name says so: a mail or FTP login's password, a basic-auth pair, an `Authorization`
    header, the key given to `jwt.encode`/`jwt.decode`, an itsdangerous signer,
    `hmac.new` or `Fernet`, a Twilio client's auth token. Names count when they hold a password, a
    token, a secret or an API, private, access, signing or encryption key
    (`db_password`, `stripeSecretKey`, `client_secret`), also in the plural, each element of a
    collection so named judged (`ADMIN_PASSWORDS = ("...", "...")`, `API_KEYS`,
    `TOKENS`), but not when they name something
    about one (`PASSWORD_RESET_TIMEOUT`, `TOKEN_HEADER`, `public_key`, `password_hash`,
    the text shown to help users choose one, `PASSWORD_HELP_TEXT`, `PASSWORD_GUIDANCE_TEXT`,
    a crypto token's `token_address` or `token_identifier`, a record's key
    (`credential_uuid`, `token_guid`), the namespace a token is
    signed in, `RESET_PASSWORD_TOKEN_NS`, an event that happened to
    one: `TOKENS_CLAIMED`, `TOKEN_REVOKED`, `TOKEN_SWAP_TOPIC`, or an address of the mail
    sent about one: `RESET_PASSWORD_EMAIL_FROM`, or the passwords users may not choose:
    `COMMON_PASSWORDS`, `BANNED_PASSWORDS`), nor when `pass` names a check's
    outcome (`SPF_PASS_VALUES = ["Pass", "Neutral"]`, `PASS_THRESHOLD`).

    ## Why is this bad?
    A credential in the source is readable by everyone who can read the repository, for
    as long as the history exists, and it is the same in every environment. It cannot be
    rotated without a release.

    ## Known problems
    To stay quiet, values that do not look like a working credential are not reported:
    placeholders (`changeme`, `<your-key>`, `${TOKEN}`, `xxxx`, anything with `example`,
    `dummy`, `test`, `invalid`, `helloworld`, a marker saying there is none,
    `__NO_PASSWORD__` given to an account signed in through SSO, or any value given as
    `password=` to Django's user model itself, `User(...)` or `User.objects.create(...)`
    rather than `create_user()`, in no hasher's `algorithm$` format: Django keeps it as
    the hash, which no password matches; a JSON Web Token's header before claims
    that are no JSON, `eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.xxx.yyy`, made up for a check
    that must refuse it), keys their vendor publishes for tests
    (Google's reCAPTCHA test keys), the one-time-password secret documentation shows
    (`JBSWY3DPEHPK3PXP`, the example of the authenticator key URI format), URLs without a password, paths, numbers, identifiers
    (also a snake_case name, listed in a collection, that itself names such a credential:
    `("new_password1", 3)` in a form's layout is a field's name and width; given to the
    credential itself, `JWT_SECRET = "jwt_secret_2024"` is still reported; Django ORM
    lookups, lower-case words joined by `__` too: `{"secret_token":
    "secret_token__token"}` maps an API's field to the model field it reads), members of
    an enumeration whose value is a label of words naming the credential's kind
    (`class AuthType(Enum): Password = "EmailAuthPassword"`), prose,
    conditions on a settings form's fields in a query string's shape (`{"api_secret":
    "sms_provider=acme"}`: a field's name and the word it must equal before the
    credential's input is shown),
    blockchain addresses (`0x` and 40 hex digits) and CAIP-19 asset identifiers
    (`eip155:1/erc20:0x6B17...`), URNs (`"userPassword":
    "urn:mace:dir:attribute-def:userPassword"` in a SAML attribute map, `urn:oid:2.5.4.35`;
    not a `urn:uuid:`, whose random part may be the token), JSON-LD compact IRIs
    (`"privateKeyPem": "sec:privateKeyPem"`, a prefix and a camelCase term),
    anchored regular expressions (a password policy's `^(?=.*\\d).{8,}$`) and
    any with a word boundary or a regex-only group (a chat filter's blocked word
    `\\bspa+m+y*\\b` in a `filter_token_denylist`, `scam+(?:m+er+)?`), values under a dict
    key that is itself a regular expression or a sentence, not a name (a data migration's
    `{"^.* deactivated .*, [0-9]+ secrets marked for changing": "user_deactivated"}`
    sorting old log lines into categories), a token format's
    label around words (`ExponentPushToken[old_token]`: the part in brackets is judged),
    a license catalogue's key given to a license key (`spdx_license_key = "BSD-3-Clause"`:
    words and version numbers naming a license, not groups like `7HJ2K-9PQ3M`),
    one past participle written as a sentence (`{"status": "success", "password": "Updated."}`, an
    answer saying what became of the password),
    and passwords shorter than 6 characters or keys shorter than 12 with little randomness.
    Three capitalised words or more (`LinOtpTokenSerialnumber`) read as a class or column
    name, except as a password or a key the app signs with: a made-up passphrase given
    as the fallback of a Flask secret key (`app__flask_secret_key="GlitterAndGlow"`) is
    reported.
    Nor are the values of a dict literal whose own name (the name, keyword, parameter
    or key it is given to) says it holds a mail service's templates or their ids
    (`NOTIFY_TEMPLATES = {"reset_password": "4ae0..."}`, `template_ids=`): the key
    names what the template is for, the value is its id. Nor is a name (letters, twice
    as many small as capitals) in a collection of three strings or more whose other
    members are names that do not look like the credential either
    (`SIGNING_KEYS = ("Message", "MessageId", "SubscribeURL", "Type")`, the fields a
    message's signature covers); keys kept side by side, passphrases too, look like keys,
    and passwords, made of words, are judged whatever their neighbours, but in a dict of
    names that gives two keys or more their own name in camelCase (a model's attributes
    mapped to LDAP's: `"display_name": "displayName"`, `"one_time_password":
    "oathTokenPIN"`), where every value is a name.
    Nor are values filling a parameter of one of the app's own URLs (`reverse("order",
    kwargs={"secret": "6zzj..."})`, `url_for("download", secret=...)`): a path segment of a
    link, a preview's sample order, not a credential the app presents. Nor are the
    elements of a module's collection every read of which tests a configuration value
    against it (`DEFAULT_SECRET_KEYS = {...}` read only as `settings.SECRET_KEY in
    DEFAULT_SECRET_KEYS`, `app.config["API_KEY"] not in SHIPPED_KEYS`): keys a deployment
    check refuses, not ones the app presents; a request value tested against such a
    collection is still reported, as it accepts the literal keys.
    `SECRET_KEY` and `DATABASES` of Django settings and the keys the app signs with, in
    Flask config or Django settings (`WEBHOOK_SECRET`, `*_HMAC_KEY`, `SALT_EMAIL`) or
    encrypts with (`FIELD_ENCRYPTION_KEY`, `AES_KEY`, `CRYPTOPAN_KEY`), are
    judged by the framework rules (WW203, WW220), which report placeholders too.
    Values in development and test settings modules (`settings/ci.py`, `settings/dev.py`)
    are reported at low severity, as in test code (`test-paths`), and so are those a
    settings module gives a setting that every deployed settings module built on it
    replaces with a value of its own (`RECAPTCHA_PRIVATE_KEY = "6LcX..."` in
    `settings/base.py`, read from the environment in `settings/production.py`: only the
    development and test settings run with the literal; not when one keeps it as the
    default of its lookup, `os.environ.get("KEY", KEY)`), and those of a
    Flask config class that every app loads only as a development or test config, it
    and the classes derived from it (`configs = {"development": Development, "test":
    Test}` with `Test(Development)`), or a django-configurations class judged as
    development or test settings (`class Dev(Base)`, `class Build(Base)`), and values
    given to a name whose first word says it is a stand-in (`test_otp_secret` in a
    script seeding a development database, `DUMMY_API_KEY`, `fake_password=`), or
    written in a function named for tests (`create_test_database_connect_strings()`,
    `make_fake_user()`), or in a Django management command whose `help` says it is made
    for development or tests (`dev_db`: "Creates a simple database for local
    development", seeding accounts with a password of the developer's), or written in a
    Django view that every route to is added only
    with `DEBUG` on (`if settings.DEBUG: urlpatterns += debug_urls.urlpatterns`: an
    e-mail layout preview's sample password), as every literal-secret rule does. A password
    in test code is not reported at all: it is a test user's, made in the test database
    (`create_user(password=...)`, `client.login(...)`, a registration form's
    `password1`); one the test gives a mail, FTP or HTTP login is, at low severity, as
    are keys and tokens there, which may be a real service's.

    ## Example
    ```python
    import stripe

    stripe.api_key = "rk_9f2Lq7Xw4Tz8Nv3Bp6Hd1Ks5Mj0Ga"
    ```

    ## Fix
    ```python
    import os

    import stripe

    stripe.api_key = os.environ["STRIPE_API_KEY"]
    ```

    ## References
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [OWASP Secrets Management Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html)
    - [The Twelve-Factor App: config](https://12factor.net/config)
    """

    code = "WW241"
    name = "hardcoded-secret"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 798
    message = "`{target}` is given {kind} written in the source: `{masked}`"
    fix = "read it from the environment or a secrets manager; rotate the committed value"
    bandit = ("B105", "B106", "B107")
    ruff = ("S105", "S106", "S107")
    categories = (Category.NAMED,)

    def spared_in_tests(self, site: SecretSite) -> bool:
        # NOTE: a password a test names is its own test user's (`create_user(password=...)`,
        # `client.login(...)`): it opens an account the test database makes and drops. A
        # password a test gives a mail, FTP or HTTP login (named by the call, not as a
        # password: `smtplib.SMTP.login`) may be a real service's.
        return site.kind == "a password" and credential_kind(site.target) == "a password"

    def judge(self, site: SecretSite) -> Finding | None:
        return self.make_finding(
            site.location,
            snippet=site.snippet,
            target=site.target,
            kind=site.kind,
            masked=site.masked,
        )
