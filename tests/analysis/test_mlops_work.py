"""The MLOps work decides where MLOps sits: a team of discipline MLOps, or a team of another
discipline (a combined ML Engineering / MLOps team) that owns MLOps responsibilities. The
placement, the maturity table, the coverage, the dependencies and the staffing suggestions all
name the same teams."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.analysis import MlopsPlacement, Report, analyse
from orgdesigner.model import Discipline, Organization, Team, load_catalogue
from tests.analysis.orgs import MLOPS_AND_MLE, org_of, team, unit
from tests.reliability.strategies import orgs

MLOPS_DUTIES = load_catalogue().defaults(Discipline.MLOPS)


def combined(where: str = "data") -> Organization:
    """The seed's chart with one ML Engineering team (discipline ml_engineering) that also owns
    every MLOps responsibility, and no team of discipline MLOps."""
    return org_of(
        unit("cto", None, "executive", "CTO"),
        unit("platform", "cto", "platform", "Platform Engineering"),
        team("sre", "platform", "devops_sre", 6, name="DevOps / SRE"),
        unit("data", "cto", "data_ai", "Data & AI"),
        team("de", "data", "data_engineering", 5, name="Data Engineering"),
        team("ds", "data", "data_science", 7, name="Data Science"),
        team("mlx", where, "ml_engineering", 4, MLOPS_AND_MLE, name="ML Engineering / MLOps"),
        unit("product", "cto", "product", "Product Engineering"),
        team("pm", "product", "product_management", 2, name="Product Management"),
        team("swe", "product", "software_engineering", 12, name="Software Engineering"),
        name="Combined",
    )


def _mlops_doers(org: Organization) -> set[str]:
    """Worked out from the definition, not from the index."""
    out = set()
    for t in org.teams():
        if t.discipline is Discipline.MLOPS or set(org.owned_responsibilities(t)) & set(MLOPS_DUTIES):
            out.add(t.id)
    return out


def test_a_combined_ml_engineering_team_decides_where_mlops_sits() -> None:
    report = analyse(combined())
    p = report.placement
    assert p.kind is MlopsPlacement.DATA_AI
    assert [t.team for t in p.teams] == ["mlx"]
    assert p.teams[0].owns == MLOPS_DUTIES
    finding = next(f for f in report.findings if f.code == "mlops.placement")
    assert finding.nodes == ("mlx",)
    assert "ML Engineering / MLOps (ML Engineering, doing the MLOps work) reports into Data & AI" in finding.message
    assert "Nobody does the MLOps work" not in finding.message
    # Maturity lists the same team as owning the stage-4 MLOps work, and the org stands there.
    assert report.maturity.stage == 4
    stage4 = next(e for e in report.maturity.evidence if e.stage == 4)
    assert {o for r in stage4.requirements for o in r.owners} == {"mlx"}
    # No staffing suggestion claims there is no MLOps team.
    assert all(s.discipline is not Discipline.MLOPS for s in report.suggestions)
    # The catalogue's "Data Engineering provides data to MLOps" sees the combined team as MLOps.
    dep = next(d for d in report.dependencies if d.provider == "data_engineering" and d.consumer == "mlops")
    assert dep.consumers == ("mlx",) and dep.status == "ok"


def test_moving_the_combined_team_moves_mlops() -> None:
    assert analyse(combined("platform")).placement.kind is MlopsPlacement.PLATFORM
    assert analyse(combined("product")).placement.kind is MlopsPlacement.PRODUCT


def test_the_combined_team_and_an_mlops_team_elsewhere_are_split() -> None:
    org = combined()
    org.add_node(Team(id="mo", name="MLOps", discipline=Discipline.MLOPS, headcount=3), "platform")
    report = analyse(org)
    assert report.placement.kind is MlopsPlacement.MIXED
    assert [t.team for t in report.placement.teams] == ["mo", "mlx"]


def test_one_mlops_responsibility_is_enough_to_do_mlops_work() -> None:
    org = combined()
    org.set_fields("mlx", responsibilities=("optimize_models", "monitor_model_performance"))
    report = analyse(org)
    assert [t.team for t in report.placement.teams] == ["mlx"]
    assert report.placement.teams[0].owns == ("monitor_model_performance",)
    # The MLOps responsibilities nobody owns are gaps that say who does the MLOps work.
    gap = next(f for f in report.findings if f.code == "coverage.gap" and "CI/CD for ML" in f.message)
    assert "ML Engineering / MLOps does the MLOps work" in gap.message


def test_an_ml_engineering_team_without_mlops_work_is_not_mlops() -> None:
    org = combined()
    org.set_fields("mlx", responsibilities=None)  # back to ML Engineering's defaults
    report = analyse(org)
    assert report.placement.kind is MlopsPlacement.NONE
    assert "Nobody does the MLOps work" in next(f.message for f in report.findings if f.code == "mlops.placement")
    assert any(s.discipline is Discipline.MLOPS for s in report.suggestions)


def test_one_combined_team_does_not_overlap_with_itself() -> None:
    report = analyse(combined())
    assert not [f for f in report.findings if f.code == "dependency.overlap"]
    org = combined()
    org.add_node(Team(id="mle2", name="Model Engineering", discipline=Discipline.ML_ENGINEERING), "data")
    overlap = [f for f in analyse(org).findings if f.code == "dependency.overlap"]
    assert [f.nodes for f in overlap] == [("mlx", "mle2")]


def _agree(org: Organization, report: Report) -> None:
    doers = _mlops_doers(org)
    placed = {t.team for t in report.placement.teams}
    assert placed == doers
    assert (report.placement.kind is MlopsPlacement.NONE) == (not doers)
    for rid in MLOPS_DUTIES:
        assert set(report.coverage.owners[rid]) <= doers
    for ev in report.maturity.evidence:
        for req in ev.requirements:
            if req.responsibility in MLOPS_DUTIES:
                assert set(req.owners) <= doers
    for dep in report.dependencies:
        if dep.consumer == Discipline.MLOPS:
            assert set(dep.consumers) == doers
    if doers:
        assert all(s.discipline is not Discipline.MLOPS for s in report.suggestions)
    finding = next(f for f in report.findings if f.code == "mlops.placement")
    assert set(finding.nodes) == doers


@settings(max_examples=60, deadline=None)
@given(orgs(max_nodes=60))
def test_every_part_of_the_report_agrees_on_who_does_mlops(org: Organization) -> None:
    _agree(org, analyse(org))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(MLOPS_DUTIES), unique=True), st.sampled_from(list(Discipline)))
def test_any_team_claiming_mlops_work_is_placed(claimed: list[str], discipline: Discipline) -> None:
    org = combined()
    org.set_fields("mlx", discipline=discipline, responsibilities=tuple(claimed))
    report = analyse(org)
    _agree(org, report)
    assert ("mlx" in {t.team for t in report.placement.teams}) == bool(claimed or discipline is Discipline.MLOPS)
