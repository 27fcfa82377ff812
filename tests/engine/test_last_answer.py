"""The one remembered answer."""

from __future__ import annotations

from webwarden.last_answer import LastAnswer


def test_the_kept_answer_is_given_for_the_same_key() -> None:
    made: list[int] = []
    memo: LastAnswer[str, int] = LastAnswer()

    def make(value: int) -> int:
        made.append(value)
        return value

    assert memo.get("a", lambda: make(1)) == 1
    assert memo.get("a", lambda: make(2)) == 1
    assert memo.get("b", lambda: make(3)) == 3
    assert memo.get("a", lambda: make(4)) == 4  # only the last is kept
    memo.clear()
    assert memo.get("a", lambda: make(5)) == 5
    assert made == [1, 3, 4, 5]


def test_keys_compare_as_told() -> None:
    first, second = [1], [1]
    memo: LastAnswer[list[int], str] = LastAnswer(lambda kept, asked: kept is asked)
    assert memo.get(first, lambda: "first") == "first"
    assert memo.get(first, lambda: "again") == "first"
    assert memo.get(second, lambda: "second") == "second"  # equal, not the same
