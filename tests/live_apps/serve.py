"""Serve one live app on 127.0.0.1 (run as a subprocess by `harness.serve`).

usage: serve.py APP PORT_FILE [--cert PEM --key PEM] [--twin] [--docroot DIR]

Binds ephemeral ports first, builds the app knowing them (the hardened apps redirect
plain HTTP to the https port), writes `{"main": port, "twin": port}` to PORT_FILE
atomically once the sockets listen, then serves until terminated.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import ssl
import sys
import threading
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server

sys.path.insert(0, str(Path(__file__).resolve().parent))


class QuietHandler(WSGIRequestHandler):
    """Werkzeug's handler, naming no versions (the hardened apps sit behind a proxy)."""

    def version_string(self) -> str:
        return "live-app"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("app")
    parser.add_argument("port_file")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--twin", action="store_true")
    parser.add_argument("--docroot", default=os.getcwd())
    args = parser.parse_args()
    module = importlib.import_module(args.app)
    if hasattr(module, "serve"):
        module.serve(args.port_file)
        return
    context = None
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
    handler = QuietHandler if getattr(module, "HIDE_SERVER_VERSION", False) else None
    holder: dict[str, object] = {}

    def app(environ, start_response):  # the real app is built once ports are known
        return holder["app"](environ, start_response)

    main_server = make_server(
        "127.0.0.1", 0, app, threaded=True, ssl_context=context, request_handler=handler
    )
    servers = [main_server]
    ports = {"main": main_server.server_port}
    if args.twin:
        twin = make_server("127.0.0.1", 0, app, threaded=True, request_handler=handler)
        servers.append(twin)
        ports["twin"] = twin.server_port
    holder["app"] = module.make_app(ports, args.docroot)
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    temporary = Path(args.port_file + ".tmp")
    temporary.write_text(json.dumps(ports))
    temporary.replace(args.port_file)
    main_server.serve_forever()


if __name__ == "__main__":
    main()
