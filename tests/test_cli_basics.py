"""The CLI answers quickly and maps errors to exit codes."""

from __future__ import annotations

import subprocess
import sys

from secarch import __version__
from secarch.cli import main


def test_version(capsys):
    try:
        main(["version"])
    except SystemExit as stop:
        assert stop.code in (0, None)
    assert capsys.readouterr().out.strip() == __version__


def test_help_imports_no_heavy_libraries():
    # `secarch --help` must stay quick: none of the heavy libraries may be imported to show it.
    code = (
        "import sys\n"
        "from secarch.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('numpy', 'pandas', 'scipy', 'fastapi', 'dask', 'numba') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "HEAVY="
