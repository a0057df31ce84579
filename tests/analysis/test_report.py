"""The whole report: the typical chart, finding order and counts, the templates, the graph."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

from orgdesigner.analysis import MlopsPlacement, Severity, analyse, relation_graph
from orgdesigner.io import load_template, template_names
from orgdesigner.model import Link, Organization
from tests.analysis.orgs import typical


def test_the_typical_template_stands_at_stage_4_with_no_errors_and_mlops_in_data_ai() -> None:
    report = analyse(load_template("typical"))
    assert report.maturity.stage == 4
    assert report.coverage.gaps == ()
    assert report.of(Severity.ERROR) == ()
    assert report.placement.kind is MlopsPlacement.DATA_AI
    assert report.handoffs.unowned == ()
    assert report.summary.stage == 4 and report.summary.mlops_structure is MlopsPlacement.DATA_AI


def test_findings_come_errors_first_and_the_summary_counts_them() -> None:
    org = typical()
    org.remove_subtree("de")
    org.set_fields("swe", headcount=0)
    report = analyse(org)
    ranks = [f.severity.rank for f in report.findings]
    assert ranks == sorted(ranks)
    assert {Severity.ERROR, Severity.WARNING, Severity.INFO} <= {f.severity for f in report.findings}
    s = report.summary
    assert (s.errors, s.warnings, s.infos) == (
        len(report.of(Severity.ERROR)),
        len(report.of(Severity.WARNING)),
        len(report.of(Severity.INFO)),
    )
    assert report.at_least(Severity.WARNING) == report.of(Severity.ERROR) + report.of(Severity.WARNING)


def test_every_finding_is_well_formed() -> None:
    org = typical()
    org.remove_subtree("platform")
    report = analyse(org)
    for f in report.findings:
        assert f.code.count(".") == 1 and f.code == f.code.lower()
        assert f.message[0].isupper() or f.message[0] == '"'
        assert f.message.endswith(".")
        assert all(n in org for n in f.nodes)


def test_the_analysis_does_not_change_the_org() -> None:
    org = typical()
    before = org.copy()
    analyse(org)
    assert org == before


def test_an_empty_org_gets_a_report() -> None:
    report = analyse(Organization("Nothing yet"))
    assert report.summary.teams == 0 and report.structure.total_headcount == 0
    assert report.placement.kind is MlopsPlacement.NONE
    assert report.structure.widest is None


def _template_exists(name: str) -> bool:
    return resources.files("orgdesigner.templates").joinpath(f"{name}.json").is_file()


@pytest.mark.parametrize("name", template_names())
def test_every_template_reads_sensibly(name: str) -> None:
    if not _template_exists(name):
        pytest.skip(f"template {name} is not written yet")
    org = load_template(name)
    report = analyse(org)
    assert report.of(Severity.ERROR) == (), [f.message for f in report.of(Severity.ERROR)]
    assert report.maturity.stage >= org.target_stage, "a template stands at the stage it is designed for"
    if name.startswith("stage-"):
        assert report.maturity.stage == int(name.split("-")[1])
    expected = {
        "typical": MlopsPlacement.DATA_AI,
        "mlops-under-platform": MlopsPlacement.PLATFORM,
        "mlops-under-data-ai": MlopsPlacement.DATA_AI,
        "mlops-cross-functional": MlopsPlacement.CROSS_FUNCTIONAL,
    }
    if name in expected:
        assert report.placement.kind is expected[name]
    if org.target_stage >= 4:
        assert report.handoffs.unowned == ()
        assert report.placement.kind is not MlopsPlacement.NONE
    else:
        assert report.placement.kind is MlopsPlacement.NONE


def test_org_graph_holds_the_tree_and_the_dotted_lines() -> None:
    org = typical()
    org.add_link(Link(source="mlops", target="swe"))
    graph = relation_graph(org)
    assert graph.number_of_nodes() == len(org)
    assert graph.nodes["mlops"]["discipline"] == "mlops" and graph.nodes["data"]["structure"] == "data_ai"
    assert graph.has_edge("data", "mlops", key="reports_to")
    assert graph.has_edge("mlops", "swe", key="serves")
    assert sum(1 for *_, k in graph.edges(keys=True) if k == "reports_to") == len(org) - 1


def test_the_analysis_imports_no_qt() -> None:
    code = "import sys, orgdesigner.analysis; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
