"""Database helpers: the last step of the flows through several modules."""

import sqlite3


def connect():
    return sqlite3.connect("notes.db")


def c04_run(sql):
    # c04: the sink is two calls away from the view, in another module.
    cursor = connect().cursor()
    cursor.execute(sql)
    return cursor.fetchall()


def c52_execute(condition):
    # c52: third helper of a chain that started in the view.
    return connect().execute("SELECT id FROM notes WHERE " + condition).fetchall()


def fetch(sql, params=()):
    # A parameterised helper: the SQL is the caller's constant, the values are data.
    return connect().execute(sql, params).fetchall()
