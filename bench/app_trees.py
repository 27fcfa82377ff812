"""Findings per rule, and a cold scan against the bare parse, on more real applications.

`speed.py` measures Django, Wagtail and django-oscar, `flask_trees.py` four Flask
applications; this script adds seven applications read finding by finding for false
positives: the Flask apps calibre-web, changedetection.io and pgAdmin 4, and the Django
apps pretix, Weblate, django-allauth and HyperKitty. All come as wheels from PyPI; their
Python files and templates are unpacked under bench/corpora (the JavaScript, styles and
images are not). One cold run per tree, as in `flask_trees.py`.

    python bench/app_trees.py [--only NAME ...]
"""

from __future__ import annotations

import argparse

from compare import count
from flask_trees import cold, wheel_tree
from speed import compile_webwarden, rules

APPS = {
    "calibreweb-0.6.27": "calibreweb==0.6.27",
    "changedetection.io-0.60.10": "changedetection.io==0.60.10",
    "pgadmin4-9.18": "pgadmin4==9.18",
    "pretix-2026.8.0": "pretix==2026.8.0",
    "weblate-5.14.3": "weblate==5.14.3",
    "django-allauth-65.22.1": "django-allauth==65.22.1",
    "hyperkitty-1.3.12": "hyperkitty==1.3.12",
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", action="append", help="names of APPS to scan (default: all)")
    args = parser.parse_args()
    names = args.only or list(APPS)
    unknown = sorted(set(names) - set(APPS))
    if unknown:
        parser.error(f"unknown application(s): {', '.join(unknown)}; known: {', '.join(APPS)}")
    compile_webwarden()
    for name in names:
        path = wheel_tree(name, APPS[name])
        files, lines = count(path)
        parse, scan, peak, bandit = cold(path)
        print(
            f"\n{name}: {files} files, {lines} lines; parse {parse:.2f} s, "
            f"cold scan {scan:.2f} s ({scan / parse:.2f}x), peak {peak:.0f} MiB"
        )
        if bandit is not None:
            print(f"  bandit {bandit:.2f} s: webwarden cold is {bandit / scan:.1f}x faster")
        rules(name, path)


if __name__ == "__main__":
    main()
