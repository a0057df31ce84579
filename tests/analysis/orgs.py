"""Small orgs built in code for the analysis tests: a seed-like typical chart and helpers
to build variants of it."""

from __future__ import annotations

from collections.abc import Iterable

from orgdesigner.model import Discipline, FlatNode, Link, Organization, Structure, Team, Unit


def unit(nid: str, parent: str | None, structure: str = "other", name: str | None = None) -> FlatNode:
    """A unit, as a flat node."""
    return FlatNode(Unit(id=nid, name=name or nid, structure=Structure(structure)), parent)


def team(
    nid: str,
    parent: str | None,
    discipline: str,
    headcount: int = 4,
    responsibilities: Iterable[str] | None = None,
    name: str | None = None,
) -> FlatNode:
    """A team, as a flat node (``responsibilities`` None: its discipline's defaults)."""
    resp = None if responsibilities is None else tuple(responsibilities)
    node = Team(id=nid, name=name or nid, discipline=Discipline(discipline), headcount=headcount, responsibilities=resp)
    return FlatNode(node, parent)


def org_of(
    *nodes: FlatNode, target: int = 4, links: Iterable[tuple[str, str]] = (), name: str = "Test org"
) -> Organization:
    """An org from flat nodes (file order) and ``(source, target)`` serves links."""
    return Organization.from_flat(name, target, list(nodes), [Link(source=s, target=t) for s, t in links])


MLOPS_AND_MLE = (
    "optimize_models",
    "build_training_pipelines",
    "implement_model_serving",
    "feature_engineering_at_scale",
    "ml_ci_cd",
    "manage_model_deployments",
    "monitor_model_performance",
    "automate_retraining",
    "ensure_reproducibility",
)


def typical(target: int = 4) -> Organization:
    """The seed's chart: CTO over Platform (DevOps/SRE), Data & AI (DE, DS, ML Eng/MLOps) and
    Product (product management, software engineering).

    Tree distances, for hand checks: cto-pm 2, pm-de 4, de-ds 2, ds-mlops 2, mlops-sre 4,
    sre-swe 4.
    """
    return org_of(
        unit("cto", None, "executive", "CTO"),
        unit("platform", "cto", "platform", "Platform Engineering"),
        team("sre", "platform", "devops_sre", 6, name="DevOps / SRE"),
        unit("data", "cto", "data_ai", "Data & AI"),
        team("de", "data", "data_engineering", 5, name="Data Engineering"),
        team("ds", "data", "data_science", 7, name="Data Science"),
        team("mlops", "data", "mlops", 4, MLOPS_AND_MLE, name="ML Engineering / MLOps"),
        unit("product", "cto", "product", "Product Engineering"),
        team("pm", "product", "product_management", 2, name="Product Management"),
        team("swe", "product", "software_engineering", 12, name="Software Engineering"),
        target=target,
        name="Typical",
    )
