"""The org model: plain data, no Qt. Units, teams, links, the catalogue and the edits."""

from orgdesigner.model.catalogue import Catalogue, load_catalogue
from orgdesigner.model.errors import EditRefused, ModelError
from orgdesigner.model.nodes import Discipline, Link, LinkKind, Node, NodeKind, Structure, Team, Unit
from orgdesigner.model.organization import Organization, explain_validation, new_team, new_unit
from orgdesigner.model.tree import DEFAULT_TARGET_STAGE, FlatNode, OrgTree, RemovedSubtree

__all__ = [
    "DEFAULT_TARGET_STAGE",
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
    "RemovedSubtree",
    "Structure",
    "Team",
    "Unit",
    "explain_validation",
    "load_catalogue",
    "new_team",
    "new_unit",
]
