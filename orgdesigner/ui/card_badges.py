"""The canvas's finding badges following the analysis: when a report arrives after an edit's
frame, only the cards whose badge changed get their new one, with no new layout.

The scene lays the chart out with the badges of the last report (``LiveAnalysis.last_badges``);
the report of the edit comes a moment later, and :func:`refresh_badges` brings the cards of the
nodes whose counts changed (and the collapsed cards hiding them) in line. This would be the
scene's own ``set_badges`` once the scene draws cards from the placement's arrays.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from orgdesigner.layout import BadgeCounts
from orgdesigner.ui.canvas.card_item import CardItem
from orgdesigner.ui.canvas.scene import OrgScene


def card_badge(scene: OrgScene, card: CardItem, badges: Mapping[str, BadgeCounts]) -> BadgeCounts | None:
    """What ``card`` shows: its node's counts, and for a collapsed card those of every node it
    hides too (None when nothing names them), as the layout computes it."""
    nid = card.box.id
    if card.box.collapsed is None:
        return badges.get(nid)
    found = [b for n in scene.doc.org.iter_preorder(nid) if (b := badges.get(n)) is not None]
    if not found:
        return None
    return BadgeCounts(sum(b.errors for b in found), sum(b.warnings for b in found), sum(b.infos for b in found))


def refresh_badges(scene: OrgScene, badges: Mapping[str, BadgeCounts], changed: Iterable[str]) -> int:
    """Give the cards showing the ``changed`` nodes the badges in ``badges``; returns how many
    cards changed. Nothing to do while the view hides badges."""
    if not scene.view_state.badges:
        return 0
    changed = set(changed)
    cards: dict[int, CardItem] = {}
    if len(changed) > len(scene.cards):  # the first report, a chart read again: every card
        cards = {id(card): card for card in scene.cards.values()}
    else:
        for nid in changed:
            card = scene.visible_card_for(nid)
            if card is not None:
                cards[id(card)] = card
    done = 0
    for card in cards.values():
        badge = card_badge(scene, card, badges)
        if badge != card.box.badge:
            card.set_box(replace(card.box, badge=badge), card.has_children)
            done += 1
    return done
