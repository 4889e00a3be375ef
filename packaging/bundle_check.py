"""Entry point of a check bundle: what the size cuts could break, exercised in the frozen app.

``packaging/build.sh --check`` freezes this script with the same rules as the app
(``ROIDESK_BUNDLE_CHECK=1`` switches the entry point in roidesk.spec) and runs it. It draws a
pyqtgraph PlotWidget with a DateAxisItem, a curve and a BarGraphItem and exports it to a PNG
(pyqtgraph with the QtOpenGL stand-in), builds roidesk's own dashboard on a demo workspace
(once the checkout has one), then calls every ICU service Qt uses (collation, locale case
mapping, legacy text codecs, time zone names) on the trimmed ICU data. It prints one
``ok:`` or ``FAILED:`` line per check and exits 1 when any answer was wrong.

    python packaging/bundle_check.py OUT.png     # from a checkout: the same checks, unfrozen
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


def check_chart(png: str) -> str:
    """A bar chart over a date axis draws and exports a PNG that is not blank."""
    import pyqtgraph as pg
    from pyqtgraph.exporters import ImageExporter
    from PySide6.QtGui import QImage

    widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
    day = 86_400.0
    start = 1_767_225_600.0  # 2026-01-01 UTC
    widget.plot([start, start + day, start + 2 * day], [3.0, 1.0, 2.0], pen="r")
    widget.addItem(pg.BarGraphItem(x=[start, start + day], height=[1.0, 2.0], width=day / 2))
    widget.resize(400, 300)
    widget.show()
    pg.QtWidgets.QApplication.processEvents()
    ImageExporter(widget.plotItem).export(png)
    image = QImage(png)
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
    }
    if image.isNull() or len(colours) < 3:
        raise AssertionError(
            f"exported chart is blank: {image.width()}x{image.height()}, {len(colours)} colours"
        )
    size = f"{image.width()}x{image.height()}"
    return f"chart exported {size} PNG, {len(colours)} colours (pyqtgraph {pg.__version__})"


def check_app_dashboard(folder: str) -> str:
    """roidesk's own dashboard (pyqtgraph panels) builds and paints on a demo workspace."""
    try:
        from roidesk.ui import dashboard
        from roidesk.ui.dashboard import charts  # noqa: F401 (the pyqtgraph panels)
    except ModuleNotFoundError as missing:
        if missing.name and missing.name.startswith("roidesk.ui.dashboard"):
            return "dashboard: not in this checkout yet"
        raise AssertionError(f"dashboard import: {missing!r}") from missing
    widget_class = getattr(dashboard, "DashboardWidget", None)
    if widget_class is None:
        return "dashboard: chart module imports (no DashboardWidget yet)"
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from roidesk.storage import Workspace
    from roidesk.storage.demo import write_demo

    path = Path(folder) / "bundle-check.roidesk"
    path.unlink(missing_ok=True)
    write_demo(path)
    widget = widget_class(Workspace.open(path))
    widget.resize(1000, 700)
    widget.show()
    for _ in range(20):
        QApplication.processEvents()
    QThreadPool.globalInstance().waitForDone(30_000)  # the dashboard computes in workers
    for _ in range(20):
        QApplication.processEvents()
    png = Path(folder) / "bundle-check-dashboard.png"
    if not widget.grab().save(str(png)):
        raise AssertionError("the dashboard could not be grabbed to a PNG")
    return f"dashboard built on the demo workspace and painted ({png.stat().st_size} bytes PNG)"


def check_collation() -> str:
    """QCollator (ICU collation): Swedish sorts ö after z, German before it."""
    from PySide6.QtCore import QCollator, QLocale

    swedish = QCollator(QLocale("sv_SE")).compare("ö", "z")
    german = QCollator(QLocale("de_DE")).compare("ö", "z")
    if not (swedish > 0 > german):
        raise AssertionError(f"collation: sv ö-z {swedish}, de ö-z {german}")
    return "collation: sv puts ö after z, de before it"


def check_case_mapping() -> str:
    """QLocale.toUpper (ICU case mapping): Turkish dotted i."""
    from PySide6.QtCore import QLocale

    upper = QLocale("tr_TR").toUpper("istanbul")
    if upper != "İSTANBUL":
        raise AssertionError(f"Turkish upper case of 'istanbul' is {upper!r}")
    return "case mapping: tr upper-cases i to İ"


def check_codecs() -> str:
    """QStringDecoder opens ICU converters (it loads their tables) for legacy European codecs."""
    from PySide6.QtCore import QStringDecoder

    names = ("ISO-8859-2", "windows-1250", "windows-1252", "IBM850")
    invalid = [name for name in names if not QStringDecoder(name).isValid()]
    if invalid:
        raise AssertionError(f"no ICU converter for {invalid}")
    return f"codecs: {', '.join(names)} open"


def check_time_zone_names() -> str:
    """QTimeZone.displayName (ICU time zone names)."""
    from PySide6.QtCore import QLocale, QTimeZone

    zone = QTimeZone(b"Europe/Budapest")
    name = zone.displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("en_GB")
    )
    if name != "Central European Standard Time":
        raise AssertionError(f"Europe/Budapest standard time is called {name!r}")
    return f"time zone name: {name}"


def main(argv: list[str]) -> int:
    """Run every check; exit status 1 when any failed."""
    from PySide6.QtWidgets import QApplication

    app = QApplication(argv[:1])  # noqa: F841 (keeps the application alive)
    png = argv[1] if len(argv) > 1 else "bundle-check.png"
    Path(png).resolve().parent.mkdir(parents=True, exist_ok=True)
    checks: list[Callable[[], str]] = [
        lambda: check_chart(png),
        lambda: check_app_dashboard(str(Path(png).resolve().parent)),
        check_collation,
        check_case_mapping,
        check_codecs,
        check_time_zone_names,
    ]
    failures = 0
    for check in checks:
        try:
            print(f"ok: {check()}", flush=True)
        except AssertionError as failure:
            failures += 1
            print(f"FAILED: {failure}", flush=True)
    if failures:
        print(f"bundle check failed: {failures} of {len(checks)} checks", flush=True)
        return 1
    print(f"bundle check passed: {len(checks)} checks", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
