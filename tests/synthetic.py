"""Synthetic orgs for tests and benchmarks: five shapes, any size, a fixed seed."""

from __future__ import annotations

import random
from collections.abc import Callable

from orgdesigner.model import Discipline, FlatNode, Link, Organization, Structure, Team, Unit

SHAPES = ("balanced", "wide", "deep", "skewed", "random")
_DISCIPLINES = list(Discipline)
_STRUCTURES = [s for s in Structure if s is not Structure.EXECUTIVE]


def _parents_balanced(n: int, rng: random.Random) -> list[int]:
    parents = [-1]
    frontier = [0]
    i = 0
    while len(parents) < n:
        p = frontier[i]
        i += 1
        for _ in range(rng.randint(3, 12)):
            if len(parents) >= n:
                break
            parents.append(p)
            frontier.append(len(parents) - 1)
    return parents


def _parents_wide(n: int, rng: random.Random) -> list[int]:
    # A root with ~sqrt(n) heads, each with a flat list of teams.
    heads = max(1, int(n**0.5))
    parents = [-1] + [0] * min(heads, n - 1)
    while len(parents) < n:
        parents.append(rng.randint(1, heads))
    return parents


def _parents_deep(n: int, rng: random.Random) -> list[int]:
    # Long chains with occasional side branches.
    parents = [-1]
    for i in range(1, n):
        parents.append(i - 1 if rng.random() < 0.9 else rng.randint(max(0, i - 50), i - 1))
    return parents


def _parents_skewed(n: int, rng: random.Random) -> list[int]:
    # Preferential attachment: a few nodes get most children.
    parents = [-1]
    weights = [1]
    for i in range(1, n):
        p = rng.choices(range(i), weights=weights)[0] if i < 2000 else rng.choice([*parents[1:], 0])
        parents.append(max(p, 0))
        weights[p if p >= 0 else 0] += 1
        weights.append(1)
    return parents


def _parents_random(n: int, rng: random.Random) -> list[int]:
    return [-1] + [rng.randrange(i) for i in range(1, n)]


_SHAPE_FUNCS: dict[str, Callable[[int, random.Random], list[int]]] = {
    "balanced": _parents_balanced,
    "wide": _parents_wide,
    "deep": _parents_deep,
    "skewed": _parents_skewed,
    "random": _parents_random,
}


def make_org(n: int, shape: str = "balanced", seed: int = 1, links: int = 0) -> Organization:
    """An org of ``n`` nodes: nodes with children are units, leaves are teams."""
    rng = random.Random(f"{shape}-{n}-{seed}")
    parents = _SHAPE_FUNCS[shape](n, rng)
    has_child = [False] * n
    for p in parents[1:]:
        has_child[p] = True
    flat = []
    for i, p in enumerate(parents):
        nid = f"n{i}"
        if i == 0:
            node: Unit | Team = Unit(id=nid, name="Executive", structure=Structure.EXECUTIVE)
        elif has_child[i]:
            node = Unit(id=nid, name=f"Unit {i}", structure=rng.choice(_STRUCTURES), lead=f"Lead {i}")
        else:
            node = Team(
                id=nid,
                name=f"Team {i} {rng.choice(['Alpha', 'Beta', 'Gamma data platform'])}",
                discipline=rng.choice(_DISCIPLINES),
                headcount=rng.randint(0, 12),
            )
        flat.append(FlatNode(node, None if p < 0 else f"n{p}"))
    org = Organization.from_flat(f"Synthetic {shape} {n}", 4, flat)
    teams = [f.node.id for f in flat if isinstance(f.node, Team)]
    made = 0
    for _ in range(links * 3):
        if made >= links or len(teams) < 2:
            break
        a, b = rng.sample(teams, 2)
        try:
            org.add_link(Link(source=a, target=b))
            made += 1
        except ValueError:
            pass
    return org


def make_chain(depth: int) -> Organization:
    """A reporting chain ``depth`` levels deep (units all the way, a team at the bottom)."""
    flat = [FlatNode(Unit(id="c0", name="Level 0", structure=Structure.EXECUTIVE), None)]
    for i in range(1, depth):
        flat.append(FlatNode(Unit(id=f"c{i}", name=f"Level {i}", structure=Structure.OTHER), f"c{i - 1}"))
    flat.append(
        FlatNode(Team(id=f"c{depth}", name="Bottom team", discipline=Discipline.MLOPS, headcount=2), f"c{depth - 1}")
    )
    return Organization.from_flat(f"Chain {depth}", 4, flat)
