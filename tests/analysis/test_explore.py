"""Where should MLOps sit? The alternatives land in their placements, from the org's own units
or plainly named new ones; they are ranked by measured figures under the priority; and their
moves say exactly what changed."""

from __future__ import annotations

import contextlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.analysis import MlopsPlacement, analyse
from orgdesigner.analysis.alternatives import PLACEMENTS, Alternative, build_alternative, build_alternatives
from orgdesigner.analysis.explore import PRIORITIES, explore
from orgdesigner.analysis.graph import mlops_duties
from orgdesigner.io import load_template
from orgdesigner.model import Discipline, EditRefused, Link, Organization, Team, Unit
from tests.analysis.orgs import MLOPS_AND_MLE, org_of, team, typical, unit
from tests.reliability.strategies import orgs


def by_placement(org: Organization) -> dict[MlopsPlacement, Alternative]:
    return {a.placement: a for a in build_alternatives(org)}


def test_typical_uses_its_own_units_and_creates_the_cross_functional_one() -> None:
    org = typical()
    alts = by_placement(org)
    assert [(m.action, m.node, m.old_parent, m.parent) for m in alts[MlopsPlacement.PLATFORM].moves] == [
        ("move", "mlops", "data", "platform")
    ]
    assert alts[MlopsPlacement.DATA_AI].moves == () and alts[MlopsPlacement.DATA_AI].org == org
    cross = alts[MlopsPlacement.CROSS_FUNCTIONAL]
    created = cross.org.node("cross-functional-mlops")
    assert isinstance(created, Unit) and created.name == "Cross-functional MLOps"
    assert cross.org.parent("cross-functional-mlops") == "cto"
    assert cross.org.parent("mlops") == "cross-functional-mlops"
    # It serves the teams that consume MLOps work: data science and software engineering.
    assert {(lk.source, lk.target) for lk in cross.org.links} == {("mlops", "ds"), ("mlops", "swe")}
    for a in alts.values():
        assert analyse(a.org).placement.kind is a.placement
        assert a.org.name == org.name
    assert org == typical(), "the org given is only read"


def test_a_missing_unit_is_created_plainly() -> None:
    org = typical()
    org.remove_subtree("product")
    alt = build_alternative(org, MlopsPlacement.PRODUCT)
    assert [(m.action, m.kind, m.name, m.parent) for m in alt.moves[:1]] == [
        ("create", "unit", "Product Engineering", "cto")
    ]
    assert analyse(alt.org).placement.kind is MlopsPlacement.PRODUCT


def test_a_nested_unit_of_the_structure_is_used_when_no_top_level_one_exists() -> None:
    org = org_of(
        unit("cto", None, "executive"),
        unit("eng", "cto", "other", "Engineering"),
        unit("plat", "eng", "platform", "Platform"),
        team("sre", "plat", "devops_sre"),
        unit("data", "cto", "data_ai"),
        team("mlops", "data", "mlops"),
    )
    alt = build_alternative(org, MlopsPlacement.PLATFORM)
    assert alt.org.parent("mlops") == "plat" and analyse(alt.org).placement.kind is MlopsPlacement.PLATFORM


def test_of_several_units_of_the_structure_the_one_with_its_people_is_home() -> None:
    # An IT helpdesk reports to the CEO (a platform unit by its name), the SRE teams sit in a
    # Platform unit under Engineering: MLOps goes to the SREs' Platform, not to the helpdesk.
    org = org_of(
        unit("ceo", None, "executive"),
        unit("it", "ceo", "platform", "IT"),
        team("helpdesk", "it", "devops_sre", 3),
        unit("eng", "ceo", "other", "Engineering"),
        unit("plat", "eng", "platform", "Platform"),
        unit("sre-unit", "plat", "platform", "Platform - SRE"),
        team("sre", "sre-unit", "devops_sre", 9),
        unit("data", "ceo", "data_ai"),
        team("ds", "data", "data_science"),
        team("mlops", "data", "mlops"),
    )
    alt = by_placement(org)[MlopsPlacement.PLATFORM]
    assert [(m.action, m.node, m.parent) for m in alt.moves] == [("move", "mlops", "plat")]


