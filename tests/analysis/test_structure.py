"""Structure health: headcount roll-ups, span of control, empty units, teams with no people."""

from __future__ import annotations

from orgdesigner.analysis import AnalysisOptions, Severity, analyse
from tests.analysis.orgs import org_of, team, typical, unit


def test_headcount_rolls_up_through_units_and_teams() -> None:
    report = analyse(typical())
    hc = report.structure.headcount
    assert hc == {"cto": 36, "platform": 6, "data": 16, "product": 14}
    assert report.structure.total_headcount == 36
    assert report.summary.headcount == 36
    nested = org_of(
        unit("top", None, "executive"),
        team("lead", "top", "devops_sre", 3),
        unit("sub", "lead", "platform"),
        team("t", "sub", "mlops", 5),
    )
    assert analyse(nested).structure.headcount == {"top": 8, "sub": 5}


def test_span_of_control_warns_above_eight_by_default() -> None:
    eight = org_of(unit("top", None, "executive"), *[team(f"t{i}", "top", "analytics") for i in range(8)], target=1)
    assert "structure.span" not in analyse(eight).codes()
    nine = org_of(
        unit("top", None, "executive", "Head office"), *[team(f"t{i}", "top", "analytics") for i in range(9)], target=1
    )
    report = analyse(nine)
    warning = next(f for f in report.findings if f.code == "structure.span")
    assert warning.severity is Severity.WARNING and warning.nodes == ("top",)
    assert "Head office has 9 direct reports, more than 8" in warning.message
    assert [(s.node, s.direct_reports) for s in report.structure.over_span] == [("top", 9)]
    assert report.structure.widest is not None and report.structure.widest.direct_reports == 9


def test_the_span_limit_is_configurable() -> None:
    report = analyse(typical(), AnalysisOptions(max_span=2))
    assert [s.node for s in report.structure.over_span] == ["cto", "data"]
    assert report.options.max_span == 2
    assert "structure.span" not in analyse(typical(), AnalysisOptions(max_span=3)).codes()


def test_a_span_limit_below_one_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="at least 1"):
        AnalysisOptions(max_span=0)


def test_empty_units_are_reported_once_for_their_topmost_unit() -> None:
    org = typical()
    org.add_node(unit("lab", None, "other", "Research Lab").node, "cto")
    org.add_node(unit("lab-a", None, "other").node, "lab")
    org.add_node(unit("lab-b", None, "other").node, "lab-a")
    org.add_node(unit("solo", None, "product", "Growth").node, "product")
    report = analyse(org)
    empties = [f for f in report.findings if f.code == "structure.empty_unit"]
    assert [f.nodes for f in empties] == [("solo",), ("lab", "lab-a", "lab-b")], "file order"
    assert empties[0].message.startswith("Growth has no teams:")
    assert "Research Lab has no teams (nor do the 2 units below it)" in empties[1].message
    assert report.structure.empty_units == ("solo", "lab", "lab-a", "lab-b")
    assert all(f.severity is Severity.WARNING for f in empties)


def test_teams_without_headcount_are_one_info_finding() -> None:
    org = typical()
    org.set_fields("de", headcount=0)
    org.set_fields("swe", headcount=0)
    report = analyse(org)
    info = next(f for f in report.findings if f.code == "structure.no_headcount")
    assert info.severity is Severity.INFO
    assert info.nodes == ("de", "swe")
    assert info.message == "2 teams have no headcount yet: Data Engineering and Software Engineering."
    assert report.structure.teams_without_headcount == ("de", "swe")


def test_counts_of_units_and_teams() -> None:
    s = analyse(typical()).summary
    assert (s.units, s.teams, s.links) == (4, 6, 0)
