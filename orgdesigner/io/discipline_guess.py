"""Guessing a person's discipline from their job title, with their department as context.

A guess says which keyword decided it, where, and how sure it is, so that the import can
report the weak ones and the dialog can show why ("'data scientist' in the title"). Rules, in
order:

1. a specific technical phrase in the title ("data engineer", "mlops", "site reliability",
   "android"...): **strong**;
2. a title that needs the department to decide ("CPO": Chief Product or Chief People
   Officer): the department decides, **weak**; without one, no guess;
3. IT work ("IT support", "security engineer", "network engineer"): DevOps / SRE, **weak**;
4. a business word in the title ("sales", "accountant", "legal", "clerk", "substation",
   "civil"...): Business & Operations, **strong** ("Financial Analyst", "Senior Engineer
   Substations" and "Sales Engineer" are not analytics or software);
5. a leadership title ("CTO", "Head of Data"): its closest discipline, **weak** (a Head of
   Data in a "Data & AI" department is not an AI engineer); a product design title ("UX
   designer", "Product Designer", "UX researcher") is product management, **weak**, checked
   before the business words (whose "designer" is a graphic or brand designer);
6. a generic technical word in the title ("engineer", "analyst", "developer", "scientist"),
   read with the department: a department's specific phrase decides, a business department
   makes it Business & Operations; a word with a discipline of its own ("platform", "cloud",
   "analyst") keeps it; "engineer", "developer" or "architect" in a department of platform,
   infrastructure or cloud is DevOps / SRE, of data data engineering, in an IT or broad
   technology department that department's; else the word's own discipline; **weak**
   ("engineer" alone is not software);
7. nothing in the title: a specific phrase in the department (**weak**), a business
   department (**strong**), or a broad technical department ("IT", "Technology": **weak**);
8. nothing at all: :data:`FALLBACK_DISCIPLINE` (Business & Operations), no keyword.

Matching ignores case and punctuation and respects word boundaries ("ML-Ops" matches "ml
ops", "Sr. Data Engineer II" matches "data engineer", "Chairman" does not match "ai").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from orgdesigner.model import Discipline

D = Discipline
FALLBACK_DISCIPLINE = D.BUSINESS


class Strength(StrEnum):
    """How sure a guess is: a strong keyword, a weak one (a generic word, a leadership title,
    the department alone), or none (the fallback)."""

    STRONG = "strong"
    WEAK = "weak"
    NONE = "none"


def _of(discipline: Discipline, *phrases: str) -> tuple[tuple[str, Discipline], ...]:
    return tuple((p, discipline) for p in phrases)


# 1. Specific technical phrases; the first match in this order wins ("ML platform" beats "platform").
SPECIFIC_KEYWORDS: tuple[tuple[str, Discipline], ...] = (
    *_of(D.AI_ENGINEERING, "llmops", "llm", "llms", "genai", "gen ai", "generative ai", "ai engineer"),
    *_of(D.AI_ENGINEERING, "ai engineering", "ai developer", "prompt engineer", "ai agent", "ai agents", "rag"),
    *_of(D.MLOPS, "mlops", "ml ops", "ml platform", "machine learning platform", "ml infrastructure", "ml infra"),
    *_of(D.MLOPS, "modelops", "model ops", "ml operations", "machine learning operations"),
    *_of(D.DATA_SCIENCE, "data scientist", "data science", "research scientist", "applied scientist"),
    *_of(D.DATA_SCIENCE, "ml scientist", "machine learning scientist", "decision scientist", "statistician"),
    *_of(D.DATA_SCIENCE, "quantitative researcher"),
    *_of(D.ML_ENGINEERING, "ml engineer", "ml engineering", "machine learning engineer", "deep learning"),
    *_of(D.ML_ENGINEERING, "machine learning engineering", "computer vision", "nlp engineer", "ml developer"),
    *_of(D.ML_ENGINEERING, "ml research engineer"),
    *_of(D.DATA_ENGINEERING, "data engineer", "data engineering", "analytics engineer", "analytics engineering"),
    *_of(D.DATA_ENGINEERING, "etl", "elt", "data platform", "data pipeline", "data pipelines", "big data"),
    *_of(D.DATA_ENGINEERING, "data architect", "data infrastructure", "dataops", "data warehouse", "database"),
    *_of(D.DATA_ENGINEERING, "data warehousing", "databases", "dba", "data integration", "data governance"),
    *_of(D.DATA_ENGINEERING, "data steward", "data quality", "database administrator"),
    *_of(D.DEVOPS_SRE, "sre", "site reliability", "devops", "dev ops", "devsecops", "platform engineer"),
    *_of(D.DEVOPS_SRE, "platform engineering", "infrastructure engineer", "cloud engineer", "cloud architect"),
    *_of(D.DEVOPS_SRE, "cloud operations", "systems engineer", "system engineer", "sysadmin", "kubernetes"),
    *_of(D.DEVOPS_SRE, "system administrator", "systems administrator", "reliability engineer", "build engineer"),
    *_of(D.DEVOPS_SRE, "operations engineer", "release engineer", "network administrator", "cloud infrastructure"),
    *_of(D.PRODUCT_MANAGEMENT, "product manager", "product owner", "product management", "head of product"),
    *_of(D.PRODUCT_MANAGEMENT, "product lead", "product director", "director of product", "vp product"),
    *_of(D.PRODUCT_MANAGEMENT, "vp of product", "chief product officer", "product managers"),
    *_of(D.ANALYTICS, "data analyst", "business analyst", "bi analyst", "business intelligence", "bi developer"),
    *_of(D.ANALYTICS, "bi engineer", "reporting analyst", "data analysis", "data visualization"),
    *_of(D.ANALYTICS, "data visualisation", "analytics manager", "head of analytics"),
    *_of(D.SOFTWARE_ENGINEERING, "software engineer", "software engineering", "software developer", "backend"),
    *_of(D.SOFTWARE_ENGINEERING, "software development", "back end", "frontend", "front end", "full stack"),
    *_of(D.SOFTWARE_ENGINEERING, "fullstack", "web developer", "mobile developer", "android", "ios"),
    *_of(D.SOFTWARE_ENGINEERING, "qa engineer", "test engineer", "sdet", "programmer", "application developer"),
    *_of(D.SOFTWARE_ENGINEERING, "software architect", "solutions architect", "solution architect"),
)

# 2. Titles the department decides: (department words, discipline) in order, else no guess.
AMBIGUOUS_TITLES: dict[str, tuple[tuple[tuple[str, ...], Discipline], ...]] = {
    "cpo": (
        (("people", "hr", "human resources", "human", "talent", "culture"), D.BUSINESS),
        (("product", "products"), D.PRODUCT_MANAGEMENT),
    ),
}
AMBIGUOUS_NOTES = {"cpo": "Chief Product Officer or Chief People Officer"}

# 5. Leadership and design titles: their closest discipline, always weak.
BROAD_KEYWORDS: tuple[tuple[str, Discipline, str], ...] = (
    ("chief data officer", D.DATA_ENGINEERING, "a data leader; Data Engineering is the closest"),
    ("chief data and analytics officer", D.DATA_ENGINEERING, "a data leader; Data Engineering is the closest"),
    ("cdo", D.DATA_ENGINEERING, "a data leader (CDO); Data Engineering is the closest"),
    ("head of data", D.DATA_ENGINEERING, "a data leader; Data Engineering is the closest"),
    ("director of data", D.DATA_ENGINEERING, "a data leader; Data Engineering is the closest"),
    ("data director", D.DATA_ENGINEERING, "a data leader; Data Engineering is the closest"),
    ("vp data", D.DATA_ENGINEERING, "a data leader; Data Engineering is the closest"),
    ("vp of data", D.DATA_ENGINEERING, "a data leader; Data Engineering is the closest"),
    ("data lead", D.DATA_ENGINEERING, "a data leader; Data Engineering is the closest"),
    ("chief ai officer", D.AI_ENGINEERING, "an AI leader"),
    ("head of ai", D.AI_ENGINEERING, "an AI leader"),
    ("head of ml", D.ML_ENGINEERING, "an ML leader"),
    ("head of machine learning", D.ML_ENGINEERING, "an ML leader"),
    ("cto", D.SOFTWARE_ENGINEERING, "a technology leader"),
    ("chief technology officer", D.SOFTWARE_ENGINEERING, "a technology leader"),
    ("chief technical officer", D.SOFTWARE_ENGINEERING, "a technology leader"),
    ("vp engineering", D.SOFTWARE_ENGINEERING, "an engineering leader"),
    ("vp of engineering", D.SOFTWARE_ENGINEERING, "an engineering leader"),
    ("head of engineering", D.SOFTWARE_ENGINEERING, "an engineering leader"),
    ("director of engineering", D.SOFTWARE_ENGINEERING, "an engineering leader"),
    ("engineering manager", D.SOFTWARE_ENGINEERING, "an engineering leader"),
    ("engineering director", D.SOFTWARE_ENGINEERING, "an engineering leader"),
    ("cio", D.DEVOPS_SRE, "an IT leader"),
    ("chief information officer", D.DEVOPS_SRE, "an IT leader"),
)

# Product design, checked before the business words (whose "designer" is a graphic or brand one).
DESIGN_KEYWORDS: tuple[tuple[str, Discipline, str], ...] = (
    ("ux", D.PRODUCT_MANAGEMENT, "product design"),
    ("user experience", D.PRODUCT_MANAGEMENT, "product design"),
    ("product designer", D.PRODUCT_MANAGEMENT, "product design"),
    ("product design", D.PRODUCT_MANAGEMENT, "product design"),
    ("ui designer", D.PRODUCT_MANAGEMENT, "product design"),
    ("interaction designer", D.PRODUCT_MANAGEMENT, "product design"),
    ("user researcher", D.PRODUCT_MANAGEMENT, "product design"),
)

# IT work that is neither software nor a business trade, checked before the business words.
IT_KEYWORDS: tuple[tuple[str, Discipline, str], ...] = (
    ("it support", D.DEVOPS_SRE, "IT operations"),
    ("it operations", D.DEVOPS_SRE, "IT operations"),
    ("it technician", D.DEVOPS_SRE, "IT operations"),
    ("it maintenance", D.DEVOPS_SRE, "IT operations"),
    ("helpdesk", D.DEVOPS_SRE, "IT operations"),
    ("help desk", D.DEVOPS_SRE, "IT operations"),
    ("service desk", D.DEVOPS_SRE, "IT operations"),
    ("network engineer", D.DEVOPS_SRE, "IT networks"),
    ("it security", D.DEVOPS_SRE, "security engineering"),
    ("security engineer", D.DEVOPS_SRE, "security engineering"),
    ("cybersecurity", D.DEVOPS_SRE, "security engineering"),
    ("cyber security", D.DEVOPS_SRE, "security engineering"),
    ("information security", D.DEVOPS_SRE, "security engineering"),
    ("security analyst", D.DEVOPS_SRE, "security engineering"),
    ("soc analyst", D.DEVOPS_SRE, "security engineering"),
    ("security operations", D.DEVOPS_SRE, "security engineering"),
    ("test automation", D.SOFTWARE_ENGINEERING, "software testing"),
)

# 4. Words of work outside data, AI and software, and of other engineering trades.
BUSINESS_KEYWORDS: tuple[str, ...] = (
    # sales, marketing, customers
    "sales",
    "salesperson",
    "account executive",
    "account manager",
    "key account",
    "business development",
    "marketing",
    "brand",
    "communications",
    "public relations",
    "pr",
    "customer service",
    "customer services",
    "customer support",
    "customer care",
    "customer relations",
    "customer success",
    "customer experience",
    "contact center",
    "contact centre",
    "call center",
    "call centre",
    "billing",
    "commercial",
    "trader",
    "trading",
    "retail",
    "store manager",
    "cashier",
    "merchandiser",
    "representative",
    "sales rep",
    # finance, legal, audit
    "finance",
    "financial",
    "accountant",
    "accounting",
    "accounts",
    "payables",
    "receivables",
    "cfo",
    "controller",
    "treasury",
    "treasurer",
    "tax",
    "budget",
    "budgeting",
    "audit",
    "auditor",
    "investment",
    "legal",
    "lawyer",
    "attorney",
    "counsel",
    "paralegal",
    "litigation",
    "litigations",
    "compliance",
    "company secretary",
    "secretariat",
    "secretariate",
    "risk",
    "credit",
    "insurance",
    "actuary",
    # people
    "hr",
    "human resources",
    "human resource",
    "people operations",
    "people partner",
    "chief people officer",
    "head of people",
    "vp people",
    "vp of people",
    "director of people",
    "people director",
    "people and culture",
    "recruiter",
    "recruitment",
    "recruiting",
    "talent acquisition",
    "payroll",
    "compensation",
    "benefits",
    "training",
    "learning and development",
    "welfare",
    # operations, administration
    "administration",
    "administrative",
    "admin",
    "office manager",
    "receptionist",
    "secretary",
    "clerk",
    "executive assistant",
    "personal assistant",
    "assistant",
    "facilities",
    "estates",
    "procurement",
    "purchasing",
    "buyer",
    "logistics",
    "shipping",
    "warehouse",
    "stock",
    "stores",
    "inventory",
    "supply chain",
    "fleet",
    "transport",
    "driver",
    "security guard",
    "safety",
    "health and safety",
    "registry",
    "records",
    "expropriation",
    "safeguards",
    "monitoring and evaluation",
    "monitoring evaluation",
    "company reporting",
    "branch manager",
    "hub manager",
    "chairperson",
    "chairman",
    "chairwoman",
    "board",
    "president",
    "ceo",
    "chief executive",
    "managing director",
    "coo",
    "chief operating officer",
    "general manager",
    "project manager",
    "programme manager",
    "program manager",
    "coordinator",
    "investigator",
    "investigations",
    "laboratory",
    "lab",
    "nurse",
    "doctor",
    "teacher",
    "editor",
    "writer",
    "designer",
    "multimedia",
    "translator",
    "advisor",
    "adviser",
    # other engineering trades
    "civil",
    "electrical",
    "electricity",
    "electrician",
    "mechanical",
    "mechanic",
    "power",
    "power plant",
    "substation",
    "substations",
    "transmission",
    "distribution",
    "grid",
    "off grid",
    "metering",
    "meter",
    "scada",
    "protection",
    "generation",
    "hydro",
    "hpp",
    "thermal",
    "energy",
    "geothermal",
    "solar",
    "wind",
    "construction",
    "maintenance",
    "planning",
    "standards",
    "structural",
    "chemical",
    "process",
    "production",
    "manufacturing",
    "plant",
    "field",
    "site engineer",
    "surveyor",
    "geologist",
    "technician",
    "operator",
    "street lights",
    "revenue",
    "recovery",
    "utility",
    "telecom",
    "automation",
    "quality manager",
    "dispatch",
    "control center",
    "control centre",
    "network control",
    "science",
)

# 6. Generic technical words, read with the department.
GENERIC_KEYWORDS: tuple[tuple[str, Discipline], ...] = (
    ("qa analyst", D.SOFTWARE_ENGINEERING),  # before "analyst": a tester, not a data analyst
    ("test analyst", D.SOFTWARE_ENGINEERING),
    ("quality assurance analyst", D.SOFTWARE_ENGINEERING),
    ("analyst", D.ANALYTICS),
    ("analytics", D.ANALYTICS),
    ("bi", D.ANALYTICS),
    ("insights", D.ANALYTICS),
    ("reporting", D.ANALYTICS),
    ("scientist", D.DATA_SCIENCE),
    ("machine learning", D.ML_ENGINEERING),
    ("ml", D.ML_ENGINEERING),
    ("ai", D.AI_ENGINEERING),
    ("artificial intelligence", D.AI_ENGINEERING),
    ("data", D.DATA_ENGINEERING),
    ("platform", D.DEVOPS_SRE),
    ("infrastructure", D.DEVOPS_SRE),
    ("cloud", D.DEVOPS_SRE),
    ("product", D.PRODUCT_MANAGEMENT),
    ("developer", D.SOFTWARE_ENGINEERING),
    ("quality assurance", D.SOFTWARE_ENGINEERING),
    ("engineer", D.SOFTWARE_ENGINEERING),
    ("engineering", D.SOFTWARE_ENGINEERING),
    ("architect", D.SOFTWARE_ENGINEERING),
    ("web", D.SOFTWARE_ENGINEERING),
    ("mobile", D.SOFTWARE_ENGINEERING),
    ("qa", D.SOFTWARE_ENGINEERING),
    ("tester", D.SOFTWARE_ENGINEERING),
)

# 7. Broad technical departments (used when the title says nothing and no phrase matched).
TECH_DEPARTMENTS: tuple[tuple[str, Discipline], ...] = (
    ("it", D.DEVOPS_SRE),
    ("ict", D.DEVOPS_SRE),
    ("information technology", D.DEVOPS_SRE),
    ("information communication technology", D.DEVOPS_SRE),
    ("information and communication technology", D.DEVOPS_SRE),
    ("information systems", D.DEVOPS_SRE),
    ("software", D.SOFTWARE_ENGINEERING),
    ("technology", D.SOFTWARE_ENGINEERING),
    ("tech", D.SOFTWARE_ENGINEERING),
    ("digital", D.SOFTWARE_ENGINEERING),
    ("research and development", D.SOFTWARE_ENGINEERING),
    ("r d", D.SOFTWARE_ENGINEERING),
)

Source = Literal["title", "department", "table", "annotation"]


@dataclass(frozen=True)
class DisciplineGuess:
    """A guessed discipline and why: the keyword that decided it and in which column (or
    ``table`` for a row of a ``--titles`` table, ``annotation`` for a Backstage group's
    ``orgdesigner/discipline``), how sure it is, and a note where a rule
    needs saying. ``keyword`` is None when nothing matched and the fallback was used."""

    discipline: Discipline
    keyword: str | None = None
    source: Source | None = None
    strength: Strength = Strength.STRONG
    note: str = ""

    def __post_init__(self) -> None:
        if self.keyword is None:
            object.__setattr__(self, "strength", Strength.NONE)

    @property
    def matched(self) -> bool:
        """True when a keyword decided the discipline (not the fallback)."""
        return self.keyword is not None

    def reason(self) -> str:
        """Why, for a person: "'data scientist' in the title" or "no keyword matched"."""
        if self.keyword is None:
            return "no keyword matched; the default"
        if self.source == "table":
            return "from the titles table"
        if self.source == "annotation":
            return "from its orgdesigner/discipline annotation"
        where = f"{self.keyword!r} in the {self.source}"
        weak = " (weak)" if self.strength is Strength.WEAK else ""
        return f"{where}{weak}: {self.note}" if self.note else f"{where}{weak}"


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(k) for k in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


class _Table:
    """Phrases to look for in a text, ranked by their order in the table."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self.rank = {k: i for i, k in reversed(list(enumerate(phrases)))}
        self.regex = _pattern(phrases)

    def best(self, text: str) -> str | None:
        """The highest-ranked phrase in ``text`` (already normalised), or None."""
        found = _all_matches(text, self.regex)
        return min(found, key=self.rank.__getitem__) if found else None

    def first(self, text: str) -> str | None:
        """The phrase that starts earliest in ``text``, or None."""
        match = self.regex.search(text)
        return match.group() if match else None


