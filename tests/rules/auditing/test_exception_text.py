"""Which exception classes WW1132 judges as database errors."""

from __future__ import annotations

import pytest

from webwarden.rules.auditing._exception_text import database_error


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("sqlalchemy.exc.IntegrityError", id="sqlalchemy-integrity"),
        pytest.param("sqlalchemy.exc.StatementError", id="sqlalchemy-statement"),
        pytest.param("sqlalchemy.exc.SQLAlchemyError", id="sqlalchemy-base"),
        pytest.param("django.db.IntegrityError", id="django"),
        pytest.param("django.db.utils.DatabaseError", id="django-utils"),
        pytest.param("psycopg2.errors.UniqueViolation", id="psycopg2-per-code"),
        pytest.param("sqlite3.OperationalError", id="sqlite3"),
        pytest.param("pymysql.err.DataError", id="pymysql"),
    ],
)
def test_database_errors(name: str) -> None:
    assert database_error(name)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("sqlalchemy.orm.exc.NoResultFound", id="orm-no-row"),
        pytest.param("django.core.exceptions.ValidationError", id="form-validation"),
        pytest.param("jsonschema.ValidationError", id="schema"),
        pytest.param("myapp.db.IntegrityError", id="project-class"),
        pytest.param("django.db.models.ProtectedError", id="django-on-delete"),
    ],
)
def test_other_errors(name: str) -> None:
    assert not database_error(name)
