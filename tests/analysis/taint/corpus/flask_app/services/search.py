"""A search service class: data stored on `self` and used by another method."""

import sqlite3


class C10Search:
    # c10: the constructor keeps the term; `run()` formats it into SQL.
    def __init__(self, term):
        self.term = term

    def run(self):
        connection = sqlite3.connect("notes.db")
        return connection.execute(f"SELECT id FROM notes WHERE title = '{self.term}'").fetchall()


class C64Search:
    # c64: the same shape with a parameterised query: the term stays data.
    def __init__(self, term):
        self.term = term

    def run(self):
        connection = sqlite3.connect("notes.db")
        return connection.execute("SELECT id FROM notes WHERE title = ?", (self.term,)).fetchall()
