"""The analysis kept up to date edit by edit, for the designer window (no Qt).

:class:`LiveReport` holds an org's :class:`~orgdesigner.analysis.Report` and the state it was
judged from (:class:`LiveIndex`: the org by id, with what the checks read of it) and applies
each edit's primitive changes (:mod:`orgdesigner.model.journal`) to that state, then judges
again only what the changes can affect. Its report always equals ``analyse(org)`` of the org as
it is; the property tests in ``tests/reliability`` hold the two together.
"""

from orgdesigner.analysis.live.index import LiveIndex, NeedsRebuild
from orgdesigner.analysis.live.report import LiveReport, findings_changed

__all__ = ["LiveIndex", "LiveReport", "NeedsRebuild", "findings_changed"]
