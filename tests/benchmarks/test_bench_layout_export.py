"""Layout and export speed beside Graphviz ``dot -Tsvg``, a C build of the same tidy tree, and
d3-hierarchy's ``tree()`` and d3-flextree.

Run: ``./dev bench -k layout_export`` (or ``ORGDESIGNER_BENCH=1 pytest tests/benchmarks -s``).
Synthetic orgs of 1,000, 10,000 and 100,000 nodes in five shapes, fixed seed; medians of several
runs. Prints two tables and records them in RESULTS.md between ``<!-- layout:begin -->`` and
``<!-- layout:end -->``. Set ORGDESIGNER_BENCH_SIZES=1000,10000 for a quicker run, and
ORGDESIGNER_BENCH_DOT_100K (seconds, 60 unless set) to give dot less time at 100,000 nodes.
The C reference is built where gcc is; the d3 peers are measured where node and npm are (npm
installs them into ``~/.cache/orgdesigner-bench``, see ``d3_peers.py``), each tree's rounds
interleaved with orgdesigner's.
"""

from __future__ import annotations

import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from orgdesigner.export.svg import svg_text
from orgdesigner.io import write_org
from orgdesigner.layout import LayoutOptions, OrgArrays, layout, org_arrays, route_links
from orgdesigner.layout.tidy import tidy_breadth
from orgdesigner.model import Organization
from tests.benchmarks.d3_peers import PeerRound, PeerRun, Peers, install_peers, peer_section, write_tree
from tests.benchmarks.results import record_section
from tests.synthetic import SHAPES, make_org

pytestmark = pytest.mark.benchmark

HERE = Path(__file__).parent
SIZES = tuple(int(s) for s in os.environ.get("ORGDESIGNER_BENCH_SIZES", "1000,10000,100000").split(","))
CARDS = LayoutOptions().sizes
ACROSS = CARDS.width + CARDS.sibling_gap  # a card's room across and down, gaps included
DOWN = CARDS.height + CARDS.level_gap
PLAIN = LayoutOptions(compact_threshold=None)  # the plain tidy tree, as d3 draws it: no leaf stacks
DOT_TIMEOUT = {
    1_000: 120.0,
    10_000: 120.0,
    100_000: float(os.environ.get("ORGDESIGNER_BENCH_DOT_100K", "60")),
}


@dataclass
class Row:
    """One tree's measurements (seconds, bytes)."""

    n: int
    shape: str
    convert: float
    layout: float
    py_core: float
    layout_peak: int
    routes: float
    c_core: float | None
    c_whole: float | None
    svg: float
    svg_bytes: int
    export: float
    export_rss: int
    dot: float | None
    peers: Peers | None


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _chart_breadth(arrays: OrgArrays) -> float:
    """What the cards of the plain tidy tree (no leaf stacks) take across, from the first card's
    left edge to the last one's right edge."""
    placement = layout(arrays, PLAIN)
    xs = [placement.xs[i] for i in placement.order]
    return max(xs) + CARDS.width - min(xs)


def _core_input(arrays: OrgArrays) -> tuple[list[int], list[float], list[float]]:
    """The C program's input for the tidy core in Python: every node, fixed card sizes, no stacks."""
    internal = [i for i, kids in enumerate(arrays.kids) if kids]
    breadth = [float(ACROSS)] * len(arrays)
    bottom = [d * float(DOWN) + CARDS.height for d in arrays.depth]
    return internal, breadth, bottom


