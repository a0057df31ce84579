"""Checks that hold the live analysis to the full one: its report equals ``analyse()`` field by
field (findings one by one, in order), and its index equals one built afresh."""

from __future__ import annotations

from orgdesigner.analysis import AnalysisOptions, Report, analyse
from orgdesigner.analysis.live import LiveIndex
from orgdesigner.model import OrgTree

_TABLES = (
    "nodes",
    "parent",
    "children",
    "depth",
    "top",
    "sits",
    "size",
    "heads",
    "teams_below",
    "owned",
    "structure_of",
    "root",
    "links",
    "name",
    "target_stage",
)
_LISTS = ("mlops_work", "units", "internal", "wide", "empty", "unstaffed")


def assert_same_report(live: Report, org: OrgTree, options: AnalysisOptions | None = None) -> Report:
    """``live`` equals ``analyse(org, options)``: every field, every finding in its place.
    Returns the full report."""
    full = analyse(org, options)
    if live != full:
        fields = [f for f in Report.__dataclass_fields__ if getattr(live, f) != getattr(full, f)]
        detail = ""
        if "findings" in fields:
            pairs = list(zip(live.findings, full.findings, strict=False))
            k = next((i for i, (a, b) in enumerate(pairs) if a != b), len(pairs))
            a = live.findings[k] if k < len(live.findings) else None
            b = full.findings[k] if k < len(full.findings) else None
            detail = f"; first different finding #{k}:\n live {a}\n full {b}"
        raise AssertionError(f"the live report differs from analyse() in {fields}{detail}")
    return full


def assert_same_index(index: LiveIndex, org: OrgTree) -> None:
    """``index`` (kept up to date change by change) equals one built from ``org`` afresh, and
    its labels sort the nodes in file order."""
    fresh = LiveIndex(org, index.max_span)
    for name in _TABLES:
        mine, theirs = getattr(index, name), getattr(fresh, name)
        if mine != theirs:
            if isinstance(mine, dict):
                keys = [k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k)][:5]
                raise AssertionError(f"index.{name} differs at {[(k, mine.get(k), theirs.get(k)) for k in keys]}")
            raise AssertionError(f"index.{name} differs: {mine!r} != {theirs!r}")
    for name in _LISTS:
        assert getattr(index, name).items == getattr(fresh, name).items, name
    for d, lst in index.by_discipline.items():
        assert lst.items == fresh.by_discipline[d].items, d
    for rid, lst in index.owners.items():
        assert lst.items == fresh.owners[rid].items, rid
        assert [x.items for x in index.owners_in[rid]] == [x.items for x in fresh.owners_in[rid]], rid
    order = list(org.iter_preorder())
    labels = [index.label[n] for n in order]
    assert labels == sorted(labels) and len(set(labels)) == len(labels), "labels out of file order"
    assert set(index.label) == set(order)
