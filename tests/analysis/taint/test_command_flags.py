"""The flag table of argument injection (WW1117) and the programs it judges."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint.command_flags import FLAGS, takes_value
from webwarden.analysis.taint.command_options import OPTION_PROGRAMS


def test_every_program_with_flags_is_judged() -> None:
    # NOTE: a table entry for a program `program_options` never reads would be dead.
    assert FLAGS.keys() <= OPTION_PROGRAMS


@pytest.mark.parametrize(
    ("program", "option", "expected"),
    [
        ("git", "-m", True),
        ("git", "--oneline", False),
        ("rsync", "-az", False),
        ("rsync", "-e", True),
        ("curl", "-sSL", False),
        ("curl", "-o", True),
        ("tar", "--to-command", True),
        pytest.param("nmap", "-sV", False, id="nmap-word-flag"),
        pytest.param("nmap", "-p", True, id="nmap-ports"),
        pytest.param("nmap", "-oX", True, id="nmap-output-file"),
        pytest.param("sslscan", "--no-colour", False, id="sslscan-flag"),
        pytest.param("sslscan", "--sni-name", True, id="sslscan-valued"),
    ],
)
def test_an_option_written_alone_takes_the_next_argument_unless_a_flag(
    program: str, option: str, expected: bool
) -> None:
    assert takes_value(program, option) is expected
