"""A chart's baseline and its named scenarios: the alternatives a manager weighs, in one file.

A :class:`ScenarioSet` holds the baseline :class:`Organization` and an ordered list of scenario
orgs. A scenario's name is its org's ``name``. The rules, which the file reader applies too:

- a scenario name is 1-200 characters on one line, not blank (as every name);
- names are unique, compared ignoring case, spaces around and between the words and Unicode
  normalisation (``"MLOps under Platform"``, ``" mlops  under platform "`` are the same name);
- ``baseline`` (in any case) is reserved: it names the baseline wherever a scenario is named;
- a set holds at most :data:`MAX_SCENARIOS` scenarios.

Every edit either succeeds or raises :class:`EditRefused` and leaves the set unchanged, and
returns what its inverse needs (see each method), so that undo commands restore it exactly.
The set holds the org objects it is given (no copies): a scenario removed and restored is the
same object, so commands that hold an org stay valid. Rename a scenario with :meth:`rename`,
never with ``Organization.set_name``: that would bypass the rules (:meth:`problem` finds it).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from orgdesigner.model.errors import EditRefused, ModelError
from orgdesigner.model.organization import Organization
from orgdesigner.model.text import check_name, shown

BASELINE = "baseline"
"""The name that stands for the baseline wherever a scenario is named (any case)."""
MAX_SCENARIOS = 1000


def name_key(name: str) -> str:
    """What two scenario names are compared by: NFKC, runs of spaces as one, stripped,
    case-folded (names that differ only in spacing look the same in every list)."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def check_scenario_name(name: object, taken: Iterable[str] = ()) -> str:
    """``name`` if it is a valid new scenario name beside the names ``taken``; else
    ``ValueError`` with a sentence for a person."""
    if not isinstance(name, str):
        raise ValueError(f"a scenario name must be text, not {shown(name)}")
    check_name(name, "scenario name")
    key = name_key(name)
    if key == BASELINE:
        raise ValueError(f"{shown(name)} is reserved for the baseline; choose another scenario name")
    for other in taken:
        if name_key(other) == key:
            raise ValueError(f"there is already a scenario called {shown(other)}")
    return name


@dataclass(frozen=True)
class RemovedScenario:
    """What :meth:`ScenarioSet.remove` took out: the org (its name is the scenario's) and
    where it was; :meth:`ScenarioSet.restore` puts it back."""

    index: int
    org: Organization


