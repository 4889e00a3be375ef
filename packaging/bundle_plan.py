"""What goes into the frozen app and what stays out: pure data and filters the spec applies.

Kept apart from ``roidesk.spec`` so tests can check the rules without running PyInstaller.
The rules are deny-lists: anything not named here is kept, so a platform we did not think of
(a new Windows style plugin, say) still works rather than silently missing.
"""

from __future__ import annotations

from pathlib import PurePath

#: Python modules never bundled: test and build tooling, GUI toolkits and science stacks the
#: app does not use, and the Qt bindings for modules we leave out (QtNetwork, QtDBus).
EXCLUDED_MODULES = (
    "PyInstaller",
    "_pytest",
    "pytest",
    "pytestqt",
    "hypothesis",
    "importlinter",
    "grimp",
    "ruff",
    "setuptools",
    "pkg_resources",
    "pip",
    "wheel",
    "distutils",
    "lib2to3",
    "ensurepip",
    "idlelib",
    "tkinter",
    "_tkinter",
    "IPython",
    "matplotlib",
    "scipy",
    "pandas",
    "h5py",
    "OpenGL",
    "cupy",
    "numba",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "pyqtgraph.opengl",
    "pyqtgraph.examples",
    "pyqtgraph.jupyter",
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
    "PySide6.QtTest",
    # pyqtgraph imports it at start but uses it only with useOpenGL on (8.9 MB binding): a
    # runtime hook puts a stand-in in its place (packaging/runtime_hooks/).
    "PySide6.QtOpenGL",
    # No network: TLS is never used, and hashlib falls back to its built-in digests.
    "ssl",
    "_ssl",
    "_hashlib",
)

#: Modules imported only by name at run time (``importlib.import_module``), which
#: PyInstaller's analysis cannot see: pyqtgraph loads QtOpenGLWidgets that way (its
#: GraphicsView subclasses QOpenGLWidget) and QtSvg for SVG export.
HIDDEN_IMPORTS = ("pyqtgraph", "PySide6.QtOpenGLWidgets", "PySide6.QtSvg")

#: Runtime hooks (in packaging/runtime_hooks/), run before the entry point.
RUNTIME_HOOKS = ("pyi_rth_qtopengl_stand_in.py",)

#: Whole Qt plugin types the app never loads (embedded-Linux input and display back-ends,
#: networking, TLS, multimedia, QML tooling, SQL drivers: we use Python's sqlite3).
DROPPED_PLUGIN_TYPES = frozenset(
    {
        "egldeviceintegrations",
        "generic",
        "networkinformation",
        "tls",
        "bearer",
        "sqldrivers",
        "multimedia",
        "qmltooling",
        "qmllint",
        "position",
        "sensors",
        "texttospeech",
        "designer",
        "printsupport",
        "wayland-graphics-integration-server",
        "wayland-decoration-server",
    }
)

#: Single plugins dropped from types we otherwise keep, by file-name stem (``lib`` and the
#: suffix removed). Platforms kept: xcb, wayland, offscreen, minimal (Linux), windows, cocoa.
DROPPED_PLUGINS = frozenset(
    {
        # platforms: framebuffer, EGL-fullscreen, VNC and Vulkan-display back-ends
        "qeglfs",
        "qlinuxfb",
        "qminimalegl",
        "qvnc",
        "qvkkhrdisplay",
        "qdirect2d",
        # platformthemes: GTK3 would drag in GTK's cairo/pango/atk from the build machine
        "qgtk3",
        # imageformats: only PNG (built in), SVG and ICO are used
        "qgif",
        "qjpeg",
        "qtga",
        "qtiff",
        "qwbmp",
        "qwebp",
        "qicns",
        "qpdf",
        # wayland client integrations for protocols a desktop app does not need
        "dmabuf-server",
        "drm-egl-server",
        "shm-emulation-server",
        "vulkan-server",
        "fullscreen-shell-v1",
        "ivi-shell",
        "qt-shell",
        "wl-shell-plugin",
    }
)

#: Qt translation catalogues shipped: the standard dialogs in our users' languages.
TRANSLATION_LANGUAGES = frozenset(
    {"en", "de", "fr", "nl", "hu", "pl", "nb", "nn", "no", "da", "sv"}
)
TRANSLATION_CATALOGUES = frozenset({"qt", "qtbase"})


def plugin_stem(file_name: str) -> str:
    """The plugin's name: ``libqxcb.so`` → ``qxcb``, ``qwindows.dll`` → ``qwindows``."""
    stem = PurePath(file_name).name.split(".")[0]
    return stem.removeprefix("lib")


def keep_qt_plugin(source: str, destination: str) -> bool:
    """Whether a Qt plugin collected by the PySide6 hooks goes into the bundle."""
    plugin_type = PurePath(destination).name
    if plugin_type in DROPPED_PLUGIN_TYPES:
        return False
    return plugin_stem(source) not in DROPPED_PLUGINS


def keep_translation(file_name: str) -> bool:
    """Whether a Qt ``.qm`` catalogue is shipped (``qtbase_hu.qm`` yes, ``qt_help_hu.qm`` no)."""
    stem = PurePath(file_name).stem
    catalogue, _, language = stem.rpartition("_")
    return catalogue in TRANSLATION_CATALOGUES and language in TRANSLATION_LANGUAGES


def keep_data(destination_name: str) -> bool:
    """Whether a collected data file goes into the bundle (only Qt translations are pruned)."""
    path = PurePath(destination_name)
    if path.suffix == ".qm" and "translations" in path.parts:
        return keep_translation(path.name)
    return True


def is_qt_plugin(destination_name: str) -> bool:
    """Whether a collected binary is a Qt plugin (``PySide6/[Qt/]plugins/<type>/<file>``)."""
    parts = PurePath(destination_name).parts
    return "PySide6" in parts and "plugins" in parts[:-2]


def keep_binary(destination_name: str) -> bool:
    """Post-analysis safety net: drop Qt plugins a hook collected despite the rules."""
    if not is_qt_plugin(destination_name):
        return True
    path = PurePath(destination_name)
    return keep_qt_plugin(path.name, str(path.parent))
