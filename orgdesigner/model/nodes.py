"""The parts of an org chart: units, teams and the dotted-line links between them."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict

from orgdesigner.model.text import LEAD_MAX, NOTES_MAX, check_id, check_name, check_text, has_visible


class Structure(StrEnum):
    """What kind of organisational unit a unit is."""

    EXECUTIVE = "executive"
    PLATFORM = "platform"
    DATA_AI = "data_ai"
    PRODUCT = "product"
    CROSS_FUNCTIONAL = "cross_functional"
    OTHER = "other"


class Discipline(StrEnum):
    """The craft a team practises; its ids match the catalogue. ``BUSINESS`` is everyone outside
    data, AI and software (sales, finance, legal, operations, clerks): it owns nothing and the
    analysis never judges it."""

    DATA_ENGINEERING = "data_engineering"
    DATA_SCIENCE = "data_science"
    ML_ENGINEERING = "ml_engineering"
    MLOPS = "mlops"
    DEVOPS_SRE = "devops_sre"
    SOFTWARE_ENGINEERING = "software_engineering"
    AI_ENGINEERING = "ai_engineering"
    ANALYTICS = "analytics"
    PRODUCT_MANAGEMENT = "product_management"
    BUSINESS = "business"


class NodeKind(StrEnum):
    """Unit (a grouping with a structure) or team (people of one discipline)."""

    UNIT = "unit"
    TEAM = "team"


class LinkKind(StrEnum):
    """The kinds of dotted line; one for now."""

    SERVES = "serves"


def _lead(value: str | None) -> str | None:
    # A blank lead (spaces, or only invisible characters) is no lead: every picture then
    # agrees (no "Lead:" with nothing after it).
    if value is None or not value.strip():
        return None
    check_text(value, "lead", LEAD_MAX)
    return value if has_visible(value) else None


def _notes(value: str | None) -> str | None:
    return None if value is None else check_text(value, "notes", NOTES_MAX, multiline=True)


NodeId = Annotated[str, AfterValidator(check_id)]
Name = Annotated[str, AfterValidator(check_name)]
Lead = Annotated[str | None, AfterValidator(_lead)]
Notes = Annotated[str | None, AfterValidator(_notes)]

_CONFIG = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, validate_default=False)


class _NodeBase(BaseModel):
    model_config = _CONFIG

    id: NodeId
    name: Name
    lead: Lead = None
    notes: Notes = None

    def with_changes(self, **changes: Any) -> Node:
        """A validated copy with some fields changed (raises ``pydantic.ValidationError``)."""
        data = self.model_dump(exclude_none=True)
        data.update(changes)
        data = {k: v for k, v in data.items() if v is not None}
        node: Node = NODE_ADAPTER.validate_python(data)
        return node


class Unit(_NodeBase):
    """A grouping of teams (or further units) with an organisational structure."""

    kind: Literal["unit"] = "unit"
    structure: Structure = Structure.OTHER

    @property
    def headcount(self) -> int:
        """Units carry no headcount of their own; see the analysis for roll-ups."""
        return 0


class Team(_NodeBase):
    """People of one discipline, with a headcount and the responsibilities they own."""

    kind: Literal["team"] = "team"
    discipline: Discipline
    headcount: Annotated[int, Strict()] = Field(default=0, ge=0, le=1_000_000)
    responsibilities: tuple[Annotated[str, Strict()], ...] | None = None


Node = Annotated[Unit | Team, Field(discriminator="kind")]


class Link(BaseModel):
    """A dotted line: ``source`` (a team) serves ``target`` (any other node)."""

    model_config = _CONFIG

    source: NodeId
    target: NodeId
    kind: LinkKind = LinkKind.SERVES


def _node_adapter() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Node)


NODE_ADAPTER = _node_adapter()
