"""Backstage catalogs: the public acme example read as an org, any org written and read back
unchanged, and hostile YAML (alias bombs, deep nests, huge files) refused before it is built."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from orgdesigner.io import load_template, template_names
from orgdesigner.io.backstage_read import import_backstage
from orgdesigner.io.backstage_write import backstage_bytes, backstage_names, catalog_entities
from orgdesigner.io.csv_errors import CsvImportError
from orgdesigner.io.csv_import import ImportOptions
from orgdesigner.io.import_sources import import_file
from orgdesigner.io.yaml_safe import MAX_DEPTH, MAX_VALUES
from orgdesigner.model import Discipline, FlatNode, Link, Organization, Structure, Team, Unit
from tests.conftest import DATA
from tests.reliability.strategies import orgs

ACME = DATA / "backstage-acme-org.yaml"


def _back(org: Organization) -> Organization:
    return import_backstage(backstage_bytes(org), "org.yaml", ImportOptions()).org


def test_the_acme_example_becomes_units_and_teams_with_member_headcounts() -> None:
    result = import_file(ACME)
    org = result.org
    assert result.kind == "backstage"
    shape = [(f.parent, f.node.id, f.node.kind) for f in org.flat()]
    assert shape == [
        (None, "acme-corp", "unit"),
        ("acme-corp", "infrastructure", "unit"),
        ("infrastructure", "backstage", "unit"),
        ("backstage", "team-a", "team"),
        ("backstage", "team-b", "team"),
        ("infrastructure", "boxoffice", "unit"),
        ("boxoffice", "team-c", "team"),
        ("boxoffice", "team-d", "team"),
        ("boxoffice", "team-e", "team"),  # listed only by its own spec.parent: after its siblings
    ]
    headcount = {t.id: t.headcount for t in org.teams()}
    # team-a: three users, the default guest and the guest of the development namespace
    # (group:default/team-a); team-e has no users.
    assert headcount == {"team-a": 5, "team-b": 5, "team-c": 5, "team-d": 2, "team-e": 0}
    assert org.node("team-b").name == "Team B" and org.node("team-a").name == "team a"
    assert org.node("team-a").notes == "Team A"
    assert org.node("acme-corp").structure is Structure.EXECUTIVE
    assert org.node("infrastructure").structure is Structure.PLATFORM
    assert all(t.discipline is Discipline.SOFTWARE_ENGINEERING for t in org.teams())
    assert org.name == "acme corp" and org.target_stage == 4
    assert any("1 Location" in w for w in result.warnings)


def test_the_acme_example_exported_reads_back_the_same(tmp_path: Path) -> None:
    org = import_file(ACME).org
    assert _back(org) == org
    again = backstage_bytes(_back(org))
    assert again == backstage_bytes(org)


@pytest.mark.parametrize("name", template_names())
def test_every_template_round_trips(name: str) -> None:
    org = load_template(name)
    back = _back(org)
    assert back == org and back.name == org.name and back.target_stage == org.target_stage


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(orgs(max_nodes=120).filter(lambda o: len(o) > 0))
def test_any_org_round_trips(org: Organization) -> None:
    back = _back(org)
    assert back == org
    for node in org.iter_nodes():
        assert back.node(node.id) == node


def test_ids_backstage_refuses_get_names_of_their_own_and_travel_in_an_annotation() -> None:
    nodes = [
        FlatNode(Unit(id="Top", name="Top", structure=Structure.EXECUTIVE), None),
        FlatNode(Team(id="top", name="Same name, other case", discipline=Discipline.MLOPS, headcount=2), "Top"),
        FlatNode(Team(id="-x", name="Leading dash", discipline=Discipline.BUSINESS, headcount=1), "Top"),
        FlatNode(Team(id="a..b", name="Double dot", discipline=Discipline.BUSINESS, headcount=1), "Top"),
        FlatNode(Team(id="y" * 64, name="Too long", discipline=Discipline.BUSINESS, headcount=1), "Top"),
    ]
    org = Organization.from_flat("Names", 3, nodes, [Link(source="top", target="-x")])
    names = backstage_names(org)
    assert len({n.casefold() for n in names.values()}) == len(names)
    assert names["Top"] == "Top" and names["top"] != "top"
    entities = catalog_entities(org)
    for entity in entities:
        annotations = entity["metadata"]["annotations"]
        assert ("orgdesigner/id" in annotations) == (entity["metadata"]["name"] not in ("Top",))
    assert _back(org) == org


def test_several_groups_without_a_parent_get_one_top_and_strict_refuses(tmp_path: Path) -> None:
    text = (
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: data}\nspec: {type: team, children: []}\n"
        "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: platform}\n"
        "spec: {type: team, parent: nowhere, children: [ghost]}\n"
    )
    result = import_backstage(text.encode(), "two.yaml", ImportOptions(top="Acme"))
    org = result.org
    assert org.node(org.root or "").name == "Acme" and len(org.children(org.root or "")) == 2
    assert any("'nowhere'" in w and "'ghost'" in w for w in result.warnings)
    assert any("2 groups have no parent" in w for w in result.warnings)
    with pytest.raises(CsvImportError) as info:
        import_backstage(text.encode(), "two.yaml", ImportOptions(strict=True))
    assert "not in the catalog" in str(info.value)


def test_a_cycle_of_parents_is_refused_naming_the_groups() -> None:
    text = (
        "kind: Group\nmetadata: {name: a}\nspec: {parent: b}\n---\n"
        "kind: Group\nmetadata: {name: b}\nspec: {parent: a}\n---\nkind: Group\nmetadata: {name: c}\nspec: {}\n"
    )
    with pytest.raises(CsvImportError) as info:
        import_backstage(text.encode(), "cycle.yaml", ImportOptions())
    assert "reporting cycle: 'a' (document 1) reports to 'b' (document 2)" in str(info.value)


def test_a_catalog_without_groups_says_what_it_holds() -> None:
    text = "kind: Component\nmetadata: {name: web}\n---\nkind: API\nmetadata: {name: api}\n"
    with pytest.raises(CsvImportError, match=r"no Group entity in the catalog \(it holds 1 Component, 1 API"):
        import_backstage(text.encode(), "c.yaml", ImportOptions())


def test_billion_laughs_is_refused_before_it_is_built() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    text = "kind: Group\nmetadata:\n  name: bomb\n  annotations:\n" + "".join(f"    {x}\n" for x in lines)
    started = time.perf_counter()
    with pytest.raises(CsvImportError) as info:
        import_backstage(text.encode(), "bomb.yaml", ImportOptions())
    assert time.perf_counter() - started < 5
    assert f"more than {MAX_VALUES:,} values once its aliases are expanded" in str(info.value)


def test_a_few_aliases_are_fine() -> None:
    text = (
        "kind: Group\nmetadata: {name: top, annotations: &shared {orgdesigner/kind: unit}}\nspec: {}\n---\n"
        "kind: Group\nmetadata: {name: team, annotations: {orgdesigner/headcount: '3'}}\nspec: {parent: top}\n"
    )
    org = import_backstage(text.encode(), "ok.yaml", ImportOptions()).org
    assert isinstance(org.node("top"), Unit) and isinstance(org.node("team"), Team)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deep_nesting_is_refused_with_its_line(depth: int) -> None:
    text = "kind: Group\nmetadata:\n  name: deep\n  annotations: " + "[" * depth + "]" * depth + "\n"
    with pytest.raises(CsvImportError) as info:
        import_backstage(text.encode(), "deep.yaml", ImportOptions())
    message = str(info.value)
    # Our count stops it first; past libyaml's own limit the parser says so itself.
    assert f"nested more than {MAX_DEPTH} levels deep" in message or "maximum nesting depth" in message
    assert "line 4" in message


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"kind: Group\nmetadata: {name: [unclosed\n", "line 3: not valid YAML"),
        (b"\xff\xfe\x00k", "not UTF-8 text"),
        (b"kind: Group\nmetadata: {name: x}\n--- !!python/object:os.system\nfoo: bar\n", "not valid YAML"),
        (b"- 1\n- 2\n", "document 1: not a mapping"),
    ],
)
def test_bad_yaml_is_one_problem_with_its_place(data: bytes, problem: str) -> None:
    with pytest.raises(CsvImportError) as info:
        import_backstage(data, "bad.yaml", ImportOptions())
    assert problem in str(info.value)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    with pytest.raises(CsvImportError, match="MB"):
        import_file(path)


def test_the_written_catalog_is_plain_backstage_yaml() -> None:
    org = load_template("llm-era")
    documents = list(yaml.safe_load_all(backstage_bytes(org)))
    assert len(documents) == len(org)
    for entity in documents:
        assert entity["apiVersion"] == "backstage.io/v1alpha1" and entity["kind"] == "Group"
        assert isinstance(entity["spec"]["children"], list)
        assert all(k.startswith("orgdesigner/") for k in entity["metadata"]["annotations"])
        assert all(isinstance(v, str) for v in entity["metadata"]["annotations"].values())
    assert documents[0]["spec"]["type"] == "organization"


def test_users_are_counted_once_said_and_members_lists_count_as_membership() -> None:
    # zed is a member by the group's spec.members only; bob and carol belong to two groups; ghost
    # belongs to a group that is not in the catalog.
    docs = [
        "kind: Group\nmetadata: {name: org}\nspec: {type: organization, children: [sre, ds]}",
        "kind: Group\nmetadata: {name: sre}\nspec: {type: team, parent: org, children: [], members: [zed]}",
        "kind: Group\nmetadata: {name: ds}\nspec: {type: team, parent: org, children: []}",
        "kind: User\nmetadata: {name: alice}\nspec: {memberOf: [sre]}",
        "kind: User\nmetadata: {name: bob}\nspec: {memberOf: [sre, ds]}",
        "kind: User\nmetadata: {name: carol}\nspec: {memberOf: [group:default/sre, ds]}",
        "kind: User\nmetadata: {name: zed}\nspec: {memberOf: []}",
        "kind: User\nmetadata: {name: ghost}\nspec: {memberOf: [former-team]}",
    ]
    text = "\n---\n".join(f"apiVersion: backstage.io/v1alpha1\n{d}" for d in docs)
    result = import_backstage(text.encode(), "c.yaml", ImportOptions())
    assert {t.id: t.headcount for t in result.org.teams()} == {"sre": 4, "ds": 2}
    assert "1 user belongs to no group of the catalog and is not counted" in result.warnings
    assert (
        "2 users belong to several groups and are counted in the headcount of each, so the org's headcount is "
        "2 more than its 4 people" in result.warnings
    )


def test_a_problem_in_a_catalog_names_its_document_not_a_row() -> None:
    text = (
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: a}\nspec: {type: team, children: []}\n---\n"
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: A}\nspec: {type: team, children: []}\n"
    )
    with pytest.raises(CsvImportError) as info:
        import_backstage(text.encode(), "dup.yaml", ImportOptions())
    assert str(info.value) == "dup.yaml: document 2: group 'A' again (also document 1)"
    assert "  document 2: group 'A' again (also document 1)" in info.value.report()
