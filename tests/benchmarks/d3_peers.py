"""d3-hierarchy's ``tree()`` and d3-flextree beside orgdesigner's tidy tree, for the layout benchmark.

Node and npm are used here only to time the peers: the benchmark installs the two packages, at
the versions of ``tests/data/d3-tidy-positions.json``, into a cache folder outside the repository
and drives ``d3_peers.mjs`` (one process per tree) a round at a time, so that each round of
orgdesigner's layout sits beside one round of each peer.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from orgdesigner.layout import CardSizes

VERSIONS = {"d3-hierarchy": "3.1.3", "d3-flextree": "2.1.2"}
DRIVER = Path(__file__).with_name("d3_peers.mjs")
NPM_TIMEOUT = 300.0


def cache_folder() -> Path:
    """Where the peers are installed: the user's cache, never the repository."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "orgdesigner-bench" / "d3-peers"


def _installed(modules: Path) -> bool:
    for name, version in VERSIONS.items():
        try:
            found = json.loads((modules / name / "package.json").read_text(encoding="utf-8")).get("version")
        except (OSError, ValueError):
            return False
        if found != version:
            return False
    return True


def install_peers() -> Path | str:
    """The ``node_modules`` folder holding both peers (installed with npm when missing), or the
    reason they cannot be measured here."""
    if shutil.which("node") is None:
        return "node is not on PATH"
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not on PATH"
    folder = cache_folder()
    modules = folder / "node_modules"
    if _installed(modules):
        return modules
    folder.mkdir(parents=True, exist_ok=True)
    wanted = [f"{name}@{version}" for name, version in VERSIONS.items()]
    cmd = [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--no-save", *wanted]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=NPM_TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"npm install {' '.join(wanted)} took over {NPM_TIMEOUT:.0f} s"
    if proc.returncode != 0 or not _installed(modules):
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        return f"npm install {' '.join(wanted)} failed: {last[:200]}"
    return modules


@dataclass(frozen=True)
class PeerRound:
    """One round of both peers on one tree: times in milliseconds, breadths in chart units.

    ``tree`` and ``flextree`` time the layout call alone, on a hierarchy already built;
    ``*_build`` add building that hierarchy from the nested data."""

    tree: float
    tree_build: float
    tree_breadth: float
    flextree: float
    flextree_build: float
    flextree_breadth: float


class PeerRun:
    """One ``d3_peers.mjs`` process laying out one tree, a round each time :meth:`round` is called."""

    def __init__(self, modules: Path, tree: Path) -> None:
        node = shutil.which("node") or "node"
        self._proc = subprocess.Popen(
            [node, str(DRIVER), str(modules), str(tree)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.versions: dict[str, str] = self._reply()["versions"]

    def _reply(self) -> Any:
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            self._proc.wait()
            err = self._proc.stderr.read() if self._proc.stderr else ""
            raise RuntimeError(f"d3_peers.mjs stopped (exit {self._proc.returncode}): {err.strip()[-500:]}")
        return json.loads(line)

    def round(self) -> PeerRound:
        """Lay the tree out once with each peer (the hierarchy built anew)."""
        assert self._proc.stdin is not None
        self._proc.stdin.write("\n")
        self._proc.stdin.flush()
        return PeerRound(**self._reply())

    def __enter__(self) -> PeerRun:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        for stream in (self._proc.stdout, self._proc.stderr):
            if stream is not None:
                stream.close()


def node_version() -> str:
    """``v20.1.0``: the Node the peers run on."""
    node = shutil.which("node")
    if node is None:
        return "none"
    return subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout.strip()


@dataclass(frozen=True)
class Peers:
    """Both peers on one tree beside orgdesigner: median times (seconds), the medians of the
    ratios of orgdesigner's time to theirs taken round by round, and the chart breadths."""

    core: float
    layout: float
    tree: float
    tree_build: float
    flextree: float
    flextree_build: float
    core_to_tree: float
    core_to_flextree: float
    layout_to_tree: float
    layout_to_flextree: float
    breadth: float
    tree_breadth: float
    flextree_breadth: float


PeerRow = tuple[int, str, Peers]  # nodes, shape, measurements


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:,.2f}" if ms < 10 else f"{ms:,.1f}"


def _span(values: list[float], digits: int) -> str:
    return f"{min(values):,.{digits}f}-{max(values):,.{digits}f}"


def peer_section(rows: list[PeerRow], skipped: str | None, cards: CardSizes) -> str:
    """The RESULTS.md text of the peers' table (the trees laid out with ``cards``), or why they
    were not measured."""
    size = f"[{cards.width + cards.sibling_gap}, {cards.height + cards.level_gap}]"
    title = "### Beside d3-hierarchy `tree()` and d3-flextree\n\n"
    if skipped is not None or not rows:
        return title + f"Not measured in this run: {skipped or 'no trees'}."
    intro = (
        "The same trees in the same run: for each tree, rounds of orgdesigner's tidy core (given the "
        "*Python core*'s input above, timed again here), its `layout(arrays)` and each peer, in turn "
        "(15 rounds, 5 at 100,000; in a round each lays the tree out twice and the second is timed, "
        "so that none is timed on caches another has just filled), driven by "
        f"`tests/benchmarks/d3_peers.mjs` on Node {node_version()} after one "
        f"warm-up round: d3-hierarchy {VERSIONS['d3-hierarchy']} `tree().nodeSize({size})"
        f".separation(() => 1)` and d3-flextree {VERSIONS['d3-flextree']} with every node's size "
        f"{size} (the default {cards.width} × {cards.height} card with its {cards.sibling_gap} sibling "
        f"and {cards.level_gap} level gaps, as the core gets). "
        "*tree()* and *flextree* time the layout call alone, on a hierarchy already built (as "
        "the core gets its child lists built); in brackets with `hierarchy()` (d3-flextree's own) "
        "built from the nested data first. Ratios are medians of the ratios taken round by round, "
        "orgdesigner's time over the peer's (below 1: orgdesigner is faster). *Breadth* is what the "
        "cards take across, in chart units: ours from `layout(arrays, LayoutOptions("
        "compact_threshold=None))`, the plain tidy tree, since by default leaves are stacked and the "
        "chart is no longer a plain tidy tree; theirs max x − min x + card width."
    )
    head = (
        "| nodes | shape | tidy core ms | `layout()` ms | `tree()` ms (+ `hierarchy()`) | "
        "flextree ms (+ `hierarchy()`) | core ÷ `tree()` | core ÷ flextree | `layout()` ÷ `tree()` | "
        "`layout()` ÷ flextree | breadth: ours | `tree()` | flextree | ours ÷ `tree()` | ours ÷ flextree |"
    )
    lines = [head, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, shape, p in rows:
        lines.append(
            f"| {n:,} | {shape} | {_ms(p.core)} | {_ms(p.layout)} | {_ms(p.tree)} ({_ms(p.tree_build)}) | "
            f"{_ms(p.flextree)} ({_ms(p.flextree_build)}) | {p.core_to_tree:.2f}× | {p.core_to_flextree:.2f}× | "
            f"{p.layout_to_tree:.2f}× | {p.layout_to_flextree:.2f}× | {p.breadth:,.0f} | {p.tree_breadth:,.0f} | "
            f"{p.flextree_breadth:,.0f} | {p.breadth / p.tree_breadth:.4f} | {p.breadth / p.flextree_breadth:.4f} |"
        )
    big = [p for n, _, p in rows if n >= 10_000]
    which = "≥ 10,000 nodes"
    if not big:
        big, which = [p for *_, p in rows], "all sizes"
    checks = [
        f"tidy core ÷ d3-hierarchy `tree()` ({which}): {_span([p.core_to_tree for p in big], 2)}×; "
        f"÷ d3-flextree: {_span([p.core_to_flextree for p in big], 2)}×",
        f"`layout()` ÷ d3-hierarchy `tree()` ({which}): {_span([p.layout_to_tree for p in big], 2)}×; "
        f"÷ d3-flextree: {_span([p.layout_to_flextree for p in big], 2)}×",
        f"breadth, ours ÷ d3-hierarchy's: {_span([p.breadth / p.tree_breadth for _, _, p in rows], 4)}; "
        f"÷ d3-flextree's: {_span([p.breadth / p.flextree_breadth for _, _, p in rows], 4)} "
        "(target ≤ 1: never wider than the tightest tidy tree)",
    ]
    return title + intro + "\n\n" + "\n".join(lines) + "\n\n" + "\n".join(f"- {c}" for c in checks)


def write_tree(path: Path, parents: list[int], size: tuple[float, float], card_width: float) -> Path:
    """The tree file ``d3_peers.mjs`` reads: parents in pre-order, each node's room across and
    down, and a card's own width."""
    path.write_text(json.dumps({"parents": parents, "size": list(size), "card_width": card_width}), encoding="utf-8")
    return path
