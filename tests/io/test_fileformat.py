"""The file format: round trips, atomic saves, and one clear error for every bad file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from orgdesigner.io import OrgFileError, dumps_org, load_template, parse_org, read_org, write_org
from orgdesigner.io.fileformat import MAX_CONTAINERS, MAX_FILE_BYTES, read_bytes
from orgdesigner.io.schema import json_schema
from orgdesigner.model import Link
from tests.synthetic import make_chain, make_org

GOOD_NODES = [
    {"id": "cto", "kind": "unit", "name": "CTO", "structure": "executive"},
    {"id": "sre", "kind": "team", "name": "SRE", "parent": "cto", "discipline": "devops_sre", "headcount": 3},
]


def doc(**over: object) -> str:
    base: dict[str, object] = {
        "format": "orgdesigner",
        "version": 1,
        "name": "Acme",
        "target_stage": 4,
        "nodes": GOOD_NODES,
        "links": [],
    }
    base.update(over)
    return json.dumps(base)


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    org = make_org(300, "random", links=20)
    org.set_fields("n5", notes="line one\nline two \u200fRTL\u2028 \U0001f680", lead="Zoë")
    path = tmp_path / "org.json"
    write_org(org, path)
    again = read_org(path)
    assert again == org
    assert again.links == org.links


def test_file_lists_nodes_flat_in_tree_order_one_per_line() -> None:
    text = dumps_org(load_template("typical"))
    data = json.loads(text)
    assert data["format"] == "orgdesigner" and data["version"] == 1
    assert "parent" not in data["nodes"][0]
    assert all(n["parent"] for n in data["nodes"][1:])
    node_lines = [ln for ln in text.splitlines() if ln.lstrip().startswith('{"id"')]
    assert len(node_lines) == len(data["nodes"])


def test_schema_accepts_written_files_and_rejects_broken_ones() -> None:
    org = make_org(50, "balanced", links=5)
    record = json.loads(dumps_org(org))
    validator = jsonschema.Draft202012Validator(json_schema())
    assert list(validator.iter_errors(record)) == []
    record["nodes"][3]["headcount"] = -1
    record["nodes"][4]["kind"] = "squad"
    assert len(list(validator.iter_errors(record))) >= 2


def test_ten_thousand_level_chain_loads_and_saves(tmp_path: Path) -> None:
    org = make_chain(10_000)
    path = tmp_path / "chain.json"
    write_org(org, path)
    assert read_org(path) == org


BAD_FILES: list[tuple[str, str | bytes, str]] = [
    ("not-json", "{nope", "line 1, column 2: not valid JSON"),
    ("empty", "", "the file is empty"),
    ("spaces", "   \n", "the file is empty"),
    ("array", "[1, 2]", "expected a JSON object"),
    ("no-format", json.dumps({"version": 1}), "'format' field is missing"),
    ("wrong-format", doc(format="drawio"), "'format' is 'drawio'"),
    ("future-version", doc(version=99), "unknown version 99"),
    ("string-version", doc(version="1"), "'version' must be a whole number"),
    (
        "cycle",
        doc(
            nodes=[
                {"id": "a", "kind": "unit", "name": "A"},
                {"id": "b", "kind": "unit", "name": "B", "parent": "c"},
                {"id": "c", "kind": "unit", "name": "C", "parent": "b"},
            ]
        ),
        "cycle",
    ),
    (
        "own-parent",
        doc(nodes=[{"id": "a", "kind": "unit", "name": "A", "parent": "a"}]),
        "node 'a', field 'parent': the node is its own parent",
    ),
    (
        "two-roots",
        doc(nodes=[{"id": "a", "kind": "unit", "name": "A"}, {"id": "b", "kind": "unit", "name": "B"}]),
        "two roots",
    ),
    (
        "dangling-parent",
        doc(nodes=[*GOOD_NODES, {"id": "x", "kind": "unit", "name": "X", "parent": "ghost"}]),
        "parent 'ghost' is not a node",
    ),
    ("dangling-link", doc(links=[{"source": "sre", "target": "ghost", "kind": "serves"}]), "link target 'ghost'"),
    (
        "duplicate-id",
        doc(nodes=[*GOOD_NODES, {"id": "sre", "kind": "unit", "name": "X", "parent": "cto"}]),
        "node 'sre', field 'id': duplicate id",
    ),
    (
        "unknown-discipline",
        doc(nodes=[GOOD_NODES[0], {**GOOD_NODES[1], "discipline": "alchemy"}]),
        "node 'sre', field 'discipline'",
    ),
    (
        "unknown-responsibility",
        doc(nodes=[GOOD_NODES[0], {**GOOD_NODES[1], "responsibilities": ["juggling"]}]),
        "unknown responsibility 'juggling'",
    ),
    (
        "negative-headcount",
        doc(nodes=[GOOD_NODES[0], {**GOOD_NODES[1], "headcount": -4}]),
        "node 'sre', field 'headcount'",
    ),
    ("long-name", doc(nodes=[GOOD_NODES[0], {**GOOD_NODES[1], "name": "x" * 201}]), "201 characters long"),
    (
        "bad-id",
        doc(nodes=[{"id": "a b", "kind": "unit", "name": "A"}]),
        "node 'a b', field 'id': id 'a b' must be 1-64 characters",
    ),
    (
        "bad-kind",
        doc(nodes=[{"id": "a", "kind": "squad", "name": "A"}]),
        "node 'a': kind must be 'unit' or 'team', found 'squad'",
    ),
    ("no-kind", doc(nodes=[{"id": "a", "name": "A"}]), "node 'a': the node has no 'kind'"),
    ("node-not-object", doc(nodes=[3]), "nodes[0]: a node must be an object"),
    ("unknown-field", doc(extra=1), "unknown top-level field 'extra'"),
    ("deep-nesting", "[" * 200_000 + "]" * 200_000, "nested too deeply"),
    ("latin1", '{"name": "Zo\xeb"}'.encode("latin-1"), "not UTF-8"),
    ("nan", doc(target_stage=float("nan")), "NaN is not allowed"),
    ("stage-6", doc(target_stage=6), "target_stage must be a whole number from 1 to 5"),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_give_one_line_naming_file_place_and_problem(
    tmp_path: Path, name: str, content: str | bytes, expected: str
) -> None:
    path = tmp_path / f"{name}.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(OrgFileError) as info:
        read_org(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    assert expected in message
    assert "\n" not in message


def test_missing_folder_and_oversized_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OrgFileError, match="no such file"):
        read_org(tmp_path / "absent.json")
    with pytest.raises(OrgFileError, match="is a folder"):
        read_org(tmp_path)
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(OrgFileError, match="at most 50 MB"):
        read_bytes(big)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.json"
    path.write_text(doc())
    path.chmod(0)
    if os.geteuid() != 0:
        with pytest.raises(OrgFileError, match="permission denied"):
            read_org(path)
        return
    # Root reads every file: read it as 'nobody' in a forked child instead.
    pid = os.fork()
    if pid == 0:  # pragma: no cover (child)
        code = 3
        try:
            os.setgid(65534)
            os.setuid(65534)
            read_org(path)
            code = 1
        except OrgFileError as exc:
            code = 0 if "permission denied" in str(exc) and str(path) in str(exc) else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_atomic_save_leaves_old_file_when_write_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "org.json"
    write_org(load_template("typical"), path)
    original = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    org = load_template("typical")
    org.set_name("Changed")
    with pytest.raises(OrgFileError, match="No space left on device"):
        write_org(org, path)
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org.json"]


def test_save_into_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OrgFileError, match="does not exist"):
        write_org(load_template("typical"), tmp_path / "nope" / "org.json")


def test_parse_rejects_link_from_unit() -> None:
    bad = doc(links=[{"source": "cto", "target": "sre", "kind": "serves"}])
    with pytest.raises(OrgFileError, match="only a team can serve"):
        parse_org(bad, "x.json")


def test_links_survive_round_trip() -> None:
    org = load_template("typical")
    org.add_link(Link(source="ml-eng-mlops", target="software-eng"))
    assert parse_org(dumps_org(org)) == org


@pytest.mark.slow
def test_a_file_of_millions_of_empty_objects_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "braces.json"
    count = MAX_CONTAINERS + 1
    path.write_text('{"format": "orgdesigner", "nodes": [' + "{}," * (count - 3) + "{}]}")
    with pytest.raises(OrgFileError) as err:
        read_org(path)
    assert str(err.value) == (
        f"{path}: the file holds {count:,} JSON objects and lists, more than a chart can use ({MAX_CONTAINERS:,})"
    )
    # A real chart is far below the bound: 100,000 nodes with their lists.
    big = make_org(100_000, "random", links=300)
    text = dumps_org(big)
    assert text.count("{") + text.count("[") < MAX_CONTAINERS / 10
    assert len(parse_org(text)) == 100_000
