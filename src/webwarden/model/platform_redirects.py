"""Platform manifests shipped with the project whose load balancer sends every plain-HTTP
request to HTTPS before it reaches the app.

AWS Copilot: a `Load Balanced Web Service` (`copilot/<service>/manifest.yml`) given an
HTTPS domain (`http.alias`, at the top or in an environment's override) has an
Application Load Balancer with an HTTPS listener, and its HTTP listener redirects to it
unless the manifest says `redirect_to_https: false` (the default is true). Without an
alias the listener may be plain HTTP only (no certificate), so nothing is assumed.

Terraform: an AWS load balancer listener (`aws_lb_listener`, `aws_alb_listener`) whose
`default_action` redirects to `protocol = "HTTPS"`, or a Google Cloud URL map whose
`default_url_redirect` sets `https_redirect = true` (not a listener rule, which acts on
the requests its conditions select only). On Azure: Container Apps whose `ingress` is
reachable from outside (`external_enabled = true`) and leaves `allow_insecure_connections`
at its default, false, every one of them in the file (the platform's front end answers
plain HTTP with a redirect to HTTPS), or an App Service web app (`azurerm_linux_web_app`,
`azurerm_windows_web_app`, the older `azurerm_app_service`) with `https_only = true`.

Google App Engine: an `app.yaml` (or a service's YAML file: a `runtime` and `handlers`)
whose handlers running the app (`script: auto`) all say `secure: always`, one of them for
every URL (`url: /.*`): App Engine's front end redirects a plain-HTTP request for such a
handler to HTTPS before it reaches the app (`secure: optional`, the default, serves
both).

Kubernetes: an `Ingress` (a manifest, or a Helm chart's template of one) served by
ingress-nginx (its `nginx.ingress.kubernetes.io/` annotations, or the `nginx` ingress
class) with a `tls:` section: the controller redirects plain HTTP to HTTPS for its hosts
unless the `ssl-redirect` annotation is `"false"`, and sends `Strict-Transport-Security`
on its HTTPS answers (both defaults of ingress-nginx; only the controller's own
configuration, kept with the cluster, turns HSTS off).

Caddy: a `Caddyfile` whose sites passing requests on to the app (`reverse_proxy`) are
all served by automatic HTTPS (their addresses name a host, none `http://` or port 80,
and `auto_https` is neither `off` nor `disable_redirects`): Caddy answers plain HTTP for
them with a redirect to HTTPS (see `webwarden.model.caddy`).
"""

from __future__ import annotations

import re
from typing import Any

from webwarden.model.caddy import caddy_redirects, caddy_sends_hsts, is_caddyfile

_COPILOT_WEB = "load balanced web service"
_TERRAFORM = ".tf"
_AWS_LISTENER = re.compile(r'^\s*resource\s+"aws_(?:a)?lb_listener"\s+"[^"]*"\s*\{', re.MULTILINE)
"""A listener of an AWS application load balancer (`aws_lb_listener`, or its older name
`aws_alb_listener`); not `aws_lb_listener_rule`, which acts on the requests its
conditions select only."""
_GOOGLE_URL_MAP = re.compile(
    r'^\s*resource\s+"google_compute_url_map"\s+"[^"]*"\s*\{', re.MULTILINE
)
_DEFAULT_ACTION = re.compile(r"^\s*default_action\s*\{", re.MULTILINE)
_REDIRECT = re.compile(r"^\s*redirect\s*\{", re.MULTILINE)
_HTTPS_PROTOCOL = re.compile(r'^\s*protocol\s*=\s*"HTTPS"', re.MULTILINE)
_DEFAULT_REDIRECT = re.compile(r"^\s*default_url_redirect\s*\{", re.MULTILINE)
_HTTPS_REDIRECT = re.compile(r"^\s*https_redirect\s*=\s*true\b", re.MULTILINE)
_AZURE_CONTAINER_APP = re.compile(
    r'^\s*resource\s+"azurerm_container_app"\s+"[^"]*"\s*\{', re.MULTILINE
)
_INGRESS_BLOCK = re.compile(r"^\s*ingress\s*\{", re.MULTILINE)
_EXTERNAL = re.compile(r"^\s*external_enabled\s*=\s*true\b", re.MULTILINE)
_INSECURE_ALLOWED = re.compile(r"^\s*allow_insecure_connections\s*=\s*(?!\s|false\b)", re.MULTILINE)
"""Any value but the literal `false` (`true`, a variable): plain HTTP may be served."""
_AZURE_WEB_APP = re.compile(
    r'^\s*resource\s+"azurerm_(?:linux_web_app|windows_web_app|app_service)"\s+"[^"]*"\s*\{',
    re.MULTILINE,
)
_HTTPS_ONLY = re.compile(r"^\s*https_only\s*=\s*true\b", re.MULTILINE)


_YAML = (".yaml", ".yml")
_INGRESS = re.compile(r"""^\s*kind:\s*["']?Ingress["']?\s*$""", re.MULTILINE)
_INGRESS_NGINX = re.compile(
    r"""nginx\.ingress\.kubernetes\.io/|^\s*ingressClassName:\s*["']?nginx"""
    r"""|kubernetes\.io/ingress\.class:\s*["']?nginx""",
    re.MULTILINE,
)
_TLS = re.compile(r"^\s*tls:\s*$", re.MULTILINE)
_NO_SSL_REDIRECT = re.compile(
    r"""nginx\.ingress\.kubernetes\.io/ssl-redirect:\s*["']?false""", re.IGNORECASE
)


