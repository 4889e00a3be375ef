"""Smoke test of the frozen app: it starts, shows its window, and its subcommands work.

Usage (after packaging/build.sh):

    python packaging/smoke_test.py [--app dist/roidesk/roidesk] [--measure N]

Everything runs offscreen in a fresh temporary home, so the first start writes the demo
workspace exactly as on a new user's machine. A check fails on a non-zero exit, a missing
output, or any sign of a broken bundle in the output (a traceback, ModuleNotFoundError, a Qt
plugin that could not be loaded). ``--measure N`` also times N starts to a shown window, of the
frozen app and of the source checkout (``python -m roidesk``), and prints both medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOWN = "roidesk smoke test: window shown: True"
#: Output that means the bundle is broken even when the exit status says otherwise.
BROKEN_MARKERS = (
    "Traceback",
    "ModuleNotFoundError",
    "ImportError",
    "could not find or load the Qt platform plugin",
    "Could not load the Qt platform plugin",
    "Cannot load library",
    "Failed to execute script",
    "[PYI-",
)
TIMEOUT_SECONDS = 120


def default_app() -> Path:
    """Where build.sh leaves the launcher that opens the window."""
    name = "roidesk.exe" if sys.platform == "win32" else "roidesk"
    return ROOT / "dist" / "roidesk" / name


def cli_launcher(app: Path) -> Path:
    """The launcher for subcommands: on Windows the console one, elsewhere the same binary."""
    console = app.with_name("roidesk-cli.exe")
    return console if sys.platform == "win32" and console.exists() else app


def fresh_environment(home: Path) -> dict[str, str]:
    """The environment of a new user: an empty home, Qt offscreen, the smoke hook on."""
    env = dict(os.environ)
    for name in ("HOME", "USERPROFILE", "APPDATA", "LOCALAPPDATA"):
        env[name] = str(home)
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    env["XDG_CACHE_HOME"] = str(home / ".cache")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["ROIDESK_SMOKE_TEST"] = "1"
    env.pop("PYTHONPATH", None)
    return env


class SmokeFailure(Exception):
    """One check of the frozen app failed."""


def run_checked(command: Sequence[str | Path], env: dict[str, str], cwd: Path) -> str:
    """Run one command; return its stdout, or raise when it failed or looks broken."""
    shown = " ".join(str(part) for part in command)
    try:
        done = subprocess.run(
            [str(part) for part in command],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise SmokeFailure(f"{shown}: still running after {TIMEOUT_SECONDS} s") from error
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise SmokeFailure(f"{shown}: exit status {done.returncode}\n{output}")
    broken = [marker for marker in BROKEN_MARKERS if marker in output]
    if broken:
        raise SmokeFailure(f"{shown}: output shows {broken}\n{output}")
    return done.stdout


def check_window(app: Path, env: dict[str, str], work: Path) -> str:
    """No arguments on a first start: the demo workspace is written and the window shows."""
    out = run_checked([app], env, work)
    if SHOWN not in out:
        raise SmokeFailure(f"the window did not report itself shown; output:\n{out}")
    demo = list((work / "home").rglob("demo.roidesk"))
    if not demo:
        raise SmokeFailure("the first start wrote no demo workspace in the user's data folder")
    return f"window shown on a fresh demo workspace ({demo[0].relative_to(work)})"


def check_demo(cli: Path, env: dict[str, str], work: Path) -> str:
    """``demo PATH`` writes the workspace the other checks use."""
    workspace = work / "demo.roidesk"
    run_checked([cli, "demo", workspace], env, work)
    return f"demo wrote {workspace.stat().st_size} bytes"


def check_summary(cli: Path, env: dict[str, str], work: Path) -> str:
    """``summary --json`` prints one object with the figures."""
    figures = json.loads(run_checked([cli, "summary", work / "demo.roidesk", "--json"], env, work))
    if "cost" not in figures or "roi_total" not in figures:
        raise SmokeFailure(f"summary --json lacks cost/roi_total: {sorted(figures)}")
    return f"summary --json: cost {figures['cost']}, roi_total {figures['roi_total']}"


def workbook_check(command: str, *extra: str):  # type: ignore[no-untyped-def]
    """A check that ``command`` writes an xlsx workbook."""

    def check(cli: Path, env: dict[str, str], work: Path) -> str:
        target = work / f"{command}.xlsx"
        source = [work / "demo.roidesk"] if command != "template" else []
        run_checked([cli, command, *source, target, *extra], env, work)
        if not zipfile.is_zipfile(target):
            raise SmokeFailure(f"{command} wrote no xlsx workbook at {target}")
        return f"{command} wrote {target.stat().st_size} bytes"

    check.__name__ = f"check_{command}"
    return check


def check_import(cli: Path, env: dict[str, str], work: Path) -> str:
    """``import`` reads the exported workbook back into a new workspace."""
    printed = run_checked([cli, "import", work / "copy.roidesk", work / "export.xlsx"], env, work)
    last = printed.strip().splitlines()[-1:] or ["(no output)"]
    return f"import of the exported workbook: {last[0]}"


def check_big_csv_import(cli: Path, env: dict[str, str], work: Path) -> str:
    """``import`` of a platform export of 40,000 rows through the bundle's importer (a module
    the freeze left out is a ModuleNotFoundError, which fails the check): 40,000 rows of
    €1.25 each are €50,000.00."""
    export = work / "big-export.csv"
    rows = "".join(
        f"Campaign {i % 9},2025-03-{1 + i % 28:02d},1.25,{1000 + i},{i % 50}\n"
        for i in range(40_000)
    )
    export.write_text("Campaign name,Day,Amount spent (EUR),Impressions,Link clicks\n" + rows)
    printed = run_checked([cli, "import", work / "big.roidesk", export], env, work)
    if "spend €50,000.00" not in printed or "imported 40,000 rows" not in printed:
        raise SmokeFailure(f"big CSV import printed:\n{printed}")
    return "import of a 40,000-row CSV export: spend €50,000.00"


SUBCOMMAND_CHECKS = (
    check_demo,
    check_summary,
    workbook_check("export"),
    workbook_check("report"),
    workbook_check("template"),
    check_import,
    check_big_csv_import,
)


def seconds_to_window(command: Sequence[str | Path], env: dict[str, str], cwd: Path) -> float:
    """Wall time from starting the process to the window reporting itself shown."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(part) for part in command],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if SHOWN in line:
            elapsed = time.perf_counter() - start
            break
    else:
        process.wait()
        raise SmokeFailure(f"{command[0]} never showed its window")
    process.wait(timeout=TIMEOUT_SECONDS)
    return elapsed


