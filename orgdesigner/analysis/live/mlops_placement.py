"""Where MLOps sits, kept between edits: each team doing MLOps work is placed again only when
it, its unit or what its dotted lines reach changed (:func:`~orgdesigner.analysis.mlops_placement.check_mlops_placement`
places them all)."""

from __future__ import annotations

from orgdesigner.analysis.findings import Finding
from orgdesigner.analysis.live.coverage import NAMED, listed
from orgdesigner.analysis.live.index import LiveIndex
from orgdesigner.analysis.mlops_placement import (
    MlopsPlacementReport,
    MlopsTeamPlacement,
    combine,
    mlops_owned,
    placement_finding,
    reach_of,
    team_placement,
)
from orgdesigner.model import Catalogue, Structure, Team, Unit


class LivePlacement:
    """The placement report and its finding, with each MLOps team's placement kept."""

    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        self._placed: dict[str, MlopsTeamPlacement] = {}
        self._teams: tuple[str, ...] = ()
        self.report: MlopsPlacementReport | None = None
        self.findings: list[Finding] = []

    def update(self, index: LiveIndex) -> None:
        """Place again the teams whose placement may have changed, then combine."""
        dirt = index.dirt
        mlops = index.mlops_work.items
        everything = self.report is None or dirt.structures
        redo = dirt.placed
        units = {n for n in dirt.named if isinstance(index.nodes.get(n), Unit)}
        if units:
            redo = redo | {t for t in mlops if index.sits[t] in units}
        same = tuple(mlops) == self._teams
        if not everything and same and redo.isdisjoint(mlops) and dirt.named.isdisjoint(mlops[:NAMED]):
            return
        served: dict[str, list[str]] = {}
        for link in index.links:
            served.setdefault(link.source, []).append(link.target)
        placed = self._placed
        for team in mlops:
            if everything or team in redo or team not in placed:
                placed[team] = self._place(index, team, served.get(team, ()))
        if len(placed) > 2 * len(mlops) + 16:
            self._placed = placed = {t: placed[t] for t in mlops}
        self._teams = tuple(mlops)
        report = combine(tuple(map(placed.__getitem__, mlops)), self.cat)
        first = index.nodes[mlops[0]] if mlops else None
        assert first is None or isinstance(first, Team)
        self.report = report
        self.findings = [placement_finding(report, first, listed(index, mlops, 3), self._teams, self.cat)]

    def _place(self, index: LiveIndex, team: str, served: list[str] | tuple[()]) -> MlopsTeamPlacement:
        unit = index.sits[team]
        node = None if unit is None else index.nodes[unit]
        assert node is None or isinstance(node, Unit)
        reached = [reach_of(_top_structure(index, target), index.top[target]) for target in served]
        return team_placement(team, unit, node, reached, mlops_owned(index.nodes[team]))


def _top_structure(index: LiveIndex, node_id: str) -> Structure:
    """The structure a node sits in at the top level (the root counts as ``executive``)."""
    top = index.top[node_id]
    node = index.nodes[top]
    if top == index.root or not isinstance(node, Unit):
        return Structure.EXECUTIVE
    return node.structure
