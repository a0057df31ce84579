"""What ``orgdesigner import`` prints: what was written, the columns read, how each discipline
was decided (strong, weak, none, with the titles behind each group), the units made from
departments with their guessed structures, and the warnings."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict

from orgdesigner.io.csv_import import ImportResult, PersonGuess, strength_of
from orgdesigner.io.import_summary import title_rows
from orgdesigner.io.title_table import title_key
from orgdesigner.model import Discipline, load_catalogue
from orgdesigner.model.text import escape_controls, shown

__all__ = ["print_report", "title_rows"]

# Titles listed per group, and units listed, before "and N more".
TITLES_SHOWN = {"strong": 12, "weak": 40, "none": 40, "table": 12, "annotation": 12, "chosen": 12}
UNITS_SHOWN = 30
GROUPS = ("strong", "weak", "none", "table", "annotation", "chosen")
GROUP_LABELS = {
    "strong": "by a strong keyword",
    "weak": "by a weak one",
    "none": "by none",
    "table": "from the titles table",
    "annotation": "from orgdesigner annotations",
    "chosen": "chosen by hand",
}


def print_report(result: ImportResult, source: str, output: str, saved_titles: str | None = None) -> None:
    """The report on stdout, warnings on stderr (every echoed value cut short, controls escaped)."""
    out: list[str] = []
    org = result.org
    headcount = sum(t.headcount for t in org.teams())
    if result.native:
        out.append(
            f"wrote {output}: {shown(org.name)} ({len(org)} nodes, {len(org.links)} links, headcount "
            f"{headcount}) from the orgdesigner CSV {source}"
        )
    else:
        teams, units = len(org.teams()), len(org.units())
        what = f"{len(org)} groups as" if result.kind == "backstage" else f"{len(result.guesses)} people as"
        out.append(
            f"wrote {output}: {shown(org.name)}: {what} {teams} teams in {units} "
            f"unit{'s' * (units != 1)} (headcount {headcount}) from {source}"
        )
        if result.mapping.describe():
            out.append(f"columns: {result.mapping.describe()}")
        out += _discipline_lines(result)
        out += _unit_lines(result)
        out.append(
            "correct a title's discipline with --titles FILE"
            + (
                f" (this import's table: {saved_titles})"
                if saved_titles
                else " (--save-titles FILE writes this import's table)"
            )
            + ', a unit\'s structure with --unit "DEPARTMENT=STRUCTURE"'
        )
    print("\n".join(escape_controls(line) for line in out))
    for warning in result.warnings:
        print(f"orgdesigner: warning: {escape_controls(warning)}", file=sys.stderr)


def _discipline_lines(result: ImportResult) -> list[str]:
    if not result.guesses:
        return []
    catalogue = load_catalogue()
    by_group: dict[str, list[PersonGuess]] = defaultdict(list)
    for guess in result.guesses:
        by_group[strength_of(guess)].append(guess)
    counts = ", ".join(f"{len(by_group[g])} {GROUP_LABELS[g]}" for g in GROUPS if by_group.get(g) or g in GROUPS[:3])
    fallback = Discipline.SOFTWARE_ENGINEERING if result.kind == "backstage" else Discipline.BUSINESS
    who = "teams" if result.kind == "backstage" else "people"
    default = catalogue.discipline(fallback).name
    lines = [f"disciplines of {len(result.guesses)} {who}: {counts} ({default} by default)"]
    for group in GROUPS:
        people = by_group.get(group)
        if not people:
            continue
        per_discipline = Counter(g.discipline for g in people)
        spread = ", ".join(f"{catalogue.discipline(d).name} {n}" for d, n in per_discipline.most_common())
        lines.append(f"  {group} ({len(people)}): {spread}")
        titles: dict[str, list[PersonGuess]] = defaultdict(list)
        for g in people:
            titles[title_key(g.title)].append(g)
        ranked = sorted(titles.values(), key=lambda gs: (-len(gs), title_key(gs[0].title)))
        limit = TITLES_SHOWN[group]
        for gs in ranked[:limit]:
            first = gs[0]
            title = shown(first.title) if first.title else "(no title)"
            why = "" if group in ("strong", "table", "annotation", "chosen") else f": {first.guess.reason()}"
            lines.append(f"    {len(gs):>5}  {title} -> {catalogue.discipline(first.discipline).name}{why}")
        if len(ranked) > limit:
            lines.append(f"    ... and {len(ranked) - limit} more titles (--save-titles FILE lists them all)")
    return lines


def _unit_lines(result: ImportResult) -> list[str]:
    if not result.units:
        return []
    by_structure = Counter(u.structure.value for u in result.units)
    spread = ", ".join(f"{s} {n}" for s, n in by_structure.most_common())
    source = "groups" if result.kind == "backstage" else "departments"
    lines = [f"units from {source}: {len(result.units)} ({spread})"]
    for unit in result.units[:UNITS_SHOWN]:
        lead = f"; lead {shown(unit.lead)}" if unit.lead else ""
        people = f"{unit.people} {'person' if unit.people == 1 else 'people'}"
        if result.kind == "backstage":
            people = f"{unit.people} {'group' if unit.people == 1 else 'groups'}"
        lines.append(f"  {shown(unit.name)}: {unit.structure.value} ({unit.guess.why}){lead}; {people}")
    if len(result.units) > UNITS_SHOWN:
        lines.append(f"  ... and {len(result.units) - UNITS_SHOWN} more units")
    return lines
