"""Run one command; print its wall seconds and peak RSS (MiB) as JSON on the last line."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> None:
    started = time.perf_counter()
    completed = subprocess.run(
        sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mib": peak_kib / 1024,
                "status": completed.returncode,
                "stderr": completed.stderr.decode(errors="replace")[-500:],
            }
        )
    )


if __name__ == "__main__":
    main()
