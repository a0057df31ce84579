"""The hand-off trace: owners, distances checked by hand, the least total, the tie rule,
unowned steps, and deep chains."""

from __future__ import annotations

import functools
import itertools
import random

import networkx as nx

from orgdesigner.analysis import Severity, analyse, build_index, relation_graph
from orgdesigner.analysis.handoffs import step_candidates
from orgdesigner.model import FlatNode, Organization, Team, load_catalogue
from tests.analysis.orgs import org_of, team, typical, unit
from tests.synthetic import make_chain


def _trace(org: Organization) -> list[tuple[str | None, int | None]]:
    return [(s.owner, s.distance) for s in analyse(org).handoffs.steps]


def test_typical_trace_distances_by_hand() -> None:
    report = analyse(typical())
    assert [(s.step, s.name) for s in report.handoffs.steps][:2] == [(1, "Business"), (2, "Product")]
    assert _trace(typical()) == [
        ("cto", None),
        ("pm", 2),
        ("de", 4),
        ("ds", 2),
        ("mlops", 2),
        ("mlops", 0),
        ("sre", 4),
        ("swe", 4),
    ]
    assert report.handoffs.total_distance == 18
    assert report.handoffs.unowned == ()


def test_ties_go_to_the_first_team_in_file_order() -> None:
    org = typical()
    org.add_node(Team(id="de2", name="Data Eng 2", discipline="data_engineering"), "data", 0)  # type: ignore[arg-type]
    assert _trace(org)[2] == ("de2", 4)
    org.move_node("de2", "data", 3)
    assert _trace(org)[2] == ("de", 4)


def test_the_least_total_beats_the_nearest_next_owner() -> None:
    # Greedy would take pm-near (1 edge from the top) and then walk 4 edges to the data
    # engineers; pm-far costs 2 but the data team reports to it: 3 in all.
    org = org_of(
        unit("top", None, "executive"),
        team("pm-near", "top", "product_management"),
        unit("x", "top", "data_ai"),
        team("pm-far", "x", "product_management"),
        team("de", "pm-far", "data_engineering"),
        target=2,
    )
    steps = analyse(org).handoffs.steps
    assert [(s.owner, s.distance) for s in steps[:3]] == [("top", None), ("pm-far", 2), ("de", 1)]
    assert analyse(org).handoffs.total_distance == 3


def test_an_unowned_step_is_an_error_and_the_trace_continues_from_the_last_owner() -> None:
    org = typical()
    org.remove_subtree("de")
    report = analyse(org)
    assert _trace(org)[1:4] == [("pm", 2), (None, None), ("ds", 4)]
    assert report.handoffs.unowned == (3,)
    assert report.handoffs.total_distance == 16
    step = next(s for s in report.handoffs.steps if s.step == 3)
    assert step.candidates == 0
    error = next(f for f in report.findings if f.code == "handoff.unowned")
    assert error.severity is Severity.ERROR
    assert "Step 3" in error.message and '"Build data pipelines"' in error.message
    assert "from Product Management" in error.message


def test_unowned_steps_are_expected_before_ml_in_production() -> None:
    org = org_of(unit("top", None, "executive"), team("an", "top", "analytics"), target=1)
    report = analyse(org)
    assert report.handoffs.unowned == (2, 3, 4, 5, 6, 7, 8)
    assert report.handoffs.total_distance == 0
    unowned = [f for f in report.findings if f.code == "handoff.unowned"]
    assert len(unowned) == 7 and all(f.severity is Severity.INFO for f in unowned)
    assert "expected" in unowned[0].message


def test_a_team_at_the_root_owns_the_business_step() -> None:
    org = org_of(
        team("solo", None, "mlops", responsibilities=["manage_model_deployments"]), team("sub", "solo", "data_science")
    )
    steps = analyse(org).handoffs.steps
    assert (steps[0].owner, steps[3].owner, steps[3].distance, steps[5].owner, steps[5].distance) == (
        "solo",
        "sub",
        1,
        "solo",
        1,
    )


def test_an_empty_org_has_every_step_unowned() -> None:
    report = analyse(Organization("Empty"))
    assert report.handoffs.unowned == tuple(range(1, 9))
    assert report.maturity.stage == 1


def test_a_5000_level_chain_completes_with_the_right_distances() -> None:
    depth = 5000
    flat = [FlatNode(unit("c0", None, "executive").node, None)]
    flat += [FlatNode(unit(f"c{i}", None, "other").node, f"c{i - 1}") for i in range(1, depth)]
    placed = {
        "pm": (999, "product_management"),
        "de": (1999, "data_engineering"),
        "ds": (2999, "data_science"),
        "mle": (3999, "ml_engineering"),
        "mlops": (4499, "mlops"),
        "sre": (4999, "devops_sre"),
        "swe": (0, "software_engineering"),
    }
    flat += [team(tid, f"c{at}", d) for tid, (at, d) in placed.items()]
    org = Organization.from_flat("Deep", 4, flat)
    report = analyse(org)
    assert _trace(org) == [
        ("c0", None),
        ("pm", 1000),
        ("de", 1002),
        ("ds", 1002),
        ("mle", 1002),
        ("mlops", 502),
        ("sre", 502),
        ("swe", 5001),
    ]
    assert report.handoffs.total_distance == 10011
    assert report.structure.headcount["c0"] == 7 * 4


