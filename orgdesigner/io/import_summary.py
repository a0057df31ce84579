"""What an import decided, grouped for a person to check: one row per job title with its
discipline, its number of people and how it was decided (the titles table the CLI saves and
the import dialog shows)."""

from __future__ import annotations

from collections import Counter, defaultdict

from orgdesigner.io.csv_import import ImportResult, PersonGuess, strength_of
from orgdesigner.io.title_table import TitleRow, title_key


def title_rows(result: ImportResult) -> list[TitleRow]:
    """One row per distinct title (people without a title are left out): its discipline (the
    most common among its people), how many people hold it, and how it was decided (the most
    common way among them), in the order the titles first appear."""
    people: dict[str, list[PersonGuess]] = defaultdict(list)
    for guess in result.guesses:
        if guess.title:
            people[title_key(guess.title)].append(guess)
    rows = []
    for group in people.values():
        discipline = Counter(g.discipline for g in group).most_common(1)[0][0]
        how = Counter(strength_of(g) for g in group).most_common(1)[0][0]
        rows.append(TitleRow(group[0].title, discipline, len(group), how))
    return rows
