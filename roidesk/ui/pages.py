"""The window's pages: one editor per kind of record over the open workspace, Settings, and
the dashboard (built after the first paint: it imports pyqtgraph)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from roidesk.storage import Workspace
from roidesk.ui import editor_specs as specs
from roidesk.ui.editors import GoalsPage, TablePage, system_locale
from roidesk.ui.experiments_page import ExperimentsPage
from roidesk.ui.imports_page import ImportsPage
from roidesk.ui.plan_page import PlanPage
from roidesk.ui.record_model import RecordTableModel
from roidesk.ui.results_model import ResultsTableModel
from roidesk.ui.results_page import ResultsPage
from roidesk.ui.settings_page import SettingsPage
from roidesk.ui.text import tr
from roidesk.ui.valuations_page import ValuationsPage


@dataclass(frozen=True)
class Formats:
    """How the window writes values (asked when shown: the settings may change)."""

    currency: Callable[[], str]
    money: Callable[[Decimal], str]
    decimal: Callable[[Decimal], str]
    percent: Callable[[Any], str]
    count: Callable[[Any], str]
    #: how typed dates that are not ISO are read: "dmy" or "mdy"
    date_order: Callable[[], str] = lambda: "dmy"


@dataclass
class EditorPages:
    """The editor pages in sidebar order, their table models and the editors' shared choices."""

    context: specs.EditorContext
    pages: list[tuple[str, str, QWidget]] = field(default_factory=list)
    models: dict[str, RecordTableModel] = field(default_factory=dict)

    def add(self, name: str, title: str, page: QWidget) -> None:
        """Add a page (after those added before)."""
        self.pages.append((name, title, page))


class _ModelMaker:
    """Makes the table model of one editor (all share the undo stack and the formats)."""

    def __init__(self, undo_stack: QUndoStack, formats: Formats, parent: QObject) -> None:
        self.undo_stack, self.formats, self.parent = undo_stack, formats, parent

    def __call__(self, built: tuple[Any, Any]) -> RecordTableModel:
        store, columns = built
        formats = self.formats
        made = RecordTableModel(
            store,
            columns,
            self.undo_stack,
            formats.currency,
            formats.money,
            self.parent,
            formats.decimal,
            percent_text=formats.percent,
            count_text=formats.count,
        )
        made.date_order = formats.date_order
        return made


def build_editor_pages(
    workspace: Workspace,
    undo_stack: QUndoStack,
    today: Callable[[], date],
    formats: Formats,
    goal_status_text: Callable[[Any, str], str],
    parent: QObject,
) -> EditorPages:
    """Every page but the dashboard, over ``workspace``."""
    built = EditorPages(specs.EditorContext(workspace, today))
    context, model = built.context, _ModelMaker(undo_stack, formats, parent)
    built.add("plan", tr("Plan"), PlanPage(workspace, today))
    campaigns = built.models["campaigns"] = model(specs.campaign_editor(context))
    built.add(
        "campaigns",
        tr("Campaigns"),
        TablePage(
            tr("Campaigns"),
            tr("A new campaign runs three months from today; change any cell in place."),
            campaigns,
        ),
    )
    goals = built.models["goals"] = model(specs.goal_editor(context, goal_status_text))
    built.add(
        "goals",
        tr("Goals"),
        GoalsPage(
            tr("Goals"),
            tr(
                "SMART goals per campaign: move a KPI from its baseline to a target by a "
                "deadline. Progress and pace are computed from your data up to today."
            ),
            goals,
        ),
    )
    costs = built.models["costs"] = model(specs.cost_editor(context, formats.money))
    built.add(
        "costs",
        tr("Costs"),
        TablePage(
            tr("Costs"),
            tr(
                "Money or time: give an Amount, or Hours and an Hourly rate. An End date "
                "spreads a cost over days; Repeat monthly until a date for subscriptions."
            ),
            costs,
        ),
    )
    _add_results_and_returns(built, workspace, undo_stack, formats, model, parent)
    clients = built.models["clients"] = model(specs.client_editor(context))
    built.add(
        "clients",
        tr("Clients"),
        TablePage(
            tr("Clients"), tr("For agencies: group campaigns by the client they are for."), clients
        ),
    )
    built.add("experiments", tr("Experiments"), ExperimentsPage(workspace))
    built.add("imports", tr("Imports"), ImportsPage(workspace, count_text=formats.count))
    built.add("settings", tr("Settings"), SettingsPage(workspace, undo_stack))
    return built


def _add_results_and_returns(
    built: EditorPages,
    workspace: Workspace,
    undo_stack: QUndoStack,
    formats: Formats,
    model: _ModelMaker,
    parent: QObject,
) -> None:
    """Results (paged), Valuations and Other returns."""
    context = built.context
    results = ResultsTableModel(
        workspace,
        specs.result_store(context),
        specs.result_columns(context),
        undo_stack,
        formats.currency,
        formats.money,
        parent,
        count_text=formats.count,
        decimal_text=formats.decimal,
    )
    results.date_order = formats.date_order
    built.models["results"] = results
    built.add("results", tr("Results"), ResultsPage(results, context))
    valuations = built.models["valuations"] = model(specs.valuation_editor(context))
    built.add(
        "valuations",
        tr("Valuations"),
        ValuationsPage(valuations, context, formats.money, count_text=formats.count),
    )
    others = built.models["other_returns"] = model(specs.other_return_editor(context))
    built.add(
        "other_returns",
        tr("Other returns"),
        TablePage(
            tr("Other returns"),
            tr(
                "Money social media brought outside the result rows: a deal closed after a "
                "LinkedIn conversation, support cost saved."
            ),
            others,
        ),
    )


def build_dashboard(workspace: Workspace, today: Callable[[], date]) -> QWidget:
    """The dashboard page (imports pyqtgraph: built after the window's first paint)."""
    from roidesk.ui.dashboard import DashboardWidget

    return DashboardWidget(workspace, today=today, locale_hint=system_locale())
