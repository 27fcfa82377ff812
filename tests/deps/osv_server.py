"""A real HTTP server on 127.0.0.1 answering like the OSV API and PyPI's JSON API.

It serves the records of an OSV folder (the shared PyPA advisory database) through
`POST /v1/querybatch`, `GET /v1/vulns/{id}` and `POST /v1/query` (the last matches
versions server-side, by the records' explicit `versions` lists), and
`GET /pypi/{name}/json` from a dict of newest versions, and `GET /PyPI/all.zip` (the
bulk export). `mode` switches it to hang
(accept, never answer), to fail with HTTP 500, or to answer `{}` or non-JSON. Used by the tests and by bench/.
"""

from __future__ import annotations

import contextlib
import io
import json
import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from webwarden.deps.advisories.bulk import read_records
from webwarden.deps.advisories.osv import parse_record
from webwarden.deps.model import normalise_name, parse_version


class OsvData:
    """The records of an OSV folder, by id and by normalised package name."""

    def __init__(self, folder: Path) -> None:
        self.records: dict[str, dict[str, Any]] = {}
        self.by_name: dict[str, list[str]] = {}
        for _, document in read_records(folder):
            if not isinstance(document, dict):
                continue
            advisory = parse_record(document)
            self.records[advisory.id] = document
            for name in {a.name for a in advisory.affected}:
                self.by_name.setdefault(name, []).append(advisory.id)


class OsvServer:
    """State shared by the handler threads."""

    def __init__(self, data: OsvData, latest: dict[str, str] | None = None) -> None:
        self.data = data
        self.latest = latest or {}
        self.mode = "ok"
        self.hang_seconds = 30.0
        self.page_size = 0
        """When > 0, querybatch pages each package's ids by this many (next_page_token)."""
        self.requests: list[str] = []
        self._export: bytes | None = None
        self.url = ""
        self._stop = threading.Event()

    def export(self) -> bytes:
        """OSV's per-ecosystem export: a zip of one JSON file per record."""
        if self._export is None:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
                for advisory_id, record in sorted(self.data.records.items()):
                    bundle.writestr(f"{advisory_id}.json", json.dumps(record))
            self._export = buffer.getvalue()
        return self._export

    def release(self) -> None:
        """Let hanging handlers finish."""
        self._stop.set()


class _Handler(BaseHTTPRequestHandler):
    server_state: OsvServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: Any) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _gate(self) -> bool:
        state = self.server_state
        state.requests.append(f"{self.command} {self.path}")
        if state.mode == "hang":
            state._stop.wait(state.hang_seconds)
            return False
        if state.mode == "error":
            self._answer(500, {"message": "internal error"})
            return False
        if state.mode == "empty":
            self._answer(200, {})
            return False
        if state.mode == "not-json":
            self.send_response(200)
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"<html")
            return False
        return True

    def do_GET(self) -> None:
        if not self._gate():
            return
        state = self.server_state
        if self.path == "/PyPI/all.zip":
            payload = state.export()
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        elif self.path.startswith("/v1/vulns/"):
            record = state.data.records.get(self.path.removeprefix("/v1/vulns/"))
            self._answer(200, record) if record else self._answer(404, {"message": "not found"})
        elif self.path.startswith("/pypi/") and self.path.endswith("/json"):
            name = normalise_name(self.path.split("/")[2])
            if name in state.latest:
                self._answer(200, {"info": {"name": name, "version": state.latest[name]}})
            else:
                self._answer(404, {"message": "not found"})
        else:
            self._answer(404, {"message": "not found"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        if not self._gate():
            return
        if self.path == "/v1/querybatch":
            self._answer(200, {"results": [self._ids(q) for q in body.get("queries", [])]})
        elif self.path == "/v1/query":
            self._answer(200, self._query(body))
        else:
            self._answer(404, {"message": "not found"})

    def _ids(self, query: dict[str, Any]) -> dict[str, Any]:
        state = self.server_state
        name = normalise_name(query.get("package", {}).get("name", ""))
        ids = sorted(state.data.by_name.get(name, []))
        start = int(query.get("page_token") or 0)
        end = start + state.page_size if state.page_size else len(ids)
        vulns = [
            {"id": i, "modified": state.data.records[i].get("modified", "")} for i in ids[start:end]
        ]
        result: dict[str, Any] = {"vulns": vulns} if vulns else {}
        if end < len(ids):
            result["next_page_token"] = str(end)
        return result

    def _query(self, body: dict[str, Any]) -> dict[str, Any]:
        """Matching by the records' explicit `versions` lists only, like OSV.dev's index
        of enumerated versions, so it is independent of webwarden's range evaluation."""
        data = self.server_state.data
        name = normalise_name(body.get("package", {}).get("name", ""))
        version = parse_version(str(body.get("version", "")))
        records = [
            data.records[i]
            for i in data.by_name.get(name, [])
            if not data.records[i].get("withdrawn")
        ]
        if version is None:
            return {"vulns": records}
        hits = [
            record
            for record in records
            for affected in record.get("affected", [])
            if normalise_name(affected.get("package", {}).get("name", "")) == name
            and any(parse_version(str(v)) == version for v in affected.get("versions") or [])
        ]
        return {"vulns": hits} if hits else {}


@contextlib.contextmanager
def serve(state: OsvServer) -> Iterator[OsvServer]:
    """Run the server on a free port of 127.0.0.1 until the block ends."""
    handler = type("Handler", (_Handler,), {"server_state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        state.release()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        time.sleep(0)
