"""The tidy tree: no overlaps, parents centred, order kept, deterministic, deep chains."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.layout import LayoutOptions, layout, org_arrays, route_links
from tests.layout.trees import org_from_parents, overlapping_pairs
from tests.synthetic import SHAPES, make_chain, make_org


@st.composite
def trees(draw: st.DrawFn) -> list[int]:
    n = draw(st.integers(1, 70))
    style = draw(st.sampled_from(["random", "bushy", "chainy"]))
    parents = [-1]
    for i in range(1, n):
        if style == "chainy":
            parents.append(draw(st.integers(max(0, i - 3), i - 1)))
        elif style == "bushy":
            parents.append(draw(st.integers(0, min(i - 1, 4))))
        else:
            parents.append(draw(st.integers(0, i - 1)))
    return parents


@st.composite
def options(draw: st.DrawFn, n: int) -> LayoutOptions:
    collapsed = draw(st.frozensets(st.integers(0, n - 1), max_size=4))
    return LayoutOptions(
        orientation=draw(st.sampled_from(["top-down", "left-right"])),
        collapse_depth=draw(st.none() | st.integers(0, 4)),
        collapsed=frozenset(f"n{i}" for i in collapsed),
        compact_threshold=draw(st.none() | st.integers(1, 8)),
        compact_columns=draw(st.sampled_from([1, 2])),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_two_cards_overlap(data: st.DataObject) -> None:
    parents = data.draw(trees())
    opts = data.draw(options(len(parents)))
    pl = layout(org_from_parents(parents), opts)
    assert overlapping_pairs(pl) == []
    assert all(pl.xs[i] >= 0 and pl.xs[i] + pl.card_width <= pl.width for i in pl.order)
    assert all(pl.ys[i] >= 0 and pl.ys[i] + pl.heights[i] <= pl.height for i in pl.order)


def _breadth(pl, i: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    if pl.options.orientation == "top-down":
        return pl.xs[i], pl.xs[i] + pl.card_width
    return pl.ys[i], pl.ys[i] + pl.heights[i]


@settings(max_examples=200, deadline=None)
@given(parents=trees(), orientation=st.sampled_from(["top-down", "left-right"]))
def test_parents_centred_and_siblings_in_order(parents: list[int], orientation: str) -> None:
    pl = layout(org_from_parents(parents), LayoutOptions(orientation=orientation, compact_threshold=None))
    arr = pl.arrays
    for p in pl.order:
        kids = arr.kids[p]
        if not kids:
            continue
        low, high = _breadth(pl, p)
        first, last = _breadth(pl, kids[0])[0], _breadth(pl, kids[-1])[1]
        assert (low + high) / 2 == pytest.approx((first + last) / 2, abs=1e-6)
        starts = [_breadth(pl, c)[0] for c in kids]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
        depth_axis = pl.ys if orientation == "top-down" else pl.xs
        assert all(depth_axis[c] > depth_axis[p] for c in kids)


@pytest.mark.parametrize("shape", SHAPES)
def test_same_input_same_coordinates(shape: str) -> None:
    org = make_org(800, shape, links=10)
    a, b = layout(org), layout(org.copy())
    assert (a.xs, a.ys, a.width, a.height) == (b.xs, b.ys, b.width, b.height)
    assert overlapping_pairs(a) == []


@pytest.mark.parametrize("depth", [5_000, 10_000])
def test_deep_chain_lays_out(depth: int) -> None:
    org = make_chain(depth)
    start = time.perf_counter()
    pl = layout(org, LayoutOptions(orientation="left-right"))
    assert time.perf_counter() - start < 5
    assert len(pl) == depth + 1
    xs = [pl.xs[i] for i in pl.order]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert len({pl.ys[i] for i in pl.order}) == 1
    assert len(pl.edges()) == depth


def test_leaves_stack_in_two_columns_under_their_parent() -> None:
    org = org_from_parents([-1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0])
    pl = layout(org)
    leaves = [pl.number(f"n{i}") for i in range(2, 12)]
    assert len(pl.blocks) == 1
    xs = sorted({pl.xs[i] for i in leaves if i is not None})
    assert len(xs) == 2
    parent = pl.number("n1")
    assert parent is not None
    centre = pl.xs[parent] + pl.card_width / 2
    assert xs[0] + pl.card_width < centre < xs[1]
    rows = [pl.ys[i] for i in leaves if i is not None]
    assert rows == sorted(rows)
    assert overlapping_pairs(pl) == []
    flat = layout(org, LayoutOptions(compact_threshold=None))
    assert flat.width > pl.width and not flat.blocks


def test_collapsed_card_counts_what_it_hides() -> None:
    org = org_from_parents([-1, 0, 1, 1, 2, 0])
    pl = layout(org, LayoutOptions(collapsed=frozenset({"n1"})))
    assert pl.ids == ["n0", "n1", "n5"]
    box = pl.box_of("n1")
    assert box is not None and box.collapsed is not None
    teams = [org.node(f"n{i}") for i in (3, 4)]
    assert box.collapsed.teams == 2
    assert box.collapsed.headcount == sum(t.headcount for t in teams)  # type: ignore[union-attr]
    assert box.collapsed.nodes == 3
    assert box.lines[-1].role == "more" and "+2 teams" in box.lines[-1].text
    assert pl.box_of("n2") is None and pl.hidden_count == 3


def test_collapse_depth_hides_everything_below() -> None:
    org = make_org(500, "balanced")
    pl = layout(org, LayoutOptions(collapse_depth=1))
    arr = org_arrays(org)
    assert sorted(pl.order) == [i for i, d in enumerate(arr.depth) if d <= 1]
    assert len(pl) + pl.hidden_count == len(org)
    assert all(pl.box(i).collapsed for i in pl.order if arr.depth[i] == 1 and arr.kids[i])


def test_edges_are_orthogonal_and_join_their_cards() -> None:
    for orientation in ("top-down", "left-right"):
        pl = layout(make_org(300, "skewed"), LayoutOptions(orientation=orientation))
        for edge in pl.edges():
            parent, child = pl.box_of(edge.parent), pl.box_of(edge.child)
            assert parent is not None and child is not None
            for (x1, y1), (x2, y2) in zip(edge.points, edge.points[1:], strict=False):
                assert x1 == x2 or y1 == y2
            assert _on_border(parent.bounds, edge.points[0])
            assert _on_border(child.bounds, edge.points[-1])


def _on_border(b, pt) -> bool:  # type: ignore[no-untyped-def]
    x, y = pt
    inside = b.x - 1e-6 <= x <= b.right + 1e-6 and b.y - 1e-6 <= y <= b.bottom + 1e-6
    return inside and min(abs(x - b.x), abs(x - b.right), abs(y - b.y), abs(y - b.bottom)) < 1e-6


def test_node_at_finds_the_card_under_a_point() -> None:
    pl = layout(make_org(200, "random"))
    for i in pl.order[::7]:
        assert pl.node_at(pl.xs[i] + 5, pl.ys[i] + 5) == pl.arrays.ids[i]
    assert pl.node_at(-10, -10) is None


def test_links_end_on_card_borders_and_follow_collapsing() -> None:
    org = make_org(200, "balanced", links=20)
    pl = layout(org)
    assert len(route_links(pl)) == len(org.links)
    for link in route_links(pl):
        src, dst = pl.box_of(link.source), pl.box_of(link.target)
        assert src is not None and dst is not None
        assert _on_border(src.bounds, link.points[0]) and _on_border(dst.bounds, link.points[-1])
    folded = layout(org, LayoutOptions(collapse_depth=1))
    assert all(folded.number(link.source) is not None for link in route_links(folded))


def test_legend_lists_the_disciplines_shown() -> None:
    org = make_org(300, "wide")
    pl = layout(org)
    assert pl.legend is not None
    shown = {b.category for b in pl.boxes() if b.kind == "team"}
    assert {e.key for e in pl.legend.entries if e.kind == "discipline"} == shown
    assert all(e.short and e.color for e in pl.legend.entries)
    assert layout(org, LayoutOptions(show_legend=False)).legend is None


def test_empty_and_single_node_orgs() -> None:
    single = layout(org_from_parents([-1]))
    assert len(single) == 1 and single.edges() == [] and overlapping_pairs(single) == []


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_hidden_node_is_shown_by_the_collapsed_card_nearest_the_top(data: st.DataObject) -> None:
    parents = data.draw(trees())
    pl = layout(org_from_parents(parents), data.draw(options(len(parents))))
    parent = pl.arrays.parent
    for i in range(len(parents)):
        chain, k = [], i
        while k >= 0:
            chain.append(k)
            k = parent[k]
        folded = [k for k in chain if k in pl.collapsed]
        expected = folded[-1] if folded else i
        assert pl.card_of(i) == expected and pl.is_shown(expected)
