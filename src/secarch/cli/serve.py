"""``secarch serve``: the local web application (docs/web.md)."""

from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    app.command("serve", help="Run the web application: browse, edit, run and compare architectures.")(serve)


def serve(
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on (default: this machine only)."
    ),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    data_dir: Path = typer.Option(
        Path("secarch-data"), "--data-dir", help="Folder of the database (your architectures and results)."
    ),
    max_jobs: int = typer.Option(
        None, "--max-jobs", help="Jobs running at once (default: one per core, ≥ 2)."
    ),
) -> None:
    """Serve until interrupted (Ctrl-C); finished results are kept in DATA_DIR/secarch.db."""
    from secarch.errors import InputError

    if not 0 < port < 65536:
        raise InputError.single(f"bad --port {port}", field="--port", expected="a port number 1–65535")
    if max_jobs is not None and max_jobs < 1:
        raise InputError.single(f"bad --max-jobs {max_jobs}", field="--max-jobs", expected="1 or more")
    try:
        import uvicorn

        from secarch.web import WebSettings, create_app
    except ImportError as error:
        raise InputError.single(
            f"the web application needs the `web` extra ({error.name} is missing)",
            field="serve",
            hint="pip install 'secarch[web]'",
        ) from None
    settings = WebSettings(data_dir=data_dir)
    if max_jobs is not None:
        settings = WebSettings(data_dir=data_dir, max_running_jobs=max_jobs)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(
            f"warning: listening on {host}: the application has no user accounts; anyone who can reach this "
            "address can read and change its architectures",
            err=True,
        )
    typer.echo(f"secarch web application on http://{host}:{port}/ (data in {data_dir}); Ctrl-C to stop")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