def test_dotted_lines_that_would_make_it_cross_functional_are_dropped() -> None:
    org = load_template("mlops-cross-functional")
    alt = build_alternative(org, MlopsPlacement.DATA_AI)
    # Under Data & AI it keeps serving the two science teams beside it and drops the rest.
    assert {lk.target for lk in alt.org.links if lk.source == "mlops"} == {"ds-fraud", "ds-credit"}
    assert sorted(m.target for m in alt.moves if m.action == "unlink") == ["checkout", "platform"]
    assert analyse(alt.org).placement.kind is MlopsPlacement.DATA_AI
    # Already cross-functional: that option is the org as it is.
    assert build_alternative(org, MlopsPlacement.CROSS_FUNCTIONAL).moves == ()


def test_a_team_in_its_structure_whose_lines_reach_two_structures_only_loses_lines() -> None:
    org = typical()
    org.add_link(Link(source="mlops", target="swe"))
    org.add_link(Link(source="mlops", target="sre"))
    assert analyse(org).placement.kind is MlopsPlacement.CROSS_FUNCTIONAL
    alt = build_alternative(org, MlopsPlacement.DATA_AI)
    assert [m.action for m in alt.moves] == ["unlink", "unlink"] and alt.org.parent("mlops") == "data"
    assert analyse(alt.org).placement.kind is MlopsPlacement.DATA_AI


def test_a_combined_ml_engineering_team_is_the_mlops_work_that_moves() -> None:
    org = typical()
    org.set_fields("mlops", discipline="ml_engineering")
    assert analyse(org).placement.kind is MlopsPlacement.DATA_AI
    alt = build_alternative(org, MlopsPlacement.PLATFORM)
    assert [m.node for m in alt.moves] == ["mlops"] and analyse(alt.org).placement.kind is MlopsPlacement.PLATFORM


def test_several_mlops_teams_all_move_and_one_below_another_goes_with_it() -> None:
    org = typical()
    org.add_node(Team(id="mlops2", name="MLOps 2", discipline=Discipline.MLOPS), "product")
    org.add_node(Team(id="mlops3", name="Model monitoring", discipline=Discipline.MLOPS), "mlops2")
    alt = build_alternative(org, MlopsPlacement.PLATFORM)
    assert [m.node for m in alt.moves if m.action == "move"] == ["mlops", "mlops2"]
    assert alt.org.parent("mlops3") == "mlops2"
    report = analyse(alt.org)
    assert report.placement.kind is MlopsPlacement.PLATFORM and len(report.placement.teams) == 3


def test_no_mlops_work_gets_a_sensibly_sized_team_in_each_place() -> None:
    org = load_template("stage-3")
    assert analyse(org).placement.kind is MlopsPlacement.NONE
    for alt in build_alternatives(org):
        created = [m for m in alt.moves if m.action == "create" and m.kind == "team"]
        assert len(created) == 1
        new = alt.org.node(created[0].node)
        assert isinstance(new, Team) and new.discipline is Discipline.MLOPS
        # A quarter of the data scientists (4 in stage-3), at least 2.
        assert new.headcount == 2
        assert analyse(alt.org).placement.kind is alt.placement
    big = typical()
    big.remove_subtree("mlops")
    big.set_fields("ds", headcount=40)
    created = build_alternative(big, MlopsPlacement.DATA_AI).org.node("mlops")
    assert created.headcount == 10


def test_an_empty_org_gets_a_top_and_a_team() -> None:
    for alt in build_alternatives(Organization("Empty")):
        assert analyse(alt.org).placement.kind is alt.placement
        assert alt.moves[0].action == "create" and alt.moves[0].parent is None


