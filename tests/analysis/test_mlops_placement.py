"""MLOps placement: the seed's structures, cross-functional teams, split and missing MLOps."""

from __future__ import annotations

import pytest

from orgdesigner.analysis import MlopsPlacement, Severity, analyse
from orgdesigner.model import Link, Structure, Team, Unit, load_catalogue
from tests.analysis.orgs import org_of, team, typical, unit


def _kind(org: object) -> MlopsPlacement:
    from orgdesigner.model import Organization

    assert isinstance(org, Organization)
    return analyse(org).placement.kind


def test_typical_places_mlops_under_data_and_ai_with_the_catalogue_focus() -> None:
    report = analyse(typical())
    p = report.placement
    assert p.kind is MlopsPlacement.DATA_AI
    assert p.focus == load_catalogue().mlops_option("data_ai").focus
    assert p.risks and p.strengths
    assert p.teams[0].team == "mlops" and p.teams[0].unit == "data"
    finding = next(f for f in report.findings if f.code == "mlops.placement")
    assert finding.severity is Severity.INFO and finding.nodes == ("mlops",)
    assert "Supporting data science" in finding.message


def test_moved_under_platform() -> None:
    org = typical()
    org.move_node("mlops", "platform")
    assert _kind(org) is MlopsPlacement.PLATFORM
    assert analyse(org).placement.focus == "Infrastructure"


def test_moved_into_product() -> None:
    org = typical()
    org.move_node("mlops", "product")
    assert _kind(org) is MlopsPlacement.PRODUCT


def test_in_a_cross_functional_unit() -> None:
    org = typical()
    org.add_node(Unit(id="xfn", name="ML Enablement", structure=Structure.CROSS_FUNCTIONAL), "cto")
    org.move_node("mlops", "xfn")
    report = analyse(org)
    assert report.placement.kind is MlopsPlacement.CROSS_FUNCTIONAL
    assert report.placement.teams[0].unit == "xfn"
    assert report.placement.focus == "Serving several teams"


def test_directly_under_the_cto_serving_teams_in_two_structures() -> None:
    org = typical()
    org.move_node("mlops", "cto")
    org.add_link(Link(source="mlops", target="ds"))
    org.add_link(Link(source="mlops", target="swe"))
    report = analyse(org)
    assert report.placement.kind is MlopsPlacement.CROSS_FUNCTIONAL
    placed = report.placement.teams[0]
    assert placed.unit is None
    assert set(placed.serves) == {Structure.DATA_AI, Structure.PRODUCT}


def test_directly_under_the_cto_without_links_reports_to_the_top() -> None:
    org = typical()
    org.move_node("mlops", "cto")
    report = analyse(org)
    assert report.placement.kind is MlopsPlacement.CROSS_FUNCTIONAL
    assert "belongs to no single structure" in report.placement.teams[0].reason


def test_serves_links_reaching_two_structures_make_a_data_ai_team_cross_functional() -> None:
    org = typical()
    org.add_link(Link(source="mlops", target="ds"))
    assert _kind(org) is MlopsPlacement.DATA_AI, "one structure reached: still data_ai"
    org.add_link(Link(source="mlops", target="platform"))
    assert _kind(org) is MlopsPlacement.CROSS_FUNCTIONAL


def test_links_to_the_same_structure_count_once() -> None:
    org = typical()
    org.move_node("mlops", "platform")
    org.add_link(Link(source="mlops", target="ds"))
    org.add_link(Link(source="mlops", target="de"))
    org.add_link(Link(source="mlops", target="data"))
    assert _kind(org) is MlopsPlacement.PLATFORM


def test_other_units_are_skipped_when_finding_the_structure() -> None:
    org = typical()
    org.add_node(Unit(id="guild", name="ML Guild", structure=Structure.OTHER), "platform")
    org.move_node("mlops", "guild")
    assert _kind(org) is MlopsPlacement.PLATFORM
    org.move_node("guild", "cto")
    assert _kind(org) is MlopsPlacement.CROSS_FUNCTIONAL


def test_each_other_top_level_unit_counts_as_its_own_structure() -> None:
    org = typical()
    org.add_node(Unit(id="eu", name="Europe", structure=Structure.OTHER), "cto")
    org.add_node(Unit(id="us", name="Americas", structure=Structure.OTHER), "cto")
    org.add_node(Team(id="swe-eu", name="Shop EU", discipline="software_engineering"), "eu")  # type: ignore[arg-type]
    org.add_node(Team(id="swe-us", name="Shop US", discipline="software_engineering"), "us")  # type: ignore[arg-type]
    org.add_link(Link(source="mlops", target="swe-eu"))
    assert _kind(org) is MlopsPlacement.DATA_AI
    org.add_link(Link(source="mlops", target="swe-us"))
    assert _kind(org) is MlopsPlacement.CROSS_FUNCTIONAL


def test_split_in_two_places_is_mixed() -> None:
    org = typical()
    org.add_node(Team(id="mlops2", name="Platform MLOps", discipline="mlops"), "platform")  # type: ignore[arg-type]
    report = analyse(org)
    assert report.placement.kind is MlopsPlacement.MIXED
    assert [t.kind for t in report.placement.teams] == [MlopsPlacement.PLATFORM, MlopsPlacement.DATA_AI]
    finding = next(f for f in report.findings if f.code == "mlops.placement")
    assert finding.nodes == ("mlops2", "mlops")
    assert "1 under Platform" in finding.message and "1 under Data & AI" in finding.message


def test_two_mlops_teams_in_the_same_structure_agree() -> None:
    org = typical()
    org.add_node(Team(id="mlops2", name="MLOps 2", discipline="mlops"), "data")  # type: ignore[arg-type]
    assert _kind(org) is MlopsPlacement.DATA_AI


def test_no_mlops_team_is_none() -> None:
    org = typical()
    org.remove_subtree("mlops")
    report = analyse(org)
    assert report.placement.kind is MlopsPlacement.NONE
    assert report.placement.teams == ()
    assert "Nobody does the MLOps work" in next(f.message for f in report.findings if f.code == "mlops.placement")


@pytest.mark.parametrize(
    ("structure", "kind"),
    [
        ("platform", MlopsPlacement.PLATFORM),
        ("data_ai", MlopsPlacement.DATA_AI),
        ("product", MlopsPlacement.PRODUCT),
        ("cross_functional", MlopsPlacement.CROSS_FUNCTIONAL),
        ("executive", MlopsPlacement.CROSS_FUNCTIONAL),
    ],
)
def test_nested_mlops_takes_the_nearest_structured_unit(structure: str, kind: MlopsPlacement) -> None:
    org = org_of(
        unit("top", None, "executive"),
        unit("a", "top", "data_ai"),
        unit("b", "a", structure),
        unit("c", "b", "other"),
        team("m", "c", "mlops"),
    )
    assert _kind(org) is kind


def test_an_mlops_team_under_a_team_looks_past_it() -> None:
    org = org_of(
        unit("top", None, "executive"),
        unit("p", "top", "platform"),
        team("sre", "p", "devops_sre"),
        team("m", "sre", "mlops"),
    )
    assert _kind(org) is MlopsPlacement.PLATFORM


def test_a_lone_mlops_team_as_root_is_cross_functional() -> None:
    assert _kind(org_of(team("m", None, "mlops"))) is MlopsPlacement.CROSS_FUNCTIONAL