_SPECIFIC = dict(SPECIFIC_KEYWORDS)
_SPECIFIC_T = _Table(tuple(k for k, _ in SPECIFIC_KEYWORDS))
_AMBIGUOUS_T = _Table(tuple(AMBIGUOUS_TITLES))
_BROAD = {k: (d, note) for k, d, note in (*BROAD_KEYWORDS, *IT_KEYWORDS, *DESIGN_KEYWORDS)}
_BROAD_T = _Table(tuple(k for k, _, _ in BROAD_KEYWORDS))
_IT_T = _Table(tuple(k for k, _, _ in IT_KEYWORDS))
_DESIGN_T = _Table(tuple(k for k, _, _ in DESIGN_KEYWORDS))
_BUSINESS_T = _Table(BUSINESS_KEYWORDS)
_GENERIC = dict(GENERIC_KEYWORDS)
_GENERIC_T = _Table(tuple(k for k, _ in GENERIC_KEYWORDS))
_TECH_DEPT = dict(TECH_DEPARTMENTS)
_TECH_DEPT_T = _Table(tuple(k for k, _ in TECH_DEPARTMENTS))
# Generic words a department may carry without saying a discipline ("Data & AI" holds all).
_DEPARTMENT_GENERIC = _Table(("data", "analytics", "bi", "insights", "platform", "infrastructure", "cloud", "product"))
# What an engineer or developer in a department of one of those words does.
_PLAIN_ENGINEERS = frozenset({D.DEVOPS_SRE, D.DATA_ENGINEERING})


