"""Guessing a unit's structure from its name and its people, and the ``--unit`` corrections.

A department named "Platform", "Infrastructure", "Cloud" or "SRE" is Platform Engineering;
"Data", "Analytics", "AI" or "ML" is Data & AI; "Product", "App", "Squad" is Product
Engineering; "Executive", "Leadership", "Board", "CEO office" is the executive. A name that
says none of these is read from the unit's people: when it holds two people or more and at
least 60% of its headcount is in one family of disciplines (data & AI; DevOps; software and
product), that family's structure.
The top of an org is the executive unless its name says otherwise; everything else is Other.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from orgdesigner.io.discipline_guess import normalize
from orgdesigner.model import Discipline, Structure, load_catalogue
from orgdesigner.model.text import shown

S = Structure
# Checked in order: "Data Platform" is Data & AI, "Platform Engineering" is Platform.
STRUCTURE_KEYWORDS: tuple[tuple[str, Structure], ...] = (
    *((k, S.EXECUTIVE) for k in ("executive", "executives", "leadership", "board", "board of directors")),
    *((k, S.EXECUTIVE) for k in ("c suite", "ceo", "cto", "ceo office", "office of the ceo", "management board")),
    *((k, S.EXECUTIVE) for k in ("headquarters", "hq", "corporate", "president")),
    *((k, S.DATA_AI) for k in ("data", "analytics", "ai", "ml", "machine learning", "artificial intelligence")),
    *((k, S.DATA_AI) for k in ("bi", "business intelligence", "insights", "data science", "mlops", "llm", "genai")),
    *((k, S.PLATFORM) for k in ("platform", "platforms", "infrastructure", "infra", "cloud", "sre", "devops")),
    *((k, S.PLATFORM) for k in ("reliability", "developer experience", "devex", "tooling", "it operations")),
    *((k, S.PLATFORM) for k in ("it", "ict", "information technology", "information systems")),
    *((k, S.PLATFORM) for k in ("information communication technology", "information and communication technology")),
    *((k, S.PRODUCT) for k in ("product", "products", "app", "apps", "application", "applications", "squad")),
    *((k, S.PRODUCT) for k in ("tribe", "mobile", "web", "frontend", "backend", "software", "product engineering")),
)
FAMILY: dict[Discipline, Structure] = {
    Discipline.DATA_ENGINEERING: S.DATA_AI,
    Discipline.DATA_SCIENCE: S.DATA_AI,
    Discipline.ML_ENGINEERING: S.DATA_AI,
    Discipline.MLOPS: S.DATA_AI,
    Discipline.ANALYTICS: S.DATA_AI,
    Discipline.AI_ENGINEERING: S.DATA_AI,
    Discipline.DEVOPS_SRE: S.PLATFORM,
    Discipline.SOFTWARE_ENGINEERING: S.PRODUCT,
    Discipline.PRODUCT_MANAGEMENT: S.PRODUCT,
    Discipline.BUSINESS: S.OTHER,
}
MAJORITY = 0.6
# A unit is read from its people only when it holds at least this many.
MIN_PEOPLE = 2
_RANK = {k: i for i, (k, _) in reversed(list(enumerate(STRUCTURE_KEYWORDS)))}
_STRUCTURE = dict(STRUCTURE_KEYWORDS)
_RE = re.compile(
    r"(?<![a-z0-9])(?:" + "|".join(re.escape(k) for k in sorted(_STRUCTURE, key=len, reverse=True)) + r")(?![a-z0-9])"
)

Basis = Literal["name", "people", "top", "mapping", "default"]


@dataclass(frozen=True)
class StructureGuess:
    """A unit's structure and why: from its name, its people, being the top, a ``--unit``
    mapping, or nothing (Other)."""

    structure: Structure
    basis: Basis
    why: str


def unit_key(name: str) -> str:
    """The name a department is known by: case, spaces and punctuation ignored."""
    return normalize(name) or " ".join(name.split()).casefold()


def guess_structure(name: str, headcount: Mapping[Discipline, int], is_top: bool = False) -> StructureGuess:
    """A unit's structure from its name, else its people's disciplines (``headcount`` of the
    people directly in it), else the executive for the top and Other for the rest."""
    text = normalize(name)
    found = [m.group() for m in _overlapping(text)]
    if found:
        keyword = min(found, key=_RANK.__getitem__)
        return StructureGuess(_STRUCTURE[keyword], "name", f"{keyword!r} in its name")
    total = sum(headcount.values())
    families: Counter[Structure] = Counter()
    for discipline, count in headcount.items():
        families[FAMILY[discipline]] += count
    if is_top:
        return StructureGuess(S.EXECUTIVE, "top", "the top of the org")
    if total >= MIN_PEOPLE:
        family, count = families.most_common(1)[0]
        if family is not S.OTHER and count >= MAJORITY * total:
            label = load_catalogue().structure(family).name
            return StructureGuess(family, "people", f"{count} of its {total} people in {label} disciplines")
    return StructureGuess(S.OTHER, "default", "nothing in its name or people says otherwise")


def _overlapping(text: str) -> Iterable[re.Match[str]]:
    pos = 0
    while (m := _RE.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


class UnitMapError(ValueError):
    """A ``--unit`` option that is not NAME=STRUCTURE with a known structure."""


def parse_unit_option(specs: Iterable[str]) -> dict[str, Structure]:
    """``["Grid Ops=other", "Data Office=data_ai"]`` -> unit key -> structure. The last "=" of
    each spec splits it, so a department name may hold "="; a structure is named by its id
    or its catalogue name ("Data & AI")."""
    by_name = {unit_key(s.name): s.id for s in load_catalogue().structures}
    by_name.update({s.value: s for s in Structure})
    out: dict[str, Structure] = {}
    for spec in specs:
        name, eq, value = spec.rpartition("=")
        if not eq or not name.strip():
            raise UnitMapError(f"--unit: {shown(spec.strip())} is not DEPARTMENT=STRUCTURE")
        structure = by_name.get(value.strip().casefold()) or by_name.get(unit_key(value))
        if structure is None:
            known = ", ".join(s.value for s in Structure)
            raise UnitMapError(f"--unit: unknown structure {shown(value.strip())}; the structures are: {known}")
        out[unit_key(name)] = structure
    return out
