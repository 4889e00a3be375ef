"""Replaces PyInstaller's hook for PySide6.QtGui: the same collection, minus unused plugins.

Filtering here, before PyInstaller analyses binary dependencies, also keeps out the system
libraries only those plugins need (GTK's cairo, pango and atk for the gtk3 theme, say).
"""

from bundle_plan import keep_qt_plugin
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, target) for source, target in binaries if keep_qt_plugin(source, target)]
