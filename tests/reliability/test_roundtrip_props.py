"""Random valid orgs (0 to 500 nodes; right-to-left text, combining marks, emoji, 200-character
names, leads, multi-line notes, links, explicit responsibilities) survive write then read
exactly."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from orgdesigner.io import dumps_org, parse_org, read_org, write_org
from orgdesigner.model import Discipline, FlatNode, Link, Organization, Structure, Team, Unit
from orgdesigner.model.text import NAME_MAX, NOTES_MAX
from tests.reliability.strategies import COMBINING, EMOJI, RESPONSIBILITIES, RTL, orgs

pytestmark = pytest.mark.slow  # the reliability tier: ./dev test -m "not slow" leaves it to CI

ROUNDTRIP = settings(
    max_examples=int(os.environ.get("ORGDESIGNER_FUZZ_EXAMPLES", "300")),
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("roundtrip")


def assert_roundtrip(org: Organization, path: Path) -> None:
    write_org(org, path)
    back = read_org(path)
    assert back == org
    assert back.links == org.links
    assert back.name == org.name and back.target_stage == org.target_stage
    for a, b in zip(back.flat(), org.flat(), strict=True):
        assert a == b and type(a.node) is type(b.node)
    # The text is stable: writing what was read gives the same bytes.
    assert dumps_org(back).encode("utf-8") == path.read_bytes()


def _every_kind_of_text() -> Organization:
    root = Unit(
        id="root",
        name=RTL[0],
        structure=Structure.EXECUTIVE,
        lead=RTL[1],
        notes="\n".join(RTL + COMBINING + EMOJI) + "\r\nCRLF\ttab\n",
    )
    flat = [FlatNode(root, None)]
    for i, text in enumerate(RTL + COMBINING + EMOJI):
        flat.append(
            FlatNode(
                Team(
                    id=f"t{i}",
                    name=text,
                    discipline=list(Discipline)[i % 9],
                    headcount=i,
                    lead=text,
                    responsibilities=tuple(RESPONSIBILITIES[i : i + 3]),
                ),
                "root",
            )
        )
    flat.append(
        FlatNode(
            Team(
                id="long",
                name=("🧑\u200d🔬" * NAME_MAX)[:NAME_MAX],
                discipline=Discipline.MLOPS,
                notes="x" * NOTES_MAX,
                responsibilities=(),
            ),
            "t0",
        )
    )
    links = [Link(source="t0", target="long"), Link(source="long", target="root"), Link(source="t3", target="t0")]
    return Organization.from_flat("ארגון 🚀 e\u0301", 2, flat, links)


@ROUNDTRIP
@given(orgs())
@example(Organization("An org with no nodes yet"))
@example(_every_kind_of_text())
def test_random_valid_orgs_survive_save_then_load(folder: Path, org: Organization) -> None:
    assert_roundtrip(org, folder / "org.json")


@ROUNDTRIP
@given(orgs(max_nodes=60))
def test_text_form_roundtrips_without_a_file(org: Organization) -> None:
    assert parse_org(dumps_org(org)) == org


def test_the_hard_cases_are_in_the_example(tmp_path: Path) -> None:
    org = _every_kind_of_text()
    assert len(org.node("long").name) == NAME_MAX
    assert any(isinstance(n, Team) and n.responsibilities == () for n in org.iter_nodes())
    assert_roundtrip(org, tmp_path / "hard.json")
    text = (tmp_path / "hard.json").read_text("utf-8")
    assert RTL[0] in text and "👩\u200d💻" in text  # stored as the characters, not \u escapes
