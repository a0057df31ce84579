"""The inspector dock: edits the selected node (or, with nothing selected, the chart itself).

Each field applies when the user finishes with it, as one undo entry; a value the model refuses
is explained under the field and not applied.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.model import EditRefused, Structure, Team, Unit, load_catalogue
from orgdesigner.model.text import LEAD_MAX, NOTES_MAX, check_name, check_text, parse_whole_number
from orgdesigner.ui.document import Document
from orgdesigner.ui.icons import discipline_icon, structure_icon
from orgdesigner.ui.plain_text import plain_label, plain_tooltip

MAX_HEADCOUNT = 1_000_000


def read_headcount(text: str) -> int:
    """A headcount typed by a person: ASCII digits, 0 to a million; ``ValueError`` saying why."""
    try:
        value = parse_whole_number(text)
    except ValueError:
        raise ValueError(f"headcount must be a whole number from 0 to {MAX_HEADCOUNT:,}") from None
    if not 0 <= value <= MAX_HEADCOUNT:
        raise ValueError(f"headcount must be from 0 to {MAX_HEADCOUNT:,}, not {value:,}")
    return value


class HeadcountEdit(QLineEdit):
    """A headcount field that takes what is typed as typed (a spin box silently turns ``-5``
    into 5 and drops ``abc``); Up and Down step it by one."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        try:
            value = read_headcount(self.text())
        except ValueError:
            return
        self.setText(str(min(max(value + step, 0), MAX_HEADCOUNT)))
        self.editingFinished.emit()


