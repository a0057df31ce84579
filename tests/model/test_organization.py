"""The org model: construction, queries and edits that keep the invariants."""

from __future__ import annotations

import pytest

from orgdesigner.model import (
    EditRefused,
    FlatNode,
    Link,
    ModelError,
    Organization,
    Team,
    Unit,
    new_team,
)
from tests.synthetic import make_chain, make_org


def small() -> Organization:
    org = Organization("Acme")
    org.add_node(Unit(id="cto", name="CTO", structure="executive"), None)
    org.add_node(Unit(id="plat", name="Platform", structure="platform"), "cto")
    org.add_node(Unit(id="dai", name="Data and AI", structure="data_ai"), "cto")
    org.add_node(Team(id="sre", name="SRE", discipline="devops_sre", headcount=4), "plat")
    org.add_node(Team(id="de", name="Data Eng", discipline="data_engineering", headcount=3), "dai")
    org.add_node(Team(id="mlops", name="ML Ops", discipline="mlops", headcount=2), "dai")
    return org


def test_queries_follow_the_tree() -> None:
    org = small()
    assert org.root == "cto"
    assert org.children("dai") == ("de", "mlops")
    assert list(org.iter_preorder()) == ["cto", "plat", "sre", "dai", "de", "mlops"]
    assert org.ancestors("mlops") == ["dai", "cto"]
    assert org.depth("sre") == 2
    assert org.is_ancestor("dai", "mlops") and not org.is_ancestor("plat", "mlops")
    assert [t.id for t in org.teams()] == ["sre", "de", "mlops"]


def test_add_at_sibling_index_and_refuse_second_root() -> None:
    org = small()
    org.add_node(Team(id="ds", name="DS", discipline="data_science"), "dai", 1)
    assert org.children("dai") == ("de", "ds", "mlops")
    before = org.copy()
    with pytest.raises(EditRefused, match="already has its root"):
        org.add_node(Unit(id="x", name="X"), None)
    with pytest.raises(EditRefused, match="already used"):
        org.add_node(Team(id="de", name="Dup", discipline="mlops"), "dai")
    with pytest.raises(EditRefused, match="not in the org"):
        org.add_node(Team(id="y", name="Y", discipline="mlops"), "nowhere")
    assert org == before


def test_move_refuses_cycles_with_a_readable_reason() -> None:
    org = small()
    before = org.copy()
    with pytest.raises(EditRefused, match="cannot move 'Data and AI' under its own team 'ML Ops'"):
        org.move_node("dai", "mlops")
    with pytest.raises(EditRefused, match="under itself"):
        org.move_node("dai", "dai")
    with pytest.raises(EditRefused, match="root"):
        org.move_node("cto", "plat")
    assert org == before


def test_move_then_move_back_restores_exactly() -> None:
    org = small()
    before = org.copy()
    old_parent, old_index = org.move_node("mlops", "plat", 0)
    assert org.children("plat") == ("mlops", "sre")
    assert org.parent("mlops") == "plat"
    org.move_node("mlops", old_parent, old_index)
    assert org == before


def test_move_within_same_parent_reorders() -> None:
    org = small()
    org.move_node("mlops", "dai", 0)
    assert org.children("dai") == ("mlops", "de")


def test_remove_and_restore_subtree_with_links() -> None:
    org = small()
    org.add_link(Link(source="mlops", target="sre"))
    org.add_link(Link(source="sre", target="de"))
    before = org.copy()
    removed = org.remove_subtree("dai")
    assert "de" not in org and "mlops" not in org
    assert org.links == ()
    org.restore_subtree(removed)
    assert org == before


def test_set_fields_validates_and_leaves_model_unchanged_when_refused() -> None:
    org = small()
    before = org.copy()
    for bad in (
        {"headcount": -1},
        {"name": ""},
        {"name": "x" * 201},
        {"discipline": "wizardry"},
        {"responsibilities": ["no_such_thing"]},
        {"name": "bell\x07"},
        {"headcount": "3"},
    ):
        with pytest.raises(EditRefused):
            org.set_fields("mlops", **bad)
        assert org == before
    old = org.set_fields("mlops", headcount=9, lead="Mei")
    assert old.headcount == 2
    node = org.node("mlops")
    assert isinstance(node, Team) and node.headcount == 9 and node.lead == "Mei"


