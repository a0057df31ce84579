"""The Document: every edit is one undo entry, refused edits change nothing, clean tracks the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from orgdesigner.io import load_template, read_org
from orgdesigner.model import EditRefused, Link
from orgdesigner.ui.document import Document


@pytest.fixture
def doc(qtbot: QtBot) -> Document:
    return Document(load_template("typical"))


def test_palette_style_add_is_one_entry_and_undoes(doc: Document) -> None:
    before = doc.org.copy()
    team = doc.add_team("mlops", "platform", 0)
    assert doc.org.children("platform")[0] == team.id
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Add MLOps to Platform Engineering"
    doc.undo_stack.undo()
    assert doc.org == before
    doc.undo_stack.redo()
    assert doc.org.children("platform")[0] == team.id


def test_moving_three_teams_is_one_named_entry(doc: Document) -> None:
    before = doc.org.copy()
    doc.move_nodes(["data-eng", "data-science", "ml-eng-mlops"], "platform", 0)
    assert doc.org.children("platform") == ("data-eng", "data-science", "ml-eng-mlops", "sre")
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Move 3 teams to Platform Engineering"
    after = doc.org.copy()
    doc.undo_stack.undo()
    assert doc.org == before
    doc.undo_stack.redo()
    assert doc.org == after


def test_move_within_parent_to_display_position(doc: Document) -> None:
    # Children of data-ai: data-eng, data-science, ml-eng-mlops. Drop data-eng after data-science.
    doc.move_nodes(["data-eng"], "data-ai", 2)
    assert doc.org.children("data-ai") == ("data-science", "data-eng", "ml-eng-mlops")
    doc.move_nodes(["ml-eng-mlops"], "data-ai", 0)
    assert doc.org.children("data-ai") == ("ml-eng-mlops", "data-science", "data-eng")


def test_selection_with_ancestor_moves_only_the_ancestor(doc: Document) -> None:
    doc.move_nodes(["data-ai", "data-science"], "platform")
    assert doc.org.parent("data-science") == "data-ai"
    assert doc.org.parent("data-ai") == "platform"


def test_refused_move_changes_nothing_and_pushes_nothing(doc: Document) -> None:
    before = doc.org.copy()
    with pytest.raises(EditRefused, match="under its own team"):
        doc.move_nodes(["data-science", "data-ai"], "ml-eng-mlops")
    with pytest.raises(EditRefused):
        doc.move_nodes(["sre", "data-ai"], "data-science")
    assert doc.org == before
    assert doc.undo_stack.count() == 0
    assert not doc.is_modified


def test_drop_in_place_pushes_nothing(doc: Document) -> None:
    doc.move_nodes(["data-science"], "data-ai", 1)
    assert doc.undo_stack.count() == 0


def test_fields_links_and_org_fields_undo(doc: Document) -> None:
    before = doc.org.copy()
    doc.set_fields("data-science", name="Applied Science")
    assert doc.undo_stack.undoText() == "Rename Data Science to Applied Science"
    doc.set_fields("data-science", headcount=12, lead="Ada")
    doc.add_link("ml-eng-mlops", "software-eng")
    doc.remove_link(Link(source="ml-eng-mlops", target="software-eng"))
    doc.set_org_name("Other Co")
    doc.set_target_stage(5)
    doc.remove_nodes(["product-eng"])
    assert "software-eng" not in doc.org
    with pytest.raises(EditRefused):
        doc.set_fields("sre", headcount=-3)
    assert doc.undo_stack.count() == 7
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.org == before


def test_clean_flag_follows_the_saved_model(doc: Document, tmp_path: Path, qtbot: QtBot) -> None:
    seen: list[bool] = []
    doc.modified_changed.connect(seen.append)
    doc.set_fields("sre", headcount=9)
    assert doc.is_modified and seen == [True]
    doc.set_fields("sre", headcount=7)  # back to the original value by another edit
    assert not doc.is_modified
    doc.set_fields("sre", headcount=8)
    path = tmp_path / "org.json"
    doc.save(str(path))
    assert not doc.is_modified and doc.path == str(path)
    assert read_org(path) == doc.org
    doc.undo_stack.undo()
    assert doc.is_modified
    doc.undo_stack.redo()
    assert not doc.is_modified


def test_apply_template_is_undoable(doc: Document) -> None:
    before = doc.org.copy()
    doc.apply_template(load_template("stage-1") if "stage-1" in _names() else load_template("typical"), "Stage 1")
    doc.undo_stack.undo()
    assert doc.org == before


def test_recovered_document_is_marked_unsaved(doc: Document) -> None:
    doc.load(load_template("typical"), "/tmp/whatever.json", modified=True)
    assert doc.is_modified
    assert doc.undo_stack.count() == 0


def test_changed_signal_fires_on_undo(doc: Document, qtbot: QtBot) -> None:
    doc.set_fields("sre", headcount=3)
    with qtbot.waitSignal(doc.changed, timeout=1000):
        doc.undo_stack.undo()


def _names() -> list[str]:
    from orgdesigner.io import template_names

    return template_names()


def test_bad_new_nodes_are_refused_like_any_edit(doc: Document) -> None:
    before = doc.org.copy()
    for bad in (
        lambda: doc.add_unit("platform", "cto", name="  "),
        lambda: doc.add_team("alchemy", "cto"),
        lambda: doc.add_unit("guild", "cto"),
        lambda: doc.add_team("mlops", "no-such-parent"),
    ):
        with pytest.raises(EditRefused):
            bad()
    assert doc.org == before and doc.undo_stack.count() == 0
