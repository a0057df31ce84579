"""Coverage: owners, gaps (errors with reasons), unrequired unowned (listed only), overlaps."""

from __future__ import annotations

from orgdesigner.analysis import Severity, analyse
from orgdesigner.model import Structure, Team, load_catalogue
from tests.analysis.orgs import org_of, team, typical, unit


def test_every_responsibility_is_listed_with_its_owners_in_file_order() -> None:
    report = analyse(typical())
    owners = report.coverage.owners
    assert list(owners) == [r.id for r in load_catalogue().responsibilities]
    assert owners["build_data_pipelines"] == ("de",)
    assert owners["ml_ci_cd"] == ("mlops",)
    assert owners["optimize_models"] == ("mlops",), "explicit responsibilities count"
    assert owners["query_databases"] == ("ds",), "data science owns it by default"
    assert owners["bi_dashboards"] == ("de",)
    assert owners["ab_test_models"] == ()


def test_typical_has_no_gaps_and_lists_the_unneeded_unowned_without_flagging_them() -> None:
    report = analyse(typical())
    assert report.coverage.gaps == ()
    assert "operate_feature_store" in report.coverage.unowned
    assert "integrate_llm_apis" in report.coverage.unowned
    assert "coverage.gap" not in report.codes()


def test_a_stage_requirement_nobody_owns_is_a_gap_naming_the_stage() -> None:
    org = typical()
    org.remove_subtree("mlops")
    report = analyse(org)
    assert set(report.coverage.gaps) == {"ml_ci_cd", "manage_model_deployments", "monitor_model_performance"}
    gap = next(f for f in report.findings if f.code == "coverage.gap" and '"CI/CD for ML"' in f.message)
    assert gap.severity is Severity.ERROR
    assert "stage 4 (ML in production)" in gap.message
    assert report.coverage.required["ml_ci_cd"].stage == 4


def test_earlier_stage_requirements_name_the_stage_they_start_at() -> None:
    org = org_of(
        unit("top", None, "executive"),
        team("swe", "top", "software_engineering"),
        team("ops", "top", "devops_sre"),
        target=3,
    )
    report = analyse(org)
    gap = next(f for f in report.findings if '"Build data pipelines"' in f.message)
    assert "stage 3 (Data science exploration)" in gap.message and "from stage 2 on" in gap.message


def test_a_discipline_on_the_chart_requires_its_default_responsibilities() -> None:
    org = org_of(
        unit("top", None, "executive"),
        team("an", "top", "analytics"),
        team("ds", "top", "data_science", responsibilities=["build_evaluate_models"], name="DS Core"),
        target=1,
    )
    report = analyse(org)
    assert set(report.coverage.gaps) == {"explore_data", "communicate_findings", "run_experiments"}
    gap = next(f for f in report.findings if '"Explore and analyse data"' in f.message)
    assert gap.nodes == ("ds",)
    assert "Data Science teams normally do it, and the chart has one: DS Core" in gap.message
    assert report.coverage.required["explore_data"].stage is None


def test_unrequired_unowned_responsibilities_are_not_flagged() -> None:
    org = org_of(unit("top", None, "executive"), team("an", "top", "analytics"), target=1)
    report = analyse(org)
    assert report.coverage.gaps == ()
    assert "build_data_pipelines" in report.coverage.unowned
    assert "ml_ci_cd" in report.coverage.unowned


def test_overlaps_are_info_with_owners_and_the_structures_they_sit_in() -> None:
    org = typical()
    org.add_node(Team(id="bi", name="BI Analysts", discipline="analytics", headcount=3), "product")  # type: ignore[arg-type]
    report = analyse(org)
    overlap = next(o for o in report.coverage.overlaps if o.responsibility == "bi_dashboards")
    assert overlap.owners == ("de", "bi")
    assert overlap.structures == (Structure.DATA_AI, Structure.PRODUCT)
    finding = next(f for f in report.findings if f.code == "coverage.overlap" and f.nodes == ("de", "bi"))
    assert finding.severity is Severity.INFO
    assert "Data Engineering" in finding.message and "BI Analysts" in finding.message
    assert "Data & AI" in finding.message and "Product Engineering" in finding.message
    query = next(o for o in report.coverage.overlaps if o.responsibility == "query_databases")
    assert query.owners == ("ds", "bi")


def test_a_team_under_an_other_unit_sits_in_the_structure_above_it() -> None:
    org = typical()
    org.add_node(unit("guild", "data", "other", "Analytics Guild").node, "data")
    org.add_node(Team(id="bi", name="BI", discipline="analytics"), "guild")  # type: ignore[arg-type]
    overlap = next(o for o in analyse(org).coverage.overlaps if o.responsibility == "bi_dashboards")
    assert overlap.structures == (Structure.DATA_AI,)


def test_overlap_messages_stay_short_with_many_owners() -> None:
    nodes = [unit("top", None, "executive")] + [team(f"t{i}", "top", "analytics") for i in range(50)]
    report = analyse(org_of(*nodes, target=1, name="Many"))
    finding = next(f for f in report.findings if f.code == "coverage.overlap")
    assert len(finding.nodes) == 50
    assert "and 46 more" in finding.message and len(finding.message) < 300


def test_overlap_messages_tell_shared_work_from_blurry_boundaries() -> None:
    org = typical()
    org.add_node(Team(id="bi", name="BI", discipline="analytics"), "data")  # type: ignore[arg-type]
    org.add_node(Team(id="de2", name="Streaming Data", discipline="data_engineering"), "data")  # type: ignore[arg-type]
    overlaps = [f for f in analyse(org).findings if f.code == "coverage.overlap"]
    findings = {f.message.split('"')[1]: f.message for f in overlaps}
    assert "of different disciplines" in findings["Business intelligence dashboards"]
    assert (
        "shared by 2 Data Engineering teams (Data Engineering and Streaming Data)" in findings["Build data pipelines"]
    )
