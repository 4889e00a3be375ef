"""The dashboard page (imports pyqtgraph: the main window loads it after the first paint)."""

from roidesk.ui.dashboard.widget import DashboardWidget

__all__ = ["DashboardWidget"]