class ScenarioSet:
    """The baseline org and its named scenarios, as one chart file holds them.

    ``ScenarioSet(baseline, scenarios)`` raises :class:`ModelError` (field ``name``) when the
    scenarios break a rule; the edits raise :class:`EditRefused` and change nothing.
    """

    __slots__ = ("_baseline", "_scenarios")

    def __init__(self, baseline: Organization, scenarios: Iterable[Organization] = ()) -> None:
        self._baseline = baseline
        self._scenarios: list[Organization] = []
        seen: dict[str, str] = {}
        for org in scenarios:
            if len(self._scenarios) >= MAX_SCENARIOS:
                raise ModelError(f"more than {MAX_SCENARIOS:,} scenarios", field="scenarios")
            key = name_key(org.name)
            try:
                check_scenario_name(org.name, [seen[key]] if key in seen else ())
            except ValueError as exc:
                raise ModelError(str(exc), field="name") from None
            seen[key] = org.name
            self._scenarios.append(org)

    # Queries -------------------------------------------------------------------------------

    @property
    def baseline(self) -> Organization:
        """The baseline org (the file's top level)."""
        return self._baseline

    @property
    def scenarios(self) -> tuple[Organization, ...]:
        """The scenario orgs, in order."""
        return tuple(self._scenarios)

    def names(self) -> list[str]:
        """The scenario names, in order (the baseline is not among them)."""
        return [org.name for org in self._scenarios]

    def __len__(self) -> int:
        return len(self._scenarios)

    def __iter__(self) -> Iterator[Organization]:
        return iter(self._scenarios)

    def get(self, name: str) -> Organization | None:
        """The org a name stands for: ``baseline`` (any case) is the baseline, any other name
        the scenario of that name (compared as :func:`name_key` does), or None."""
        key = name_key(name)
        if key == BASELINE:
            return self._baseline
        return next((org for org in self._scenarios if name_key(org.name) == key), None)

    def index(self, name: str) -> int:
        """The position of scenario ``name`` (``EditRefused`` if there is none)."""
        key = name_key(name)
        for i, org in enumerate(self._scenarios):
            if name_key(org.name) == key:
                return i
        raise EditRefused(f"there is no scenario called {shown(name)}")

    def unique_name(self, base: str) -> str:
        """``base``, or ``base (2)``, ``base (3)``... : the first that is free (cut to fit)."""
        base = " ".join(base.split())[:190] or "Scenario"
        if name_key(base) == BASELINE:
            base = f"{base} scenario"
        taken = {name_key(org.name) for org in self._scenarios}
        if name_key(base) not in taken:
            return base
        n = 2
        while name_key(f"{base} ({n})") in taken:
            n += 1
        return f"{base} ({n})"

    def problem(self) -> str | None:
        """What breaks a rule now (a scenario org renamed behind the set's back), or None."""
        seen: list[str] = []
        for org in self._scenarios:
            try:
                check_scenario_name(org.name, seen)
            except ValueError as exc:
                return str(exc)
            seen.append(org.name)
        return None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ScenarioSet):
            return NotImplemented
        return self._baseline == other._baseline and self._scenarios == other._scenarios

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ScenarioSet {self._baseline.name!r}: {len(self._scenarios)} scenarios>"

    # Edits ---------------------------------------------------------------------------------

    def add(self, name: str, org: Organization, index: int | None = None) -> int:
        """Add ``org`` (taken as it is, not copied; its name becomes ``name``) as a scenario at
        ``index`` (default: last). Returns its index; the inverse is :meth:`remove`."""
        if any(org is o for o in (self._baseline, *self._scenarios)):
            raise EditRefused("that org is already in the chart; add a copy of it")
        self._refuse_new(name)
        pos = self._clamp(index, len(self._scenarios))
        org.set_name(name)  # cannot fail: the name passed check_name above
        self._scenarios.insert(pos, org)
        return pos

    def duplicate(self, source: str, name: str, index: int | None = None) -> Organization:
        """Add a copy of ``source`` (``baseline`` or a scenario's name) called ``name`` at
        ``index`` (default: just after the source; last for the baseline). Returns the new
        org; the inverse is :meth:`remove` of ``name``."""
        org = self.get(source)
        if org is None:
            raise EditRefused(f"there is no scenario called {shown(source)}")
        if index is None:
            index = len(self._scenarios) if org is self._baseline else self.index(source) + 1
        copy = org.copy()
        self.add(name, copy, index)
        return copy

    def rename(self, name: str, new_name: str) -> str:
        """Rename scenario ``name`` to ``new_name``; returns the old name (the inverse is
        ``rename(new_name, old)``)."""
        i = self._scenario_index(name)
        org = self._scenarios[i]
        try:
            check_scenario_name(new_name, [o.name for k, o in enumerate(self._scenarios) if k != i])
        except ValueError as exc:
            raise EditRefused(str(exc)) from None
        return org.set_name(new_name)

    def remove(self, name: str) -> RemovedScenario:
        """Take scenario ``name`` out; returns what :meth:`restore` needs to put it back."""
        i = self._scenario_index(name)
        return RemovedScenario(i, self._scenarios.pop(i))

    def restore(self, removed: RemovedScenario) -> None:
        """Put back what :meth:`remove` took out, at the same place (the same org object)."""
        self._refuse_new(removed.org.name)
        if any(removed.org is o for o in (self._baseline, *self._scenarios)):
            raise EditRefused("that scenario is already in the chart")
        self._scenarios.insert(self._clamp(removed.index, len(self._scenarios)), removed.org)

    def move(self, name: str, index: int) -> int:
        """Move scenario ``name`` to position ``index`` (counted after it has left its place);
        returns its old index (the inverse is ``move(name, old)``)."""
        i = self._scenario_index(name)
        org = self._scenarios.pop(i)
        self._scenarios.insert(self._clamp(index, len(self._scenarios)), org)
        return i

    def replace_scenarios(self, orgs: Iterable[Organization]) -> list[Organization]:
        """Make ``orgs`` (taken as they are) the scenarios, all at once (a file reloaded from
        disk); returns the old ones, which undo gives back. Refused, changing nothing, when the
        new ones break a rule."""
        new = list(orgs)
        try:
            ScenarioSet(self._baseline, new)
        except ModelError as exc:
            raise EditRefused(exc.problem) from None
        if any(org is self._baseline for org in new):
            raise EditRefused("the baseline cannot be one of its own scenarios")
        old, self._scenarios = self._scenarios, new
        return old

    # Internals -----------------------------------------------------------------------------

    def _refuse_new(self, name: str) -> None:
        if len(self._scenarios) >= MAX_SCENARIOS:
            raise EditRefused(f"a chart holds at most {MAX_SCENARIOS:,} scenarios")
        try:
            check_scenario_name(name, [o.name for o in self._scenarios])
        except ValueError as exc:
            raise EditRefused(str(exc)) from None

    def _scenario_index(self, name: str) -> int:
        if name_key(name) == BASELINE:
            raise EditRefused("the baseline is not a scenario: it cannot be renamed, moved or deleted")
        return self.index(name)

    @staticmethod
    def _clamp(index: int | None, size: int) -> int:
        return size if index is None else max(0, min(index, size))