def _peer_rounds(arrays: OrgArrays, runs: int, tree_file: Path, modules: Path) -> Peers:
    """The tidy core, ``layout()`` and the d3 peers on one tree, a round of each in turn. In a
    round each side lays the tree out twice and the second time is timed: neither is timed on
    caches the other has just filled with its own data."""
    internal, breadth, bottom = _core_input(arrays)

    def core() -> None:
        tidy_breadth(0, internal, arrays.kids, breadth, bottom)

    def whole() -> None:
        layout(arrays)

    cores: list[float] = []
    lays: list[float] = []
    rounds: list[PeerRound] = []
    with PeerRun(modules, write_tree(tree_file, list(arrays.parent), (ACROSS, DOWN), CARDS.width)) as run:
        for _ in range(runs):
            rounds.append(run.round())
            core()
            cores.append(_timed(core))
            whole()
            lays.append(_timed(whole))

    def ratio(ours: list[float], theirs: list[float]) -> float:
        return statistics.median(a / (b / 1000) for a, b in zip(ours, theirs, strict=True))

    tree_ms, flex_ms = [r.tree for r in rounds], [r.flextree for r in rounds]
    return Peers(
        core=statistics.median(cores),
        layout=statistics.median(lays),
        tree=statistics.median(tree_ms) / 1000,
        tree_build=statistics.median(r.tree_build for r in rounds) / 1000,
        flextree=statistics.median(flex_ms) / 1000,
        flextree_build=statistics.median(r.flextree_build for r in rounds) / 1000,
        core_to_tree=ratio(cores, tree_ms),
        core_to_flextree=ratio(cores, flex_ms),
        layout_to_tree=ratio(lays, tree_ms),
        layout_to_flextree=ratio(lays, flex_ms),
        breadth=_chart_breadth(arrays),
        tree_breadth=rounds[0].tree_breadth,
        flextree_breadth=rounds[0].flextree_breadth,
    )


def _build_reference(tmp: Path) -> Path | None:
    gcc = shutil.which("gcc")
    if gcc is None:
        return None
    out = HERE / "_build" / "tidy_reference"
    out.parent.mkdir(exist_ok=True)
    subprocess.run([gcc, "-O2", "-o", str(out), str(HERE / "tidy_reference.c")], check=True)
    return out


# A small clean parent for each measured command. A child's ru_maxrss as seen by this process
# would start at this (large) process's own peak: Python starts children with vfork, and the
# kernel carries the borrowed memory's high-water mark into the child's. So a fresh interpreter
# forks the command and reports its wall time and peak on stderr.
_CLEAN_PARENT = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss * 1024, file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _run_child(cmd: list[str], timeout: float) -> tuple[float | None, int]:
    """Wall time (None on timeout) and peak RSS in bytes of one child process."""
    wrapped = [sys.executable, "-S", "-c", _CLEAN_PARENT, shutil.which(cmd[0]) or cmd[0], *cmd[1:]]
    proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None, 0
    assert proc.returncode == 0, err.decode()
    elapsed, peak = err.decode().split()[-2:]
    return float(elapsed), int(peak)


def _dot_source(org: Organization) -> str:
    lines = ["digraph org {", 'node [shape=box, style=rounded, fontname="DejaVu Sans"];']
    for nid in org.iter_preorder():
        label = org.node(nid).name.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'"{nid}" [label="{label}"];')
        parent = org.parent(nid)
        if parent is not None:
            lines.append(f'"{parent}" -> "{nid}";')
    lines.append("}")
    return "\n".join(lines)


