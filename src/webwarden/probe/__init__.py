"""The live probe: bounded requests to one running app, recorded for the probe rules.

`client` sends the requests, `crawl` decides which, `exchange` is what gets recorded,
`transcript` reads recordings written as HTTP text, `routes` turns the static route
model into paths to visit. The judging is in the `ProbeRule`s under `webwarden.rules`.

NOTE: nothing is imported here, so rules that import `exchange` do not load the HTTP
client (and its start-up cost) into every static scan.
"""

from __future__ import annotations
