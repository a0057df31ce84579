"""Soak (run with ORGDESIGNER_BENCH=1): 10,000 random edits with undo and redo through the
Document, memory at the start and the end.

Two runs: the reliability suite's hypothesis state machine (``test_document_stateful``) run long,
260 runs of up to 50 steps each (10,000 steps or more), checked after every step; and one Document
living through 10,000 edits, undos and redos, as a long session in the window would, undone to the
start and redone to the end at the finish. Results go to RESULTS.md between
``<!-- soak:begin -->`` and ``<!-- soak:end -->``.
"""

from __future__ import annotations

import gc
import os
import platform
import random
import time
import tracemalloc
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from orgdesigner.io import dumps_org, load_template, parse_org
from orgdesigner.model import Discipline, EditRefused, Structure, Team
from orgdesigner.ui.document import Document
from tests.benchmarks.results import record_section
from tests.reliability.test_document_stateful import STATS, DocumentMachine

EDITS = 10_000
MACHINE_RUNS, MACHINE_STEPS = 260, 50


def rss_mib() -> float:
    """This process's resident memory now."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _soak_one_document(rng: random.Random) -> tuple[dict[str, int], Document]:
    doc = Document(load_template("typical"))
    first = doc.org.copy()
    stack = doc.undo_stack
    done: dict[str, int] = {}
    disciplines, structures = list(Discipline), [s for s in Structure if s is not Structure.EXECUTIVE]
    for step in range(EDITS):
        org = doc.org
        ids = list(org.iter_preorder())
        below_root = ids[1:]
        op = rng.choices(
            ["team", "unit", "remove", "move", "rename", "fields", "link", "unlink", "undo", "redo", "refused"],
            weights=[16, 6, 3, 12, 10, 10, 8, 4, 15, 10, 5],
        )[0]
        try:
            if op == "team":
                doc.add_team(rng.choice(disciplines), rng.choice(ids))
            elif op == "unit":
                doc.add_unit(rng.choice(structures), rng.choice(ids))
            elif op == "remove" and len(below_root) > 20:
                doc.remove_nodes(rng.sample(below_root, rng.randint(1, 2)))
            elif op == "move" and below_root:
                doc.move_nodes([rng.choice(below_root)], rng.choice(ids), rng.randint(0, 5))
            elif op == "rename":
                doc.set_fields(rng.choice(ids), name=f"Team {step} — R&D <b>{rng.random():.3f}</b>")
            elif op == "fields":
                nid = rng.choice(ids)
                if isinstance(org.node(nid), Team):
                    doc.set_fields(nid, headcount=rng.randint(0, 40), lead=rng.choice([None, "Ana", "Zoë"]))
                else:
                    doc.set_fields(nid, lead=rng.choice([None, "Jonas"]))
            elif op == "link":
                teams = [t.id for t in org.teams()]
                if teams:
                    doc.add_link(rng.choice(teams), rng.choice(ids))
            elif op == "unlink" and org.links:
                doc.remove_link(rng.choice(org.links))
            elif op == "undo":
                for _ in range(rng.randint(1, 4)):
                    if stack.canUndo():
                        stack.undo()
            elif op == "redo":
                for _ in range(rng.randint(1, 4)):
                    if stack.canRedo():
                        stack.redo()
            elif op == "refused" and below_root:
                nid = rng.choice(below_root)
                doc.move_nodes([org.parent(nid) or nid], nid)  # under its own child: refused
            done[op] = done.get(op, 0) + 1
        except EditRefused:
            done["refused edits"] = done.get("refused edits", 0) + 1
        if step % 1_000 == 0:
            assert parse_org(dumps_org(doc.org)) == doc.org
            assert all(lk.source in doc.org and lk.target in doc.org for lk in doc.org.links)
    last = doc.org.copy()
    while stack.canUndo():
        stack.undo()
    assert doc.org == first, "undoing every edit did not give the first chart back"
    while stack.canRedo():
        stack.redo()
    assert doc.org == last, "redoing every edit did not give the last chart"
    done["undo entries at the end"] = stack.count()
    return done, doc


def heap_mib() -> float:
    """The Python heap tracemalloc sees now."""
    return tracemalloc.get_traced_memory()[0] / 2**20


def _delete_later_now() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # no event loop runs here
    gc.collect()


def test_soak_10000_edits_with_undo_and_redo(qapp: QApplication, capsys: pytest.CaptureFixture[str]) -> None:
    gc.collect()
    tracemalloc.start()
    start_rss, start_heap = rss_mib(), heap_mib()
    start = time.perf_counter()
    done, doc = _soak_one_document(random.Random(20261201))
    soak_s = time.perf_counter() - start
    end_rss, end_heap = rss_mib(), heap_mib()
    cards, links = len(doc.org), len(doc.org.links)
    doc.undo_stack.clear()
    doc.deleteLater()
    del doc
    _delete_later_now()
    cleared_rss, cleared_heap = rss_mib(), heap_mib()

    STATS.clear()
    machine_start_rss, machine_start_heap = rss_mib(), heap_mib()
    start = time.perf_counter()
    run_state_machine_as_test(
        DocumentMachine,
        settings=settings(
            max_examples=MACHINE_RUNS,
            stateful_step_count=MACHINE_STEPS,
            deadline=timedelta(seconds=30),
            suppress_health_check=list(HealthCheck),
        ),
    )
    machine_s = time.perf_counter() - start
    machine_end_rss, machine_end_heap = rss_mib(), heap_mib()
    _delete_later_now()  # the runs' Documents were handed to deleteLater
    machine_cleared_rss, machine_cleared_heap = rss_mib(), heap_mib()
    tracemalloc.stop()
    steps = sum(n for k, n in STATS.items() if k not in ("runs", "undo entries at the end"))

    kinds = ", ".join(f"{n:,} {k}" for k, n in sorted(done.items()))
    machine = ", ".join(f"{n:,} {k}" for k, n in STATS.items())
    body = (
        "## Soak: 10,000 edits with undo and redo (`tests/benchmarks/test_bench_soak.py`)\n\n"
        f"{date.today().isoformat()}: {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.machine()}). Memory: the Python heap as tracemalloc sees it (what the program holds), "
        "then the process's resident memory (VmRSS: the heap, Qt, and what the allocator keeps for reuse; "
        "the hypothesis run's grows with hypothesis's own caches). Times are under tracemalloc.\n\n"
        "| run | steps | time | heap at start | at end | after deleting | RSS at start | at end | after deleting | |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n"
        f"| one Document, seeded random edits from the typical template (ends with {cards:,} cards, "
        f"{links:,} dotted lines) | {EDITS:,} | {soak_s:.1f} s | {start_heap:.1f} MiB | {end_heap:.1f} MiB | "
        f"{cleared_heap:.1f} MiB | {start_rss:,.0f} MiB | {end_rss:,.0f} MiB | {cleared_rss:,.0f} MiB | undone to "
        "the first chart and redone to the last: equal |\n"
        f"| hypothesis state machine, {MACHINE_RUNS} runs of {MACHINE_STEPS} steps, every invariant after every "
        f"step | {steps:,} | {machine_s:.1f} s | {machine_start_heap:.1f} MiB | {machine_end_heap:.1f} MiB | "
        f"{machine_cleared_heap:.1f} MiB | {machine_start_rss:,.0f} MiB | {machine_end_rss:,.0f} MiB | "
        f"{machine_cleared_rss:,.0f} MiB | every run undone and redone |\n\n"
        "*after deleting*: the Document and its history deleted (the state machine's runs each end by handing "
        "theirs to `deleteLater`).\n\n"
        f"One Document: {kinds}. State machine: {machine}.\n"
    )
    record_section("soak", body)
    with capsys.disabled():
        print("\n" + body)
    assert steps >= EDITS
    # Deleted, a Document leaves nothing behind: the heap is back where it started.
    assert cleared_heap - start_heap < 2, (start_heap, end_heap, cleared_heap)
    assert machine_cleared_heap - machine_start_heap < 5, (machine_start_heap, machine_cleared_heap)
