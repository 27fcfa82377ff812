"""Reading the files tools keep credentials in."""

from __future__ import annotations

from webwarden.parse.credential_stores import (
    htpasswd_entries,
    mysql_option_entries,
    netrc_entries,
    npmrc_entries,
    pgpass_entries,
)


def test_netrc_passwords_on_one_line_or_several_outside_macros() -> None:
    text = (
        "machine a.example\n  login me\n  password s3cr3t-x\n"
        "machine b.example login you password y2z\n"
        "macdef init\npassword in-a-macro\n\n"
        "default login anon password guest-1\n"
    )
    assert [
        (e.value, e.line, text.splitlines()[e.line - 1][e.start : e.end])
        for e in netrc_entries(text)
    ] == [
        ("s3cr3t-x", 3, "s3cr3t-x"),
        ("y2z", 4, "y2z"),
        ("guest-1", 8, "guest-1"),
    ]


def test_pgpass_password_is_the_fifth_field_with_escapes_read() -> None:
    text = "# comment\ndb:5432:shop:shop:Vt7k\\:Lq2\nlocalhost:*:*:me:\nshort:line\n"
    assert [(e.value, e.line, e.start) for e in pgpass_entries(text)] == [
        ("Vt7k:Lq2", 2, 18),
        ("", 3, 17),
    ]


def test_npmrc_settings_named_without_the_registry_scope() -> None:
    text = "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n; note\nalways-auth = true\n//r/:_auth=dXNlcjpw\n"
    assert [(e.key, e.value) for e in npmrc_entries(text)] == [
        ("_authToken", "${NPM_TOKEN}"),
        ("always-auth", "true"),
        ("_auth (user:password)", "dXNlcjpw"),
    ]


def test_htpasswd_hash_schemes() -> None:
    text = (
        "a:$apr1$ruca84Hq$mbjdMZBAG.KWn7vTcq6nX/\n"
        "b:$2y$05$c4WoMPo3SXsafkva.HHa6uXQZWr7oboPiC2bT/r7q1BB8I2s0BRqC\n"
        "c:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n"
        "d:rl0XgEzKmBTXI\n"
        "e:plainpass\n"
        "# comment\n"
    )
    assert [(e.key, e.value) for e in htpasswd_entries(text)] == [
        ("a", "Apache MD5"),
        ("b", "bcrypt"),
        ("c", "unsalted SHA-1"),
        ("d", "crypt"),
        ("e", "plain text"),
    ]


def test_mysql_passwords_only_in_the_groups_mysql_reads() -> None:
    text = (
        '[client]\nuser = shop\npassword = "Hq4#tZ8v"\n'
        "[mysqldump]\npasswd=Dump-2024\n"
        "[ req ]\npassword = not-mysql\n"
        "[mariadb-client]\npassword=Mdb-2024\n"
    )
    assert [(e.value, e.line) for e in mysql_option_entries(text)] == [
        ("Hq4#tZ8v", 3),
        ("Dump-2024", 5),
        ("Mdb-2024", 9),
    ]