def is_platform_manifest(relpath: str) -> bool:
    """Whether the file's path is that of a Copilot service manifest, of a Terraform
    file, or of a YAML file (which may be a Kubernetes `Ingress` or a chart's template of
    one), or of a Caddy configuration (`Caddyfile`)."""
    return relpath.endswith(_TERRAFORM) or relpath.lower().endswith(_YAML) or is_caddyfile(relpath)


_NAMES = frozenset({"manifest.yml", "manifest.yaml"})


def _load(text: str) -> Any:
    import yaml  # NOTE: only a Copilot manifest needs it, not every check

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def _http_sections(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    sections = [manifest.get("http")]
    environments = manifest.get("environments")
    if isinstance(environments, dict):
        sections += [e.get("http") for e in environments.values() if isinstance(e, dict)]
    return [s for s in sections if isinstance(s, dict)]


def platform_redirects(relpath: str, text: str) -> bool:
    """Whether the manifest at `relpath` puts the service behind a load balancer that
    redirects HTTP to HTTPS (see the module's docstring)."""
    if is_caddyfile(relpath):
        return caddy_redirects(text)
    if relpath.endswith(_TERRAFORM):
        return _terraform_redirects(text)
    if _nginx_tls_ingress(relpath, text):
        return _NO_SSL_REDIRECT.search(text) is None
    if all(word in text for word in _APP_ENGINE_WORDS):
        return _app_engine_redirects(text)
    if not _copilot_manifest(relpath):
        return False
    manifest = _load(text)
    if not isinstance(manifest, dict):
        return False
    kind = manifest.get("type")
    if not isinstance(kind, str) or kind.strip().lower() != _COPILOT_WEB:
        return False
    sections = _http_sections(manifest)
    if any(s.get("redirect_to_https") is False for s in sections):
        return False
    return any(s.get("alias") for s in sections)


def platform_sends_hsts(relpath: str, text: str) -> bool:
    """Whether the manifest at `relpath` puts the service behind ingress-nginx with TLS,
    which sends `Strict-Transport-Security` on its HTTPS answers by default, or whether
    a Caddyfile's `header` directive sends it (`caddy_sends_hsts`)."""
    if is_caddyfile(relpath):
        return caddy_sends_hsts(text)
    return _nginx_tls_ingress(relpath, text)


def _nginx_tls_ingress(relpath: str, text: str) -> bool:
    """An `Ingress` for ingress-nginx with a `tls:` section, read as text: a Helm
    template of one is no YAML until rendered."""
    return (
        relpath.lower().endswith(_YAML)
        and "Ingress" in text
        and _INGRESS.search(text) is not None
        and _INGRESS_NGINX.search(text) is not None
        and _TLS.search(text) is not None
    )


_APP_ENGINE_WORDS = ("runtime:", "handlers:", "secure:")
_EVERY_URL = re.compile(r"^/?\(?\.\*\)?$")
"""A handler's `url` matching every path: `/.*`, `.*`, `/(.*)`."""


def _app_engine_redirects(text: str) -> bool:
    """An App Engine configuration whose handlers running the app all say `secure:
    always`, one of them for every URL."""
    config = _load(text)
    if not isinstance(config, dict) or "runtime" not in config:
        return False
    handlers = config.get("handlers")
    listed = handlers if isinstance(handlers, list) else []
    scripts = [h for h in listed if isinstance(h, dict) and "script" in h]
    return (
        bool(scripts)
        and all(str(handler.get("secure", "")).lower() == "always" for handler in scripts)
        and any(_EVERY_URL.match(str(handler.get("url", ""))) for handler in scripts)
    )


def _copilot_manifest(relpath: str) -> bool:
    parts = relpath.lower().split("/")
    return len(parts) >= 3 and parts[-3] == "copilot" and parts[-1] in _NAMES


def _terraform_redirects(text: str) -> bool:
    if "azurerm_" in text and _azure_redirects(text):
        return True
    if "redirect" not in text:
        return False  # NOTE: most Terraform files set up no redirect: tested at C speed
    for resource in _AWS_LISTENER.finditer(text):
        body = _block(text, resource.end())
        for action in _DEFAULT_ACTION.finditer(body):
            default = _block(body, action.end())
            for redirect in _REDIRECT.finditer(default):
                if _HTTPS_PROTOCOL.search(_block(default, redirect.end())):
                    return True
    for resource in _GOOGLE_URL_MAP.finditer(text):
        body = _block(text, resource.end())
        for redirect in _DEFAULT_REDIRECT.finditer(body):
            if _HTTPS_REDIRECT.search(_block(body, redirect.end())):
                return True
    return False


def _azure_redirects(text: str) -> bool:
    """Every Azure Container App of the file with an external `ingress` leaves insecure
    connections off (there is at least one), or an App Service web app sets `https_only =
    true` (its body's own line: a nested block's key of that name is another setting)."""
    external: list[bool] = []
    for resource in _AZURE_CONTAINER_APP.finditer(text):
        body = _block(text, resource.end())
        for ingress in _INGRESS_BLOCK.finditer(body):
            block = _block(body, ingress.end())
            if _EXTERNAL.search(_outer(block)):
                external.append(_INSECURE_ALLOWED.search(_outer(block)) is None)
    if external and all(external):
        return True
    return any(
        _HTTPS_ONLY.search(_outer(_block(text, app.end()))) for app in _AZURE_WEB_APP.finditer(text)
    )


def _outer(body: str) -> str:
    """The lines of an HCL block's body outside the blocks nested in it."""
    kept: list[str] = []
    depth = 0
    for char in body:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


def _block(text: str, start: int) -> str:
    """The body of the HCL block whose `{` ends just before `start`, up to its matching
    `}` (the rest of the text when it is not closed)."""
    depth = 1
    for index in range(start, len(text)):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[start:index]
    return text[start:]
