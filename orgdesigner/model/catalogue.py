"""The catalogue of disciplines, responsibilities, maturity stages, flow, career paths and
MLOps placements, read from ``resources/catalogue.json``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from orgdesigner.model.nodes import Discipline, Structure

_CONFIG = ConfigDict(frozen=True, extra="forbid")


class StructureInfo(BaseModel):
    """Display facts about a unit structure."""

    model_config = _CONFIG
    id: Structure
    name: str
    short: str
    description: str


class DisciplineInfo(BaseModel):
    """A discipline: what it does, what it owns by default, its tools and its colour."""

    model_config = _CONFIG
    id: Discipline
    name: str
    short: str
    color: str
    summary: str
    responsibilities: tuple[str, ...]
    tools: tuple[str, ...]


class Responsibility(BaseModel):
    """One key activity, with the discipline it belongs to."""

    model_config = _CONFIG
    id: str
    title: str
    discipline: Discipline


class Relationship(BaseModel):
    """What one discipline provides to another, and what the consumer lacks without it."""

    model_config = _CONFIG
    provider: Discipline
    consumer: Discipline
    kind: Literal["depends_on", "branch_of", "overlaps"]
    via: tuple[str, ...]
    from_stage: int
    provides: str
    without: str


class Stage(BaseModel):
    """A maturity stage: its markers and the responsibilities an org must own to stand at it."""

    model_config = _CONFIG
    stage: int
    name: str
    markers: tuple[str, ...]
    requires: tuple[str, ...]


class FlowStep(BaseModel):
    """One step of the ML project flow and the responsibility whose owner does it."""

    model_config = _CONFIG
    step: int
    name: str
    discipline: Discipline | None
    responsibility: str | None
    action: str
    owner: Literal["root"] | None = None


class CareerPath(BaseModel):
    """A way into a discipline from another one, with what must be learnt."""

    model_config = _CONFIG
    source: Discipline
    target: Discipline
    knows: tuple[str, ...]
    learn: tuple[str, ...]
    note: str


class MlopsOption(BaseModel):
    """One of the places the catalogue knows MLOps can sit, with its focus and its trade-offs."""

    model_config = _CONFIG
    kind: Literal["platform", "data_ai", "product", "cross_functional", "mixed", "none"]
    name: str
    focus: str
    strengths: tuple[str, ...]
    risks: tuple[str, ...]


class Summary(BaseModel):
    """The seed's summary of where MLOps sits."""

    model_config = _CONFIG
    bridge: str
    intersection: tuple[str, ...]


class Catalogue(BaseModel):
    """Everything orgdesigner knows about data & AI organisations."""

    model_config = _CONFIG
    version: int
    source: str
    structures: tuple[StructureInfo, ...]
    disciplines: tuple[DisciplineInfo, ...]
    responsibilities: tuple[Responsibility, ...]
    relationships: tuple[Relationship, ...]
    stages: tuple[Stage, ...]
    typical_range: str
    flow: tuple[FlowStep, ...]
    flow_note: str
    career_paths: tuple[CareerPath, ...]
    placements: tuple[MlopsOption, ...]
    placement_note: str
    summary: Summary

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        known = {r.id for r in self.responsibilities}
        if len(known) != len(self.responsibilities):
            raise ValueError("duplicate responsibility id")
        used: list[str] = [rid for d in self.disciplines for rid in d.responsibilities]
        used += [rid for s in self.stages for rid in s.requires]
        used += [rid for r in self.relationships for rid in r.via]
        used += [f.responsibility for f in self.flow if f.responsibility]
        unknown = sorted(set(used) - known)
        if unknown:
            raise ValueError(f"unknown responsibility ids: {unknown}")
        if {d.id for d in self.disciplines} != set(Discipline):
            raise ValueError("the catalogue must describe every discipline exactly once")
        if [s.stage for s in self.stages] != [1, 2, 3, 4, 5]:
            raise ValueError("stages must be 1 to 5 in order")
        return self

    # Lookups -----------------------------------------------------------------------------

    def discipline(self, discipline: Discipline | str) -> DisciplineInfo:
        """The entry of one discipline."""
        return self._disciplines()[Discipline(discipline)]

    def structure(self, structure: Structure | str) -> StructureInfo:
        """The entry of one structure."""
        return next(s for s in self.structures if s.id == Structure(structure))

    def responsibility(self, rid: str) -> Responsibility:
        """The entry of one responsibility (``KeyError`` if unknown)."""
        return self._responsibilities()[rid]

    def responsibility_ids(self) -> frozenset[str]:
        """Every known responsibility id."""
        return frozenset(self._responsibilities())

    def defaults(self, discipline: Discipline | str) -> tuple[str, ...]:
        """The responsibilities a team of ``discipline`` owns when it lists none."""
        return self.discipline(discipline).responsibilities

    def stage(self, number: int) -> Stage:
        """The entry of maturity stage ``number`` (1-5)."""
        return self.stages[number - 1]

    def mlops_option(self, kind: str) -> MlopsOption:
        """The entry of one MLOps placement kind."""
        return next(p for p in self.placements if p.kind == kind)

    def _disciplines(self) -> dict[Discipline, DisciplineInfo]:
        cached: dict[Discipline, DisciplineInfo] | None = self.__dict__.get("_d_index")
        if cached is None:
            cached = {d.id: d for d in self.disciplines}
            object.__setattr__(self, "_d_index", cached)
        return cached

    def _responsibilities(self) -> dict[str, Responsibility]:
        cached: dict[str, Responsibility] | None = self.__dict__.get("_r_index")
        if cached is None:
            cached = {r.id: r for r in self.responsibilities}
            object.__setattr__(self, "_r_index", cached)
        return cached


@cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped with orgdesigner (read once)."""
    text = resources.files("orgdesigner.resources").joinpath("catalogue.json").read_text("utf-8")
    return Catalogue.model_validate(json.loads(text))
