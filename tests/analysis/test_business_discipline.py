"""The business discipline (sales, finance, legal, operations...) is on the chart but never
judged: it owns nothing, takes part in no dependency check and adds no finding of its own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.analysis import analyse
from orgdesigner.io import load_template, template_names
from orgdesigner.model import Discipline, FlatNode, Organization, Structure, Team, Unit, load_catalogue

# Findings a business team may take part in: they are about the tree's shape, not the discipline.
SHAPE_CODES = {"structure.span", "structure.empty_unit", "structure.no_headcount"}


def _with_business(org: Organization, placements: list[tuple[int, int]]) -> tuple[Organization, set[str]]:
    """``org`` with a business team of the given headcount under the node at each index (in
    pre-order), and a Sales unit holding one more under the root."""
    ids = list(org.iter_preorder())
    flat = org.flat()
    added: set[str] = set()
    root = org.root
    assert root is not None
    flat.append(FlatNode(Unit(id="biz-sales", name="Sales", structure=Structure.OTHER), root))
    flat.append(
        FlatNode(Team(id="biz-reps", name="Sales reps", discipline=Discipline.BUSINESS, headcount=12), "biz-sales")
    )
    added |= {"biz-sales", "biz-reps"}
    for k, (where, headcount) in enumerate(placements):
        nid = f"biz-{k}"
        team = Team(id=nid, name=f"Finance {k}", discipline=Discipline.BUSINESS, headcount=headcount)
        flat.append(FlatNode(team, ids[where % len(ids)]))
        added.add(nid)
    return Organization.from_flat(org.name, org.target_stage, flat, org.links), added


def test_the_catalogue_gives_business_no_work_and_no_relationship() -> None:
    cat = load_catalogue()
    info = cat.discipline(Discipline.BUSINESS)
    assert info.responsibilities == ()
    assert all(Discipline.BUSINESS not in (r.provider, r.consumer) for r in cat.relationships)
    assert all(Discipline.BUSINESS not in (p.source, p.target) for p in cat.career_paths)
    assert all(r.discipline is not Discipline.BUSINESS for r in cat.responsibilities)
    # A neutral grey: red, green and blue equal.
    assert len({info.color[1:3], info.color[3:5], info.color[5:7]}) == 1


@settings(max_examples=40, deadline=None)
@given(
    template=st.sampled_from(template_names()),
    placements=st.lists(st.tuples(st.integers(0, 200), st.integers(1, 50)), max_size=12),
)
def test_business_teams_change_no_judgement(template: str, placements: list[tuple[int, int]]) -> None:
    base = load_template(template)
    org, added = _with_business(base, placements)
    before, after = analyse(base), analyse(org)
    judged = {(f.code, f.message) for f in after.findings if f.code not in SHAPE_CODES}
    assert judged == {(f.code, f.message) for f in before.findings if f.code not in SHAPE_CODES}
    for finding in after.findings:
        if added & set(finding.nodes):
            assert finding.code in SHAPE_CODES, finding
    assert after.coverage.required == before.coverage.required
    assert after.placement.kind == before.placement.kind
    assert after.maturity.stage == before.maturity.stage
    assert after.summary.headcount == before.summary.headcount + 12 + sum(h for _, h in placements)
