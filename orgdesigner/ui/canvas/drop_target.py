"""Where a drag over the canvas would land, and whether the model would accept it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QMimeData, QPointF

from orgdesigner.model.text import shown
from orgdesigner.ui.canvas.card_item import Card
from orgdesigner.ui.canvas.scene import OrgScene
from orgdesigner.ui.palette import PALETTE_MIME, decode_entry

NODES_MIME = "application/x-orgdesigner-nodes"


def nodes_mime(ids: list[str]) -> QMimeData:
    """The drag payload of cards being moved."""
    mime = QMimeData()
    mime.setData(NODES_MIME, QByteArray("\n".join(ids).encode()))
    mime.setText(", ".join(ids))
    return mime


@dataclass(frozen=True)
class DragPayload:
    """What is being dragged: new (kind, value) from the palette, or existing node ids."""

    entry: tuple[str, str] | None = None
    node_ids: tuple[str, ...] = ()


def read_payload(mime: QMimeData) -> DragPayload | None:
    """The payload of a drag, or None when the drag carries nothing orgdesigner can drop."""
    if mime.hasFormat(PALETTE_MIME):
        entry = decode_entry(bytes(mime.data(PALETTE_MIME).data()))
        return DragPayload(entry=entry) if entry else None
    if mime.hasFormat(NODES_MIME):
        try:
            ids = tuple(i for i in bytes(mime.data(NODES_MIME).data()).decode().split("\n") if i)
        except UnicodeDecodeError:
            return None
        return DragPayload(node_ids=ids) if ids else None
    return None


@dataclass(frozen=True)
class DropTarget:
    """A drop's landing place: under ``parent`` at sibling ``index`` (a position among the
    parent's current children). ``refusal`` says why the drop is refused, if it is."""

    parent: str
    index: int
    card: Card
    refusal: str | None
    gap: tuple[QPointF, QPointF]


def find_drop_target(scene: OrgScene, pos: QPointF, payload: DragPayload) -> DropTarget | None:
    """The target under scene position ``pos``: the card there becomes the parent, and how far
    along the card the pointer is picks the sibling position among its children."""
    card = scene.card_at(pos)
    if card is None:
        return None
    org = scene.doc.org
    parent = card.box.id
    kids = [k for k in org.children(parent)]
    local = card.mapFromScene(pos)
    top_down = scene.orientation == "top-down"
    along = local.x() / card.box.w if top_down else local.y() / card.box.h
    along = min(max(along, 0.0), 1.0)
    index = round(along * len(kids))
    refusal = None
    for nid in payload.node_ids:
        if nid not in org:
            refusal = "that card is no longer in the chart"
            break
        if org.is_ancestor(nid, parent):
            what = "itself" if nid == parent else f"its own {card.box.kind} {shown(card.box.name)}"
            refusal = f"cannot move {shown(org.label(nid))} under {what}"
            break
    if refusal is None and parent in scene.collapsed:
        index = len(kids)
    return DropTarget(parent, index, card, refusal, _gap(scene, parent, kids, index, card))


def _gap(scene: OrgScene, parent: str, kids: list[str], index: int, card: Card) -> tuple[QPointF, QPointF]:
    """A short bar in the gap where the new child will stand (scene coordinates)."""
    cards = scene.cards
    shown = [cards[k] for k in kids if k in cards]
    box = card.box
    top_down = scene.orientation == "top-down"
    if not shown or parent in scene.collapsed:
        # No children shown: a bar just beyond the card, where the first child will be.
        if top_down:
            y = box.y + box.h + 18
            return QPointF(box.x + 20, y), QPointF(box.x + box.w - 20, y)
        x = box.x + box.w + 18
        return QPointF(x, box.y + 8), QPointF(x, box.y + box.h - 8)
    before = cards.get(kids[index - 1]) if index > 0 and kids[index - 1] in cards else None
    after = cards.get(kids[index]) if index < len(kids) and kids[index] in cards else None
    ref = after or before
    assert ref is not None
    rb = ref.box
    stacked = (
        before is not None
        and after is not None
        and (
            (top_down and abs(before.box.x - after.box.x) < 1) or (not top_down and abs(before.box.y - after.box.y) < 1)
        )
    )
    if top_down and not stacked:
        if before is not None and after is not None:
            x = (before.box.x + before.box.w + after.box.x) / 2
        elif after is not None:
            x = after.box.x - 8
        else:
            x = rb.x + rb.w + 8
        return QPointF(x, rb.y), QPointF(x, rb.y + rb.h)
    if not top_down and not stacked:
        if before is not None and after is not None:
            y = (before.box.y + before.box.h + after.box.y) / 2
        elif after is not None:
            y = after.box.y - 6
        else:
            y = rb.y + rb.h + 6
        return QPointF(rb.x, y), QPointF(rb.x + rb.w, y)
    # Stacked leaves (a compact column): a horizontal bar between the two cards.
    assert before is not None and after is not None
    y = (before.box.y + before.box.h + after.box.y) / 2
    return QPointF(after.box.x, y), QPointF(after.box.x + after.box.w, y)
