"""Repeated findings shown once with their count: every finding in exactly one group, a group
only of findings that say the same thing, and the sentence said once for all."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.analysis import Severity, analyse
from orgdesigner.analysis.grouping import group_findings, group_key
from orgdesigner.io.csv_import import ImportOptions, import_csv
from tests.synthetic import make_org


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=400),
    shape=st.sampled_from(["balanced", "deep", "wide", "random"]),
    seed=st.integers(0, 10_000),
)
def test_groups_partition_the_findings(n: int, shape: str, seed: int) -> None:
    report = analyse(make_org(n, shape, seed))
    groups = group_findings(report.findings)
    members = [f for g in groups for f in g.findings]
    assert sorted(map(id, members)) == sorted(map(id, report.findings))  # each finding once
    assert len({group_key(g.findings[0]) for g in groups}) == len(groups)  # one group per kind
    for g in groups:
        assert {group_key(f) for f in g.findings} == {group_key(g.findings[0])}
        assert set(g.nodes) == {n for f in g.findings for n in f.nodes} and len(set(g.nodes)) == len(g.nodes)
        if g.count == 1:
            assert g.text == g.findings[0].message
        else:
            assert "{n}" not in g.text


def test_the_d3_sample_reads_as_a_handful_of_problems(d3_sample_csv: Path) -> None:
    org = import_csv(d3_sample_csv, options=ImportOptions(people=True)).org  # one card per person
    report = analyse(org)
    found = report.of(Severity.WARNING)
    warnings = group_findings(found)
    assert len(found) > 1_000 and len(warnings) <= 10
    big = max(warnings, key=lambda g: g.count)
    consumer = org.node(big.nodes[0])
    assert big.code == "dependency.missing" and big.count > 500
    assert big.text.startswith(f"{big.count:,} ") and " teams: each " in big.text
    assert len(big.nodes) == big.count and all(org.node(n).kind == consumer.kind for n in big.nodes)
