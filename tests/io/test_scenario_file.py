"""Version 2 of the file format: scenarios in one file, read in two steps, every error naming
the scenario, and a chart without scenarios written exactly as version 1 always was."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from orgdesigner.io import (
    OrgFileError,
    dumps_chart,
    dumps_org,
    load_template,
    parse_chart,
    parse_org,
    read_chart,
    read_org,
    template_names,
    write_chart,
)
from orgdesigner.io.fileformat import MAX_CONTAINERS, build_chart, chart_to_dict, load_json, parse_record
from orgdesigner.io.schema import json_schema
from orgdesigner.model import MAX_SCENARIOS, Link, Organization, ScenarioSet
from tests.reliability.strategies import orgs
from tests.synthetic import make_org


def version_1_writer(org: Organization) -> str:
    """``dumps_org`` as it was before version 2, kept verbatim: the bytes every file without
    scenarios must still have."""
    d = {
        "format": "orgdesigner",
        "version": 1,
        "name": org.name,
        "target_stage": org.target_stage,
        "nodes": [_node(f.node, f.parent) for f in org.flat()],
        "links": [{"source": lk.source, "target": lk.target, "kind": lk.kind.value} for lk in org.links],
    }

    def one(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False)

    head = ", ".join(f"{one(k)}: {one(d[k])}" for k in ("format", "version", "name", "target_stage"))
    parts = ["{" + head + ",\n"]
    parts.append(
        ' "nodes": [' + ("\n  " + ",\n  ".join(one(n) for n in d["nodes"]) + "\n " if d["nodes"] else "") + "],\n"
    )
    parts.append(
        ' "links": [' + ("\n  " + ",\n  ".join(one(lk) for lk in d["links"]) + "\n " if d["links"] else "") + "]\n"
    )
    parts.append("}\n")
    return "".join(parts)


def _node(node: Any, parent: str | None) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": node.id, "kind": node.kind, "name": node.name}
    if parent is not None:
        rec["parent"] = parent
    if node.kind == "unit":
        rec["structure"] = node.structure.value
    else:
        rec["discipline"] = node.discipline.value
        rec["headcount"] = node.headcount
    if node.lead is not None:
        rec["lead"] = node.lead
    if node.kind == "team" and node.responsibilities is not None:
        rec["responsibilities"] = list(node.responsibilities)
    if node.notes is not None:
        rec["notes"] = node.notes
    return rec


def two_scenarios() -> ScenarioSet:
    base = load_template("typical")
    platform = base.copy()
    platform.move_node("ml-eng-mlops", "platform")
    cross = base.copy()
    cross.set_target_stage(5)
    cross.add_link(Link(source="ml-eng-mlops", target="software-eng"))
    chart = ScenarioSet(base)
    chart.add("MLOps under Platform", platform)
    chart.add("Cross-functional «MLOps» 🚀", cross)
    return chart


# Version 1 stays version 1 -------------------------------------------------------------------


@pytest.mark.parametrize("name", template_names())
def test_a_chart_without_scenarios_is_todays_version_1_byte_for_byte(name: str) -> None:
    org = load_template(name)
    expected = version_1_writer(org)
    assert dumps_chart(ScenarioSet(org)) == expected == dumps_org(org)
    assert json.loads(expected)["version"] == 1


@settings(max_examples=80, deadline=None)
@given(orgs(max_nodes=80))
def test_random_orgs_without_scenarios_are_written_as_version_1_always_was(org: Organization) -> None:
    assert dumps_chart(ScenarioSet(org)) == version_1_writer(org)
    assert parse_chart(version_1_writer(org)) == ScenarioSet(org)


@pytest.mark.parametrize("name", template_names())
def test_every_version_1_file_opens_unchanged(name: str, tmp_path: Path) -> None:
    path = tmp_path / "org.json"
    path.write_text(version_1_writer(load_template(name)), encoding="utf-8")
    chart = read_chart(path)
    assert len(chart) == 0 and chart.baseline == load_template(name) == read_org(path)
    write_chart(chart, path)
    assert path.read_text(encoding="utf-8") == version_1_writer(load_template(name))


# Version 2 -------------------------------------------------------------------------------------


def test_scenarios_round_trip(tmp_path: Path) -> None:
    chart = two_scenarios()
    path = tmp_path / "chart.json"
    write_chart(chart, path)
    back = read_chart(path)
    assert back == chart
    assert back.names() == ["MLOps under Platform", "Cross-functional «MLOps» 🚀"]
    assert back.scenarios[1].target_stage == 5 and back.scenarios[1].links == chart.scenarios[1].links
    assert read_org(path) == chart.baseline  # existing callers get the baseline
    assert parse_org(path.read_bytes()) == chart.baseline


def test_version_2_layout_one_node_per_line_and_valid_against_the_schema() -> None:
    chart = two_scenarios()
    text = dumps_chart(chart)
    data = json.loads(text)
    assert data["version"] == 2 and [s["name"] for s in data["scenarios"]] == chart.names()
    assert set(data["scenarios"][0]) == {"name", "target_stage", "nodes", "links"}
    assert data == chart_to_dict(chart)
    node_lines = [ln for ln in text.splitlines() if ln.lstrip().startswith('{"id"')]
    assert len(node_lines) == len(chart.baseline) + sum(len(o) for o in chart)
    assert text.startswith('{"format": "orgdesigner", "version": 2, "name": "Northwind Retail", "target_stage": 4,\n')
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors(data)) == []
    data["scenarios"][0]["nodes"][2]["headcount"] = -1
    assert list(validator.iter_errors(data))
    v1 = json.loads(dumps_org(chart.baseline))
    assert list(validator.iter_errors(v1)) == []
    v1["scenarios"] = []
    assert list(validator.iter_errors(v1)), "a version-1 file has no scenarios"


def test_the_reader_reads_in_two_steps_and_migrates_version_1() -> None:
    record = parse_record(load_json(dumps_chart(two_scenarios()), "x"), "x")
    assert [r.name for r in record.scenarios] == two_scenarios().names()
    assert record.scenarios[0].label == "scenario 'MLOps under Platform'"
    assert build_chart(record, "x") == two_scenarios()
    v1 = parse_record(json.loads(dumps_org(load_template("typical"))), "x")
    assert v1.scenarios == ()


def test_a_scenario_without_target_stage_takes_the_baselines() -> None:
    data = chart_to_dict(two_scenarios())
    data["target_stage"] = 3
    del data["scenarios"][0]["target_stage"]
    chart = parse_chart(json.dumps(data))
    assert chart.scenarios[0].target_stage == 3 and chart.scenarios[1].target_stage == 5


def test_scenarios_have_ids_of_their_own() -> None:
    chart = parse_chart(dumps_chart(two_scenarios()))
    assert chart.scenarios[0].node("ml-eng-mlops") is not None and "ml-eng-mlops" in chart.baseline


def _v2(**scenario: Any) -> dict[str, Any]:
    data = chart_to_dict(two_scenarios())
    data["scenarios"][1].update(scenario)
    return data


def _nodes(**change: Any) -> list[dict[str, Any]]:
    nodes = chart_to_dict(two_scenarios())["scenarios"][1]["nodes"]
    nodes[2] = {**nodes[2], **change}
    return nodes


SCENARIO = "scenario 'Cross-functional «MLOps» 🚀'"
BAD: list[tuple[str, Any, str]] = [
    ("headcount", _v2(nodes=_nodes(headcount=-3)), f"{SCENARIO}, node 'sre', field 'headcount': Input should be"),
    ("kind", _v2(nodes=_nodes(kind="squad")), f"{SCENARIO}, node 'sre': kind must be 'unit' or 'team'"),
    ("dup-id", _v2(nodes=_nodes(id="cto")), f"{SCENARIO}, node 'cto', field 'id': duplicate id"),
    ("cycle", _v2(nodes=_nodes(parent="sre")), f"{SCENARIO}, node 'sre', field 'parent': the node is its own parent"),
    (
        "link",
        _v2(links=[{"source": "sre", "target": "ghost", "kind": "serves"}]),
        f"{SCENARIO}, node 'sre', field 'links': link target 'ghost'",
    ),
    ("link-shape", _v2(links=[{"source": "sre"}]), f"{SCENARIO}, links[0]: Field required"),
    ("stage", _v2(target_stage=9), f"{SCENARIO}, field 'target_stage': target_stage must be a whole number"),
    ("stage-text", _v2(target_stage="4"), f"{SCENARIO}, field 'target_stage': 'target_stage' must be a whole number"),
    ("nodes", _v2(nodes={}), f"{SCENARIO}, nodes: 'nodes' must be a list"),
    ("node", _v2(nodes=[1]), f"{SCENARIO}, nodes[0]: a node must be an object"),
    ("unknown", _v2(extra=1), f"{SCENARIO}, field 'extra': unknown field 'extra'"),
    (
        "duplicate",
        _v2(name=" mlops UNDER platform"),
        "scenario ' mlops UNDER platform', field 'name': there is already a scenario called 'MLOps under Platform'",
    ),
    ("reserved", _v2(name="Baseline"), "scenario 'Baseline', field 'name': 'Baseline' is reserved for the baseline"),
    ("empty", _v2(name=""), "scenarios[1], field 'name': scenario name must not be empty"),
    ("blank", _v2(name="   "), "scenario '   ', field 'name': scenario name must not be empty"),
    ("long", _v2(name="x" * 201), "scenarios[1], field 'name': scenario name is 201 characters long"),
    ("lines", _v2(name="a\nb"), "scenario 'a\\nb', field 'name': scenario name contains a line break"),
    ("number", _v2(name=7), "scenarios[1], field 'name': 'name' must be text, found a number"),
]


@pytest.mark.parametrize(("case", "data", "expected"), BAD, ids=[b[0] for b in BAD])
def test_every_error_in_a_scenario_names_the_scenario(case: str, data: Any, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "chart.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(OrgFileError) as info:
        read_org(path)  # the baseline is fine, but the file as a whole is not
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert expected in message, message
    assert "\n" not in message


def test_shape_errors_of_the_scenario_list() -> None:
    base = chart_to_dict(two_scenarios())
    cases = [
        ({**base, "scenarios": {}}, "scenarios: 'scenarios' must be a list, found an object"),
        ({**base, "scenarios": [3]}, "scenarios[0]: a scenario must be an object, found a number"),
        ({**base, "scenarios": [{"nodes": []}]}, "scenarios[0], field 'name': the scenario has no 'name'"),
        ({**base, "version": 1}, "field 'scenarios': unknown top-level field 'scenarios' (scenarios need version 2)"),
        ({**base, "version": 3}, "version: unknown version 3; this orgdesigner reads versions 1 to 2"),
    ]
    for data, expected in cases:
        with pytest.raises(OrgFileError) as info:
            parse_chart(json.dumps(data), "c.json")
        assert str(info.value) == f"c.json: {expected}"


def test_a_hostile_scenario_name_is_cut_short_and_escaped_in_messages() -> None:
    data = _v2(name="\u202e" + "x" * 150, nodes=_nodes(headcount=-1))
    with pytest.raises(OrgFileError) as info:
        parse_chart(json.dumps(data), "c.json")
    message = str(info.value)
    assert "\u202e" not in message and "\\u202e" in message
    assert "x" * 70 not in message and "…" in message


def test_limits_apply_to_the_whole_file() -> None:
    data = chart_to_dict(two_scenarios())
    many = {**data, "scenarios": [{"name": f"S{i}"} for i in range(MAX_SCENARIOS + 1)]}
    with pytest.raises(OrgFileError, match="the file has 1,001 scenarios; orgdesigner opens at most 1,000"):
        parse_chart(json.dumps(many), "c.json")
    exactly = {**data, "scenarios": [{"name": f"S{i}"} for i in range(MAX_SCENARIOS)]}
    assert len(parse_chart(json.dumps(exactly))) == MAX_SCENARIOS
    # The container bound counts every scenario's objects: spread over scenarios, still refused.
    per = MAX_CONTAINERS // 10 + 1
    text = json.dumps({**data, "scenarios": [{"name": f"S{i}", "nodes": []} for i in range(3)]})
    text = text.replace('"nodes": []', '"nodes": [' + ",".join(["{}"] * per) + "]")
    with pytest.raises(OrgFileError, match="JSON objects and lists, more than a chart can use"):
        parse_chart(text.replace('"S0", "nodes": [', '"S0", "nodes": [' + "{}," * (MAX_CONTAINERS - 3 * per)), "c")


def test_a_failed_save_leaves_the_old_chart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "chart.json"
    write_chart(two_scenarios(), path)
    original = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    changed = two_scenarios()
    changed.rename("MLOps under Platform", "Renamed")
    with pytest.raises(OrgFileError, match="No space left on device"):
        write_chart(changed, path)
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.json"]


def test_a_chart_whose_rules_were_broken_behind_its_back_is_not_written() -> None:
    chart = two_scenarios()
    chart.scenarios[1].set_name("MLOPS under platform")
    with pytest.raises(ValueError, match="already a scenario"):
        dumps_chart(chart)


def test_a_big_chart_with_scenarios_loads() -> None:
    base = make_org(20_000, "random", links=100)
    moved = base.copy()
    chart = ScenarioSet(base, [])
    chart.add("Copy", moved)
    back = parse_chart(dumps_chart(chart))
    assert back == chart and len(back.scenarios[0]) == 20_000


def test_a_dotted_line_twice_is_refused_in_the_baseline_and_in_a_scenario() -> None:
    data = chart_to_dict(two_scenarios())
    twice = [{"source": "sre", "target": "cto", "kind": "serves"}] * 2
    with pytest.raises(OrgFileError, match=r"node 'sre', field 'links': 'DevOps / SRE' already serves 'CTO"):
        parse_chart(json.dumps({**data, "links": twice}), "c.json")
    data["scenarios"][0]["links"] = twice
    with pytest.raises(OrgFileError, match=r"scenario 'MLOps under Platform', node 'sre', field 'links': .* already"):
        parse_chart(json.dumps(data), "c.json")


def test_a_file_whose_scenario_names_differ_only_in_spacing_is_refused(tmp_path: Path) -> None:
    base = load_template("typical")
    record = json.loads(dumps_org(base))
    scenario = {k: record[k] for k in ("nodes", "links")}
    record["version"] = 2
    record["scenarios"] = [{"name": "MLOps under Platform", **scenario}, {"name": "MLOps  under  platform", **scenario}]
    path = tmp_path / "org.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(OrgFileError) as info:
        read_chart(path)
    assert str(info.value).endswith(
        "scenario 'MLOps  under  platform', field 'name': there is already a scenario called 'MLOps under Platform'"
    )
