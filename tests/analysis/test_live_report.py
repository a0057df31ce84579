"""The live report (the analysis kept up to date change by change) against ``analyse()``: random
orgs, random edits of every kind applied one by one or several at once, the index compared with
one built afresh; with tiny label gaps (every insertion renumbers the file order) and a tiny
span limit too. And what an edit leaves alone stays the very same objects."""

from __future__ import annotations

import random
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.analysis import AnalysisOptions, build_index
from orgdesigner.analysis.live import LiveReport, findings_changed
from orgdesigner.analysis.live.order import GAP
from orgdesigner.io import load_template, template_names
from orgdesigner.model import Discipline, EditRefused, Link, Organization, Structure, Team, Unit, load_catalogue
from tests.analysis.live_checks import assert_same_index, assert_same_report
from tests.reliability.strategies import orgs
from tests.synthetic import make_org

RESPONSIBILITIES = sorted(load_catalogue().responsibility_ids())
EDITS = ("move", "add_team", "add_unit", "delete", "restore", "rename", "headcount", "discipline",
         "responsibilities", "structure", "kind", "link", "unlink", "stage", "org_name")  # fmt: skip


def _named(org: Organization) -> list[str]:
    """Nodes messages name first: the first owners, the first teams doing MLOps work."""
    index = build_index(org)
    out = [index.ids[i] for i in index.mlops_work[:4]]
    for owners in index.owners.values():
        out += [index.ids[i] for i in owners[:2]]
    return out


def _edit(org: Organization, kind: str, rng: random.Random, removed: list[object], k: int) -> None:
    """One edit of ``kind`` on nodes ``rng`` picks (half the time among those messages name)."""
    ids = list(org.iter_preorder())
    hot = _named(org) if ids and rng.random() < 0.5 else []
    pick = (lambda: rng.choice(hot or ids)) if ids else (lambda: "")
    try:
        if kind == "move" and len(ids) > 1:
            org.move_node(rng.choice([n for n in (hot or ids) if n != org.root] or ids[1:]), rng.choice(ids),
                          rng.choice([None, 0, 1, 5]))  # fmt: skip
        elif kind == "add_team" and ids:
            team = Team(id=f"t{k}", name=f"Team {k}", discipline=rng.choice(list(Discipline)),
                        headcount=rng.choice([0, 4]))  # fmt: skip
            org.add_node(team, rng.choice(ids), rng.choice([None, 0, 2]))
        elif kind == "add_unit":
            unit = Unit(id=f"u{k}", name=f"Unit {k}", structure=rng.choice(list(Structure)))
            org.add_node(unit, rng.choice(ids) if ids else None, rng.choice([None, 0]))
        elif kind == "delete" and ids:
            removed.append(org.remove_subtree(rng.choice(ids)))
        elif kind == "restore" and removed:
            org.restore_subtree(removed.pop())  # type: ignore[arg-type]
        elif kind == "rename" and ids:
            org.rename(pick(), f"Renamed {k}")
        elif kind in ("headcount", "discipline", "responsibilities") and ids:
            nid = pick()
            if isinstance(org.node(nid), Team):
                value = {
                    "headcount": rng.choice([0, 1, 9]),
                    "discipline": rng.choice(list(Discipline)),
                    "responsibilities": rng.choice([None, (), tuple(rng.sample(RESPONSIBILITIES, 3))]),
                }[kind]
                org.set_fields(nid, **{kind: value})
        elif kind == "structure" and ids:
            nid = rng.choice(ids)
            if isinstance(org.node(nid), Unit):
                org.set_fields(nid, structure=rng.choice(list(Structure)))
        elif kind == "kind" and ids:
            nid = rng.choice(ids)
            if isinstance(org.node(nid), Unit):
                org.set_fields(nid, kind="team", discipline=rng.choice(list(Discipline)))
            else:
                org.set_fields(nid, kind="unit", structure=rng.choice(list(Structure)))
        elif kind == "link" and len(ids) > 1:
            org.add_link(Link(source=pick(), target=rng.choice(ids)))
        elif kind == "unlink" and org.links:
            org.remove_link(rng.choice(org.links))
        elif kind == "stage":
            org.set_target_stage(rng.randint(1, 5))
        elif kind == "org_name":
            org.set_name(f"Org {k}")
    except EditRefused:
        pass


