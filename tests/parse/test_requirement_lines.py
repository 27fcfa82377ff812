"""What pip reads as one line of a requirements file."""

from __future__ import annotations

from webwarden.parse.requirement_lines import logical_lines


def test_logical_lines_join_continuations_and_drop_comments() -> None:
    text = "# only a comment\na==1 \\\n  --hash=sha256:x  # trailing\n\nb # c\nurl#frag==1\n"
    assert logical_lines(text) == [(2, "a==1    --hash=sha256:x"), (5, "b"), (6, "url#frag==1")]
