"""Dependencies: each catalogue relationship against the org, warnings naming what is
missing and why it matters."""

from __future__ import annotations

from orgdesigner.analysis import DependencyStatus, Severity, analyse
from orgdesigner.model import Discipline, Team
from tests.analysis.orgs import MLOPS_AND_MLE, org_of, team, typical, unit


def _status(report: object, provider: str, consumer: str) -> DependencyStatus:
    from orgdesigner.analysis import Report

    assert isinstance(report, Report)
    return next(
        d.status
        for d in report.dependencies
        if d.provider == Discipline(provider) and d.consumer == Discipline(consumer) and d.kind != "overlaps"
    )


def test_typical_meets_every_dependency() -> None:
    report = analyse(typical())
    assert "dependency.missing" not in report.codes()
    assert _status(report, "data_engineering", "mlops") is DependencyStatus.OK
    assert _status(report, "mlops", "software_engineering") is DependencyStatus.OK
    dep = next(
        d
        for d in report.dependencies
        if d.consumer == Discipline.MLOPS and d.kind == "depends_on" and d.provider == Discipline.DEVOPS_SRE
    )
    assert dep.providers == ("sre",) and dep.consumers == ("mlops",)


def test_mlops_without_data_engineering_has_no_reliable_data() -> None:
    org = typical()
    org.remove_subtree("de")
    report = analyse(org)
    warning = next(
        f
        for f in report.findings
        if f.code == "dependency.missing" and f.nodes == ("mlops",) and "Data Engineering" in f.message
    )
    assert warning.severity is Severity.WARNING
    assert "ML Engineering / MLOps (MLOps) has no reliable, good-quality data" in warning.message
    assert '"Build data pipelines" or "Keep data correct and available"' in warning.message
    assert _status(report, "data_engineering", "mlops") is DependencyStatus.MISSING
    assert _status(report, "data_engineering", "data_science") is DependencyStatus.MISSING


def test_mlops_without_devops_has_no_infrastructure_to_build_on() -> None:
    org = typical()
    org.remove_subtree("platform")
    report = analyse(org)
    messages = [f.message for f in report.findings if f.code == "dependency.missing"]
    assert any("(MLOps) has no managed infrastructure to build on" in m for m in messages)
    assert any(m.startswith("Software Engineering has no one running its infrastructure") for m in messages)


def test_software_engineering_consuming_predictions_needs_mlops_from_stage_4() -> None:
    org = typical()
    org.remove_subtree("mlops")
    report = analyse(org)
    swe = [f for f in report.findings if f.code == "dependency.missing" and f.nodes == ("swe",)]
    assert len(swe) == 1
    assert "no one deploys and maintains the prediction APIs it calls" in swe[0].message
    org.set_target_stage(3)
    report = analyse(org)
    assert _status(report, "mlops", "software_engineering") is DependencyStatus.NOT_YET
    assert not [f for f in report.findings if f.code == "dependency.missing" and f.nodes == ("swe",)]


def test_any_team_owning_a_via_responsibility_is_a_provider() -> None:
    org = typical()
    org.remove_subtree("platform")
    org.set_fields("mlops", responsibilities=(*MLOPS_AND_MLE, "manage_cloud_infrastructure"))
    report = analyse(org)
    assert _status(report, "devops_sre", "mlops") is DependencyStatus.OK
    assert not any("(MLOps) has no managed infrastructure" in f.message for f in report.findings)


def test_each_consumer_team_gets_its_own_warning() -> None:
    org = org_of(
        unit("top", None, "executive"),
        team("m1", "top", "mlops"),
        team("m2", "top", "mlops"),
        team("ds", "top", "data_science"),
        team("de", "top", "data_engineering"),
        target=4,
    )
    report = analyse(org)
    devops = [
        f
        for f in report.findings
        if f.code == "dependency.missing" and "infrastructure" in f.message and "DevOps" in f.message
    ]
    assert [f.nodes for f in devops] == [("m1",), ("m2",)]


def test_no_consumer_no_warning() -> None:
    org = org_of(unit("top", None, "executive"), team("an", "top", "analytics"), target=1)
    report = analyse(org)
    assert _status(report, "data_engineering", "mlops") is DependencyStatus.NO_CONSUMER
    assert "dependency.missing" not in report.codes()


def test_overlaps_are_not_dependencies_but_inform_when_both_teams_exist() -> None:
    report = analyse(typical())
    overlap = next(d for d in report.dependencies if d.kind == "overlaps")
    assert overlap.status is DependencyStatus.OVERLAP
    assert "dependency.overlap" not in report.codes(), "one combined team: nothing to agree on"
    org = typical()
    org.add_node(Team(id="mle", name="ML Engineering", discipline="ml_engineering"), "data")  # type: ignore[arg-type]
    report = analyse(org)
    info = next(f for f in report.findings if f.code == "dependency.overlap")
    assert info.severity is Severity.INFO and info.nodes == ("mlops", "mle")
    org.remove_subtree("mlops")
    assert "dependency.overlap" not in analyse(org).codes()


def test_ai_engineering_without_mlops_practice_is_warned() -> None:
    org = typical()
    org.remove_subtree("mlops")
    org.add_node(Team(id="llm", name="LLM Apps", discipline="ai_engineering"), "product")  # type: ignore[arg-type]
    report = analyse(org)
    warning = next(f for f in report.findings if f.code == "dependency.missing" and f.nodes == ("llm",))
    assert "no MLOps practice" in warning.message


def test_a_missing_provider_is_one_finding_per_team_said_once_for_all() -> None:
    # Each consumer team keeps its own finding (its badge, a compare that names it); the
    # findings share a topic, so the panel and the text report say them once with the count.
    from orgdesigner.analysis.grouping import group_findings

    many = org_of(
        unit("top", None, "executive"),
        *[team(f"swe{i}", "top", "software_engineering", name=f"App {i}") for i in range(12)],
        target=4,
    )
    missing = [f for f in analyse(many).findings if f.code == "dependency.missing"]
    assert {f.nodes for f in missing} == {(f"swe{i}",) for i in range(12)}
    groups = group_findings(missing)
    assert len(groups) == len({f.topic for f in missing}) and all(g.count == 12 for g in groups)
    assert groups[0].text.startswith("12 Software Engineering teams: each ")
    assert groups[0].nodes == tuple(f"swe{i}" for i in range(12))


def test_a_team_named_after_its_discipline_is_not_followed_by_it_again() -> None:
    from orgdesigner.analysis.findings import with_discipline

    assert with_discipline("Data Science (Ida Sommer)", "Data Science") == "Data Science (Ida Sommer)"
    assert with_discipline("data science", "Data Science") == "data science"
    assert with_discipline("Growth Squad", "Software Engineering") == "Growth Squad (Software Engineering)"
    assert with_discipline("ML Engineering / MLOps", "MLOps") == "ML Engineering / MLOps (MLOps)"
