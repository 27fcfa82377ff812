"""Findings per rule, and a cold scan against the bare parse, on more real applications.

`speed.py` measures Django, Wagtail and django-oscar, `flask_trees.py` four Flask
applications; this script adds the applications read finding by finding for false
positives: in the seventh session the Flask apps calibre-web, changedetection.io and
pgAdmin 4, and the Django apps pretix, Weblate, django-allauth and HyperKitty; in the
eighth the Flask apps privacyIDEA, OctoPrint, ihatemoney, alerta, CKAN and Lektor, and the
Django apps pretalx, Kiwi TCMS, django-wiki, Label Studio, Review Board, askbot and Mayan
EDMS (buku and graphite-web, read too, publish no wheel). All come as wheels from PyPI;
their Python files and templates are unpacked under bench/corpora (the JavaScript, styles
and images are not). One cold run per tree, as in `flask_trees.py`.

    python bench/app_trees.py [--only NAME ...]
"""

from __future__ import annotations

import argparse

from flask_trees import report, wheel_tree
from speed import compile_webwarden

APPS = {
    "calibreweb-0.6.27": "calibreweb==0.6.27",
    "changedetection.io-0.60.10": "changedetection.io==0.60.10",
    "pgadmin4-9.18": "pgadmin4==9.18",
    "pretix-2026.8.0": "pretix==2026.8.0",
    "weblate-5.14.3": "weblate==5.14.3",
    "django-allauth-65.22.1": "django-allauth==65.22.1",
    "hyperkitty-1.3.12": "hyperkitty==1.3.12",
    "privacyidea-3.14": "privacyidea==3.14",
    "octoprint-1.11.8": "octoprint==1.11.8",
    "ihatemoney-7.2.1": "ihatemoney==7.2.1",
    "alerta-server-9.1.0": "alerta-server==9.1.0",
    "ckan-2.12.0": "ckan==2.12.0",
    "lektor-3.3.14": "lektor==3.3.14",
    "pretalx-2025.2.2": "pretalx==2025.2.2",
    "kiwitcms-12.4": "kiwitcms==12.4",
    "wiki-0.13.0": "wiki==0.13.0",
    "label-studio-1.23.2": "label-studio==1.23.2",
    "reviewboard-8.1": "reviewboard==8.1",
    "askbot-0.13.0": "askbot==0.13.0",
    "mayan-edms-4.12.2": "mayan-edms==4.12.2",
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
        report(name, wheel_tree(name, APPS[name]))


if __name__ == "__main__":
    main()