def normalize(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces, "&" as "and", "vice president" as
    "vp": "Sr. ML-Ops" -> "sr ml ops"."""
    plain = " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold().replace("&", " and ")).split())
    return plain.replace("vice president", "vp") if "vice president" in plain else plain


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
    t, d = normalize(title), normalize(department)
    weak = Strength.WEAK
    if (k := _SPECIFIC_T.best(t)) is not None:
        return DisciplineGuess(_SPECIFIC[k], k, "title")
    if (k := _AMBIGUOUS_T.best(t)) is not None:
        for words, discipline in AMBIGUOUS_TITLES[k]:
            if any(re.search(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])", d) for w in words):
                return DisciplineGuess(discipline, k, "title", weak, f"{AMBIGUOUS_NOTES[k]}; the department decides")
        return DisciplineGuess(FALLBACK_DISCIPLINE, None, None, note=f"{k!r} is ambiguous: {AMBIGUOUS_NOTES[k]}")
    for table in (_IT_T, _DESIGN_T):
        if (k := table.best(t)) is not None:
            discipline, note = _BROAD[k]
            return DisciplineGuess(discipline, k, "title", weak, note)
    if (k := _BUSINESS_T.best(t)) is not None:
        return DisciplineGuess(D.BUSINESS, k, "title")
    if (k := _BROAD_T.best(t)) is not None:
        discipline, note = _BROAD[k]
        return DisciplineGuess(discipline, k, "title", weak, note)
    if (k := _GENERIC_T.best(t)) is not None:
        return _generic_in_context(k, d)
    if (k := _SPECIFIC_T.best(d)) is not None:
        return DisciplineGuess(_SPECIFIC[k], k, "department", weak)
    if (k := _BUSINESS_T.best(d)) is not None:
        return DisciplineGuess(D.BUSINESS, k, "department")
    if (k := _TECH_DEPT_T.first(d)) is not None:
        return DisciplineGuess(_TECH_DEPT[k], k, "department", weak)
    if (k := _DEPARTMENT_GENERIC.first(d)) is not None:
        return DisciplineGuess(_GENERIC[k], k, "department", weak)
    return DisciplineGuess(FALLBACK_DISCIPLINE)


def _generic_in_context(keyword: str, department: str) -> DisciplineGuess:
    """A generic title word read with the department: a technical department's discipline, a
    business department's Business & Operations, else the word's own discipline (all weak)."""
    weak = Strength.WEAK
    own = _GENERIC[keyword]
    if (k := _SPECIFIC_T.best(department)) is not None:
        return DisciplineGuess(_SPECIFIC[k], k, "department", weak, f"{keyword!r} in the title")
    if (k := _BUSINESS_T.best(department)) is not None:
        return DisciplineGuess(D.BUSINESS, keyword, "title", weak, f"in a department of {k!r}")
    if own is not D.SOFTWARE_ENGINEERING:
        # "Platform", "cloud", "infrastructure", "analyst" say more than a broad department.
        return DisciplineGuess(own, keyword, "title", weak)
    if (k := _DEPARTMENT_GENERIC.first(department)) is not None and _GENERIC[k] in _PLAIN_ENGINEERS:
        # "Engineer" in "Platform" (or Odoo's "R&D / Platform") builds the platform.
        return DisciplineGuess(_GENERIC[k], keyword, "title", weak, f"in a department of {k!r}")
    if (k := _TECH_DEPT_T.first(department)) is not None:
        discipline = _TECH_DEPT[k] if keyword != "developer" else D.SOFTWARE_ENGINEERING
        return DisciplineGuess(discipline, keyword, "title", weak, f"in a department of {k!r}")
    return DisciplineGuess(own, keyword, "title", weak)
