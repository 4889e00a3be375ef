"""Logout, shutdown or Ctrl+C end the app the normal way, so exit handlers still run."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from roidesk.app import quit_on_termination


@pytest.fixture
def restored_signals() -> Iterator[None]:
    handlers = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    yield
    signal.set_wakeup_fd(-1)
    for number, handler in handlers.items():
        signal.signal(number, handler)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_termination_signal_closes_the_windows_then_ends_the_event_loop(
    qtbot: QtBot, restored_signals: None, number: signal.Signals
) -> None:
    """The windows close (geometry saved, jobs awaited) before the loop ends; nothing is killed."""
    steps: list[str] = []
    parent = QObject()
    kept = quit_on_termination(parent, lambda: steps.append("close"), lambda: steps.append("quit"))
    os.kill(os.getpid(), number)
    qtbot.waitUntil(lambda: steps == ["close", "quit"])
    receive, send, notifier = kept
    notifier.setEnabled(False)
    receive.close()
    send.close()