def _measure(org: Organization, n: int, shape: str, tmp: Path, reference: Path | None, modules: Path | None) -> Row:
    runs = 15 if n <= 10_000 else 5  # a run of 1,000 nodes takes milliseconds: many, for a steady median
    arrays = org_arrays(org)
    convert = _median(lambda: org_arrays(org), runs)
    lay = _median(lambda: layout(arrays), runs)
    internal, breadth, bottom = _core_input(arrays)
    py_core = _median(lambda: tidy_breadth(0, internal, arrays.kids, breadth, bottom), runs)
    peers = None if modules is None else _peer_rounds(arrays, runs, tmp / f"{shape}-{n}.tree.json", modules)
    tracemalloc.start()
    placement = layout(arrays)
    layout_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    routes = _median(lambda: route_links(placement), runs)
    links = route_links(placement)
    # Each run writes the cards from faces made anew (a placement keeps no faces).
    svg = _median(lambda: svg_text(placement, links=links), runs)
    svg_size = len(svg_text(placement, links=links).encode())
    c_core = c_whole = None
    if reference is not None:
        parents = tmp / f"{shape}-{n}.parents"
        parents.write_text(f"{n}\n" + "\n".join(map(str, arrays.parent)))
        out = subprocess.run([str(reference), str(parents), "9"], capture_output=True, text=True, check=True)
        core_ms, whole_ms, _ = out.stdout.split()
        c_core, c_whole = float(core_ms) / 1000, float(whole_ms) / 1000
    source = tmp / f"{shape}-{n}.json"
    write_org(org, source)
    target = tmp / f"{shape}-{n}.svg"
    cmd = [sys.executable, "-m", "orgdesigner", "export", str(source), "-o", str(target)]
    exports = [_run_child(cmd, 600) for _ in range(3 if n <= 10_000 else 2)]
    export = statistics.median(t for t, _ in exports if t is not None)
    rss = max(r for _, r in exports)
    dot_time = None
    dot = shutil.which("dot")
    if dot is not None:
        dot_in = tmp / f"{shape}-{n}.dot"
        dot_in.write_text(_dot_source(org))
        dot_time, _ = _run_child([dot, "-Tsvg", "-o", str(tmp / "dot-out.svg"), str(dot_in)], DOT_TIMEOUT[n])
    return Row(
        n,
        shape,
        convert,
        lay,
        py_core,
        layout_peak,
        routes,
        c_core,
        c_whole,
        svg,
        svg_size,
        export,
        rss,
        dot_time,
        peers,
    )


def _ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:,.1f}"


