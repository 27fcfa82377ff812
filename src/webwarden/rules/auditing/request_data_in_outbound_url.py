"""WW1108: request data choosing where the server sends a request (SSRF)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInOutboundUrl(TaintRule):
    """## What it does
    Follows request data into the URL (or host) of a request the server makes:
    `requests`, `httpx` (functions and clients), `urllib.request.urlopen`, `urllib3`,
    `aiohttp` sessions and `http.client` connections, and recipe-scrapers'
    `scrape_me(url)`, which downloads the page itself. Request data includes what a
    decorator of the project reads of the request and hands the view
    (`@validate_args(Schema)` calling `func(schema.load(request.args), *args,
    **kwargs)`), as webargs' `@use_args` hands it. A URL whose scheme and host are a
    constant prefix (`f"https://api.example.com/items/{item}"`, or a module constant
    such as `f"{API_URL}/items/{item}"`, or an attribute the project only ever gives
    such values, like an API client's `self.api = f"{API_URL}/v1"` (or one built from
    such attributes, `self.members = f"{self.api}/lists/{self.list_id}"`) or a class constant,
    or a Django setting that every settings module gives such a URL, written or as the
    default of an environment read: `settings.CHANGES_URL + name` after `CHANGES_URL =
    config("CHANGES_URL", default="https://updates.example.org/changes/")`),
    or a value holding no request data and then `/` (`f"{base_url}/{path}"`, the
    operator's setting: left empty, it makes `//host`, which HTTP clients refuse without
    a scheme), or a `/`, a value and a constant path starting with `/`
    (`f"/{self.client}/reports/{report_id}"`, a path an `httpx.Client(base_url=...)` is
    joined with; the value after the first `/` is still reported when the request
    chooses it) is not reported: the client chooses only the path. So too a URL written
    with `str.format` (`"{}/users/{}".format(base, user)`), or whose path segment is a
    module constant (`base + USERS_ENDPOINT + "/" + user`), or that fills a template
    whose fields all come after its host: a module constant or a config class's
    constant read through the class, also imported (`Config.GRANT_URL.format(id=...)`
    after `GRANT_URL = "https://store.example.org/grants/{id}"`, or `STORE_HOST +
    "/grants/{id}"`, the host the operator's). A prefix check of such a start is
    honoured, written or a module constant (`if not url.startswith(CATALOG): return`
    after `CATALOG = "https://raw.example.org/catalog/"`; not `"https://raw.example.org"`,
    which `https://raw.example.org.evil.example/` starts with too). Guards such as an
    allow-list check are honoured (also a loop over allowed patterns that breaks on the
    first to match the host, `re.match(allowed, host)`, and answers in its `else`), and
    so is a call (as a
    statement) of a project function that splits the URL (`urlparse(url)`) and raises
    when an address of its host is the network's own (`if ip.is_private or
    ip.is_loopback: raise ValueError(...)`), also through functions of its module (it
    hands the host to `check_host(host)`, which resolves it and raises when
    `is_blocked(ip)`, a function returning `ip.is_private or ...`, holds), or that is
    named for such a check
    (`validate_url_for_ssrf(url)`, `check_ssrf(url)`): past it, the URL leads to a
    public host. So too a call (a function's, or a method's on its own object:
    `self.check_domain(url)`) that raises unless the URL's host is in an allow-list of
    its module or the settings (`if urlsplit(url).hostname not in ALLOWED: raise`). A
    host taken as `netloc.split(":")[0]` is no check: `allowed:x@internal` passes it.
    A request to a URL read from
    another request's answer is not reported: the server that answered chose it, and
    when the client chose that server, the first request is the finding. What a
    request sends in headers, credentials, query parameters or its body chooses
    nothing of the answer, also a Google API's (`api.videos().list(id=video_id).execute()`
    of a client `googleapiclient.discovery.build` made).

    ## Why is this bad?
    Server-side request forgery: the client makes your server fetch
    `http://169.254.169.254/` (cloud credentials), `http://localhost:6379/` or any
    internal service behind the firewall, with the server's network position and
    identity, and often reads the answer.

    ## Example
    ```python
    import requests
    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/preview")
    def preview():
        url = request.args["url"]
        return {"size": len(requests.get(url, timeout=5).content)}
    ```

    ## Fix
    ```python
    from urllib.parse import urlsplit

    import requests
    from flask import Flask, abort, request

    app = Flask(__name__)
    ALLOWED_HOSTS = {"images.example.com"}

    @app.route("/preview")
    def preview():
        host = urlsplit(request.args["url"]).hostname
        if host not in ALLOWED_HOSTS:
            abort(400)
        return {"size": len(requests.get(f"https://{host}/preview", timeout=5).content)}
    ```
    Fix the scheme and host in code, or check the host against an allow-list before
    fetching (and do not follow redirects to other hosts).

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-918: Server-Side Request Forgery](https://cwe.mitre.org/data/definitions/918.html)
    - [OWASP: SSRF Prevention Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html)
    """

    code = "WW1108"
    name = "request-data-in-outbound-url"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 918
    message = "{source} chooses the URL requested by `{sink}`"
    fix = "fix the scheme and host in code, or check the host against an allow-list"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    bandit = ("B310",)
    ruff = ("S310",)
