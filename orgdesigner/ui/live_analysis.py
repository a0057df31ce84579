"""Keeps the analysis of the chart shown up to date and hands the Report to whoever shows it.

An edit's canvas frame goes out first: the Document's ``changed`` only queues the edit's
changes here, and they are applied on a zero-interval timer, which Qt runs once the events the
edit posted (the scene's update, the canvas repaint) are done. Reading :attr:`LiveAnalysis.report`
(or ``badges``, ``delta``) brings the analysis up to date at once, so no reader sees a report
older than the chart.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from orgdesigner.analysis import Report, Severity
from orgdesigner.analysis.edit_delta import EditDelta, edit_delta
from orgdesigner.analysis.findings import Finding
from orgdesigner.analysis.live import LiveReport, findings_changed
from orgdesigner.layout import BadgeCounts, badge_counts
from orgdesigner.model import Organization
from orgdesigner.model.gc_pause import gc_paused
from orgdesigner.model.journal import Change
from orgdesigner.ui.document import Document

_SLOT = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Badges:
    """Per node, how many findings of each severity name it, kept by adding and taking away
    findings; :meth:`snapshot` hands out an immutable-looking dict of :class:`BadgeCounts`."""

    def __init__(self, findings: tuple[Finding, ...] | list[Finding] = ()) -> None:
        self._counts: dict[str, list[int]] = {}
        self._made: dict[tuple[int, int, int], BadgeCounts] = {}
        self._shown: dict[str, BadgeCounts] = {}
        self.update(list(findings), [])

    def update(self, added: list[Finding], removed: list[Finding]) -> set[str]:
        """Count ``added`` findings in and ``removed`` ones out; return the nodes whose
        counts changed. A finding made again (the same code, subject and severity: an overlap
        that gained one owner among 10,000) counts only the nodes it gained or lost."""
        steps: list[tuple[int, Iterable[str], int]] = []
        made_again: dict[tuple[str, str, Severity], list[Finding]] = {}
        for f in removed:
            made_again.setdefault((f.code, f.about, f.severity), []).append(f)
        for f in added:
            twins = made_again.get((f.code, f.about, f.severity))
            old = twins.pop() if twins else None
            if old is not None and len(set(old.nodes)) == len(old.nodes) and len(set(f.nodes)) == len(f.nodes):
                gone, came = set(old.nodes), set(f.nodes)
                steps += [(_SLOT[f.severity], gone - came, -1), (_SLOT[f.severity], came - gone, 1)]
            else:
                if old is not None:
                    steps.append((_SLOT[old.severity], old.nodes, -1))
                steps.append((_SLOT[f.severity], f.nodes, 1))
        steps += [(_SLOT[f.severity], f.nodes, -1) for twins in made_again.values() for f in twins]
        counts = self._counts
        touched: set[str] = set()
        for k, nodes, step in steps:
            for nid in nodes:
                c = counts.get(nid)
                if c is None:
                    c = counts[nid] = [0, 0, 0]
                c[k] += step
                touched.add(nid)
        shown = dict(self._shown) if touched else self._shown
        made = self._made
        changed: set[str] = set()
        for nid in touched:
            c = counts[nid]
            key = (c[0], c[1], c[2])
            if key == (0, 0, 0):
                del counts[nid]
                if shown.pop(nid, None) is not None:
                    changed.add(nid)
                continue
            badge = made.get(key)
            if badge is None:
                badge = made[key] = BadgeCounts(*key)
            if shown.get(nid) is not badge:
                shown[nid] = badge
                changed.add(nid)
        self._shown = shown
        return changed

    def snapshot(self) -> dict[str, BadgeCounts]:
        """The badges now (a new dict after every change: earlier ones stay as they were)."""
        return self._shown


def report_badges(report: Report) -> dict[str, BadgeCounts]:
    """Per node, how many findings of each severity name it (as the export's ``--badges``): what
    :class:`Badges`, kept edit by edit, must equal."""
    return badge_counts((f.severity, f.nodes) for f in report.findings)


class LiveAnalysis(QObject):
    """The current :class:`Report` of a document, kept up to date after every change, what the
    last edit changed in it (``delta``; empty after a load or a switch to another scenario,
    which are not edits) and the finding badges per node.

    Edits are followed change by change (:class:`~orgdesigner.analysis.live.LiveReport`); a
    load, a scenario shown or a whole org replaced is read afresh. ``report_changed`` is
    emitted after each update, with ``badges_changed`` holding the nodes whose badges changed.
    """

    report_changed = Signal()

    def __init__(self, doc: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._org: Organization = doc.org
        self._seen = doc.org.changes_recorded
        self._live: LiveReport | None = None
        self._report: Report | None = None
        self.last_report: Report | None = None
        """The report last handed out (``report_changed``), as the canvas and panels show it
        (None until the first, which comes after the window's first frame)."""
        self._badges = Badges()
        self.last_badges: dict[str, BadgeCounts] = self._badges.snapshot()
        """The badges of the last report handed out (``report_changed``): what the canvas shows."""
        self.badges_changed: set[str] = set()
        self._delta = EditDelta((), (), ())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        # The chart as opened is read once its first frame is out, like an edit's changes.
        self._pending: list[tuple[Organization, tuple[Change, ...] | None, int]] = [(doc.org, None, self._seen)]
        self._timer.start()
        doc.changed.connect(self._changed)

    # What readers see ----------------------------------------------------------------------

    @property
    def report(self) -> Report:
        """The report of the chart as it is now."""
        self.flush()
        assert self._report is not None
        return self._report

    @property
    def badges(self) -> dict[str, BadgeCounts]:
        """Per node, how many findings of each severity name it (as it is now)."""
        self.flush()
        return self.last_badges

    @property
    def delta(self) -> EditDelta:
        """What the last edit changed in the report."""
        self.flush()
        return self._delta

    @property
    def pending(self) -> bool:
        """True while changes wait to be analysed (until the canvas frame has gone out)."""
        return bool(self._pending)

    # Following the document ----------------------------------------------------------------

    def _changed(self) -> None:
        org = self.doc.org
        self._pending.append((org, self.doc.last_changes, org.changes_recorded))
        self._timer.start()

    def refresh(self) -> None:
        """Analyse the document's org afresh (not an edit: no delta)."""
        self._pending.append((self.doc.org, None, self.doc.org.changes_recorded))
        self.flush()

    def flush(self) -> None:
        """Apply the changes waiting, if any, and hand out the new report."""
        if not self._pending:
            return
        self._timer.stop()
        pending, self._pending = self._pending, []
        before, org = self._report, self.doc.org
        edits = (
            before is not None
            and org is self._org
            and all(o is org and changes is not None for o, changes, _ in pending)
        )
        with gc_paused(freeze=True):
            if edits:
                assert self._live is not None
                self._follow(pending)
            else:
                self._live = LiveReport(org)
                self._org, self._seen = org, org.changes_recorded
            report = self._live.report
            changed = findings_changed(before, report) if edits and before is not None else None
            if changed is not None:
                self.badges_changed = self._badges.update(*changed)
            else:
                old = self.last_badges
                self._badges = Badges(report.findings)
                new = self._badges.snapshot()
                self.badges_changed = {n for n in old.keys() | new.keys() if old.get(n) != new.get(n)}
            self.last_badges = self._badges.snapshot()
            self._report = self.last_report = report
            self._delta = (
                edit_delta(before, report, changed)
                if changed is not None and before is not None
                else EditDelta((), (), ())
            )
            self.report_changed.emit()
        if not edits:
            QTimer.singleShot(0, gc.freeze)  # a chart read afresh: out of the collector's reach

    def _follow(self, pending: list[tuple[Organization, tuple[Change, ...] | None, int]]) -> None:
        """Apply the pending changes, each batch ending at the org's change count given (the
        live report is made afresh when it does not follow them)."""
        changes: list[Change] = []
        for _, batch, end in pending:
            assert batch is not None
            skip = self._seen - (end - len(batch))  # changes made before the report was read
            changes.extend(batch[skip:] if skip > 0 else batch)
            self._seen = max(self._seen, end)
        assert self._live is not None
        if not self._live.apply(changes):
            self._seen = self._org.changes_recorded
