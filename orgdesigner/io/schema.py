"""A JSON Schema of the file format, generated from the model's own types."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from orgdesigner.io.fileformat import FORMAT, VERSION
from orgdesigner.model import Link, Team, Unit
from orgdesigner.model.nodes import NodeId
from orgdesigner.model.text import ID_PATTERN, NAME_MAX


class UnitRecord(Unit):
    """A unit as stored in a file: a unit plus its parent's id."""

    parent: NodeId | None = Field(default=None, description="The parent's id; absent or null for the root.")


class TeamRecord(Team):
    """A team as stored in a file: a team plus its parent's id."""

    parent: NodeId | None = Field(default=None, description="The parent's id; absent or null for the root.")


class OrgFile(BaseModel):
    """The top level of an orgdesigner file."""

    model_config = ConfigDict(extra="forbid", title="orgdesigner file, version 1")

    format: Literal["orgdesigner"]
    version: Literal[1]
    name: str = Field(min_length=1, max_length=NAME_MAX)
    target_stage: int = Field(default=4, ge=1, le=5)
    nodes: list[Annotated[UnitRecord | TeamRecord, Field(discriminator="kind")]] = []
    links: list[Link] = []


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of version 1 of the file format."""
    schema = OrgFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        f"An org chart saved by orgdesigner (format {FORMAT!r}, version {VERSION}). Nodes form a "
        "tree through 'parent'; exactly one node has no parent. Siblings keep file order. "
        f"Ids match {ID_PATTERN}. Teams without 'responsibilities' own their discipline's defaults."
    )
    return schema