class _ElidedTitle(QLabel):
    """The inspector's heading: plain text on one line, cut with "…" to the panel's width (the
    whole name in its tooltip), so a long name never widens the dock."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumWidth(40)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(plain_tooltip(text))
        self._fit()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 40)))


class _NotesEdit(QPlainTextEdit):
    """A notes box that applies when it loses focus."""

    def __init__(self, on_done: object) -> None:
        super().__init__()
        self._on_done = on_done

    def focusOutEvent(self, event: object) -> None:
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self._on_done()  # type: ignore[operator]


class InspectorWidget(QScrollArea):
    """Fields of the selected node: name, kind, discipline or structure, headcount, lead, notes
    and responsibilities; or the chart's name and target stage when nothing is selected. The
    fields scroll when the dock is short, so an explanation under a field never covers the next."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.node_id: str | None = None
        self._loading = False
        self.setAccessibleName("Inspector")
        cat = load_catalogue()

        self.title = _ElidedTitle()
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)

        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.name.setMaxLength(400)
        self.name_error = self._error_label()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        self.kind.addItem("Team", "team")
        self.kind.addItem("Unit", "unit")
        self.discipline = QComboBox()
        self.discipline.setAccessibleName("Discipline")
        for d in cat.disciplines:
            self.discipline.addItem(discipline_icon(d.id.value), d.name, d.id.value)
        self.structure = QComboBox()
        self.structure.setAccessibleName("Structure")
        for s in cat.structures:
            self.structure.addItem(structure_icon(s.id.value), s.name, s.id.value)
        self.headcount = HeadcountEdit()
        self.headcount.setAccessibleName("Headcount")
        self.headcount.setPlaceholderText("People in the team")
        self.headcount_error = self._error_label()
        self.lead = QLineEdit()
        self.lead.setAccessibleName("Lead")
        self.lead.setPlaceholderText("Who leads it")
        self.lead_error = self._error_label()
        self.notes = _NotesEdit(self._apply_notes)
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.notes_error = self._error_label()
        self.responsibilities = QListWidget()
        self.responsibilities.setAccessibleName("Responsibilities")
        self.responsibilities.setMinimumHeight(160)
        self.reset_defaults = QPushButton("Use discipline defaults")
        self.reset_defaults.setAccessibleName("Use the discipline's default responsibilities")
        self.resp_hint = plain_label("★ marks the discipline's defaults.")
        self.resp_hint.setWordWrap(True)
        self.stage = QComboBox()
        self.stage.setAccessibleName("Target stage")
        for st in cat.stages:
            self.stage.addItem(f"{st.stage}. {st.name}", st.stage)
        self.message = self._error_label()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", self.name)
        form.addRow("", self.name_error)
        self._kind_row = ("&Kind", self.kind)
        form.addRow(*self._kind_row)
        form.addRow("&Discipline", self.discipline)
        form.addRow("&Structure", self.structure)
        form.addRow("&Headcount", self.headcount)
        form.addRow("", self.headcount_error)
        form.addRow("&Lead", self.lead)
        form.addRow("", self.lead_error)
        form.addRow("N&otes", self.notes)
        form.addRow("", self.notes_error)
        form.addRow("Target s&tage", self.stage)
        self.form = form
        resp_box = QVBoxLayout()
        self.resp_label = QLabel("Responsibilities")
        self.resp_label.setBuddy(self.responsibilities)
        resp_box.addWidget(self.resp_label)
        resp_box.addWidget(self.responsibilities)
        row = QHBoxLayout()
        row.addWidget(self.resp_hint, 1)
        row.addWidget(self.reset_defaults)
        resp_box.addLayout(row)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addLayout(resp_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.name.editingFinished.connect(self._apply_name)
        self.lead.editingFinished.connect(self._apply_lead)
        self.kind.activated.connect(self._apply_kind)
        self.discipline.activated.connect(self._apply_discipline)
        self.structure.activated.connect(self._apply_structure)
        self.headcount.editingFinished.connect(self._apply_headcount)
        self.responsibilities.itemChanged.connect(self._apply_responsibilities)
        self.reset_defaults.clicked.connect(self._apply_reset_defaults)
        self.stage.activated.connect(self._apply_stage)
        doc.changed.connect(self.refresh)
        self.refresh()

    # Showing -------------------------------------------------------------------------------

    def set_node(self, node_id: str | None) -> None:
        """Show the node with this id (None: the chart)."""
        self.node_id = node_id
        for label in (self.name_error, self.lead_error, self.notes_error, self.headcount_error, self.message):
            label.hide()
        self.refresh()

    def refresh(self) -> None:
        """Reload the fields from the model."""
        org = self.doc.org
        if self.node_id is not None and self.node_id not in org:
            self.node_id = None
        self._loading = True
        try:
            node = org.get(self.node_id) if self.node_id else None
            is_team = isinstance(node, Team)
            chart = node is None
            self._set_visible(self.kind, not chart)
            self._set_visible(self.discipline, is_team)
            self._set_visible(self.structure, isinstance(node, Unit))
            self._set_visible(self.headcount, is_team)
            self._set_visible(self.lead, not chart)
            self._set_visible(self.notes, not chart)
            self._set_visible(self.stage, chart)
            for w in (self.responsibilities, self.reset_defaults, self.resp_hint, self.resp_label):
                w.setVisible(is_team)
            if node is None:
                self.title.set_full_text("Chart" if org is self.doc.chart.baseline else "Scenario")
                self._set_text(self.name, org.name)
                self.stage.setCurrentIndex(org.target_stage - 1)
                return
            self.title.set_full_text(f"{'Team' if is_team else 'Unit'}: {node.name}")
            self._set_text(self.name, node.name)
            self.kind.setCurrentIndex(0 if is_team else 1)
            self._set_text(self.lead, node.lead or "")
            if self.notes.toPlainText() != (node.notes or ""):
                self.notes.setPlainText(node.notes or "")
            if isinstance(node, Team):
                self.discipline.setCurrentIndex(self.discipline.findData(node.discipline.value))
                if not self.headcount_error.isVisible():
                    self._set_text(self.headcount, str(node.headcount))
                self._fill_responsibilities(node)
            elif isinstance(node, Unit):
                self.structure.setCurrentIndex(self.structure.findData(node.structure.value))
        finally:
            self._loading = False

    def _fill_responsibilities(self, team: Team) -> None:
        cat = load_catalogue()
        defaults = set(cat.defaults(team.discipline))
        owned = set(self.doc.org.owned_responsibilities(team))
        ordered = sorted(cat.responsibilities, key=lambda r: (r.id not in defaults, r.discipline != team.discipline))
        ids = [r.id for r in ordered]
        listed = self.responsibilities
        current = [listed.item(i).data(Qt.ItemDataRole.UserRole) for i in range(listed.count())]
        if current != ids:
            # A new discipline orders the list anew; ticking a box only changes ticks, so the
            # list keeps its scroll position and the row the user is on.
            listed.clear()
            for r in ordered:
                item = QListWidgetItem(f"{'★ ' if r.id in defaults else ''}{r.title}")
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                default = " (a default of this discipline)" if r.id in defaults else ""
                item.setToolTip(plain_tooltip(f"Belongs to {cat.discipline(r.discipline).name}{default}"))
                listed.addItem(item)
        for i, rid in enumerate(ids):
            state = Qt.CheckState.Checked if rid in owned else Qt.CheckState.Unchecked
            item = listed.item(i)
            if item.checkState() != state:
                item.setCheckState(state)
        self.reset_defaults.setEnabled(team.responsibilities is not None)

    # Applying ------------------------------------------------------------------------------

    def _apply_name(self) -> None:
        if self._loading:
            return
        text = self.name.text()
        try:
            check_name(text)
        except ValueError as exc:
            self._show(self.name_error, str(exc))
            return
        self.name_error.hide()
        if self.node_id is None:
            self._edit(lambda: self.doc.set_org_name(text))
        elif text != self.doc.org.node(self.node_id).name:
            self._edit(lambda: self.doc.set_fields(self.node_id or "", name=text))

    def _apply_lead(self) -> None:
        if self._loading or self.node_id is None:
            return
        text = self.lead.text().strip()
        try:
            check_text(text, "lead", LEAD_MAX)
        except ValueError as exc:
            self._show(self.lead_error, str(exc))
            return
        self.lead_error.hide()
        value = text or None
        if value != self.doc.org.node(self.node_id).lead:
            self._edit(lambda: self.doc.set_fields(self.node_id or "", lead=value))

    def _apply_notes(self) -> None:
        if self._loading or self.node_id is None or self.node_id not in self.doc.org:
            return
        text = self.notes.toPlainText()
        try:
            check_text(text, "notes", NOTES_MAX, multiline=True)
        except ValueError as exc:
            self._show(self.notes_error, str(exc))
            return
        self.notes_error.hide()
        value = text if text.strip() else None
        if value != self.doc.org.node(self.node_id).notes:
            self._edit(lambda: self.doc.set_fields(self.node_id or "", notes=value))

    def _apply_kind(self) -> None:
        if self._loading or self.node_id is None:
            return
        kind = self.kind.currentData()
        node = self.doc.org.node(self.node_id)
        if kind == node.kind:
            return
        if kind == "team":
            self._edit(
                lambda: self.doc.set_fields(
                    self.node_id or "", text=f"Make {node.name} a team", kind="team", discipline="software_engineering"
                )
            )
        else:
            self._edit(
                lambda: self.doc.set_fields(
                    self.node_id or "", text=f"Make {node.name} a unit", kind="unit", structure=Structure.OTHER.value
                )
            )

    def _apply_discipline(self) -> None:
        if not self._loading and self.node_id is not None:
            value = self.discipline.currentData()
            self._edit(lambda: self.doc.set_fields(self.node_id or "", discipline=value))

    def _apply_structure(self) -> None:
        if not self._loading and self.node_id is not None:
            value = self.structure.currentData()
            self._edit(lambda: self.doc.set_fields(self.node_id or "", structure=value))

    def _apply_headcount(self) -> None:
        if self._loading or self.node_id is None or self.node_id not in self.doc.org:
            return
        try:
            value = read_headcount(self.headcount.text())
        except ValueError as exc:
            self._show(self.headcount_error, f"{exc}; not changed")
            return
        self.headcount_error.hide()
        if value != self.doc.org.node(self.node_id).headcount:
            self._edit(lambda: self.doc.set_fields(self.node_id or "", headcount=value))

    def _apply_responsibilities(self, _item: QListWidgetItem) -> None:
        if self._loading or self.node_id is None:
            return
        checked = []
        for i in range(self.responsibilities.count()):
            item = self.responsibilities.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                checked.append(item.data(Qt.ItemDataRole.UserRole))
        node = self.doc.org.node(self.node_id)
        assert isinstance(node, Team)
        cat = load_catalogue()
        ordered = [r.id for r in cat.responsibilities if r.id in set(checked)]
        value: tuple[str, ...] | None = tuple(ordered)
        if set(ordered) == set(cat.defaults(node.discipline)):
            value = None
        self._edit(
            lambda: self.doc.set_fields(
                self.node_id or "", text=f"Change responsibilities of {node.name}", responsibilities=value
            )
        )

    def _apply_reset_defaults(self) -> None:
        if self.node_id is not None:
            self._edit(lambda: self.doc.set_fields(self.node_id or "", responsibilities=None))

    def _apply_stage(self) -> None:
        if not self._loading:
            value = int(self.stage.currentData())
            self._edit(lambda: self.doc.set_target_stage(value))

    # Helpers -------------------------------------------------------------------------------

    def _edit(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
            self.message.hide()
        except EditRefused as exc:
            self._show(self.message, str(exc))
            self.refresh()

    def _error_label(self) -> QLabel:
        label = plain_label()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("color: #c0392b;")
        label.setAccessibleName("Problem")
        label.hide()
        return label

    def _show(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()

    def _set_text(self, edit: QLineEdit, text: str) -> None:
        if edit.text() != text:
            edit.setText(text)

    def _set_visible(self, widget: QWidget, visible: bool) -> None:
        widget.setVisible(visible)
        label = self.form.labelForField(widget)
        if label is not None:
            label.setVisible(visible)
