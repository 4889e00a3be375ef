"""Tests of packaging/bundle_plan.py: which Qt plugins, translations and modules are bundled."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def load(name: str) -> ModuleType:
    """Import a module from packaging/ (not a package, so by path)."""
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


plan = load("bundle_plan")


@pytest.mark.parametrize(
    ("source", "destination"),
    [
        ("/qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms"),
        ("/qt/plugins/platforms/libqwayland.so", "PySide6/Qt/plugins/platforms"),
        ("/qt/plugins/platforms/libqoffscreen.so", "PySide6/Qt/plugins/platforms"),
        ("C:/qt/plugins/platforms/qwindows.dll", "PySide6/plugins/platforms"),
        ("/qt/plugins/platforms/libqcocoa.dylib", "PySide6/Qt/plugins/platforms"),
        ("/qt/plugins/imageformats/libqsvg.so", "PySide6/Qt/plugins/imageformats"),
        (
            "/qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
            "PySide6/Qt/plugins/platforminputcontexts",
        ),
        ("/qt/plugins/styles/qmodernwindowsstyle.dll", "PySide6/plugins/styles"),
    ],
)
def test_plugins_the_app_needs_are_kept(source: str, destination: str) -> None:
    """Dropping the display back-ends, SVG or compose keys would break the app on some desktop."""
    assert plan.keep_qt_plugin(source, destination)


@pytest.mark.parametrize(
    ("source", "destination"),
    [
        ("/qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/platforms"),
        ("/qt/plugins/platforms/libqvnc.so", "PySide6/Qt/plugins/platforms"),
        ("/qt/plugins/platformthemes/libqgtk3.so", "PySide6/Qt/plugins/platformthemes"),
        ("/qt/plugins/imageformats/libqjpeg.so", "PySide6/Qt/plugins/imageformats"),
        ("/qt/plugins/tls/libqopensslbackend.so", "PySide6/Qt/plugins/tls"),
        ("/qt/plugins/generic/libqtuiotouchplugin.so", "PySide6/Qt/plugins/generic"),
    ],
)
def test_plugins_the_app_never_loads_are_dropped(source: str, destination: str) -> None:
    """Each of these costs size (qgtk3 drags in GTK's libraries) and is never loaded."""
    assert not plan.keep_qt_plugin(source, destination)


def test_translations_only_qtbase_in_our_languages() -> None:
    """Users are European: Hungarian is shipped, Japanese and Qt Help catalogues are not."""
    assert plan.keep_data("PySide6/Qt/translations/qtbase_hu.qm")
    assert plan.keep_data("PySide6/Qt/translations/qt_pl.qm")
    assert not plan.keep_data("PySide6/Qt/translations/qtbase_ja.qm")
    assert not plan.keep_data("PySide6/Qt/translations/qt_help_hu.qm")
    assert plan.keep_data("roidesk/_resources/icons/roidesk-16.png")


def test_binary_filter_touches_only_qt_plugins() -> None:
    """The post-analysis net must not drop Qt libraries or our own extension modules."""
    assert plan.keep_binary("PySide6/Qt/lib/libQt6Gui.so.6")
    assert plan.keep_binary("python_calamine/_python_calamine.so")
    assert not plan.keep_binary("PySide6/Qt/plugins/platforms/libqvnc.so")
    assert not plan.keep_binary("PySide6/plugins/imageformats/qjpeg.dll")


def test_no_test_or_build_tooling_is_bundled() -> None:
    """The bundle must not carry pytest, hypothesis or PyInstaller itself."""
    for module in ("pytest", "hypothesis", "PyInstaller", "setuptools", "pip"):
        assert module in plan.EXCLUDED_MODULES
    assert not set(plan.HIDDEN_IMPORTS) & set(plan.EXCLUDED_MODULES)


def test_spec_and_hook_are_valid_python_using_the_plan() -> None:
    """A syntax error in the spec would only show up in a 35 s build; catch it here."""
    spec = ast.parse((PACKAGING / "roidesk.spec").read_text(encoding="utf-8"))
    names = {node.id for node in ast.walk(spec) if isinstance(node, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "keep_binary", "keep_data"} <= names
    assert "__version__" in names
    strip_flags = [
        keyword.value.value
        for node in ast.walk(spec)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "strip" and isinstance(keyword.value, ast.Constant)
    ]
    assert strip_flags and not any(strip_flags), "strip=True breaks NumPy's OpenBLAS"
    hook = (PACKAGING / "hooks" / "hook-PySide6.QtGui.py").read_text(encoding="utf-8")
    assert "keep_qt_plugin" in ast.unparse(ast.parse(hook))


def test_qtopengl_binding_is_replaced_by_the_stand_in() -> None:
    """The 8.9 MB QtOpenGL binding is left out only because a runtime hook stands in for it."""
    assert "PySide6.QtOpenGL" in plan.EXCLUDED_MODULES
    assert "PySide6.QtOpenGLWidgets" in plan.HIDDEN_IMPORTS
    assert "PySide6.QtOpenGLWidgets" not in plan.EXCLUDED_MODULES
    hooks = [PACKAGING / "runtime_hooks" / name for name in plan.RUNTIME_HOOKS]
    assert hooks and all(hook.is_file() for hook in hooks)
    assert any("PySide6.QtOpenGL" in hook.read_text(encoding="utf-8") for hook in hooks)
    spec = (PACKAGING / "roidesk.spec").read_text(encoding="utf-8")
    assert "RUNTIME_HOOKS" in spec and "slim_linux_bundle" in spec
