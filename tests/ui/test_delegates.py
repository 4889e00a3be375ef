"""Typed cell editors: a calendar for dates, a list for choices, checkboxes for platforms."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem

from roidesk.ui.delegates import CellDelegate, DateEditor, PlatformsEditor

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_delegate_picks_an_editor_by_column_kind(window, qtbot):
    """Dates get a typed line with a calendar, choices a combo box, platforms checkboxes,
    money a line."""
    model = window.models["campaigns"]
    page = window.pages["campaigns"]
    delegate = CellDelegate()
    keys = [c.key for c in model.columns]
    option = QStyleOptionViewItem()
    editors = {
        key: delegate.createEditor(page.table.viewport(), option, model.index(0, keys.index(key)))
        for key in ("start", "status", "platforms", "budget")
    }
    assert isinstance(editors["start"], DateEditor) and editors["start"].calendar_action
    assert isinstance(editors["status"], QComboBox)
    assert isinstance(editors["platforms"], PlatformsEditor)
    assert isinstance(editors["budget"], QLineEdit)
    platforms = editors["platforms"]
    delegate.setEditorData(platforms, model.index(0, keys.index("platforms")))
    assert platforms.currentText() == "Facebook"
    instagram = platforms.item_model.findItems("Instagram")[0]
    instagram.setCheckState(instagram.checkState().__class__.Checked)
    assert platforms.currentText() == "Facebook, Instagram"
    delegate.setModelData(platforms, model, model.index(0, keys.index("platforms")))
    assert window.workspace.campaigns()[0].platforms == ("Facebook", "Instagram")
