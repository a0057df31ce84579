"""The text helpers every message and field goes through: values echoed short and inert,
whole numbers in ASCII digits only."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.model.text import SHOWN_MAX, escape_controls, parse_whole_number, shown


@given(st.text(max_size=300))
def test_shown_is_one_short_printable_line(value: str) -> None:
    out = shown(value)
    assert len(out) <= 4 * SHOWN_MAX + 3  # every kept character at most \xNN, plus quotes and …
    assert "\n" not in out and "\x1b" not in out and "\x85" not in out and "\u202e" not in out
    assert out.endswith("…'") or out.endswith('…"') or len(value) <= SHOWN_MAX


def test_shown_cuts_escapes_and_quotes() -> None:
    assert shown("a\x1b[2J\nb") == "'a\\x1b[2J\\nb'"
    assert shown("x" * 20_000_000) == "'" + "x" * SHOWN_MAX + "…'"
    assert shown("O'Brien") == '"O\'Brien"'
    assert shown("\u202eevil\x7f\x9b") == "'\\u202eevil\\x7f\\x9b'"
    assert escape_controls("plain text") == "plain text"


@pytest.mark.parametrize("text, value", [("42", 42), ("-5", -5), (" +3 ", 3), ("0", 0)])
def test_whole_numbers_in_ascii_digits(text: str, value: int) -> None:
    assert parse_whole_number(text) == value


@pytest.mark.parametrize("text", ["1_000", "١٢", "４２", "4.0", "", "-", "abc", "1e3", "²"])
def test_what_int_would_take_or_round_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a whole number"):
        parse_whole_number(text)
