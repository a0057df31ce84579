"""The text helpers every message and field goes through: values echoed short and inert,
whole numbers in ASCII digits only."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesigner.model import Unit
from orgdesigner.model.text import (
    SHOWN_MAX,
    check_id,
    check_name,
    check_text,
    escape_controls,
    has_visible,
    parse_decimal_number,
    parse_whole_number,
    shown,
)


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


# The rules for ids, names and free text -----------------------------------------------------


@pytest.mark.parametrize("value", ["a\n", "a\r\n", "\na", "a b", "", "x" * 65, "ä", "a\x00"])
def test_an_id_must_match_the_rule_as_a_whole(value: str) -> None:
    with pytest.raises(ValueError, match="must be 1-64 characters"):
        check_id(value)


def test_an_id_message_echoes_a_huge_value_short() -> None:
    with pytest.raises(ValueError) as info:
        check_id("x" * 20_000_000 + "\n")
    assert len(str(info.value)) < 200


@pytest.mark.parametrize(
    "value, problem",
    [
        ("del\x7f", "control character U+007F"),
        ("next\x85line", "control character U+0085"),
        ("\x9b2J", "control character U+009B"),
        ("\u202eevil\u202c", "bidirectional control U+202E"),
        ("a\u2066b", "bidirectional control U+2066"),
        ("a\u2028b", "line break or tab (U+2028)"),
        ("\u200b\u200d\u2060\ufeff", "shows nothing"),
        ("\u3164\u2800 \u115f", "shows nothing"),
        ("\u0301\u0302", "shows nothing"),
        ("\u00a0\u2003", "must not be empty"),
    ],
)
def test_names_refuse_controls_reordering_and_invisible_text(value: str, problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        check_name(value)


@pytest.mark.parametrize(
    "value", ["مرحبا", "\u200fRTL mark\u200e", "👩\u200d💻", "Zoë", "e\u0301", "\u200bZ", "데이터 팀", "🇪🇺"]
)
def test_names_in_any_script_and_with_marks_are_kept(value: str) -> None:
    assert check_name(value) == value


def test_notes_may_break_lines_but_not_hold_controls_or_overrides() -> None:
    assert check_text("one\ntwo\u2028three\tfour", "notes", 100, multiline=True)
    for bad in ("\x85", "\x7f", "\u202d", "\u2069"):
        with pytest.raises(ValueError):
            check_text(f"a{bad}b", "notes", 100, multiline=True)


def test_a_lead_of_only_invisible_characters_is_no_lead() -> None:
    assert Unit(id="u", name="U", lead="\u200b\u2060").lead is None
    assert Unit(id="u", name="U", lead="  ").lead is None
    with pytest.raises(ValueError, match=r"U\+202E"):
        Unit(id="u", name="U", lead="\u202eAna")


@given(st.text(max_size=30))
def test_an_accepted_name_is_one_visible_line_without_controls(value: str) -> None:
    try:
        check_name(value)
    except ValueError:
        return
    assert escape_controls(value) == value  # nothing a terminal would act on
    assert has_visible(value) and "\n" not in value and "\u2028" not in value


@pytest.mark.parametrize("text, value", [("2", 2.0), ("0.5", 0.5), (" -1.25 ", -1.25), (".5", 0.5), ("3.", 3.0)])
def test_decimal_numbers_in_ascii_digits(text: str, value: float) -> None:
    assert parse_decimal_number(text) == value


@pytest.mark.parametrize("text", ["1_0", "١٢", "４", "1e3", "nan", "inf", "-", ".", "", "1.2.3", "0x10", "1,5"])
def test_what_float_would_take_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_decimal_number(text)
