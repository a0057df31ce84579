"""The org model: plain data, no Qt. Units, teams, links, the catalogue and the edits."""

from orgdesigner.model.catalogue import Catalogue, load_catalogue
from orgdesigner.model.errors import EditRefused, ModelError
from orgdesigner.model.nodes import Discipline, Link, LinkKind, Node, NodeKind, Structure, Team, Unit
from orgdesigner.model.organization import Organization, explain_validation, new_team, new_unit
from orgdesigner.model.scenarios import BASELINE, MAX_SCENARIOS, RemovedScenario, ScenarioSet, check_scenario_name
from orgdesigner.model.tree import DEFAULT_TARGET_STAGE, FlatNode, OrgTree, RemovedSubtree

__all__ = [
    "BASELINE",
    "DEFAULT_TARGET_STAGE",
    "MAX_SCENARIOS",
    "Catalogue",
    "Discipline",
    "EditRefused",
    "FlatNode",
    "Link",
    "LinkKind",
    "ModelError",
    "Node",
    "NodeKind",
    "OrgTree",
    "Organization",
    "RemovedScenario",
    "RemovedSubtree",
    "ScenarioSet",
    "Structure",
    "Team",
    "Unit",
    "check_scenario_name",
    "explain_validation",
    "load_catalogue",
    "new_team",
    "new_unit",
]
