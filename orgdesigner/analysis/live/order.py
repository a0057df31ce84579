"""File order across edits without renumbering: every node has an integer label, larger
further down the file (pre-order), with room between neighbours, so a moved or added subtree
takes new labels of its own and no other node's changes; lists of ids stay sorted by label."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator

GAP = 1 << 32
"""Room between consecutive labels when they are handed out afresh."""


class OrderedIds:
    """Node ids in file order (sorted by ``key``, their labels): one is added or removed, and a
    subtree's run taken out or put back, in O(log n) comparisons and one memmove. ``version``
    counts the changes (readers keep what they derived while it stays the same)."""

    __slots__ = ("_key", "items", "version")

    def __init__(self, key: Callable[[str], int], items: Iterable[str] = ()) -> None:
        self._key = key
        self.items: list[str] = list(items)
        self.version = 0

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)

    def add(self, node_id: str) -> None:
        """Put ``node_id`` in its place."""
        self.version += 1
        insort(self.items, node_id, key=self._key)

    def remove(self, node_id: str) -> None:
        """Take ``node_id`` out (it must be in, with the label it had when it went in)."""
        items = self.items
        i = bisect_left(items, self._key(node_id), key=self._key)
        assert items[i] == node_id, node_id
        del items[i]
        self.version += 1

    def cut(self, low: int, high: int) -> list[str]:
        """Take out and return the ids whose labels are in ``[low, high]``, in order."""
        items, key = self.items, self._key
        i = bisect_left(items, low, key=key)
        j = bisect_right(items, high, lo=i, key=key)
        run = items[i:j]
        if run:
            del items[i:j]
            self.version += 1
        return run

    def put(self, run: list[str]) -> None:
        """Put back a run of ids that are next to each other in file order (a subtree's)."""
        if run:
            self.version += 1
            items = self.items
            i = bisect_left(items, self._key(run[0]), key=self._key)
            items[i:i] = run
