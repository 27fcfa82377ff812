"""Compare `webwarden probe` with Mozilla's HTTP Observatory scanner (httpobs) on the
live test apps, served on 127.0.0.1 exactly as the live tests serve them.

httpobs 0.9.3 pins 2018-era dependencies (Flask 1.0, celery 4, psycopg2 < 2.8, uWSGI),
so it lives in its own virtualenv; only its local scanner is used (no database, no
broker). Make one and point this script at its interpreter:

    python3 -m venv /tmp/httpobs-venv
    /tmp/httpobs-venv/bin/pip install --no-deps httpobs==0.9.3
    /tmp/httpobs-venv/bin/pip install requests beautifulsoup4 celery publicsuffixlist
    python bench/httpobs_compare.py --httpobs-python /tmp/httpobs-venv/bin/python

It prints, per app and per Observatory test, httpobs's verdict and the webwarden codes
that cover the same ground.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import trustme

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.live_apps.harness import TlsFiles, serve  # noqa: E402

# Observatory test -> the webwarden codes judging the same thing ("" = not covered).
COVERAGE = {
    "content-security-policy": ("WW560", "WW561"),
    "cookies": ("WW860", "WW861", "WW862"),
    "cross-origin-resource-sharing": ("WW1155",),
    "redirection": ("WW960",),
    "referrer-policy": ("WW1156:Referrer-Policy",),
    "strict-transport-security": ("WW961", "WW962"),
    "x-content-type-options": ("WW1156:X-Content-Type-Options",),
    "x-frame-options": ("WW1060",),
    "subresource-integrity": (),
    "x-xss-protection": (),
    "public-key-pinning": (),
    "contribute": (),
}
APPS = (
    ("flask_insecure", False),
    ("flask_hardened", True),
    ("django_insecure", False),
    ("django_hardened", True),
)
HTTPOBS_SCRIPT = """
import json, sys
from httpobs.scanner.local import scan
result = scan("127.0.0.1", http_port=int(sys.argv[1]), https_port=int(sys.argv[2]))
json.dump(result, sys.stdout, default=str)
"""


def webwarden(url: str, extra: list[str]) -> list[dict[str, object]]:
    command = [
        sys.executable,
        "-m",
        "webwarden",
        "probe",
        url,
        "--rate",
        "1000",
        "--format",
        "json",
        "--exit-zero",
        *extra,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO).stdout
    return list(json.loads(output)["findings"])


def httpobs(python: str, http_port: int, https_port: int, ca: Path) -> dict[str, object]:
    env = {**os.environ, "REQUESTS_CA_BUNDLE": str(ca)}
    command = [python, "-c", HTTPOBS_SCRIPT, str(http_port), str(https_port)]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, env=env, timeout=300
    ).stdout
    return dict(json.loads(output))


def covered(findings: list[dict[str, object]], codes: tuple[str, ...]) -> str:
    hits = []
    for code in codes:
        wanted, _, header = code.partition(":")
        hits += [wanted for f in findings if f["code"] == wanted and header in str(f["message"])]
    return ",".join(sorted(set(hits))) or "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--httpobs-python", default=os.environ.get("HTTPOBS_PYTHON"), required=False
    )
    args = parser.parse_args()
    if not args.httpobs_python:
        parser.error("--httpobs-python (or HTTPOBS_PYTHON) is required")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ca = trustme.CA()
        ca.cert_pem.write_to_path(str(root / "ca.pem"))
        ca.issue_cert("127.0.0.1").private_key_and_cert_chain_pem.write_to_path(
            str(root / "server.pem")
        )
        tls = TlsFiles(ca=root / "ca.pem", cert=root / "server.pem", key=root / "server.pem")
        print(f"{'app':16} {'Observatory test':30} {'httpobs':6} {'httpobs result':44} webwarden")
        for app, https in APPS:
            folder = root / app
            folder.mkdir()
            (folder / ".env").write_text("SECRET_KEY=bench-only\n")
            with serve(app, folder, tls=tls if https else None, twin=https) as server:
                extra = (
                    ["--ca-bundle", str(tls.ca), "--http-port", str(server.twin_port)]
                    if https
                    else []
                )
                ours = webwarden(server.url, extra)
                if https:
                    theirs = httpobs(
                        args.httpobs_python, server.twin_port or 0, server.port, tls.ca
                    )
                else:
                    theirs = httpobs(args.httpobs_python, server.port, 1, tls.ca)
            scan = theirs.get("scan", {})
            tests = theirs.get("tests", {})
            if not isinstance(scan, dict) or not isinstance(tests, dict):
                sys.exit(f"{app}: httpobs did not scan: {theirs}")
            for name, codes in COVERAGE.items():
                test = tests.get(name, {})
                verdict = "pass" if test.get("pass") else "FAIL"
                print(
                    f"{app:16} {name:30} {verdict:6} {test.get('result')!s:44} {covered(ours, codes)}"
                )
            also = sorted(
                {str(f["code"]) for f in ours}
                - {c.split(":")[0] for cs in COVERAGE.values() for c in cs}
            )
            print(
                f"{app:16} {'grade ' + str(scan.get('grade')):30} {'':6} {'':44} also: {' '.join(also) or '-'}"
            )


if __name__ == "__main__":
    main()
