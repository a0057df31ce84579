"""Small orgs built from parent lists, and checks every placement must pass."""

from __future__ import annotations

from orgdesigner.layout import Placement
from orgdesigner.model import Discipline, FlatNode, Organization, Structure, Team, Unit

DISCIPLINES = list(Discipline)


def org_from_parents(parents: list[int], name: str = "Test org") -> Organization:
    """Node i has parent ``parents[i]`` (-1 for the root, which must be node 0); nodes with
    children are units, the others teams."""
    has_child = {p for p in parents if p >= 0}
    flat = []
    for i, p in enumerate(parents):
        nid = f"n{i}"
        if i in has_child or i == 0:
            node: Unit | Team = Unit(id=nid, name=f"Unit {i}", structure=Structure.OTHER, lead=f"Lead {i}")
        else:
            node = Team(id=nid, name=f"Team {i} " + "x" * (i % 23), discipline=DISCIPLINES[i % 9], headcount=i % 7)
        flat.append(FlatNode(node, None if p < 0 else f"n{p}"))
    return Organization.from_flat(name, 4, flat)


def overlapping_pairs(pl: Placement) -> list[tuple[str, str]]:
    """Pairs of shown cards whose rectangles share any area (a sweep over x)."""
    ids = pl.arrays.ids
    boxes = sorted((pl.xs[i], pl.xs[i] + pl.card_width, pl.ys[i], pl.ys[i] + pl.heights[i], i) for i in pl.order)
    out = []
    active: list[tuple[float, float, float, float, int]] = []
    for box in boxes:
        x0, _, y0, y1, i = box
        active = [a for a in active if a[1] > x0 + 1e-6]
        for a in active:
            if a[2] < y1 - 1e-6 and y0 < a[3] - 1e-6:
                out.append((ids[a[4]], ids[i]))
        active.append(box)
    return out
