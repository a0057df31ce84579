"""Maturity: the highest stage owned, evidence, what the next stage needs, the target gap."""

from __future__ import annotations

from orgdesigner.analysis import Severity, analyse
from orgdesigner.model import Organization, Team
from tests.analysis.orgs import MLOPS_AND_MLE, org_of, team, typical, unit


def _stage(org: Organization) -> int:
    return analyse(org).maturity.stage


def stage_org(stage: int) -> Organization:
    """A company that stands exactly at ``stage`` and targets it."""
    nodes = [unit("top", None, "executive", "CEO"), team("an", "top", "analytics", name="Analysts")]
    if stage >= 2:
        nodes.append(team("de", "top", "data_engineering", name="Data Eng"))
    if stage >= 3:
        nodes += [
            team("ds", "top", "data_science", name="Data Science"),
            team("swe", "top", "software_engineering"),
            team("sre", "top", "devops_sre"),
        ]
    if stage >= 4:
        nodes += [
            team("mlops", "top", "mlops", name="MLOps"),
            team("pm", "top", "product_management"),
            team("mle", "top", "ml_engineering"),
        ]
    if stage >= 5:
        nodes[-1] = team(
            "mle",
            "top",
            "ml_engineering",
            responsibilities=[
                "optimize_models",
                "build_training_pipelines",
                "implement_model_serving",
                "feature_engineering_at_scale",
                "operate_feature_store",
            ],
        )
        nodes[-3] = team(
            "mlops",
            "top",
            "mlops",
            responsibilities=[
                "ml_ci_cd",
                "manage_model_deployments",
                "monitor_model_performance",
                "automate_retraining",
                "ensure_reproducibility",
                "ab_test_models",
            ],
            name="MLOps",
        )
    return org_of(*nodes, target=stage, name=f"Stage {stage}")


def test_each_stage_org_stands_at_its_stage_without_errors() -> None:
    for stage in range(1, 6):
        report = analyse(stage_org(stage))
        assert report.maturity.stage == stage, stage
        assert report.maturity.gap == 0
        assert not report.of(Severity.ERROR), (stage, report.of(Severity.ERROR))
        assert "maturity.at_target" in report.codes()


def test_analysts_alone_are_stage_1_with_the_evidence_and_what_stage_2_needs() -> None:
    report = analyse(stage_org(1))
    m = report.maturity
    assert m.stage == 1 and m.floor_met and m.name == "Ad hoc analytics"
    assert [e.stage for e in m.evidence] == [1]
    assert m.evidence[0].requirements[0].owners == ("an",)
    assert m.next is not None and m.next.stage == 2
    assert [rid for rid, _ in m.next.missing] == ["manage_data_storage", "build_data_pipelines"]
    assert "Run the data warehouse and data lake" in [t for _, t in m.next.missing]


def test_no_stage_3_without_data_science() -> None:
    org = org_of(
        unit("top", None, "executive"),
        team("an", "top", "analytics"),
        team("de", "top", "data_engineering"),
        team("m", "top", "mlops"),
        team("sre", "top", "devops_sre"),
    )
    report = analyse(org)
    assert report.maturity.stage == 2
    assert report.maturity.next is not None
    assert [rid for rid, _ in report.maturity.next.missing] == [
        "explore_data",
        "build_evaluate_models",
        "run_experiments",
    ]


def test_no_stage_4_without_deployment_and_monitoring_owned() -> None:
    org = typical()
    without_monitoring = tuple(r for r in MLOPS_AND_MLE if r != "monitor_model_performance")
    org.set_fields("mlops", responsibilities=without_monitoring)
    assert _stage(org) == 3
    without_deploy = tuple(r for r in MLOPS_AND_MLE if r != "manage_model_deployments")
    org.set_fields("mlops", responsibilities=without_deploy)
    assert _stage(org) == 3
    org.set_fields("mlops", responsibilities=MLOPS_AND_MLE)
    assert _stage(org) == 4


def test_stages_are_cumulative() -> None:
    org = typical()
    org.set_fields("de", responsibilities=("manage_data_storage", "ensure_data_quality"))
    report = analyse(org)
    assert report.maturity.stage == 1, "stage 2's pipelines are unowned, so stage 4's teams do not count"
    assert report.maturity.next is not None and report.maturity.next.stage == 2


def test_the_floor_is_stage_1_even_when_unmet() -> None:
    org = org_of(unit("top", None, "executive"), team("de", "top", "data_engineering"), target=2)
    report = analyse(org)
    m = report.maturity
    assert m.stage == 1 and not m.floor_met and m.evidence == ()
    assert m.next is not None and m.next.stage == 2
    assert [rid for rid, _ in m.next.missing] == ["query_databases"]
    floor = next(f for f in report.findings if f.code == "maturity.floor_unmet")
    assert floor.severity is Severity.INFO and "does not yet meet stage 1" in floor.message


def test_below_target_is_a_warning_naming_what_is_missing() -> None:
    org = typical()
    org.remove_subtree("mlops")
    report = analyse(org)
    m = report.maturity
    assert (m.stage, m.target_stage, m.gap) == (3, 4, 1)
    warning = next(f for f in report.findings if f.code == "maturity.below_target")
    assert warning.severity is Severity.WARNING
    assert '"CI/CD for ML"' in warning.message and '"Monitor model performance"' in warning.message
    assert "1 stage below its target" in warning.message


def test_two_stages_below_target_lists_both_stages_needs() -> None:
    org = stage_org(2)
    org.set_target_stage(4)
    warning = next(f for f in analyse(org).findings if f.code == "maturity.below_target")
    assert "2 stages below" in warning.message
    assert '"Explore and analyse data"' in warning.message and "CI/CD for ML" in warning.message


def test_above_target_is_info() -> None:
    org = typical(target=3)
    report = analyse(org)
    assert report.maturity.gap == -1
    assert "maturity.above_target" in report.codes()


def test_stage_5_needs_its_extra_capabilities_and_has_no_next() -> None:
    report = analyse(stage_org(5))
    assert report.maturity.next is None
    assert [e.stage for e in report.maturity.evidence] == [1, 2, 3, 4, 5]
    org = stage_org(5)
    org.add_node(Team(id="x", name="x", discipline="analytics"), "top")  # type: ignore[arg-type]
    org.set_fields("mle", responsibilities=("optimize_models",))
    assert _stage(org) == 4
