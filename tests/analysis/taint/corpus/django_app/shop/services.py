"""Services the views call: SQL and commands run away from the request."""

import subprocess

from django.db import connection


class D19Exporter:
    # d19: a method runs a shell command built from what the view passes.
    def __init__(self, fmt):
        self.fmt = fmt

    def export(self):
        subprocess.call(f"export-data --format {self.fmt}", shell=True)


def d35_report(owner):
    # d35: the sink is in another module than the view.
    with connection.cursor() as cursor:
        cursor.execute("SELECT total FROM shop_order WHERE owner = '%s'" % owner)
        return cursor.fetchall()


def d36_report(owner):
    # d36: the parameterised twin of d35.
    with connection.cursor() as cursor:
        cursor.execute("SELECT total FROM shop_order WHERE owner = %s", [owner])
        return cursor.fetchall()
