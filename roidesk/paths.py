"""Where roidesk keeps its files by default (platformdirs)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "roidesk"


def data_dir() -> Path:
    """The per-user data folder (created on first use)."""
    folder = user_data_path(APP_NAME, appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def demo_workspace_path() -> Path:
    """Where the demo workspace opened on first start lives."""
    return data_dir() / "demo.roidesk"
