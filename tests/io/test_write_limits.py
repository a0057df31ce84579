"""Whatever orgdesigner writes, it opens: a chart that would make a file over the reading limits
(50 MB; 3,000,000 JSON objects and lists) is refused with a clear message and nothing is
written. Tested at the limits, one byte and one bracket either side."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdesigner.io import OrgFileError, read_org, write_org
from orgdesigner.io.fileformat import MAX_CONTAINERS, MAX_FILE_BYTES, count_containers, dumps_org
from orgdesigner.model import FlatNode, Organization, Team, Unit
from orgdesigner.model.text import NOTES_MAX


def _org(notes: list[str]) -> Organization:
    nodes = [FlatNode(Unit(id="root", name="Root", structure="executive"), None)]
    nodes += [
        FlatNode(Team(id=f"t{i}", name="T", discipline="mlops", notes=n or None), "root") for i, n in enumerate(notes)
    ]
    return Organization.from_flat("Limits", 4, nodes)


def _fit(fill: str, measure: str, target: int) -> Organization:
    """An org of full notes of ``fill`` whose file measures exactly ``target`` (bytes, or
    containers), by shortening notes from the end."""
    per = NOTES_MAX
    count = target // per + 1
    notes = [fill * per] * count
    org = _org(notes)
    text = dumps_org(org)
    excess = (len(text.encode()) if measure == "bytes" else count_containers(text)) - target
    assert excess >= 0
    k = len(notes) - 1
    while excess > 0:  # each fill character shortened takes one byte or one bracket off
        cut = min(excess, len(notes[k]) - 1)
        notes[k] = notes[k][: len(notes[k]) - cut]
        excess -= cut
        k -= 1
    org = _org(notes)
    text = dumps_org(org)
    got = len(text.encode()) if measure == "bytes" else count_containers(text)
    assert got == target
    return org


@pytest.mark.parametrize("measure, fill, limit", [("bytes", "x", MAX_FILE_BYTES), ("containers", "[", MAX_CONTAINERS)])
def test_a_chart_at_the_limit_is_written_and_one_past_it_is_refused(
    tmp_path: Path, measure: str, fill: str, limit: int
) -> None:
    at_limit = _fit(fill, measure, limit)
    path = tmp_path / "org.json"
    write_org(at_limit, path)
    assert read_org(path) == at_limit  # what is written, opens
    over = _fit(fill, measure, limit + 1)
    before = path.read_bytes()
    with pytest.raises(OrgFileError, match=r"not written: .* orgdesigner opens files of at most") as info:
        write_org(over, path)
    assert str(path) in str(info.value) and len(str(info.value)) < 300
    assert path.read_bytes() == before  # the old file is left as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org.json"]
    fresh = tmp_path / "new.json"
    with pytest.raises(OrgFileError):
        write_org(over, fresh)
    assert not fresh.exists()