def test_ranking_follows_the_priority_by_measured_figures() -> None:
    org = typical()
    ranks = {p: {o.placement: o.rank for o in explore(org, p).options} for p in PRIORITIES}
    # Hand-worked: under Platform MLOps is beside DevOps / SRE (2 lines), elsewhere 4.
    assert ranks["reliability"][MlopsPlacement.PLATFORM] == 1
    # Beside data science (2 lines from it) only in Data & AI.
    assert ranks["velocity"][MlopsPlacement.DATA_AI] == 1
    # Only the cross-functional option reaches both consumers (data science and software engineering).
    assert ranks["many-products"][MlopsPlacement.CROSS_FUNCTIONAL] == 1
    assert ranks["many-products"][MlopsPlacement.PLATFORM] == 4
    # Platform and Data & AI both cross 18 lines in all, Product and cross-functional 20: shared ranks.
    assert ranks["fewest-handoffs"] == {
        MlopsPlacement.PLATFORM: 1,
        MlopsPlacement.DATA_AI: 1,
        MlopsPlacement.PRODUCT: 3,
        MlopsPlacement.CROSS_FUNCTIONAL: 3,
    }
    e = explore(org, "reliability")
    platform = next(o for o in e.options if o.placement is MlopsPlacement.PLATFORM)
    assert platform.measured.mlops_to_devops == 2
    assert platform.why.startswith("1st for infrastructure reliability: MLOps is 2 reporting lines from DevOps / SRE")
    data = next(o for o in e.options if o.placement is MlopsPlacement.DATA_AI)
    assert "2 reporting lines more than MLOps under Platform Engineering" in data.why
    with pytest.raises(ValueError, match="unknown priority"):
        explore(org, "winner")


def test_the_top_of_the_org_doing_mlops_work_cannot_move_and_the_option_says_so() -> None:
    org = org_of(team("boss", None, "mlops"), unit("p", "boss", "platform"), team("sre", "p", "devops_sre"))
    option = next(o for o in explore(org).options if o.placement is MlopsPlacement.PLATFORM)
    assert option.measured.figures.mlops is not MlopsPlacement.PLATFORM
    assert "the top of the org does MLOps work" in option.why


def test_an_option_says_where_it_lands_in_words() -> None:
    org = org_of(team("boss", None, "mlops"), unit("p", "boss", "platform"), team("sre", "p", "devops_sre"))
    option = next(o for o in explore(org).options if o.placement is MlopsPlacement.PLATFORM)
    assert "lands as a cross-functional team, not under Platform" in option.why
    assert "cross_functional" not in option.why


def test_no_unit_is_created_when_nothing_would_go_into_it() -> None:
    # MLOps reports to the top and serves two structures: cross-functional already, with no unit
    # of that structure. The cross-functional option is the org as it is, not an empty new unit.
    org = org_of(
        unit("cto", None, "executive"),
        unit("data", "cto", "data_ai"),
        team("ds", "data", "data_science"),
        unit("prod", "cto", "product"),
        team("app", "prod", "software_engineering"),
        team("mlops", "cto", "mlops"),
        links=[("mlops", "ds"), ("mlops", "app")],
    )
    assert analyse(org).placement.kind is MlopsPlacement.CROSS_FUNCTIONAL
    cross = by_placement(org)[MlopsPlacement.CROSS_FUNCTIONAL]
    assert cross.moves == () and cross.org == org
    # The top does the MLOps work and cannot move: no option creates a unit it would leave empty.
    lone = org_of(team("core", None, "mlops", 3), team("ds", "core", "data_science", 2))
    for alt in build_alternatives(lone):
        assert alt.moves == () and alt.org == lone, alt.placement


def test_a_team_below_a_moving_team_but_in_a_unit_of_its_own_moves_too() -> None:
    # MLOps team m1 has a cross-functional unit below it holding MLOps team m2. Carried along
    # with m1, m2 would still sit in that unit: it moves on its own, and the option lands.
    org = org_of(
        unit("cto", None, "executive"),
        unit("data", "cto", "data_ai"),
        team("m1", "data", "mlops"),
        unit("guild", "m1", "cross_functional"),
        team("m2", "guild", "mlops"),
        unit("plat", "cto", "platform"),
        team("sre", "plat", "devops_sre"),
    )
    alt = by_placement(org)[MlopsPlacement.PLATFORM]
    assert [(m.action, m.node, m.parent) for m in alt.moves] == [("move", "m1", "plat"), ("move", "m2", "plat")]
    assert analyse(alt.org).placement.kind is MlopsPlacement.PLATFORM
    assert alt.org.parent("guild") == "m1"  # the unit itself stays with the team it was under


