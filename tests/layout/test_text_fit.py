"""Card text: wrapped to fit by the width table, cut with an ellipsis, never wider than its room."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.layout import ELLIPSIS, TEXT_STYLES, LayoutOptions, fit_line, fit_lines, layout, text_width
from orgdesigner.layout.arrays import OrgArrays
from orgdesigner.layout.text_fit import char_units, display_text

WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=300)


@settings(max_examples=400, deadline=None)
@given(text=WORDS, width=st.floats(40, 400), lines=st.integers(1, 4))
def test_every_line_fits_its_width(text: str, width: float, lines: int) -> None:
    out = fit_lines(text, width, 12, lines)
    assert 1 <= len(out) <= lines
    for line in out:
        assert text_width(line, 12) <= width + 1e-9


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="abc defghij KLMNOP", min_size=1, max_size=120))
def test_nothing_is_lost_unless_an_ellipsis_says_so(text: str) -> None:
    out = fit_lines(text, 120, 12, 3)
    joined = " ".join(out)
    if out[-1].endswith(ELLIPSIS):
        assert len(joined) <= len(display_text(text)) + 2
    else:
        assert joined.replace(" ", "") == display_text(text).replace(" ", "")


def test_words_wrap_at_spaces_and_long_words_break() -> None:
    assert fit_lines("Data Engineering Platform", 130, 12, 2) == ("Data Engineering", "Platform")
    long_word = fit_lines("Supercalifragilisticexpialidocious", 100, 12, 3)
    assert len(long_word) > 1 and all(text_width(x, 12) <= 100 for x in long_word)
    assert fit_line("x" * 10_000, 160, 12).endswith(ELLIPSIS)
    assert fit_lines("  spaced   out  ", 400, 12, 1) == ("spaced out",)


def test_unknown_and_wide_characters_count_wide() -> None:
    assert char_units("漢") >= 128 and char_units("😀") > 128 and char_units("\u0301") == 0
    assert text_width("WWW", 12) > text_width("iii", 12)


def test_cards_never_hold_text_wider_than_their_room() -> None:
    names = ["<script>alert(1)</script>", "W" * 10_000, "Ünïcødé Déjà vu " * 30, "漢字" * 500, "😀" * 300]
    arrays = OrgArrays(
        "Wide names",
        ids=[f"n{i}" for i in range(len(names))],
        parent=[-1] + [0] * (len(names) - 1),
        kids=[list(range(1, len(names)))] + [[]] * 4,
        depth=[0, 1, 1, 1, 1],
        is_team=[False, True, True, True, True],
        category=[9, 0, 1, 2, 3],
        headcount=[0, 999_999, 1, 2, 3],
        names=names,
        leads=["L" * 10_000, None, "Ada", None, "x" * 5000],
    )
    for orientation in ("top-down", "left-right"):
        pl = layout(arrays, LayoutOptions(orientation=orientation))
        for box in pl.boxes():
            for line in box.lines:
                size = TEXT_STYLES[line.role][0]
                assert line.x + text_width(line.text, size) <= box.w - line.x + 1e-9
                assert 0 < line.y < box.h
