"""WW247: a private key file (TLS, SSH, signing) kept in the project."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.secrets.formats import find_tokens
from webwarden.discover.files import KEY_FILE_PATTERNS
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.module import TextFile
from webwarden.model.project import ProjectModel
from webwarden.rules._compose_mounts import development_mounted
from webwarden.rules.base import TextRule
from webwarden.rules.secrets._key_folders import key_corpus

_ENCRYPTED = ("ENCRYPTED", "Proc-Type: 4,ENCRYPTED")


class PrivateKeyFile(TextRule):
    """## What it does
    Finds private keys in key files of the project tree (`*.key`, `*.pem`, `*.p8`,
    `id_rsa`, `id_ed25519`, ...), also kept under a name to be copied into place or as
    a copy (`tls.key.default`, `server.pem.example`, `server.key.bak`): a PEM block
    `-----BEGIN ... PRIVATE KEY-----` with its key material. A key that is encrypted with a passphrase (`ENCRYPTED PRIVATE KEY`,
    `Proc-Type: 4,ENCRYPTED`) is reported at medium severity. Files that git ignores
    are not scanned (see `respect-gitignore`), and keys under test code are reported at
    low severity, as test code is; so is a key that only development compose files
    bind-mount into their containers, itself or its folder
    (`./scripts/dev.key:/etc/nginx/server.key` in a compose file running the app in
    debug mode): the key of a developer's local TLS proxy, trusted by no one else; and
    so is a key in a folder holding a dozen or more files named like keys: the test
    keys of a crypto library (one per curve, size and encryption its tests try), as a
    TLS library vendored with its test data keeps them, where a deployment keeps a
    handful at most.

    ## Why is this bad?
    Whoever has the repository has the key: they can impersonate the site's TLS
    certificate to its users, log in to the servers an SSH key opens, or sign tokens
    and packages as the project. A key stays in the history after the file is deleted.

    ## Known problems
    Certificates and public keys (`-----BEGIN CERTIFICATE-----`) are not reported, nor
    is a binary file named like a key (a DER-encoded key, a Keynote deck `slides.key`):
    only PEM text is read, and such a file is no file that failed to parse either.
    Private keys written into Python source are WW240's, and into configuration files
    WW243's.

    ## Example
    ```text
    -----BEGIN PRIVATE KEY-----
    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj
    MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu
    -----END PRIVATE KEY-----
    ```

    ## Fix
    ```text
    -----BEGIN CERTIFICATE-----
    MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ
    -----END CERTIFICATE-----
    ```
    Keep only the certificate (the public half) in the repository. Load the key from
    the server's secret store or a mounted file at run time, add `*.key` to
    `.gitignore`, remove the file from the history and issue a new key: the committed
    one must be taken as known.

    ## References
    - [CWE-321: Use of Hard-coded Cryptographic Key](https://cwe.mitre.org/data/definitions/321.html)
    - [OWASP: Secrets Management Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html)
    - [GitHub: removing sensitive data from a repository](https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository)
    """

    code = "WW247"
    name = "private-key-file"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 321
    message = "`{path}` holds {what} private key"
    fix = "keep the key out of the repository (secret store, mounted file) and issue a new one"
    example_filename = "certs/server.key"
    patterns = KEY_FILE_PATTERNS

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low in a file only development compose files mount (see `development_mounted`),
        as a secret in such a file is for WW243, and in a folder of test keys (see
        `key_corpus`)."""
        if finding.severity is Severity.LOW:
            return finding
        path = finding.location.path
        if reason := development_mounted(project, path) or key_corpus(project, path):
            return lower_for_context(finding, Severity.LOW, reason)
        return finding

    def check_text(self, file: TextFile) -> Iterator[Finding]:
        for token in find_tokens(file.text):
            if token.kind != "a private key":
                continue
            line = file.text.count("\n", 0, token.start) + 1
            block = file.text[token.start : token.start + 200]
            encrypted = any(marker in block for marker in _ENCRYPTED)
            yield self.make_finding(
                file.location(line, 1),
                snippet=file.lines[line - 1],
                severity=Severity.MEDIUM if encrypted else None,
                path=file.relpath.rsplit("/", 1)[-1],
                what="an encrypted" if encrypted else "a",
            )
            return
