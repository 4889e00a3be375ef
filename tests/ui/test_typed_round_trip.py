"""What a cell shows is what its editor takes back: display → edit → the same stored value,
for every typed column of every editor page, in a decimal-comma and a decimal-point workspace."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from roidesk.ui.delegates import CellDelegate, DateEditor
from roidesk.ui.record_model import ColumnKind, RecordTableModel

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

#: Every page with typed columns (Clients has only text).
PAGES = ["campaigns", "goals", "costs", "results", "valuations", "other_returns"]
TYPED = (ColumnKind.DATE, ColumnKind.MONEY, ColumnKind.DECIMAL, ColumnKind.COUNT, ColumnKind.CHOICE)

dates = st.dates(date(1990, 1, 1), date(2099, 12, 31))
cents = st.integers(0, 10**11).map(lambda n: Decimal(n) / 100)
ten_thousandths = st.integers(0, 10**9).map(lambda n: Decimal(n) / 10_000)
counts = st.integers(0, 10**12)


def _value_for(model: RecordTableModel, record: Any, column: Any, data: Any) -> Any:
    """A value the column can hold, drawn so that the cell shows it without rounding."""
    if column.kind is ColumnKind.DATE:
        return data.draw(dates)
    if column.kind is ColumnKind.COUNT:
        return data.draw(counts)
    if column.kind is ColumnKind.CHOICE:
        values = [value for _label, value in column.choices()]
        return data.draw(st.sampled_from(values))
    unit = model.unit_of(record, column)
    if unit == "percent":  # shown to two decimals of a percent
        return data.draw(st.integers(0, 10**6).map(lambda n: Decimal(n) / 10_000))
    if column.kind is ColumnKind.MONEY or unit == "money":
        return data.draw(cents)  # shown to the cent
    return data.draw(ten_thousandths)  # hours, goal values: shown with every digit


def _base_record(model: RecordTableModel) -> Any:
    return model.record_at(0) if model.rowCount() else model.store.new_record()


@pytest.fixture(params=[("PLN", "pl_PL"), ("USD", "en_US")], ids=["decimal comma", "decimal point"])
def styled_window(request, window):
    """The window with its workspace written the Polish or the American way."""
    currency, locale = request.param
    ws = window.workspace
    ws.save_settings(replace(ws.settings(), currency=currency, locale=locale))
    window._settings_changed()
    return window


@pytest.mark.parametrize("page", PAGES)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_every_typed_cell_takes_back_what_it_shows(styled_window, page, data):
    """Typing exactly what a cell shows (or what its editor starts from) keeps the value."""
    model = styled_window.models[page]
    record = _base_record(model)
    column = data.draw(st.sampled_from([c for c in model.columns if c.kind in TYPED]))
    value = _value_for(model, record, column, data)
    record = replace(record, **{column.key: value})
    for text in (model.display_text(record, column), model.edit_value(record, column)):
        assert model.parse(column, text, record) == value, (column.key, text)


def test_a_date_typed_whole_is_the_date_stored(window):
    """2026-11-01 typed over a cell showing 2026-01-10 stores 1 November (not 11 December)."""
    model = window.models["costs"]
    start = [c.key for c in model.columns].index("start")
    index = model.index(0, start)
    delegate = CellDelegate()
    editor = delegate.createEditor(
        window.pages["costs"].table.viewport(), QStyleOptionViewItem(), index
    )
    assert isinstance(editor, DateEditor)
    delegate.setEditorData(editor, index)
    assert editor.text() == index.data(Qt.ItemDataRole.DisplayRole) == "2026-01-10"
    editor.selectAll()
    editor.insert("2026-11-01")
    delegate.setModelData(editor, model, index)
    assert window.workspace.costs()[0].start == date(2026, 11, 1)
    editor.setText("1.12.2026")
    delegate.setModelData(editor, model, index)
    assert window.workspace.costs()[0].start == date(2026, 12, 1)


@pytest.mark.parametrize(
    ("currency", "locale", "typed"),
    [("USD", "en_US", "11/01/2026"), ("PLN", "pl_PL", "1.11.2026"), ("EUR", "de_DE", "01.11.2026")],
)
def test_a_date_typed_the_workspace_s_way_is_read_its_way(styled_window, currency, locale, typed):
    """An American workspace reads 11/01/2026 as 1 November, a Polish or German one reads
    day first; ISO is read the same everywhere."""
    ws = styled_window.workspace
    ws.save_settings(replace(ws.settings(), currency=currency, locale=locale))
    styled_window._settings_changed()
    model = styled_window.models["costs"]
    column = model.columns[[c.key for c in model.columns].index("start")]
    record = model.record_at(0)
    assert model.parse(column, typed, record) == date(2026, 11, 1)
    assert model.parse(column, "2026-11-01", record) == date(2026, 11, 1)
