"""WW11106: request data decompressed whole, with no bound on what it grows to."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataDecompressedWhole(TaintRule):
    """## What it does
    Follows request data (a body, an upload, also an uploaded file handed to a class of
    the project that decompresses it) into decompression that returns everything at
    once: `gzip.decompress()`, `zlib.decompress()`, `bz2.decompress()`,
    `lzma.decompress()`, a decompressing file read to its end (`gzip.GzipFile(fileobj=
    upload).read()`, `gzip.open(...)`, `bz2.BZ2File`, `lzma.LZMAFile`, read without a
    size) and a decompressor's `decompress(data)` without `max_length`
    (`zlib.decompressobj()`, `bz2.BZ2Decompressor`, `lzma.LZMADecompressor`). Reading in
    bounded pieces (`read(65536)` in a loop, `decompress(data, max_length)`) is not
    reported.

    ## Why is this bad?
    Compression ratios of a thousand to one are easy to make: a few megabytes of
    upload decompress to gigabytes held in the worker's memory (a decompression bomb),
    before any size check after the call can refuse them. One request takes a worker,
    or the whole machine, down. Limits on the upload's size do not help, as they count
    compressed bytes.

    ## Example
    ```python
    import gzip

    from django.http import JsonResponse


    def upload_log(request):
        text = gzip.GzipFile(fileobj=request.FILES["log"]).read()
        if len(text) > 10_000_000:
            return JsonResponse({"error": "too large"}, status=413)
        return JsonResponse({"lines": text.count(b"\\n")})
    ```

    ## Fix
    ```python
    import gzip

    from django.http import JsonResponse

    LIMIT = 10_000_000


    def upload_log(request):
        text = gzip.GzipFile(fileobj=request.FILES["log"]).read(LIMIT + 1)
        if len(text) > LIMIT:
            return JsonResponse({"error": "too large"}, status=413)
        return JsonResponse({"lines": text.count(b"\\n")})
    ```

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-409: Improper Handling of Highly Compressed Data (Data Amplification)](https://cwe.mitre.org/data/definitions/409.html)
    - [Python docs: gzip.GzipFile](https://docs.python.org/3/library/gzip.html#gzip.GzipFile)
    - [Python docs: zlib.Decompress.decompress](https://docs.python.org/3/library/zlib.html#zlib.Decompress.decompress)
    """

    code = "WW11106"
    name = "request-data-decompressed-whole"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 409
    message = "{source} is decompressed whole by `{sink}`, with no bound on its size"
    fix = "read the decompressed data in bounded pieces (`read(limit + 1)`, `max_length`) and refuse it past a limit"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
