"""``secarch claims``: read a statement and check its claims about membership and structure against the
bundled data (docs/claims.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from secarch.cli._common import print_json

FILE_HELP = "Statement as a plain-text file (UTF-8, English), or - to read standard input."


def register(app: typer.Typer) -> None:
    app.command(
        "claims",
        help="Ledger of a statement: entities, principles, claims checked against the data, proposals.",
    )(claims)


def claims(
    file: str = typer.Argument(..., help=FILE_HELP, show_default=False),
    json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    md: bool = typer.Option(False, "--md", help="Markdown output."),
    architecture: str = typer.Option(
        None,
        "--architecture",
        "-a",
        help="Architecture to check against: a bundled name or a file (default: history when bundled).",
    ),
    as_of: str = typer.Option(
        None, "--as-of", help="The statement's date (ISO date or year): present-tense claims are read on it."
    ),
    patch_out: Path = typer.Option(
        None,
        "--patch-out",
        help="Write the suggested patch of the proposals to this YAML file (a new file unless --force).",
    ),
    force: bool = typer.Option(False, "--force", help="Replace the --patch-out file if it exists."),
) -> None:
    """Claim by claim: what the text asserts, which principle it invokes, and what the bundled data says."""
    from secarch.errors import InputError

    if json and md:
        raise InputError.single(
            "choose one output format", field="--json/--md", expected="at most one of them"
        )
    if patch_out is not None:
        _check_target(patch_out, force=force)
    from secarch.claims import read_statement

    text, name = _read(file)
    ledger = read_statement(text, architecture, as_of=as_of, name=name)
    if patch_out is not None:
        _write_patch(ledger.patch, patch_out)
    if json:
        print_json(ledger.as_dict())
    elif md:
        typer.echo(ledger.to_markdown(), nl=False)
    else:
        typer.echo(ledger.to_text(), nl=False)


def _read(file: str) -> tuple[str, str]:
    """The statement's text and name; every problem is an InputError."""
    import sys

    from secarch.errors import InputError

    if file == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        path = Path(file)
        if not path.exists():
            raise InputError.single(f"no such file: {file}", file=file, expected=FILE_HELP)
        if not path.is_file():
            raise InputError.single(f"{file} is not a file", file=file, expected=FILE_HELP)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError.single(f"cannot read {file}: {error.strerror}", file=file) from None
        name = path.name
    try:
        return data.decode("utf-8-sig"), name
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError.single(
            f"the text is not valid UTF-8 (byte {error.start})",
            file=name,
            line=line,
            expected="plain text encoded as UTF-8",
            hint="save the statement as UTF-8 text (e.g. `iconv -t UTF-8`), or copy it from a PDF as text",
        ) from None


def _check_target(target: Path, *, force: bool) -> None:
    """Refuse, before any work, a --patch-out that would replace a file without --force or cannot be
    written."""
    from secarch.errors import InputError

    if target.is_dir():
        raise InputError.single(
            f"{target} is a folder", field="--patch-out", expected="a YAML file name", hint="e.g. edits.yaml"
        )
    if target.exists() and not force:
        raise InputError.single(
            f"{target} exists",
            field="--patch-out",
            expected="a new file",
            hint="add --force to replace it, or choose another file name",
            kind="file_exists",
        )
    if not target.parent.is_dir():
        raise InputError.single(
            f"the folder {target.parent} does not exist",
            field="--patch-out",
            expected="a file in an existing folder",
        )


def _write_patch(patch: dict[str, object] | None, target: Path) -> None:
    from secarch.errors import InputError
    from secarch.spec import dump_yaml
    from secarch.spec.yamlio import atomic_write

    if patch is None:
        raise InputError.single(
            "the statement proposes nothing that maps onto an architecture file",
            field="--patch-out",
            hint="run without --patch-out to see the proposals and why they have no patch",
        )
    header = "# Candidate edits suggested by `secarch claims`: review every element before use.\n"
    try:
        # a failed write leaves the previous file (with --force) or none, never a truncated one
        atomic_write(target, header + dump_yaml(patch))
    except OSError as error:
        raise InputError.single(f"cannot write {target}: {error.strerror}", field="--patch-out") from None
