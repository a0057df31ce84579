"""What orgdesigner reads and writes of a Backstage catalog: the ``Group`` and ``User``
entities, their references, and the annotations that carry what Backstage has no field for.

A Backstage group's ``spec.type``, ``spec.parent``, ``spec.children`` and ``spec.members``, and a
user's ``spec.memberOf``, give the tree and the headcount. Discipline, structure, kind,
headcount, lead, responsibilities, dotted lines, the node's own id and the org's name and
target stage travel in ``metadata.annotations`` under the prefix :data:`PREFIX`, so that export
then import gives back the same org (see the README's Backstage section).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PREFIX = "orgdesigner/"
API_VERSION = "backstage.io/v1alpha1"

KIND = PREFIX + "kind"
NODE_ID = PREFIX + "id"
DISCIPLINE = PREFIX + "discipline"
STRUCTURE = PREFIX + "structure"
HEADCOUNT = PREFIX + "headcount"
LEAD = PREFIX + "lead"
RESPONSIBILITIES = PREFIX + "responsibilities"
SERVES = PREFIX + "serves"
ORG_NAME = PREFIX + "org-name"
TARGET_STAGE = PREFIX + "target-stage"

# A Backstage entity name: letters and digits in runs joined by single '-', '_' or '.', 1-63.
NAME_RE = re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*")
NAME_MAX = 63
# Group types read as teams even when they have child groups.
TEAM_TYPES = frozenset({"team", "squad", "crew", "pod"})


def valid_name(name: str) -> bool:
    """True for a name Backstage accepts as ``metadata.name``."""
    return len(name) <= NAME_MAX and NAME_RE.fullmatch(name) is not None


@dataclass(frozen=True, order=True)
class EntityRef:
    """A group or user reference, compared as Backstage compares them: ignoring case."""

    namespace: str
    name: str

    @classmethod
    def parse(cls, text: str, kind: str = "group") -> EntityRef | None:
        """``group:default/team-a``, ``default/team-a`` or ``team-a``; None if it names
        another kind of entity or is empty."""
        text = text.strip()
        head, colon, rest = text.partition(":")
        if colon and "/" not in head:
            if head.strip().casefold() != kind:
                return None
            text = rest.strip()
        namespace, slash, name = text.rpartition("/")
        if not name:
            return None
        return cls((namespace if slash else "default").casefold(), name.casefold())


@dataclass
class GroupEntity:
    """One ``kind: Group`` document, as read (every field optional but the name)."""

    ref: EntityRef
    name: str
    namespace: str
    document: int
    title: str | None = None
    description: str | None = None
    type: str | None = None
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    annotations: dict[str, str] = field(default_factory=dict)


@dataclass
class UserEntity:
    """One ``kind: User`` document: who it is and the groups it belongs to."""

    ref: EntityRef
    name: str
    document: int
    member_of: list[str] = field(default_factory=list)