def test_kind_change_refused_while_team_serves() -> None:
    org = small()
    org.add_link(Link(source="mlops", target="sre"))
    with pytest.raises(EditRefused, match="remove its dotted lines"):
        org.set_fields("mlops", kind="unit", structure="platform")
    org.remove_link(Link(source="mlops", target="sre"))
    org.set_fields("mlops", kind="unit", structure="platform")
    assert isinstance(org.node("mlops"), Unit)


def test_links_refuse_units_as_sources_self_and_duplicates() -> None:
    org = small()
    with pytest.raises(EditRefused, match="is a unit"):
        org.add_link(Link(source="dai", target="sre"))
    with pytest.raises(EditRefused, match="itself"):
        org.add_link(Link(source="sre", target="sre"))
    org.add_link(Link(source="sre", target="de"))
    with pytest.raises(EditRefused, match="already serves"):
        org.add_link(Link(source="sre", target="de"))
    with pytest.raises(EditRefused, match="no dotted line"):
        org.remove_link(Link(source="de", target="sre"))


def test_owned_responsibilities_default_to_discipline() -> None:
    org = small()
    mlops = org.node("mlops")
    assert isinstance(mlops, Team)
    assert "manage_model_deployments" in org.owned_responsibilities(mlops)
    org.set_fields("mlops", responsibilities=["ml_ci_cd"])
    mlops = org.node("mlops")
    assert isinstance(mlops, Team)
    assert org.owned_responsibilities(mlops) == ("ml_ci_cd",)


@pytest.mark.parametrize(
    ("flat", "message"),
    [
        ([("a", None), ("b", None)], "two roots"),
        ([("a", "a")], "its own parent"),
        ([("a", "b"), ("b", "a")], "no root: parents form a cycle"),
        ([("r", None), ("a", "b"), ("b", "a")], "cycle"),
        ([("r", None), ("a", "ghost")], "not a node"),
        ([("r", None), ("r", "r")], "duplicate id"),
    ],
)
def test_from_flat_refuses_broken_trees(flat: list[tuple[str, str | None]], message: str) -> None:
    nodes = [FlatNode(Unit(id=i, name=i), p) for i, p in flat]
    with pytest.raises(ModelError, match=message):
        Organization.from_flat("X", 4, nodes)


def test_deep_chain_has_no_recursion_limit() -> None:
    org = make_chain(10_000)
    assert org.depth("c10000") == 10_000
    assert len(org.subtree_ids("c0")) == 10_001
    assert org.copy() == org


def test_new_team_gets_a_fresh_id() -> None:
    org = small()
    t1 = new_team(org, "ML Ops", "mlops")
    assert t1.id == "ml-ops"
    org.add_node(t1, "plat")
    assert new_team(org, "ML Ops", "mlops").id == "ml-ops-2"


def test_replace_all_swaps_content_and_returns_old() -> None:
    org = small()
    other = make_org(30, "random")
    old = org.replace_all(other)
    assert org == other and old == small()
    org.rename(org.root or "", "Changed")
    assert other.node(other.root or "").name == "Executive"


def test_equal_means_the_same_chart_in_the_same_order() -> None:
    org = small()
    twin = org.copy()
    assert org == twin
    twin.move_node("mlops", "dai", 0)  # same parent, other sibling order
    assert org != twin
    twin.move_node("mlops", "dai", 1)
    assert org == twin
    twin.move_node("mlops", "plat")
    assert org != twin
    twin.move_node("mlops", "dai")
    assert org == twin
    rebuilt = Organization.from_flat(org.name, org.target_stage, org.flat(), list(org.links))
    assert rebuilt == org  # equal nodes, not the same objects
    rebuilt.rename("sre", "SRE team")
    assert rebuilt != org
    other = org.copy()
    other.add_link(Link(source="mlops", target="sre"))
    assert other != org
