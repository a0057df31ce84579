"""Comparing two orgs: changes matched by node id, findings matched by what they are about, key
figures with deltas. The expected answers are worked out by hand from the seed's typical chart
(tests/analysis/orgs.py gives its tree distances)."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.analysis import Severity, analyse
from orgdesigner.analysis.compare import compare_orgs, findings_delta
from orgdesigner.analysis.diff import diff_orgs
from orgdesigner.analysis.figures import key_figures
from orgdesigner.export.compare_common import sentence
from orgdesigner.model import EditRefused, Link, Organization, Team, Unit
from tests.analysis.orgs import typical
from tests.reliability.strategies import orgs


def test_an_org_compared_with_itself_changes_nothing() -> None:
    org = typical()
    c = compare_orgs(org, org.copy())
    assert not c.changes and c.new == () and c.resolved == ()
    assert all(m.delta in (0, None) for m in c.metrics().values() if not isinstance(m, dict)) and c.base == c.other


def test_moving_mlops_under_platform_by_hand() -> None:
    base = typical()
    other = base.copy()
    other.move_node("mlops", "platform")
    c = compare_orgs(base, other)
    assert [(m.node, m.old_parent, m.new_parent) for m in c.changes.moved] == [("mlops", "data", "platform")]
    assert not (c.changes.added or c.changes.removed or c.changes.renamed or c.changes.fields)
    # The placement finding is about the placement: the old one is resolved, a new one opens.
    assert [(f.code, f.about) for f in c.new] == [("mlops.placement", "platform")]
    assert [(f.code, f.about) for f in c.resolved] == [("mlops.placement", "data_ai")]
    m = c.metrics()
    assert (m["mlops_structure"].base, m["mlops_structure"].other) == ("data_ai", "platform")
    # Hand-worked hops: ds -> mlops was 2 (siblings), now ds-data-cto-platform-mlops = 4;
    # mlops -> sre was 4, now 2 (siblings); the total stays 18.
    assert (m["step_distance"]["5"].base, m["step_distance"]["5"].other) == (2, 4)
    assert (m["step_distance"]["7"].base, m["step_distance"]["7"].delta) == (4, -2)
    assert (m["total_distance"].base, m["total_distance"].other, m["total_distance"].delta) == (18, 18, 0)
    assert {k: (v.base, v.other) for k, v in m["headcount"].items()} == {
        "platform": (6, 10),
        "data_ai": (16, 12),
        "product": (14, 14),
    }
    assert not c.new_at_least(Severity.WARNING)


def test_removing_data_engineering_by_hand() -> None:
    base = typical()
    other = base.copy()
    other.remove_subtree("de")
    c = compare_orgs(base, other)
    assert [(r.node, r.parent) for r in c.changes.removed] == [("de", "data")]
    new = Counter((f.severity.value, f.code) for f in c.new)
    # Stage 2 needs storage, pipelines and dashboards: nobody owns them now (the data scientists
    # still query databases, so stage 1 holds). Quality and transformation were required only
    # because a data engineering team was on the chart.
    assert sorted(f.about for f in c.new if f.code == "coverage.gap") == [
        "bi_dashboards",
        "build_data_pipelines",
        "manage_data_storage",
    ]
    assert new == {
        ("error", "coverage.gap"): 3,
        ("error", "handoff.unowned"): 1,  # step 3
        ("warning", "dependency.missing"): 2,  # MLOps and Data Science lose their data
        ("warning", "maturity.below_target"): 1,
        ("info", "staffing.suggestion"): 2,  # data engineering, and analytics for the dashboards
    }
    assert [f.code for f in c.resolved] == ["maturity.at_target"]
    m = c.metrics()
    assert (m["stage"].base, m["stage"].other, m["stage"].delta) == (4, 1, -3)
    # Step 3 has no owner: step 4 is reached from product management, pm-product-cto-data-ds = 4.
    assert m["step_distance"]["3"].other is None and m["step_distance"]["3"].delta is None
    assert m["step_distance"]["4"].other == 4
    assert (m["total_distance"].other, m["total_distance"].delta) == (16, -2)
    assert (m["gaps"].delta, m["errors"].delta, m["warnings"].delta) == (3, 4, 3)
    assert len(c.new_at_least(Severity.ERROR)) == 4


def test_every_kind_of_structural_change() -> None:
    base = typical()
    other = base.copy()
    other.set_target_stage(5)
    other.rename("sre", "Site Reliability")
    other.set_fields("ds", headcount=9, lead="Ada")
    other.set_fields("mlops", responsibilities=("ml_ci_cd",))
    other.set_fields("data", structure="cross_functional")
    other.add_node(Team(id="ae", name="AI Engineering", discipline="ai_engineering", headcount=3), "product")  # type: ignore[arg-type]
    other.add_node(Unit(id="lab", name="Lab"), "cto")
    other.move_node("pm", "lab")
    other.add_link(Link(source="mlops", target="swe"))
    base.add_link(Link(source="sre", target="data"))
    c = diff_orgs(base, other)
    assert [(a.node, a.kind, a.parent) for a in c.added] == [("ae", "team", "product"), ("lab", "unit", "cto")]
    assert c.removed == ()
    assert [(m.node, m.old_parent, m.new_parent) for m in c.moved] == [("pm", "product", "lab")]
    assert [(r.node, r.old, r.new) for r in c.renamed] == [("sre", "DevOps / SRE", "Site Reliability")]
    assert [(f.node, f.field, f.base, f.other) for f in c.fields] == [
        (None, "target_stage", 4, 5),
        ("data", "structure", "data_ai", "cross_functional"),
        ("ds", "headcount", 7, 9),
        ("ds", "lead", None, "Ada"),
        ("mlops", "responsibilities", list(base.node("mlops").responsibilities or ()), ["ml_ci_cd"]),
    ]
    assert c.links_added == (Link(source="mlops", target="swe"),)
    assert c.links_removed == (Link(source="sre", target="data"),)
    back = diff_orgs(other, base)
    assert [a.node for a in back.removed] == ["ae", "lab"] and back.added == ()


def test_a_kind_change_lists_the_fields_that_come_and_go() -> None:
    base = typical()
    other = base.copy()
    other.set_fields("swe", kind="unit", structure="product")
    fields = {f.field: (f.base, f.other) for f in diff_orgs(base, other).fields}
    assert fields == {
        "kind": ("team", "unit"),
        "structure": (None, "product"),
        "discipline": ("software_engineering", None),
        "headcount": (12, None),
    }


def test_findings_are_matched_by_what_they_are_about_not_their_wording() -> None:
    base = typical()
    base.remove_subtree("de")
    other = base.copy()
    # Another data science team: the gap messages now name it, but they are the same gaps.
    other.add_node(Team(id="ds2", name="Data Science 2", discipline="data_science"), "data")  # type: ignore[arg-type]
    c = compare_orgs(base, other)
    assert not [f for f in c.new if f.code == "coverage.gap"]
    assert [f.nodes for f in c.new if f.code == "dependency.missing"] == [("ds2",)]  # its own warning is new


def test_a_span_warning_is_matched_by_its_unit() -> None:
    base = typical()
    for i in range(9):
        base.add_node(Team(id=f"x{i}", name=f"X{i}", discipline="software_engineering"), "product")  # type: ignore[arg-type]
    other = base.copy()
    for i in range(9):
        other.move_node(f"x{i}", "platform")
    c = compare_orgs(base, other)
    assert [f.nodes for f in c.new if f.code == "structure.span"] == [("platform",)]
    assert [f.nodes for f in c.resolved if f.code == "structure.span"] == [("product",)]


def test_key_figures_of_a_lone_team_and_an_empty_org() -> None:
    lone = Organization("Lone")
    lone.add_node(Team(id="t", name="T", discipline="mlops", headcount=3), None)  # type: ignore[arg-type]
    figures = key_figures(lone, analyse(lone))
    assert figures.headcount == {"executive": 3} and figures.max_span == 0
    empty = Organization("Empty")
    figures = key_figures(empty, analyse(empty))
    assert figures.headcount == {} and figures.widest is None and figures.worst_hop is None


def _mutated(org: Organization, seed: int) -> Organization:
    rng = random.Random(seed)
    other = org.copy()
    ids = [n.id for n in other.iter_nodes()]
    for _ in range(rng.randint(0, 8)):
        if not ids:
            break
        nid = rng.choice(ids)
        try:
            step = rng.randrange(4)
            if step == 0:
                other.move_node(nid, rng.choice(ids))
            elif step == 1 and nid != other.root:
                other.remove_subtree(nid)
                ids = [n.id for n in other.iter_nodes()]
            elif step == 2:
                other.rename(nid, f"renamed {rng.random()}")
            else:
                other.add_node(Unit(id=f"new{rng.random()}".replace(".", ""), name="New"), nid)
                ids = [n.id for n in other.iter_nodes()]
        except EditRefused:
            pass
    return other


@settings(max_examples=60, deadline=None)
@given(orgs(max_nodes=40), st.integers(0, 2**16))
def test_comparing_the_other_way_swaps_everything(org: Organization, seed: int) -> None:
    other = _mutated(org, seed)
    there, back = compare_orgs(org, other), compare_orgs(other, org)
    assert [f.key for f in there.new] == [f.key for f in back.resolved]
    assert [f.key for f in there.resolved] == [f.key for f in back.new]
    assert {a.node for a in there.changes.added} == {r.node for r in back.changes.removed}
    assert {(m.node, m.old_parent, m.new_parent) for m in there.changes.moved} == {
        (m.node, m.new_parent, m.old_parent) for m in back.changes.moved
    }
    assert {(r.node, r.old, r.new) for r in there.changes.renamed} == {
        (r.node, r.new, r.old) for r in back.changes.renamed
    }
    for key, metric in there.metrics().items():
        if isinstance(metric, dict):
            continue
        assert back.metrics()[key].base == metric.other
        assert metric.delta is None or back.metrics()[key].delta == -metric.delta
    # The new findings are exactly the other org's findings the base lacks, counted.
    keys = Counter(f.key for f in there.other_report.findings) - Counter(f.key for f in there.base_report.findings)
    assert Counter(f.key for f in there.new) == keys

    # Changes are found exactly when a node, a parent, a link or the target differs (an order
    # of siblings is not a change).
    def signature(o: Organization) -> object:
        return {(f.node, f.parent) for f in o.flat()}, set(o.links), o.target_stage

    assert bool(there.changes) == (signature(org) != signature(other))


def test_a_finding_twice_in_one_and_once_in_the_other_is_new_once() -> None:
    from orgdesigner.analysis.findings import Finding

    a = Finding(Severity.WARNING, "x", "one", ("n",))
    b = Finding(Severity.WARNING, "x", "other words", ("n",))
    assert findings_delta([a], [b, a]) == ((a,), ())
    assert findings_delta([a, a], [b]) == ((), (a,))


def test_the_sentence_does_not_count_lines_of_a_step_that_lost_its_owner() -> None:
    # Removing data engineering takes step 3's hand-offs (4 and 2 lines) off the total, which
    # becomes 2 lines shorter: that is a step without an owner, not a shorter ML project.
    base = typical()
    other = base.copy()
    other.remove_subtree("de")
    said = sentence(compare_orgs(base, other))
    assert "reporting line" not in said
    assert "leaves step 3 (Data Engineering) of the ML project without an owner" in said
    assert "gives step 3 (Data Engineering) of the ML project an owner" in sentence(compare_orgs(other, base))
    moved = base.copy()
    moved.move_node("mlops", "product")  # every step keeps its owner: the lines are said
    assert sentence(compare_orgs(base, moved)).endswith("and adds 2 reporting lines to the ML project.")


@settings(max_examples=60, deadline=None)
@given(orgs(max_nodes=40), st.integers(0, 2**16))
def test_the_sentence_counts_lines_only_between_orgs_whose_steps_have_the_same_owners(
    org: Organization, seed: int
) -> None:
    other = _mutated(org, seed)
    c = compare_orgs(org, other)
    owned = [[d is not None for d in f.step_distances[1:]] for f in (c.base, c.other)]
    said = sentence(c)
    assert ("reporting line" in said) == (owned[0] == owned[1] and c.metrics()["total_distance"].delta != 0)
    assert ("without an owner" in said) == any(b and not o for b, o in zip(*owned, strict=True))


def test_headcount_per_structure_looks_through_units_of_structure_other() -> None:
    # CEO over Sales and R&D (both "other", as an HR import makes them), R&D over Platform and
    # Data & AI: the people of Platform and Data & AI are counted as theirs, not as R&D's "other".
    from tests.analysis.orgs import org_of, team, unit

    base = org_of(
        unit("ceo", None, "executive"),
        team("ea", "ceo", "business", 1),
        unit("sales", "ceo", "other"),
        team("ae", "sales", "business", 5),
        unit("rnd", "ceo", "other"),
        team("cto", "rnd", "software_engineering", 1),
        unit("plat", "rnd", "platform"),
        team("sre", "plat", "devops_sre", 4),
        unit("data", "rnd", "data_ai"),
        team("ds", "data", "data_science", 3),
        team("mlops", "data", "mlops", 2),
    )
    assert key_figures(base, analyse(base)).headcount == {"executive": 1, "platform": 4, "data_ai": 5, "other": 6}
    other = base.copy()
    other.move_node("mlops", "plat")
    moved = compare_orgs(base, other).metrics()["headcount"]
    assert (moved["platform"].delta, moved["data_ai"].delta, moved["other"].delta) == (2, -2, 0)