def _table(rows: list[Row]) -> str:
    head = (
        "| nodes | shape | org → arrays ms | layout ms | layout peak MB | dotted lines ms | C core / +build ms | "
        "layout ÷ C core | Python core ms (÷ C) | SVG µs/node | SVG B/node | export s | export peak RSS MB | "
        "`dot -Tsvg` s | dot ÷ export |"
    )
    lines = [head, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        c = "n/a" if r.c_core is None else f"{r.c_core * 1000:.2f} / {r.c_whole * 1000:.2f}"  # type: ignore[operator]
        ratio = "n/a" if not r.c_core else f"{r.layout / r.c_core:,.0f}×"
        core = _ms(r.py_core) + ("" if not r.c_core else f" ({r.py_core / r.c_core:,.0f}×)")
        dot = f"timeout (> {DOT_TIMEOUT[r.n]:.0f} s)" if r.dot is None else f"{r.dot:,.2f}"
        dot_ratio = f"> {DOT_TIMEOUT[r.n] / r.export:,.0f}×" if r.dot is None else f"{r.dot / r.export:,.1f}×"
        lines.append(
            f"| {r.n:,} | {r.shape} | {_ms(r.convert)} | {_ms(r.layout)} | "
            f"{r.layout_peak / 2**20:,.1f} | {_ms(r.routes)} | {c} | "
            f"{ratio} | {core} | {r.svg / r.n * 1e6:.2f} | {r.svg_bytes / r.n:,.0f} | {r.export:,.2f} | "
            f"{r.export_rss / 2**20:,.0f} | {dot} | {dot_ratio} |"
        )
    return "\n".join(lines)


def _targets(rows: list[Row]) -> str:
    def worst(n: int, key: Callable[[Row], float]) -> float | None:
        values = [key(r) for r in rows if r.n == n]
        return max(values) if values else None

    checks = []
    for n, limit in ((10_000, 0.020), (100_000, 0.300)):
        w = worst(n, lambda r: r.layout)
        if w is not None:
            checks.append(f"layout {n:,}: worst {w * 1000:.1f} ms (target ≤ {limit * 1000:.0f} ms)")
    ratios = [r.layout / r.c_core for r in rows if r.c_core and r.n >= 10_000]
    if ratios:
        checks.append(f"layout ÷ C core (≥ 10,000 nodes): {min(ratios):.0f}-{max(ratios):.0f}× (target ≤ 25×)")
        cores = [r.py_core / r.c_core for r in rows if r.c_core and r.n >= 10_000]
        checks.append(f"the same tidy core in Python ÷ C (≥ 10,000 nodes): {min(cores):.0f}-{max(cores):.0f}×")
    svg_us = max(r.svg / r.n * 1e6 for r in rows)
    svg_b = max(r.svg_bytes / r.n for r in rows)
    checks.append(f"SVG: worst {svg_us:.2f} µs and {svg_b:.0f} B per node (targets ≤ 3 µs, ≤ 250 B)")
    tens = [r for r in rows if r.n == 10_000]
    if tens:
        low = min((r.dot or DOT_TIMEOUT[r.n]) / r.export for r in tens)
        checks.append(f"export 10,000 vs dot -Tsvg: at least {low:.1f}× faster (target ≥ 20×)")
    big = [r for r in rows if r.n == 100_000]
    if big:
        checks.append(
            f"export 100,000: worst {max(r.export for r in big):.2f} s, peak RSS "
            f"{max(r.export_rss for r in big) / 2**20:,.0f} MB (targets ≤ 3 s, < 1,024 MB)"
        )
    return "\n".join(f"- {c}" for c in checks)


def _machine() -> str:
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    dot = (
        subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip() if shutil.which("dot") else "none"
    )
    gcc = (
        subprocess.run(["gcc", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        if shutil.which("gcc")
        else "none"
    )
    return (
        f"{date.today().isoformat()}: {os.cpu_count()} cores, {model}, Python {platform.python_version()} "
        f"({platform.machine()}), {dot}, {gcc} -O2"
    )


@pytest.mark.timeout(2400)  # three sizes, five shapes, four engines and dot: 10 minutes on 2 cores
def test_layout_and_export_beside_dot_c_and_d3(tmp_path: Path) -> None:
    reference = _build_reference(tmp_path)
    found = install_peers()
    modules = found if isinstance(found, Path) else None
    if modules is None:
        print(f"d3-hierarchy and d3-flextree not measured: {found}", flush=True)
    rows = []
    for n in SIZES:
        for shape in SHAPES:
            org = make_org(n, shape, seed=1, links=min(n // 100, 300))
            rows.append(_measure(org, n, shape, tmp_path, reference, modules))
            print(f"measured {n:,} {shape}", flush=True)
    table = _table(rows)
    body = (
        "## Layout and export (`layout()`, `svg_text()`, `orgdesigner export`)\n\n"
        f"{_machine()}. Synthetic orgs from `tests/synthetic.make_org` (seed 1, n/100 links, at most 300); "
        "medians of 15 runs (5 at 100,000; export 3 and 2 runs, dot 1). *org → arrays* flattens the model "
        "for the layout; *layout* is `layout(arrays)` with default options (compact leaves on); *dotted "
        "lines* is `route_links(placement)`; *SVG* is `svg_text` given those lines (each run makes the "
        "cards' faces anew); *C* is "
        "`tests/benchmarks/tidy_reference.c`, the same tidy tree on the parent array (core; core plus "
        "building the child lists); *Python core* is `tidy_breadth()` given exactly the C program's input "
        "(every node, fixed card sizes, no leaf stacks); *export* is the whole "
        "`python -m orgdesigner export FILE -o OUT.svg` process (start-up, reading the file, layout, SVG, "
        "atomic write), its peak RSS taken by a small clean parent process; dot gets the same tree with its "
        "labels.\n\n" + table + "\n\n" + _targets(rows) + "\n\n"
    )
    peers = [(r.n, r.shape, r.peers) for r in rows if r.peers is not None]
    body += peer_section(peers, None if modules is not None else str(found), CARDS)
    print("\n" + body)
    record_section("layout", body)
    assert all(r.svg_bytes > 0 and r.layout > 0 for r in rows)
    # The tightest tidy tree: never wider than what d3-hierarchy and d3-flextree agree on.
    wider = [(n, shape) for n, shape, p in peers if p.breadth > min(p.tree_breadth, p.flextree_breadth) * (1 + 1e-9)]
    assert not wider, f"wider than d3: {wider}"