def _start(choice: int, drawn: Organization) -> Organization:
    if choice == 0:
        return drawn
    if choice == 1:
        return load_template(
            template_names()[drawn.child_count(drawn.root) % len(template_names()) if drawn.root else 0]
        )
    return make_org(30 + len(drawn) % 50, ("balanced", "wide", "deep", "random")[choice % 4], links=4)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    drawn=orgs(max_nodes=60),
    start=st.integers(0, 4),
    edits=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(1, 3)), min_size=1, max_size=25),
    seed=st.integers(0, 2**32 - 1),
    gap=st.sampled_from([GAP, 2]),
    span=st.sampled_from([8, 2]),
)
def test_the_live_report_equals_analyse_after_every_change(
    drawn: Organization, start: int, edits: list[tuple[str, int]], seed: int, gap: int, span: int
) -> None:
    org = _start(start, drawn)
    rng = random.Random(seed)
    options = AnalysisOptions(max_span=span)
    with mock.patch("orgdesigner.analysis.live.index.GAP", gap):
        org.record_changes()
        live = LiveReport(org, options)
        assert_same_report(live.report, org, options)
        removed: list[object] = []
        for k, (kind, times) in enumerate(edits):
            for j in range(times):  # several changes, followed at once
                _edit(org, kind, rng, removed, k * 10 + j)
            changes = org.take_changes()
            assert changes is not None
            live.apply(changes)
            assert_same_report(live.report, org, options)
            assert_same_index(live.index, org)


def test_a_headcount_change_leaves_every_finding_and_most_sections_as_they_were() -> None:
    org = load_template("typical")
    org.record_changes()
    live = LiveReport(org)
    before = live.report
    team = next(t for t in org.teams() if t.headcount > 0)
    org.set_fields(team.id, headcount=team.headcount + 5)
    live.apply(org.take_changes() or [])
    after = assert_same_report(live.report, org)
    assert after.structure.total_headcount == before.structure.total_headcount + 5
    assert findings_changed(before, live.report) == ([], [])
    for part in ("coverage", "dependencies", "placement", "maturity", "handoffs", "suggestions"):
        assert getattr(live.report, part) is getattr(before, part), part


def test_a_rename_changes_only_the_findings_that_name_the_node() -> None:
    org = load_template("typical")
    org.record_changes()
    live = LiveReport(org)
    for team in org.teams():
        before = live.report
        org.rename(team.id, f"{team.name} (renamed)")
        live.apply(org.take_changes() or [])
        assert_same_report(live.report, org)
        added, removed = findings_changed(before, live.report)
        named = [f for f in before.findings if team.name in f.message]
        assert sorted(f.message for f in removed) == sorted(f.message for f in named)
        assert all("(renamed)" in f.message for f in added) and len(added) == len(removed)


def test_a_move_reuses_the_findings_of_responsibilities_the_team_does_not_own() -> None:
    org = make_org(400, "balanced", links=4)
    org.record_changes()
    live = LiveReport(org)
    team = org.teams()[7]
    owned = set(org.owned_responsibilities(team))
    before = live.report
    target = next(u.id for u in reversed(org.units()) if u.id != org.parent(team.id))
    org.move_node(team.id, target)
    live.apply(org.take_changes() or [])
    assert_same_report(live.report, org)
    kept = {id(f) for f in before.findings}
    for f in live.report.findings:
        if f.code == "coverage.overlap" and f.about not in owned:
            assert id(f) in kept, f.about


def test_changes_recorded_before_the_report_was_read_are_not_applied_twice() -> None:
    org = load_template("typical")
    org.record_changes()
    org.rename("sre", "SRE one")
    live = LiveReport(org)  # reads the org with the rename in it
    seen = org.changes_recorded
    org.rename("sre", "SRE two")
    changes = org.take_changes() or []
    assert len(changes) == 2 and org.changes_recorded == seen + 1
    live.apply(changes[len(changes) - (org.changes_recorded - seen) :])
    assert_same_report(live.report, org)


def test_a_whole_org_replaced_is_read_again() -> None:
    org = load_template("typical")
    org.record_changes()
    live = LiveReport(org)
    org.replace_all(load_template("llm-era"))
    assert not live.apply(org.take_changes() or [])
    assert_same_report(live.report, org)


def test_an_empty_org_and_its_first_nodes() -> None:
    org = Organization("Nothing yet")
    org.record_changes()
    live = LiveReport(org)
    assert_same_report(live.report, org)
    org.add_node(Unit(id="top", name="Top", structure="executive"), None)
    org.add_node(Team(id="ds", name="DS", discipline="data_science"), "top")
    live.apply(org.take_changes() or [])
    assert_same_report(live.report, org)
    org.remove_subtree("top")
    live.apply(org.take_changes() or [])
    assert_same_report(live.report, org)
    assert_same_index(live.index, org)
