"""Reading YAML that came from someone else: safe loading only, and bounded.

PyYAML's safe loader builds only plain data (no object of any class), but a small file can
still ask for a lot: aliases of aliases ("billion laughs") make a few hundred bytes mean a
billion values, and a deep nest of ``[[[[...]]]]`` overflows the recursive composer. So the
events are first counted, in one pass that builds nothing: the values each document would
hold once every alias is expanded, and how deep it nests. A file past :data:`MAX_VALUES` or
:data:`MAX_DEPTH` is refused before it is loaded. The file size is bounded by the caller.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from orgdesigner.io.csv_errors import CsvImportError, CsvProblem

MAX_VALUES = 3_000_000
"""Values (scalars, lists, mappings) a file may hold once aliases are expanded; as the JSON limit."""
MAX_DEPTH = 100
"""How deep lists and mappings may nest (a catalog entity needs five)."""

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_documents(data: bytes, source: str) -> list[object]:
    """Every document of a YAML stream, safely; :class:`CsvImportError` with the line of the
    first problem (not UTF-8, not YAML, too many values, nested too deep)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvImportError(source, [CsvProblem(None, f"not UTF-8 text (byte {exc.start})")]) from None
    try:
        _check_size(yaml.parse(text, Loader=_LOADER), source)
        return list(yaml.load_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(exc.problem or exc.context or "not valid YAML").split())
        raise CsvImportError(source, [CsvProblem(line, f"not valid YAML: {problem}", "line")]) from None
    except yaml.YAMLError as exc:
        raise CsvImportError(source, [CsvProblem(None, f"not valid YAML: {exc}")]) from None


def _check_size(events: Iterator[yaml.Event], source: str) -> None:
    """Count what the documents would hold, aliases expanded, without building it."""
    sizes: dict[str, int] = {}
    stack: list[tuple[int, str | None]] = []  # values so far in each open collection, its anchor
    total = 0
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            sizes.clear()  # anchors do not cross documents
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append((1, event.anchor))
            if len(stack) > MAX_DEPTH:
                _refuse(source, event, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            count, anchor = stack.pop()
            if anchor is not None:
                sizes[anchor] = count
            total = _add(stack, count, total, source, event)
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor is not None:
                sizes[event.anchor] = 1
            total = _add(stack, 1, total, source, event)
        elif isinstance(event, yaml.AliasEvent):
            total = _add(stack, sizes.get(event.anchor or "", 1), total, source, event)


def _add(stack: list[tuple[int, str | None]], count: int, total: int, source: str, event: yaml.Event) -> int:
    if stack:
        inner, anchor = stack[-1]
        stack[-1] = (inner + count, anchor)
        if inner + count > MAX_VALUES:
            _refuse(source, event, _too_many())
        return total
    total += count
    if total > MAX_VALUES:
        _refuse(source, event, _too_many())
    return total


def _too_many() -> str:
    return f"more than {MAX_VALUES:,} values once its aliases are expanded: too many to be an org chart"


def _refuse(source: str, event: yaml.Event, problem: str) -> None:
    mark = event.start_mark
    raise CsvImportError(source, [CsvProblem(mark.line + 1 if mark is not None else None, problem, "line")])
