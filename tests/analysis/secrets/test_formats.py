from __future__ import annotations

import pytest

from webwarden.analysis.secrets import find_tokens, first_token, jwt_issuer

PEM_BODY = "MIIEowIBAAKCAQEAlyYZhHKGxQk9hZFeQihkC+HlPFZrUPqA8IqRgShTQXU61AfvHTNm"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("AKIA8LL4HE5Y9V0CB07V", "an AWS access key ID", id="aws"),
        pytest.param("ghp_dgeuWiVErFd53cdXUS71M27D9HGloLaQo412", "a GitHub token", id="github"),
        pytest.param("glpat-sSODPjaOBaL1FWvUo6sx", "a GitLab token", id="gitlab"),
        pytest.param(
            "xoxb-476744842634-1855383811179-kYp0kiteFkPQozdc4zFma8Bg", "a Slack token", id="slack"
        ),
        pytest.param(
            "https://hooks.slack.com/services/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",
            "a Slack webhook URL",
            id="slack-webhook",
        ),
        pytest.param("sk_live_8mIbbAP5KLPf0EwtJIJvvoa0", "a Stripe live key", id="stripe"),
        pytest.param("SKc985bb6b8105c7bae65451190751c9a6", "a Twilio API key", id="twilio"),
        pytest.param(
            "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",
            "a SendGrid API key",
            id="sendgrid",
        ),
        pytest.param("AIzadl2zOLGhNL3YEViakflTmpiOnCPGoZSnfmd", "a Google API key", id="google"),
        pytest.param("npm_TEHrVMyjrlcepQz8gE4b2JZx4JFKPuTO4utE", "an npm token", id="npm"),
        pytest.param(
            "e200cfec9435ebf29ab83cfef3ebd9d1-us14", "a Mailchimp API key", id="mailchimp"
        ),
        pytest.param(f"-----BEGIN RSA PRIVATE KEY-----\n{PEM_BODY}\n", "a private key", id="pem"),
        pytest.param(
            f"-----BEGIN OPENSSH PRIVATE KEY-----\\n{PEM_BODY}", "a private key", id="pem-escaped"
        ),
        pytest.param(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiJ9.Qm9vX2ZsYXNrX3NpZ25hdHVyZV8x",
            "a JSON Web Token",
            id="jwt",
        ),
    ],
)
def test_formats(text: str, kind: str) -> None:
    found = first_token(f'value = "{text}"')
    assert found is not None
    assert found.kind == kind


@pytest.mark.parametrize(
    ("text", "block"),
    [
        pytest.param(
            f'KEY = """\n    -----BEGIN PRIVATE KEY-----\n    {PEM_BODY}\n    -----END PRIVATE KEY-----\n"""',
            f"-----BEGIN PRIVATE KEY-----\n    {PEM_BODY}\n    -----END PRIVATE KEY-----",
            id="footer",
        ),
        pytest.param(
            f'KEY = "-----BEGIN RSA PRIVATE KEY-----\\n{PEM_BODY}\\n"',
            f"-----BEGIN RSA PRIVATE KEY-----\\n{PEM_BODY}\\n",
            id="no-footer-escaped",
        ),
    ],
)
def test_private_key_spans_its_block(text: str, block: str) -> None:
    found = first_token(text)
    assert found is not None
    assert found.value == block
    assert text[found.start : found.end] == block


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("AKIAIOSFODNN7EXAMPLE", id="aws-docs-example"),
        pytest.param("ghu_16C7e42F292c6912E7710c838347Ae178B4a", id="github-docs-example"),
        pytest.param(
            "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy", id="slack-docs-example"
        ),
        pytest.param("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", id="filler"),
        pytest.param("-----BEGIN RSA PRIVATE KEY-----", id="pem-header-alone"),
        pytest.param("eyJustAWordHere.eyJustAnotherWord.somethingLongEnoughHere", id="not-a-jwt"),
        pytest.param(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
            ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
            id="jwt-io-sample",
        ),
        pytest.param("sk_test_8mIbbAP5KLPf0EwtJIJvvoa0", id="stripe-test-mode"),
        pytest.param("XAKIA8LL4HE5Y9V0CB07V", id="glued-to-a-word"),
        pytest.param("nothing to see here", id="prose"),
    ],
)
def test_not_formats(text: str) -> None:
    assert list(find_tokens(text)) == []


@pytest.mark.parametrize(
    ("token", "issuer"),
    [
        pytest.param(
            "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJodHRwOi8vbG9jYWxob3N0OjgwODAifQ.c2ln",
            "http://localhost:8080",
            id="issuer",
        ),
        pytest.param("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2ln", "", id="no-issuer"),
        pytest.param("eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOjQyfQ.c2ln", "", id="issuer-not-text"),
        pytest.param("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln", None, id="claims-not-json"),
        pytest.param("eyJhbGciOiJIUzI1NiJ9.WzFd.c2ln", None, id="claims-not-object"),
        pytest.param("not-a-token", None, id="no-dots"),
    ],
)
def test_jwt_issuer(token: str, issuer: str | None) -> None:
    assert jwt_issuer(token) == issuer
