"""The reporting lines drawn as shared segments: every edge covered, no stretch drawn twice."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.layout import LayoutOptions, Placement, connector_segments, layout
from tests.layout.test_tidy_layout import options, trees
from tests.layout.trees import org_from_parents
from tests.synthetic import make_chain, make_org

EPS = 1e-6
Lines = dict[tuple[str, float], list[tuple[float, float]]]


def _by_line(pieces: list[tuple[float, float, float, float]]) -> Lines:
    """Axis-aligned pieces grouped by the line they lie on: ('v', x) or ('h', y) -> intervals."""
    out: Lines = defaultdict(list)
    for x1, y1, x2, y2 in pieces:
        assert abs(x1 - x2) < EPS or abs(y1 - y2) < EPS, "segments are horizontal or vertical"
        if abs(x1 - x2) < EPS and abs(y1 - y2) < EPS:
            continue
        if abs(x1 - x2) < EPS:
            out[("v", round(x1, 3))].append((min(y1, y2), max(y1, y2)))
        else:
            out[("h", round(y1, 3))].append((min(x1, x2), max(x1, x2)))
    return out


def _covered(intervals: list[tuple[float, float]], lo: float, hi: float) -> bool:
    reach = lo
    for a, b in sorted(intervals):
        if a > reach + 0.01:
            break
        reach = max(reach, b)
    return reach >= hi - 0.01


def _check(pl: Placement) -> None:
    segments = connector_segments(pl)
    drawn = _by_line(segments)
    assert all(abs(x1 - x2) + abs(y1 - y2) > EPS for x1, y1, x2, y2 in segments), "no empty segments"
    for intervals in drawn.values():
        ordered = sorted(intervals)
        for (_, b), (c, _) in pairwise(ordered):
            assert c >= b - 0.01, "a stretch is drawn twice"
    ids = pl.arrays.ids
    for edge in pl.edges():
        pts = edge.points
        pieces = [(*a, *b) for a, b in pairwise(pts)]
        for line, intervals in _by_line(pieces).items():
            for lo, hi in intervals:
                assert _covered(drawn.get(line, []), lo, hi), f"{edge.parent}->{edge.child} not drawn on {line}"
    # Every segment belongs to some edge: nothing is drawn that is not a reporting line.
    edge_lines = _by_line([(*a, *b) for e in pl.edges() for a, b in pairwise(e.points)])
    for line, intervals in drawn.items():
        for lo, hi in intervals:
            assert _covered(edge_lines.get(line, []), lo, hi), f"stray segment on {line} ({ids[0]})"


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_segments_draw_exactly_the_reporting_lines(data: st.DataObject) -> None:
    parents = data.draw(trees())
    opts = data.draw(options(len(parents)))
    _check(layout(org_from_parents(parents), opts))


def test_synthetic_shapes_and_chains_in_both_orientations() -> None:
    for orientation in ("top-down", "left-right"):
        opts = LayoutOptions(orientation=orientation)
        for shape in ("balanced", "wide", "deep", "skewed", "random"):
            _check(layout(make_org(400, shape), opts))
        _check(layout(make_chain(60), opts))


def test_a_chain_is_one_line_per_card_and_a_stack_row_one_line() -> None:
    chain = layout(make_chain(50))
    assert len(connector_segments(chain)) == 50  # stem and drop joined: one line per reporting line
    wide = layout(org_from_parents([-1] + [0] * 12), LayoutOptions(compact_columns=2))
    # spine drop from the bus region + one line per row of two (6 rows); no bus for one block
    assert len(connector_segments(wide)) == 1 + 6
