from __future__ import annotations

import pytest

from webwarden.parse.shell_words import joined_rest, word_expands_after

SED = "sed -i 's#^KEY=#KEY='$KEY'#' app.env"


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        pytest.param(SED, SED.index("#KEY="), True, id="variable-between-single-quotes"),
        pytest.param(
            "sed -i 's#^KEY=.*#KEY='\"${KEY}\"'#' app.env", 12, True, id="braced-in-double-quotes"
        ),
        pytest.param("KEY=abc$(openssl rand -hex 8)", 4, True, id="command-substitution"),
        pytest.param("sed 's#KEY=#KEY=literal#' \"$FILE\"", 8, False, id="variable-in-next-word"),
        pytest.param("echo 'KEY=$notexpanded'", 6, False, id="inside-single-quotes"),
        pytest.param("echo $KEY KEY=literal", 10, False, id="variable-in-earlier-word"),
        pytest.param("KEY=lit\\$eral", 4, False, id="escaped-dollar"),
        pytest.param("KEY=literal;echo $X", 4, False, id="operator-ends-word"),
    ],
)
def test_word_expands_after(line: str, column: int, expected: bool) -> None:
    assert word_expands_after(line, column) is expected


def test_joined_rest_reaches_the_end_of_a_word_going_on_with_quoted_parts() -> None:
    line = """sed -i 's#^KEY=.*#KEY='"s3cret"'#' "$FILE\""""
    end = line.index("'", line.index("KEY=.*#KEY="))
    assert joined_rest(line, end) == line.index(' "$FILE')
    # A value whose word ends at its closing quote, or goes on unquoted only, stays.
    assert joined_rest('export KEY="s3cret" next', 18) == 18
    assert joined_rest("KEY='s3cret'.txt", 11) == 11
    assert joined_rest("KEY=s3cret", 10) == 10
