"""Runtime hook of the frozen app: a stand-in for PySide6.QtOpenGL, which is left out (8.9 MB).

pyqtgraph imports PySide6.QtOpenGL when it loads (``importlib.import_module`` in
``Qt/OpenGLHelpers.py``, ``PlotCurveItem.py`` and ``PColorMeshItem.py``) but touches its classes
only when OpenGL drawing is switched on (``useOpenGL``), which roidesk never does. This module
object satisfies the import; any use of a QtOpenGL class raises an AttributeError saying why.
The real QtOpenGLWidgets binding stays in the bundle (it does not need the QtOpenGL binding).
"""

import sys
import types

LEFT_OUT = "PySide6.QtOpenGL"


class _LeftOutModule(types.ModuleType):
    """Imports fine; every attribute lookup explains that QtOpenGL is not bundled."""

    def __getattr__(self, name: str) -> object:
        raise AttributeError(
            f"{LEFT_OUT}.{name}: QtOpenGL is left out of the roidesk bundle "
            "(pyqtgraph's useOpenGL must stay off)"
        )


if LEFT_OUT not in sys.modules:
    sys.modules[LEFT_OUT] = _LeftOutModule(LEFT_OUT)
