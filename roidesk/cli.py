"""The ``roidesk`` command: no subcommand opens the window; subcommands serve scripts.

Every subcommand imports only what it needs, so ``roidesk summary`` never loads Qt or openpyxl.
Bad input ends with a message on stderr naming file, sheet, row, column and reason, and exit
status 1 — never a traceback.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from roidesk import __version__
from roidesk.core.problems import InputError

BREAKDOWNS = ("campaign", "platform", "month", "category")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="roidesk",
        description="What your social media marketing really returns. "
        "Without a subcommand, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"roidesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="write the demo workspace")
    demo.add_argument("path", type=Path)

    imp = sub.add_parser("import", help="import spreadsheets into a workspace (created if missing)")
    imp.add_argument("path", type=Path)
    imp.add_argument("files", type=Path, nargs="+")
    imp.add_argument("--platform", help="the platform of a platform export, where not detected")
    imp.add_argument("--campaign", help="campaign for rows that name none")
    imp.add_argument(
        "--date-order",
        choices=("dmy", "mdy", "ymd"),
        help="day/month order of text dates, where a column is ambiguous",
    )
    imp.add_argument(
        "--replace",
        action="store_true",
        help="replace an earlier import of the same file instead of refusing it",
    )
    imp.add_argument(
        "--source",
        choices=("paid", "organic"),
        help="store every result as paid or organic instead of what the export tells",
    )
    imp.add_argument(
        "--whole-site",
        action="store_true",
        help="an analytics export without channel or source column is all social traffic",
    )
    imp.add_argument(
        "--from",
        dest="start",
        type=_iso_date,
        metavar="D",
        help="first day of the report period, for a file whose rows have no dates",
    )
    imp.add_argument(
        "--to",
        dest="end",
        type=_iso_date,
        metavar="D",
        help="last day of the report period, for a file whose rows have no dates",
    )

    exp = sub.add_parser("export", help="write the workspace workbook")
    exp.add_argument("path", type=Path)
    exp.add_argument("out", type=Path)

    tpl = sub.add_parser("template", help="write the blank template workbook")
    tpl.add_argument("out", type=Path)

    summary = sub.add_parser("summary", help="print the figures")
    summary.add_argument("path", type=Path)
    _period_options(summary)
    summary.add_argument("--campaign")
    summary.add_argument("--platform")
    summary.add_argument("--content-type")
    summary.add_argument("--by", choices=BREAKDOWNS)
    summary.add_argument("--json", action="store_true", help="machine-readable output")

    report = sub.add_parser(
        "report",
        help="write the client report: OUT.xlsx (workbook) or OUT.pdf (designed document); "
        "with --each-client, one per client for last month into the folder OUT",
    )
    report.add_argument("path", type=Path)
    report.add_argument("out", type=Path)
    _period_options(report)
    report.add_argument(
        "--each-client",
        action="store_true",
        help="write one report per client for last month into the folder OUT",
    )
    report.add_argument(
        "--format",
        choices=("pdf", "xlsx"),
        help="pdf or xlsx (default: the ending of OUT; with --each-client: pdf)",
    )
    report.add_argument(
        "--plan-budget",
        action="append",
        default=[],
        metavar="PLATFORM=AMOUNT",
        help="add a 'Next month' sheet: the planner's month for this monthly advertising "
        "budget (repeat per platform; the workbook only, the whole workspace)",
    )

    from roidesk.cli_plan import add_parsers as add_plan_parsers

    add_plan_parsers(sub, _iso_date)

    from roidesk.cli_compare import add_parser as add_compare_parser

    add_compare_parser(sub, _iso_date)

    repair = sub.add_parser(
        "repair",
        help="remove the triggers, views and indexes another program added to a workspace "
        "(after a backup)",
    )
    repair.add_argument("path", type=Path)

    window = sub.add_parser("open", help="open the window (the default)")
    window.add_argument("path", type=Path, nargs="?")
    return parser


def _period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=_iso_date, metavar="D")
    parser.add_argument("--to", dest="end", type=_iso_date, metavar="D")
    parser.add_argument("--client")


def _open_existing(path: Path):  # type: ignore[no-untyped-def]
    from roidesk.storage import Workspace

    workspace = Workspace.open(path)
    if workspace.notice:  # a development build's file converted: say so, once
        print(workspace.notice, file=sys.stderr)
    return workspace


def _open_for_writing(path: Path, *, create: bool = False):  # type: ignore[no-untyped-def]
    """Open ``path`` for a command that writes to it: a read-only file is refused at once,
    before any input is read."""
    from roidesk.storage import Workspace
    from roidesk.storage.errors import ReadOnlyWorkspace

    workspace = Workspace.open(path, create=create)
    if workspace.read_only:
        workspace.close()
        raise ReadOnlyWorkspace(path)
    return workspace


def _refuse_read_only_target(path: Path) -> None:
    """Refuse to replace a workspace file that cannot be written (as the window would)."""
    from roidesk.storage.errors import ReadOnlyWorkspace
    from roidesk.storage.opening import can_write

    if path.is_file() and not can_write(path):
        raise ReadOnlyWorkspace(path)


def _repair(path: Path) -> int:
    from roidesk.storage.opening import drop_foreign_objects

    done = drop_foreign_objects(path)
    for line in done:
        print(f"{path}: {line}")
    print(f"{path}: repaired" if done else f"{path}: nothing to repair")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from roidesk.storage.demo import write_demo

    _refuse_read_only_target(args.path)
    write_demo(args.path)
    print(f"wrote the demo workspace to {args.path}")
    return 0


def _template(args: argparse.Namespace) -> int:
    from roidesk.sheets.workbook import write_template

    write_template(args.out)
    print(f"wrote the blank template to {args.out}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from roidesk.sheets.workbook import export_workbook

    with _open_existing(args.path) as workspace:
        written = export_workbook(workspace, args.out)
    print(f"wrote {args.out}")
    for note in written.notes():
        print(note)
    return 0


def _import(args: argparse.Namespace) -> int:
    from roidesk.sheets.importing import ImportOptions, import_files

    options = ImportOptions(
        platform=args.platform,
        campaign=args.campaign,
        date_order=args.date_order,
        replace=args.replace,
        source=args.source,
        whole_site=args.whole_site,
        period=(args.start, args.end) if args.start or args.end else None,
    )
    with _open_for_writing(args.path, create=True) as workspace:
        for line in import_files(workspace, args.files, options):
            print(line)
    return 0


def _summary(args: argparse.Namespace) -> int:
    from roidesk.cli_summary import print_summary

    with _open_existing(args.path) as workspace:
        print_summary(workspace, args)
    return 0


def _report(args: argparse.Namespace) -> int:
    from roidesk.cli_report import run_report

    with _open_existing(args.path) as workspace:
        reports = run_report(workspace, args)
    for path in reports:
        print(f"wrote {path}")
    return 0


def _plan(args: argparse.Namespace) -> int:
    from roidesk.cli_plan import print_plan

    with _open_existing(args.path) as workspace:
        print_plan(workspace, args)
    return 0


def _compare(args: argparse.Namespace) -> int:
    from roidesk.cli_compare import print_compare

    with _open_existing(args.path) as workspace:
        print_compare(workspace, args)
    return 0


def _benchmarks(args: argparse.Namespace) -> int:
    from roidesk.cli_plan import print_benchmarks

    print_benchmarks(args)
    return 0


def _open_window(args: argparse.Namespace) -> int:
    from roidesk.app import run_app

    return run_app(getattr(args, "path", None))


#: What each subcommand runs (anything else opens the window).
_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _demo,
    "template": _template,
    "export": _export,
    "import": _import,
    "summary": _summary,
    "report": _report,
    "plan": _plan,
    "benchmarks": _benchmarks,
    "compare": _compare,
    "repair": lambda args: _repair(args.path),
}


def run(args: argparse.Namespace) -> int:
    """Carry out one parsed command; returns the exit status."""
    return _COMMANDS.get(args.command, _open_window)(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``roidesk`` command."""
    from roidesk.storage import WorkspaceError

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-") and argv[0] not in _subcommands():
        argv = ["open", *argv]  # ``roidesk PATH`` opens PATH in the window
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except (InputError, WorkspaceError) as error:
        print(f"roidesk: {error}{_advice(error)}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"roidesk: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 1
    except sqlite3.Error as error:  # a file problem storage did not foresee: still one line
        where = getattr(args, "path", None) or "workspace"
        print(f"roidesk: {where}: {error}", file=sys.stderr)
        return 1


def _advice(error: Exception) -> str:
    """What the command line adds to a refusal: the command that repairs an altered file."""
    from roidesk.storage.errors import AlteredWorkspace

    if isinstance(error, AlteredWorkspace) and error.repairable:
        return f" Run: roidesk repair {error.path}"
    return ""


def _subcommands() -> set[str]:
    return {
        "demo",
        "import",
        "export",
        "template",
        "summary",
        "report",
        "repair",
        "open",
        "plan",
        "benchmarks",
        "compare",
    }


if __name__ == "__main__":
    raise SystemExit(main())
