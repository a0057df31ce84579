"""The preset company templates: each loads, validates, round-trips and stands where it claims."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from orgdesigner.cli import main
from orgdesigner.io import dumps_org, list_templates, load_template, parse_org, read_org, template_names
from orgdesigner.io.schema import json_schema
from orgdesigner.io.templates import template_text
from orgdesigner.model import Organization, Team, Unit, load_catalogue

NAMES = template_names()
STAGE_TEMPLATES = {f"stage-{n}": n for n in range(1, 6)}
PLACEMENTS = {
    "typical": "data_ai",
    "mlops-under-platform": "platform",
    "mlops-under-data-ai": "data_ai",
    "mlops-cross-functional": "cross_functional",
}


# Local helpers, following the catalogue's rules; the analysis package will replace them. -----


def owned(org: Organization) -> set[str]:
    """Every responsibility some team of the org owns."""
    return {r for team in org.teams() for r in org.owned_responsibilities(team)}


def maturity_stage(org: Organization) -> int:
    """The highest stage k such that every responsibility required by stages 1..k is owned."""
    have, required, stage = owned(org), set(), 0
    for entry in load_catalogue().stages:
        required |= set(entry.requires)
        if not required <= have:
            break
        stage = entry.stage
    return stage


def coverage_gaps(org: Organization) -> set[str]:
    """Responsibilities the target stage requires, or a present discipline owns by default,
    that no team owns."""
    cat = load_catalogue()
    needed = {r for entry in cat.stages[: org.target_stage] for r in entry.requires}
    for discipline in {team.discipline for team in org.teams()}:
        needed |= set(cat.defaults(discipline))
    return needed - owned(org)


def mlops_placements(org: Organization) -> set[str]:
    """The structure of the nearest unit above each MLOps team."""
    found = set()
    for team in org.teams():
        if team.discipline == "mlops":
            unit = next(n for a in org.ancestors(team.id) if isinstance(n := org.node(a), Unit))
            assert isinstance(unit, Unit)
            found.add(unit.structure.value)
    return found


# The registry ----------------------------------------------------------------------------------


def test_index_lists_every_template_file_once() -> None:
    folder = resources.files("orgdesigner.templates")
    files = {p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json")}
    assert len(NAMES) == len(set(NAMES))
    assert set(NAMES) == files - {"index"}
    assert {"typical", "llm-era", *PLACEMENTS, *STAGE_TEMPLATES} <= set(NAMES)
    assert all(t.title and t.description for t in list_templates())


def test_org_names_are_unique() -> None:
    names = [load_template(name).name for name in NAMES]
    assert len(names) == len(set(names))


# Each template ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_template_validates_against_the_schema(name: str) -> None:
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(json.loads(template_text(name))))
    assert errors == [], [e.message for e in errors]


@pytest.mark.parametrize("name", NAMES)
def test_template_round_trips_unchanged(name: str) -> None:
    org = load_template(name)
    text = dumps_org(org)
    assert parse_org(text, name) == org
    assert text == template_text(name), "the template file is not in the canonical saved form"


@pytest.mark.parametrize("name", NAMES)
def test_template_is_well_formed(name: str) -> None:
    org = load_template(name)
    root = org.node(org.root or "")
    assert isinstance(root, Unit) and root.structure == "executive"
    for node in org.iter_nodes():
        if isinstance(node, Team):
            assert node.headcount > 0, node.id
        else:
            assert 1 <= org.child_count(node.id) <= 8, node.id
    assert sum(t.headcount for t in org.teams()) > 0


@pytest.mark.parametrize("name", NAMES)
def test_template_stands_at_its_target_stage_without_gaps(name: str) -> None:
    org = load_template(name)
    assert maturity_stage(org) == org.target_stage
    assert coverage_gaps(org) == set()


@pytest.mark.parametrize(("name", "stage"), STAGE_TEMPLATES.items())
def test_stage_template_targets_its_stage(name: str, stage: int) -> None:
    org = load_template(name)
    assert org.target_stage == stage
    assert maturity_stage(org) == stage


@pytest.mark.parametrize(("name", "structure"), PLACEMENTS.items())
def test_placement_templates_put_mlops_where_they_say(name: str, structure: str) -> None:
    assert mlops_placements(load_template(name)) == {structure}


def test_cross_functional_mlops_serves_several_structures() -> None:
    org = load_template("mlops-cross-functional")
    root = org.root or ""
    tops = set()
    for link in org.links:
        source = org.node(link.source)
        if isinstance(source, Team) and source.discipline == "mlops":
            chain = [link.target, *org.ancestors(link.target)]
            tops.add(chain[chain.index(root) - 1])
    assert len(tops) >= 2
    unit = org.parent("mlops") or ""
    node = org.node(unit)
    assert isinstance(node, Unit) and node.structure == "cross_functional" and org.parent(unit) == root


def test_llm_era_has_ai_engineering_beside_mlops() -> None:
    disciplines = {t.discipline for t in load_template("llm-era").teams()}
    assert {"ai_engineering", "mlops"} <= disciplines


def test_mature_templates_can_run_the_whole_ml_flow() -> None:
    flow = [s.responsibility for s in load_catalogue().flow if s.responsibility]
    for name in NAMES:
        org = load_template(name)
        if org.target_stage >= 4:
            assert set(flow) <= owned(org), name


# The CLI ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_new_writes_the_template(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"{name}.json"
    assert main(["new", "--template", name, "-o", str(out)]) == 0
    assert read_org(out) == load_template(name)
    assert str(out) in capsys.readouterr().out
