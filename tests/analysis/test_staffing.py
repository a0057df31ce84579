"""Staffing suggestions: who could grow into a discipline the org lacks but needs."""

from __future__ import annotations

from orgdesigner.analysis import Severity, analyse
from orgdesigner.model import Discipline, Team
from tests.analysis.orgs import org_of, team, typical, unit


def test_typical_needs_no_one() -> None:
    report = analyse(typical())
    assert report.suggestions == ()
    assert "staffing.suggestion" not in report.codes()


def test_missing_mlops_suggests_devops_first_then_the_other_paths() -> None:
    org = typical()
    org.remove_subtree("mlops")
    report = analyse(org)
    (s,) = report.suggestions
    assert s.discipline is Discipline.MLOPS
    assert set(s.gaps) == {"ml_ci_cd", "manage_model_deployments", "monitor_model_performance"}
    assert "swe" in s.needed_by
    assert [o.source for o in s.options] == [
        Discipline.DEVOPS_SRE,
        Discipline.DATA_SCIENCE,
        Discipline.DATA_ENGINEERING,
        Discipline.SOFTWARE_ENGINEERING,
    ]
    assert s.options[0].teams == ("sre",)
    assert "ML fundamentals" in s.options[0].learn
    finding = next(f for f in report.findings if f.code == "staffing.suggestion")
    assert finding.severity is Severity.INFO
    assert "The org has no MLOps team but needs one" in finding.message
    assert "DevOps / SRE could grow into it, the most natural move into MLOps" in finding.message
    assert set(finding.nodes) == {"sre", "ds", "de", "swe"}


def test_devops_comes_first_even_when_it_is_last_in_file_order() -> None:
    org = org_of(
        unit("top", None, "executive"),
        team("ds", "top", "data_science"),
        team("swe", "top", "software_engineering"),
        team("sre", "top", "devops_sre"),
        team("de", "top", "data_engineering"),
        team("pm", "top", "product_management"),
    )
    (s,) = analyse(org).suggestions
    assert s.options[0].source is Discipline.DEVOPS_SRE


def test_a_missing_provider_is_suggested_even_below_its_gaps() -> None:
    org = org_of(
        unit("top", None, "executive"),
        team("m", "top", "mlops", name="MLOps"),
        team("ds", "top", "data_science"),
        team("sre", "top", "devops_sre"),
        team("an", "top", "analytics"),
        target=1,
    )
    report = analyse(org)
    de = next(s for s in report.suggestions if s.discipline is Discipline.DATA_ENGINEERING)
    assert de.gaps == () and de.needed_by == ("m",)
    assert de.options == ()
    finding = next(f for f in report.findings if f.code == "staffing.suggestion" and "Data Engineering" in f.message)
    assert "MLOps depends on it" in finding.message
    assert "hire for it" in finding.message


def test_a_discipline_present_but_narrowed_is_not_suggested() -> None:
    org = typical()
    org.set_fields("de", responsibilities=("bi_dashboards",))
    report = analyse(org)
    assert "build_data_pipelines" in report.coverage.gaps
    assert all(s.discipline is not Discipline.DATA_ENGINEERING for s in report.suggestions)


def test_no_paths_when_no_source_team_exists() -> None:
    org = org_of(
        unit("top", None, "executive"), team("an", "top", "analytics"), team("pm", "top", "product_management")
    )
    org.add_node(Team(id="mle", name="MLE", discipline="ml_engineering"), "top")  # type: ignore[arg-type]
    report = analyse(org)
    mlops = next(s for s in report.suggestions if s.discipline is Discipline.MLOPS)
    assert mlops.options == ()
