"""Guessing a person's discipline from their job title and department, by keyword.

The guess says which keyword matched and where, so the import dialog can show it ("'data
scientist' in the title") and let the user change it. Rules, in order:

1. a specific phrase in the title ("data engineer", "mlops", "site reliability", ...);
2. a specific phrase in the department;
3. a generic word in the title ("analyst", "scientist", "developer", "engineer", ...);
4. a generic word in the department;
5. nothing matched: :data:`FALLBACK_DISCIPLINE`, marked as a default, not a match.

Matching ignores case and punctuation and respects word boundaries ("ML-Ops" matches "ml
ops", "Sr. Data Engineer II" matches "data engineer", "Android" does not match "ai").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from orgdesigner.model import Discipline

D = Discipline
FALLBACK_DISCIPLINE = D.SOFTWARE_ENGINEERING

# Specific phrases; the first match in this order wins (so "ML platform" beats "platform").
SPECIFIC_KEYWORDS: tuple[tuple[str, Discipline], ...] = (
    *(
        (k, D.AI_ENGINEERING)
        for k in (
            "llmops",
            "llm",
            "llms",
            "genai",
            "gen ai",
            "generative ai",
            "ai engineer",
            "ai engineering",
            "ai developer",
            "prompt engineer",
            "ai agent",
            "ai agents",
            "rag",
        )
    ),
    *(
        (k, D.MLOPS)
        for k in (
            "mlops",
            "ml ops",
            "ml platform",
            "machine learning platform",
            "ml infrastructure",
            "ml infra",
            "modelops",
            "model ops",
            "ml operations",
            "machine learning operations",
        )
    ),
    *(
        (k, D.DATA_SCIENCE)
        for k in (
            "data scientist",
            "data science",
            "research scientist",
            "applied scientist",
            "ml scientist",
            "machine learning scientist",
            "decision scientist",
            "statistician",
            "quantitative researcher",
        )
    ),
    *(
        (k, D.ML_ENGINEERING)
        for k in (
            "ml engineer",
            "ml engineering",
            "machine learning engineer",
            "machine learning engineering",
            "deep learning",
            "computer vision",
            "nlp engineer",
            "ml developer",
            "ml research engineer",
        )
    ),
    *(
        (k, D.DATA_ENGINEERING)
        for k in (
            "data engineer",
            "data engineering",
            "analytics engineer",
            "analytics engineering",
            "etl",
            "elt",
            "data platform",
            "data pipeline",
            "data pipelines",
            "big data",
            "data architect",
            "data infrastructure",
            "dataops",
            "data warehouse",
            "data warehousing",
            "database",
            "databases",
            "dba",
            "data integration",
        )
    ),
    *(
        (k, D.DEVOPS_SRE)
        for k in (
            "sre",
            "site reliability",
            "devops",
            "dev ops",
            "devsecops",
            "platform engineer",
            "platform engineering",
            "infrastructure",
            "cloud engineer",
            "cloud architect",
            "cloud operations",
            "systems engineer",
            "system engineer",
            "sysadmin",
            "system administrator",
            "systems administrator",
            "reliability engineer",
            "operations engineer",
            "release engineer",
            "build engineer",
            "kubernetes",
        )
    ),
    *(
        (k, D.PRODUCT_MANAGEMENT)
        for k in (
            "product manager",
            "product owner",
            "product management",
            "head of product",
            "product lead",
            "product director",
            "director of product",
            "vp product",
            "vp of product",
            "chief product officer",
            "cpo",
            "product managers",
        )
    ),
    *(
        (k, D.ANALYTICS)
        for k in (
            "data analyst",
            "business analyst",
            "bi analyst",
            "business intelligence",
            "bi developer",
            "bi engineer",
            "reporting analyst",
            "data analysis",
            "data visualization",
            "data visualisation",
            "insights",
        )
    ),
    *(
        (k, D.SOFTWARE_ENGINEERING)
        for k in (
            "software engineer",
            "software engineering",
            "software developer",
            "software development",
            "backend",
            "back end",
            "frontend",
            "front end",
            "full stack",
            "fullstack",
            "web developer",
            "mobile developer",
            "android",
            "ios",
            "qa engineer",
            "quality assurance",
            "test engineer",
            "sdet",
            "programmer",
        )
    ),
)

# Generic words, tried only when no specific phrase matched the title or the department.
GENERIC_KEYWORDS: tuple[tuple[str, Discipline], ...] = (
    ("analyst", D.ANALYTICS),
    ("analytics", D.ANALYTICS),
    ("bi", D.ANALYTICS),
    ("reporting", D.ANALYTICS),
    ("scientist", D.DATA_SCIENCE),
    ("machine learning", D.ML_ENGINEERING),
    ("ml", D.ML_ENGINEERING),
    ("ai", D.AI_ENGINEERING),
    ("artificial intelligence", D.AI_ENGINEERING),
    ("platform", D.DEVOPS_SRE),
    ("product", D.PRODUCT_MANAGEMENT),
    ("developer", D.SOFTWARE_ENGINEERING),
    ("engineer", D.SOFTWARE_ENGINEERING),
    ("engineering", D.SOFTWARE_ENGINEERING),
    ("web", D.SOFTWARE_ENGINEERING),
    ("mobile", D.SOFTWARE_ENGINEERING),
    ("qa", D.SOFTWARE_ENGINEERING),
)

Source = Literal["title", "department"]


@dataclass(frozen=True)
class DisciplineGuess:
    """A guessed discipline and why: the keyword that matched and in which column, or
    ``keyword`` None when nothing matched and the fallback was used."""

    discipline: Discipline
    keyword: str | None = None
    source: Source | None = None

    @property
    def matched(self) -> bool:
        """True when a keyword decided the discipline (not the fallback)."""
        return self.keyword is not None

    def reason(self) -> str:
        """Why, for a person: "'data scientist' in the title" or "no keyword matched"."""
        if self.keyword is None:
            return "no keyword matched; the default"
        return f"{self.keyword!r} in the {self.source}"


def _pattern(keywords: tuple[tuple[str, Discipline], ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(k) for k, _ in keywords)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


_SPECIFIC = dict(SPECIFIC_KEYWORDS)
_GENERIC = dict(GENERIC_KEYWORDS)
_SPECIFIC_RANK = {k: i for i, (k, _) in enumerate(SPECIFIC_KEYWORDS)}
_GENERIC_RANK = {k: i for i, (k, _) in enumerate(GENERIC_KEYWORDS)}
_SPECIFIC_RE = _pattern(SPECIFIC_KEYWORDS)
_GENERIC_RE = _pattern(GENERIC_KEYWORDS)


def normalize(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces: "Sr. ML-Ops" -> "sr ml ops"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


def _best(text: str, pattern: re.Pattern[str], rank: dict[str, int]) -> str | None:
    found = _all_matches(normalize(text), pattern)
    return min(found, key=rank.__getitem__) if found else None


def _all_matches(text: str, pattern: re.Pattern[str]) -> list[str]:
    # Overlapping matches: "ml platform engineer" holds both "ml platform" and "platform engineer".
    found = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        found.append(m.group())
        pos = m.start() + 1
    return found


def guess_discipline(title: str = "", department: str = "") -> DisciplineGuess:
    """Guess a discipline from a job title and a department (see the module's rules)."""
    columns: tuple[tuple[Source, str], ...] = (("title", title), ("department", department))
    tiers = ((_SPECIFIC_RE, _SPECIFIC_RANK, _SPECIFIC), (_GENERIC_RE, _GENERIC_RANK, _GENERIC))
    for pattern, rank, table in tiers:
        for source, text in columns:
            keyword = _best(text, pattern, rank)
            if keyword is not None:
                return DisciplineGuess(table[keyword], keyword, source)
    return DisciplineGuess(FALLBACK_DISCIPLINE)
