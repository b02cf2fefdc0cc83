"""The ``secarch`` command line: one verb per job.

Each verb lives in a small module of this package that only parses arguments, calls the Python API and
prints the result. Heavy libraries are imported inside the commands so that ``secarch --help`` is quick.

Exit codes: 0 success; 1 a check failed or found problems; 2 bad input (file, option, data).
"""

from __future__ import annotations

import sys

import typer

from secarch.cli import _common

app = typer.Typer(
    name="secarch",
    help="Write down, check, score, simulate and negotiate international security architectures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root() -> None:
    """Write down, check, score, simulate and negotiate international security architectures.

    Add --debug anywhere to see the traceback of an error.
    """


# The verb modules, in the order of `secarch --help`; each has `register(app)`. One per line, so that
# adding a verb is a one-line change.
COMMAND_MODULES = (
    "spec",
    "check",
    "score",
    "negotiate",
    "hazard",
    "simulate",
    "sweep",
    "report",
    "claims",
    "data",
    "serve",
    "info",
)


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"secarch.cli.{name}").register(app)


_register_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``secarch`` script: run the app, turn our errors into exit code 2."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if debug:
        args.remove("--debug")
    try:
        app(args=args, prog_name="secarch")
    except _common.Exit as stop:
        sys.exit(stop.code)
    except Exception as error:  # the one place where errors become exit codes
        sys.exit(_common.report_error(error, debug=debug))
