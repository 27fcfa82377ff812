"""Run a live app in a subprocess on 127.0.0.1, in the style of werkzeug's dev-server
test client: ephemeral ports, logs in `tmp_path`, readiness with a deadline, and the
process always terminated."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
READY_WITHIN = 30.0


@dataclass
class LiveServer:
    """Where a live app listens: `url` (http or https) and, with a twin, `twin_port`."""

    url: str
    port: int
    twin_port: int | None
    log: Path


@dataclass
class TlsFiles:
    """A trustme CA and the server certificate it issued for 127.0.0.1."""

    ca: Path
    cert: Path
    key: Path


@contextmanager
def serve(
    app: str, tmp_path: Path, *, tls: TlsFiles | None = None, twin: bool = False
) -> Iterator[LiveServer]:
    """Serve `tests/live_apps/<app>.py`; yield where it listens; always stop it."""
    port_file = tmp_path / f"{app}.ports"
    log = tmp_path / f"{app}.log"
    command = [
        sys.executable,
        str(HERE / "serve.py"),
        app,
        str(port_file),
        "--docroot",
        str(tmp_path),
    ]
    if tls is not None:
        command += ["--cert", str(tls.cert), "--key", str(tls.key)]
    if twin:
        command.append("--twin")
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        deadline = time.monotonic() + READY_WITHIN
        while not port_file.exists():
            if process.poll() is not None:
                raise RuntimeError(f"{app} exited with {process.returncode}:\n{log.read_text()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{app} not ready within {READY_WITHIN} s:\n{log.read_text()}")
            time.sleep(0.05)
        ports = json.loads(port_file.read_text())
        scheme = "https" if tls is not None else "http"
        url = f"{scheme}://127.0.0.1:{ports['main']}/"
        yield LiveServer(url, ports["main"], ports.get("twin"), log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
