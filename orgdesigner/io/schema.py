"""A JSON Schema of the file format, generated from the model's own types."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from orgdesigner.io.fileformat import FORMAT, VERSION
from orgdesigner.model import BASELINE, MAX_SCENARIOS, Link, Team, Unit
from orgdesigner.model.nodes import NodeId
from orgdesigner.model.text import ID_PATTERN, NAME_MAX


class UnitRecord(Unit):
    """A unit as stored in a file: a unit plus its parent's id."""

    parent: NodeId | None = Field(default=None, description="The parent's id; absent or null for the root.")


class TeamRecord(Team):
    """A team as stored in a file: a team plus its parent's id."""

    parent: NodeId | None = Field(default=None, description="The parent's id; absent or null for the root.")


_NODE_LIST = list[Annotated[UnitRecord | TeamRecord, Field(discriminator="kind")]]


class ScenarioRecord(BaseModel):
    """A scenario (version 2): a whole org under a name of its own."""

    model_config = ConfigDict(extra="forbid", title="scenario")

    name: str = Field(
        min_length=1,
        max_length=NAME_MAX,
        description="The scenario's name: unique among the file's scenarios (ignoring case, spaces "
        "around and between the words and Unicode normalisation), one line, and not "
        f"{BASELINE!r} (which names the baseline).",
    )
    target_stage: int = Field(
        default=4, ge=1, le=5, description="The scenario's target stage; absent means the baseline's."
    )
    nodes: _NODE_LIST = []
    links: list[Link] = []


class OrgFile(BaseModel):
    """The top level of an orgdesigner file: the baseline org, and in version 2 its scenarios."""

    model_config = ConfigDict(extra="forbid", title=f"orgdesigner file, versions 1 and {VERSION}")

    format: Literal["orgdesigner"]
    version: Literal[1, 2]
    name: str = Field(min_length=1, max_length=NAME_MAX)
    target_stage: int = Field(default=4, ge=1, le=5)
    nodes: _NODE_LIST = []
    links: list[Link] = []
    scenarios: list[ScenarioRecord] = Field(
        default=[],
        max_length=MAX_SCENARIOS,
        description="Version 2 only: named alternatives to the baseline, each a complete org.",
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of versions 1 and 2 of the file format."""
    schema = OrgFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        f"An org chart saved by orgdesigner (format {FORMAT!r}, versions 1 and {VERSION}). Nodes form a "
        "tree through 'parent'; exactly one node has no parent. Siblings keep file order. "
        f"Ids match {ID_PATTERN}. Teams without 'responsibilities' own their discipline's defaults. "
        "The top level is the baseline. Version 2 adds 'scenarios'; a file without scenarios is "
        "version 1, and a version-1 file has no 'scenarios'."
    )
    schema["$defs"]["ScenarioRecord"]["properties"]["target_stage"].pop("default")  # the baseline's
    schema["if"] = {"properties": {"version": {"const": 1}}}
    schema["then"] = {"not": {"required": ["scenarios"]}}
    return schema
