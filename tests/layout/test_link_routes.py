"""Dotted ``serves`` lines run around the cards between their ends, each source on its own track."""

from __future__ import annotations

import contextlib
import dataclasses
import random
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.io.templates import load_template
from orgdesigner.layout import LayoutOptions, Placement, layout, route_links
from orgdesigner.layout.routing import segment_meets_box
from orgdesigner.model import Link, Organization
from tests.layout.test_tidy_layout import _on_border, trees
from tests.layout.trees import org_from_parents


def _ends(pl: Placement, source: str, target: str) -> tuple[int, int]:
    s, t = pl.number(source), pl.number(target)
    assert s is not None and t is not None
    return s, t


def _crosses(pl: Placement, points: tuple[tuple[float, float], ...], ends: tuple[int, int]) -> bool:
    """Brute force: does any piece of the line pass through a card (its own two only inside)?"""
    for start, end in pairwise(points):
        for i in pl.order:
            pad = -0.5 if i in ends else 0.0
            box = (pl.xs[i] - pad, pl.ys[i] - pad, pl.xs[i] + pl.card_width + pad, pl.ys[i] + pl.heights[i] + pad)
            if segment_meets_box(start, end, box):
                return True
    return False


def _check_links(pl: Placement) -> None:
    for link in route_links(pl):
        s, t = _ends(pl, link.source, link.target)
        points = link.points
        assert _on_border(pl.rect(s), points[0]) and _on_border(pl.rect(t), points[-1])
        if len(points) > 2:  # a route: it crosses no card and stays on the chart
            assert not _crosses(pl, points, (s, t)), (link.source, link.target, points)
            assert all(0 <= x <= pl.width and 0 <= y <= pl.height for x, y in points)
            assert all(x1 == x2 or y1 == y2 for (x1, y1), (x2, y2) in pairwise(points))


def _stretches(points: tuple[tuple[float, float], ...]) -> list[tuple[bool, float, float, float]]:
    out = []
    for (x1, y1), (x2, y2) in pairwise(points):
        if x1 == x2:
            out.append((True, x1, min(y1, y2), max(y1, y2)))
        elif y1 == y2:
            out.append((False, y1, min(x1, x2), max(x1, x2)))
    return out


def test_the_cross_functional_company_has_every_line_clear_of_cards() -> None:
    org = load_template("mlops-cross-functional")
    assert len(org.links) >= 5
    for orientation in ("top-down", "left-right"):
        pl = layout(org, LayoutOptions(orientation=orientation))
        _check_links(pl)
        for link in route_links(pl):  # on this chart every line finds a clear way
            assert not _crosses(pl, link.points, _ends(pl, link.source, link.target)), link
        # Lines from different teams never run along each other.
        runs = [(link.source, piece) for link in route_links(pl) for piece in _stretches(link.points)]
        for k, (owner, (vertical, at, lo, hi)) in enumerate(runs):
            for other, (v2, at2, lo2, hi2) in runs[k + 1 :]:
                if other != owner and v2 == vertical and abs(at - at2) < 1:
                    assert min(hi, hi2) - max(lo, lo2) <= 1, (owner, other)


def test_a_line_along_a_row_goes_around_the_cards_between() -> None:
    # Root with six teams in a row (compact stacking off): team 1 serves team 6.
    org = org_from_parents([-1] + [0] * 6)
    org.add_link(Link(source="n1", target="n6"))
    pl = layout(org, LayoutOptions(compact_threshold=None))
    (link,) = route_links(pl)
    assert len(link.points) > 2
    top = min(pl.ys[i] for i in range(1, 7))
    assert all(y < top for _, y in link.points[1:-1])  # over the row, under the reporting lines
    assert all(y > pl.ys[0] + pl.heights[0] for _, y in link.points)
    _check_links(pl)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parents=trees(), seed=st.integers(0, 10_000), orientation=st.sampled_from(["top-down", "left-right"]))
def test_routes_never_cross_a_card(parents: list[int], seed: int, orientation: str) -> None:
    org: Organization = org_from_parents(parents)
    teams = [nid for nid in org.iter_preorder() if org.node(nid).kind == "team"]
    rng = random.Random(seed)
    for _ in range(min(6, len(teams))):
        a, b = rng.sample(teams, 2) if len(teams) >= 2 else (teams[0], teams[0])
        if a != b:
            with contextlib.suppress(ValueError):  # a link the model refuses (a duplicate)
                org.add_link(Link(source=a, target=b))
    opts = LayoutOptions(orientation=orientation, compact_threshold=rng.choice([None, 3, 6]))
    pl = layout(org, opts)
    _check_links(pl)
    again = layout(org, opts)
    assert [link.points for link in route_links(again)] == [link.points for link in route_links(pl)]


def test_segment_meets_box_counts_passing_through_not_touching() -> None:
    box = (0.0, 0.0, 10.0, 10.0)
    assert segment_meets_box((-5, 5), (15, 5), box)
    assert segment_meets_box((-5, -5), (15, 15), box)
    assert segment_meets_box((5, 5), (6, 6), box)  # inside
    assert not segment_meets_box((-5, 10), (15, 10), box)  # along the edge
    assert not segment_meets_box((10, 5), (20, 5), box)  # leaving from the border
    assert not segment_meets_box((-5, 12), (15, 30), box)


def test_the_placement_is_a_result_that_routing_leaves_alone() -> None:
    """Routing reads the placement and keeps its own budget: asking twice, or asking for the
    cards under a line in between, gives the same lines; a placement's fields cannot be set."""
    org = load_template("mlops-cross-functional")
    pl = layout(org)
    first = route_links(pl)
    xs, order = pl.xs, pl.order
    assert any(len(link.points) > 2 for link in first)  # some lines are routed, not straight
    for x in range(0, int(pl.width), 37):
        pl.node_at(x, pl.height / 2)
    assert route_links(pl) == first
    assert (pl.xs, pl.order) == (xs, order)
    with pytest.raises(dataclasses.FrozenInstanceError):
        pl.width = 1.0  # type: ignore[misc]
    # A spent budget draws the lines straight (the same every time), and spends nothing of the next call's.
    straight = route_links(pl, budget=0)
    assert all(len(link.points) == 2 for link in straight) and straight == route_links(pl, budget=0)
    assert [(line.source, line.target) for line in straight] == [(line.source, line.target) for line in first]
    assert route_links(pl) == first