def _replay(source: Organization, alt: Alternative) -> Organization:
    """Apply the moves to a copy of the source, taking each created node from the alternative."""
    org = source.copy()
    for m in alt.moves:
        if m.action == "create":
            org.add_node(alt.org.node(m.node), m.parent)
        elif m.action == "move":
            assert org.parent(m.node) == m.old_parent
            org.move_node(m.node, m.parent or "")
        elif m.action == "link":
            org.add_link(Link(source=m.node, target=m.target or ""))
        else:
            org.remove_link(Link(source=m.node, target=m.target or ""))
    return org


def with_mlops(org: Organization, mode: str, seed: int) -> Organization:
    """``org`` with no MLOps work, then one MLOps team, several, or a combined ML Engineering /
    MLOps team, at random places."""
    rng = random.Random(seed)
    duties = mlops_duties()
    for t in org.teams():
        if t.discipline is Discipline.MLOPS or duties & set(org.owned_responsibilities(t)):
            kept = tuple(r for r in org.owned_responsibilities(t) if r not in duties)
            discipline = Discipline.DATA_SCIENCE if t.discipline is Discipline.MLOPS else t.discipline
            org.set_fields(t.id, discipline=discipline, responsibilities=kept)
    places = [n.id for n in org.iter_nodes()]
    if not places:
        return org
    count = {"none": 0, "one": 1, "several": rng.randint(2, 4), "combined": 1}[mode]
    for k in range(count):
        combined = mode == "combined"
        new = Team(
            id=org.new_id(f"mlw{k}"),
            name="ML Engineering / MLOps" if combined else f"MLOps {k}",
            discipline=Discipline.ML_ENGINEERING if combined else Discipline.MLOPS,
            headcount=rng.randint(0, 9),
            responsibilities=MLOPS_AND_MLE if combined else None,
        )
        with contextlib.suppress(EditRefused):
            org.add_node(new, rng.choice(places))
    return org


MODES = st.sampled_from(["none", "one", "several", "combined"])


@settings(max_examples=200, deadline=None)
@given(orgs(max_nodes=40), MODES, st.integers(0, 2**16))
def test_alternatives_land_where_they_say_and_their_moves_are_exact(org: Organization, mode: str, seed: int) -> None:
    org = with_mlops(org, mode, seed)
    before = org.copy()
    top_does_mlops = org.root is not None and org.root in {t.team for t in analyse(org).placement.teams}
    for alt in build_alternatives(org):
        assert alt.placement in PLACEMENTS
        kind = analyse(alt.org).placement.kind
        assert kind is alt.placement or top_does_mlops, (alt.placement, kind, alt.moves)
        assert _replay(org, alt) == alt.org
        for m in alt.moves:  # a unit is created only to hold what moves there
            assert m.action != "create" or m.kind != "unit" or alt.org.children(m.node), (alt.placement, m)
    assert org == before


def test_a_team_that_owns_nothing_consumes_no_mlops_work() -> None:
    # An imported CTO is a software engineering team of one owning no responsibilities: the
    # cross-functional MLOps team does not draw a dotted line to them, nor count them.
    org = org_of(
        unit("ceo", None, "executive"),
        team("cto", "ceo", "software_engineering", 1, responsibilities=()),
        unit("prod", "ceo", "product"),
        team("app", "prod", "software_engineering"),
        unit("data", "ceo", "data_ai"),
        team("ds", "data", "data_science"),
        team("mlops", "data", "mlops"),
    )
    cross = by_placement(org)[MlopsPlacement.CROSS_FUNCTIONAL]
    assert sorted(m.target or "" for m in cross.moves if m.action == "link") == ["app", "ds"]
    option = next(o for o in explore(org).options if o.placement is MlopsPlacement.CROSS_FUNCTIONAL)
    assert (option.measured.served, option.measured.consumers) == (2, 2)