def measure(app: Path, runs: int, env: dict[str, str], work: Path) -> list[str]:
    """Median time to a shown window: frozen app and source checkout, same workspace."""
    workspace = work / "demo.roidesk"
    commands = {
        "frozen app": [app, workspace],
        "source checkout": [sys.executable, "-m", "roidesk", workspace],
    }
    source_env = dict(env, PYTHONPATH=str(ROOT))
    lines = []
    for label, command in commands.items():
        run_env = source_env if label == "source checkout" else env
        seconds_to_window(command, run_env, work)  # warm the file cache once
        times = [seconds_to_window(command, run_env, work) for _ in range(runs)]
        lines.append(
            f"{label}: median {statistics.median(times):.3f} s to a shown window "
            f"over {runs} runs (min {min(times):.3f}, max {max(times):.3f})"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run every check; exit status 0 only when all passed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, default=default_app(), help="the frozen launcher")
    parser.add_argument("--measure", type=int, default=0, metavar="N", help="time N starts")
    args = parser.parse_args(argv)
    app = args.app.resolve()
    if not app.exists():
        print(f"smoke test: no frozen app at {app}; run packaging/build.sh first", file=sys.stderr)
        return 1
    failures = 0
    with tempfile.TemporaryDirectory(prefix="roidesk-smoke-") as folder:
        work = Path(folder)
        env = fresh_environment(work / "home")
        checks = [lambda: check_window(app, env, work)]
        checks += [lambda c=c: c(cli_launcher(app), env, work) for c in SUBCOMMAND_CHECKS]
        for check in checks:
            try:
                print(f"ok: {check()}", flush=True)
            except SmokeFailure as failure:
                failures += 1
                print(f"FAILED: {failure}", file=sys.stderr, flush=True)
        if args.measure:
            for line in measure(app, args.measure, env, work):
                print(f"time: {line}")
    if failures:
        print(f"smoke test failed: {failures} of {len(checks)} checks", file=sys.stderr)
        return 1
    print(f"smoke test passed: {len(checks)} checks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