def test_the_synthetic_10000_level_chain_needs_no_recursion() -> None:
    report = analyse(make_chain(10_000))
    assert report.handoffs.steps[5].owner == "c10000"
    assert report.handoffs.steps[5].distance == 10_000
    assert report.placement.kind.value == "cross_functional"


def _brute_force(org: Organization) -> tuple[list[str | None], int]:
    """Every assignment, tree distances from networkx; ties: the first in file order, step by step."""
    index = build_index(org)
    tree = nx.Graph()
    tree.add_nodes_from(index.ids)
    tree.add_edges_from((u, v) for u, v, k in relation_graph(org).edges(keys=True) if k == "reports_to")
    layers = [step_candidates(index, s) for s in load_catalogue().flow]
    owned = [layer for layer in layers if layer]
    best: tuple[int, tuple[int, ...]] | None = None
    for combo in itertools.product(*owned):
        total = sum(nx.shortest_path_length(tree, index.ids[a], index.ids[b]) for a, b in itertools.pairwise(combo))
        if best is None or (total, combo) < best:
            best = (total, combo)
    assert best is not None
    it = iter(best[1])
    return [index.ids[next(it)] if layer else None for layer in layers], best[0]


def _random_org(rng: random.Random) -> Organization:
    cat = load_catalogue()
    flow_resps = [s.responsibility for s in cat.flow if s.responsibility]
    flat = [unit("n0", None, "executive")]
    for i in range(1, rng.randint(6, 22)):
        parent = f"n{rng.randrange(i)}"
        if rng.random() < 0.3:
            flat.append(unit(f"n{i}", parent, rng.choice(["platform", "data_ai", "product", "other"])))
        else:
            owned = rng.sample(flow_resps, rng.randint(0, 3))
            flat.append(team(f"n{i}", parent, "software_engineering", responsibilities=owned))
    return org_of(*flat, target=3)


def test_the_trace_matches_brute_force_on_random_small_orgs() -> None:
    rng = random.Random(7)
    checked = 0
    while checked < 60:
        org = _random_org(rng)
        index = build_index(org)
        sizes = [len(step_candidates(index, s)) or 1 for s in load_catalogue().flow]
        if sizes and max(sizes) > 1 and _product(sizes) <= 3000:
            owners, total = _brute_force(org)
            report = analyse(org)
            assert [s.owner for s in report.handoffs.steps] == owners
            assert report.handoffs.total_distance == total
            checked += 1


def _product(sizes: list[int]) -> int:
    out = 1
    for s in sizes:
        out *= s
    return out


def test_thousands_of_candidates_per_step_stay_quick_and_exact() -> None:
    flat = [unit("top", None, "executive")]
    rng = random.Random(3)
    for i in range(1, 4000):
        parent = f"n{rng.randrange(max(1, i - 30), i)}" if i > 1 else "top"
        d = rng.choice(["data_engineering", "data_science", "product_management", "mlops"])
        flat.append(team(f"n{i}", parent if parent != "n0" else "top", d))
    org = org_of(*flat)
    report = analyse(org)
    steps = report.handoffs.steps
    assert steps[1].candidates > 500 and steps[2].candidates > 500
    graph = relation_graph(org).to_undirected()
    hops = [
        nx.shortest_path_length(graph, a.owner, b.owner) for a, b in itertools.pairwise(s for s in steps if s.owner)
    ]
    assert [s.distance for s in steps if s.owner][1:] == hops
    assert report.handoffs.total_distance == sum(hops)


def test_many_candidates_match_a_pairwise_viterbi() -> None:
    rng = random.Random(11)
    flat = [unit("n0", None, "executive")]
    for i in range(1, 700):
        parent = f"n{rng.randrange(max(0, i - 12), i)}"
        if rng.random() < 0.15:
            flat.append(unit(f"n{i}", parent, "other"))
        else:
            flat.append(
                team(
                    f"n{i}",
                    parent,
                    rng.choice(["data_engineering", "data_science", "product_management", "mlops", "devops_sre"]),
                )
            )
    org = org_of(*flat)
    index = build_index(org)
    layers = [c for c in (step_candidates(index, s) for s in load_catalogue().flow) if c]
    assert max(len(c) for c in layers) > 100
    tree = relation_graph(org).to_undirected()
    everyone: set[int] = set().union(*layers)
    dist = {c: nx.single_source_shortest_path_length(tree, index.ids[c]) for c in everyone}
    cost = dict.fromkeys(layers[-1], 0)
    nexts: list[dict[int, int]] = []

    def via(c: int, d: int) -> tuple[int, int]:
        return dist[c][index.ids[d]] + cost[d], d

    for layer, after in zip(reversed(layers[:-1]), reversed(layers[1:]), strict=True):
        best = {c: min(after, key=functools.partial(via, c)) for c in layer}
        cost = {c: via(c, best[c])[0] for c in layer}
        nexts.insert(0, best)
    chosen = [min(layers[0], key=lambda c: (cost[c], c))]
    for best in nexts:
        chosen.append(best[chosen[-1]])
    report = analyse(org)
    assert [s.owner for s in report.handoffs.steps if s.owner] == [index.ids[c] for c in chosen]
    assert report.handoffs.total_distance == cost[chosen[0]]
