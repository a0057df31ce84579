"""Dotted lines: checked in linear time, and the index of their keys kept right by every edit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesigner.io.fileformat import dumps_org, parse_org
from orgdesigner.model import EditRefused, FlatNode, Link, ModelError, Organization, Team, Unit
from orgdesigner.model.tree import link_key
from tests.synthetic import make_org


def _org_with_links(teams: int, links: int) -> tuple[list[FlatNode], list[Link]]:
    nodes = [FlatNode(Unit(id="root", name="Root", structure="executive"), None)]
    nodes += [FlatNode(Team(id=f"t{i}", name=f"T{i}", discipline="mlops"), "root") for i in range(teams)]
    out = []
    for k in range(links):
        a, b = k % teams, (k // teams + 1 + k % teams) % teams
        if a != b:
            out.append(Link(source=f"t{a}", target=f"t{b}"))
    return nodes, out


@pytest.fixture
def link_comparisons(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the comparisons of two links (a list scan compares each earlier link)."""
    count = [0]
    original = Link.__eq__

    def counting(self: Link, other: object) -> bool:
        count[0] += 1
        return original(self, other)

    monkeypatch.setattr(Link, "__eq__", counting)
    yield count


def test_loading_links_compares_each_link_a_bounded_number_of_times(link_comparisons: list[int]) -> None:
    # 3,000 links: a list scan made ~4.5 million comparisons (minutes at 20,000 links).
    nodes, links = _org_with_links(100, 3_000)
    org = Organization.from_flat("L", 4, nodes, links)
    assert len(org.links) == len(links)
    assert link_comparisons[0] < 10 * len(links)


def test_a_file_of_many_links_loads_in_linear_time(link_comparisons: list[int]) -> None:
    nodes, links = _org_with_links(60, 2_500)
    text = dumps_org(Organization.from_flat("L", 4, nodes, links))
    link_comparisons[0] = 0
    loaded = parse_org(text)
    assert len(loaded.links) == len(links)
    assert link_comparisons[0] < 10 * len(links)


def test_a_repeated_link_is_still_refused() -> None:
    nodes, links = _org_with_links(10, 20)
    with pytest.raises(ModelError, match="already serves"):
        Organization.from_flat("L", 4, nodes, [*links, links[7]])
    org = Organization.from_flat("L", 4, nodes, links)
    with pytest.raises(EditRefused, match="already serves"):
        org.add_link(Link(source=links[3].source, target=links[3].target))


def _keys_match(org: Organization) -> None:
    assert org._link_keys == {link_key(lk) for lk in org.links}
    assert len(org._link_keys) == len(org.links)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_link_keys_follow_every_edit_and_undo(data: st.DataObject) -> None:
    org = make_org(40, "random", seed=data.draw(st.integers(0, 50)), links=8)
    teams = [t.id for t in org.teams()]
    removed: list[object] = []
    for _ in range(data.draw(st.integers(5, 40))):
        op = data.draw(st.sampled_from(["add", "remove_link", "remove_subtree", "restore", "copy", "replace"]))
        if op == "add":
            src, dst = data.draw(st.sampled_from(teams)), data.draw(st.sampled_from([*org.iter_preorder()]))
            link = Link(source=src, target=dst)
            expected_refusal = src not in org or src == dst or link in org.links
            try:
                org.add_link(link, data.draw(st.none() | st.integers(-1, 20)))
                assert not expected_refusal
            except EditRefused:
                assert expected_refusal
        elif op == "remove_link" and org.links:
            org.remove_link(data.draw(st.sampled_from(org.links)))
        elif op == "remove_subtree" and len(org) > 1:
            nid = data.draw(st.sampled_from([n for n in org.iter_preorder() if n != org.root]))
            before = org.copy()
            gone = org.remove_subtree(nid)
            removed.append((gone, before))
        elif op == "restore" and removed:
            gone, before = removed.pop()  # type: ignore[misc]
            org.restore_subtree(gone)
            assert org == before  # the links come back at their old places
            removed.clear()  # later removals were made on a different org
        elif op == "copy":
            org = org.copy()
        elif op == "replace":
            other = make_org(20, "random", seed=data.draw(st.integers(0, 9)), links=5)
            before = org.replace_all(other)
            _keys_match(before)
            teams = [t.id for t in org.teams()]
            removed.clear()
        _keys_match(org)
        if op in ("add", "remove_link"):
            removed.clear()
        ghost = Link(source=teams[0], target=teams[-1])
        assert (link_key(ghost) in org._link_keys) == (ghost in org.links)


def test_removing_a_missing_link_is_refused_without_a_scan(link_comparisons: list[int]) -> None:
    nodes, links = _org_with_links(50, 1_000)
    org = Organization.from_flat("L", 4, nodes, links)
    link_comparisons[0] = 0
    with pytest.raises(EditRefused, match="no dotted line"):
        org.remove_link(Link(source="t1", target="root"))
    assert link_comparisons[0] == 0
