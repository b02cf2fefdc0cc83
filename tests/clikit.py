"""Running the command line in the tests: in this process (output captured by pytest's ``capsys``), or in a
fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

from secarch.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``secarch ARGS`` in this process: (exit code, standard output, standard error)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as stop:
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_cli_process(*args: str) -> subprocess.CompletedProcess[str]:
    """``secarch ARGS`` in a fresh Python process (for what must not leak into the test process)."""
    return subprocess.run(
        [sys.executable, "-c", "from secarch.cli import main; main()", *args],
        capture_output=True,
        text=True,
    )
