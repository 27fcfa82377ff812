"""The URLconfs a django-hosts hostconf or a `SUBDOMAIN_URLCONFS` setting names."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.host_urlconfs import HostConf, extract_hostconf
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _hostconf(source: str) -> HostConf | None:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    return extract_hostconf(
        FileContext(
            "site/hosts.py", "site.hosts", tuple(text.splitlines()), tree, NameResolver(tree, "")
        )
    )


@pytest.mark.parametrize(
    ("source", "urlconfs"),
    [
        pytest.param(
            """
            host_patterns = patterns(
                "",
                host(r"www", settings.ROOT_URLCONF, name="www"),
                host(r"admin", "site.admin_urls", name="admin"),
            )
            """,
            ("site.admin_urls",),
            id="settings-root-left-to-root-urlconf",
        ),
        pytest.param(
            """
            host_patterns = patterns(
                "path.to",
                host(regex=r"api", urlconf="api.urls", name="api"),
                host(r"beta", "urls", name="beta", prefix="beta"),
                (r"old", "old.urls", "old"),
            )
            """,
            ("path.to.api.urls", "path.to.beta.urls", "path.to.old.urls"),
            id="prefixes-of-patterns-and-host",
        ),
        pytest.param(
            'host_patterns = [host(r"api", "api.urls", name="api")]',
            ("api.urls",),
            id="plain-list",
        ),
    ],
)
def test_host_patterns(source: str, urlconfs: tuple[str, ...]) -> None:
    assert _hostconf(source) == HostConf(urlconfs)


def test_subdomain_urlconfs_values_whatever_the_keys() -> None:
    source = """
        SUBDOMAIN_URLCONFS = {
            None: ROOT_URLCONF,
            env("LMS_SUBDOMAIN"): "lms.urls",
            "api": "site.api_urls",
        }
    """
    assert _hostconf(source) == HostConf((), ("lms.urls", "site.api_urls"))


def test_module_naming_no_urlconf_per_host() -> None:
    assert _hostconf('ROOT_URLCONF = "site.urls"\nhosts = ["www"]') is None
