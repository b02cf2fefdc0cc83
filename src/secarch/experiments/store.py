"""The result store: a folder with the manifest, the design and the results, written batch by batch.

Layout of a sweep folder::

    manifest.json     the plan: the full experiment, its file's text, the seed, the cases' fingerprints,
                      the parameter space, the outputs, the task size, the plan's fingerprint
    design.parquet    one row per design point: point, unit coordinates (u:<name>) and values
    tasks.jsonl       one line per finished task: id, rows, seconds (wall), cpu_seconds, worker, time (a log
                      for status and the time left)
    batches/          Parquet format: one file per finished task (c<case>-p<point>-r<replication>.parquet)
    results.duckdb    DuckDB format: table ``results`` (the rows) and table ``done`` (the finished tasks)

Result rows: ``architecture``, ``point``, ``replication``, the varied parameters' values, the outputs.

Crash safety: a Parquet batch is written to a temporary file and renamed into place, so a file under
``batches/`` is always complete; a DuckDB batch and its ``done`` row are inserted in one transaction. Either
way, the finished tasks are exactly those whose rows are stored, and a resumed sweep runs the others.
Nothing holds more than one batch in memory; readers stream batch by batch (:meth:`ResultStore.iter_tables`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secarch.errors import InputError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from secarch.experiments.plan import Plan
    from secarch.experiments.worker import TaskResult

MANIFEST = "manifest.json"
DESIGN = "design.parquet"
LOG = "tasks.jsonl"
BATCHES = "batches"
DUCKDB_FILE = "results.duckdb"
FORMATS = ("parquet", "duckdb")
MANIFEST_VERSION = 1


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".tmp-{path.name}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def to_arrow(columns: dict[str, Any]) -> pa.Table:
    """Columns (NumPy arrays) as an Arrow table; text columns become strings."""
    import numpy as np
    import pyarrow as pa

    arrays = {}
    for name, values in columns.items():
        array = np.asarray(values)
        if array.dtype == object or array.dtype.kind == "U":
            arrays[name] = pa.array(array.astype(str).tolist(), type=pa.string())
        else:
            arrays[name] = pa.array(array)
    return pa.table(arrays)


class ResultStore(ABC):
    """A sweep folder (see the module docstring). Open one with :func:`open_store` or :func:`create_store`."""

    format = ""

    def __init__(self, path: Path, manifest: dict[str, Any]) -> None:
        self.path = path
        self.manifest = manifest

    # -- the plan ---------------------------------------------------------------------------------------
    @property
    def key(self) -> str:
        return str(self.manifest["key"])

    @property
    def n_tasks(self) -> int:
        return int(self.manifest["plan"]["task"]["count"])

    @property
    def outputs(self) -> list[str]:
        return list(self.manifest["plan"]["outputs"])

    @property
    def parameter_names(self) -> list[str]:
        return [p["name"] for p in self.manifest["plan"]["parameters"]]

    @property
    def case_names(self) -> list[str]:
        return [c["name"] for c in self.manifest["plan"]["cases"]]

    def design(self) -> pd.DataFrame:
        """One row per design point: point, unit coordinates ``u:<name>`` and values."""
        import pandas as pd

        frame: pd.DataFrame = pd.read_parquet(self.path / DESIGN)
        return frame

    # -- progress ---------------------------------------------------------------------------------------
    @abstractmethod
    def done(self) -> set[str]:
        """Ids of the finished tasks."""
        ...

    def log(self) -> list[dict[str, Any]]:
        """The finished tasks' log lines, in the order they finished."""
        return read_log(self.path)

    def _append_log(self, result: TaskResult) -> None:
        record = {
            "task": result.task.id,
            "rows": result.rows,
            "seconds": round(result.seconds, 6),
            "cpu_seconds": round(result.cpu_seconds, 6),
            "worker": result.worker,
            "finished": _now(),
        }
        with open(self.path / LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")

    # -- rows -------------------------------------------------------------------------------------------
    @abstractmethod
    def write(self, result: TaskResult) -> None: ...

    @abstractmethod
    def iter_tables(self, columns: Sequence[str] | None = None) -> Iterator[pa.Table]:
        """The stored rows, one Arrow table at a time (in no particular order)."""
        ...

    def read_frame(self) -> pd.DataFrame:
        """All rows as one DataFrame, sorted by architecture (in the experiment's order), point and
        replication. For small sweeps and tests; large sweeps should use :meth:`iter_tables`."""
        import pandas as pd
        import pyarrow as pa

        tables = list(self.iter_tables())
        if not tables:
            return pd.DataFrame()
        frame: pd.DataFrame = pa.concat_tables(tables).to_pandas()
        order = {name: i for i, name in enumerate(self.case_names)}
        frame["_case"] = frame["architecture"].map(order)
        frame = frame.sort_values(["_case", "point", "replication"], kind="stable").drop(columns="_case")
        return frame.reset_index(drop=True)

    def close(self) -> None:
        """Release files (DuckDB: the database connection); nothing to release by default."""
        return None

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ParquetStore(ResultStore):
    """Results as a Parquet dataset: one file per finished task under ``batches/``."""

    format = "parquet"

    def __init__(self, path: Path, manifest: dict[str, Any]) -> None:
        super().__init__(path, manifest)
        self.batches = path / BATCHES
        self.batches.mkdir(exist_ok=True)
        for stale in self.batches.glob(".tmp-*"):  # left by a crash in the middle of a write
            stale.unlink(missing_ok=True)

    def _batch_files(self) -> list[Path]:
        """The finished batches (a write in progress is a hidden ``.tmp-*`` file until it is renamed)."""
        return sorted(p for p in self.batches.glob("*.parquet") if not p.name.startswith("."))

    def done(self) -> set[str]:
        return {p.stem for p in self._batch_files()}

    def write(self, result: TaskResult) -> None:
        import pyarrow.parquet as pq

        final = self.batches / f"{result.task.id}.parquet"
        tmp = self.batches / f".tmp-{result.task.id}.parquet"
        try:
            pq.write_table(to_arrow(result.columns), tmp)
            os.replace(tmp, final)
        except BaseException:
            # an interrupt (Ctrl-C) or an error mid-write leaves no partial file behind
            tmp.unlink(missing_ok=True)
            raise
        self._append_log(result)

    def iter_tables(self, columns: Sequence[str] | None = None) -> Iterator[pa.Table]:
        import pyarrow.parquet as pq

        for file in self._batch_files():
            yield pq.read_table(file, columns=list(columns) if columns is not None else None)


class DuckDBStore(ResultStore):
    """Results in one DuckDB file: table ``results`` and table ``done``, one transaction per task."""

    format = "duckdb"

    def __init__(self, path: Path, manifest: dict[str, Any], *, read_only: bool = False) -> None:
        super().__init__(path, manifest)
        import duckdb

        file = path / DUCKDB_FILE
        if read_only and not file.exists():
            read_only = False
        try:
            self.connection = duckdb.connect(str(file), read_only=read_only)
        except duckdb.IOException as error:
            raise InputError.single(
                f"cannot open {file}: {error}",
                file=file,
                hint="another process (a running sweep?) has it open; `secarch sweep status` works meanwhile",
            ) from None
        if not read_only:
            self.connection.execute(
                "CREATE TABLE IF NOT EXISTS done (task VARCHAR PRIMARY KEY, rows BIGINT, seconds DOUBLE, "
                "worker VARCHAR, finished VARCHAR)"
            )

    def done(self) -> set[str]:
        return {row[0] for row in self.connection.execute("SELECT task FROM done").fetchall()}

    def _has_results(self) -> bool:
        found = self.connection.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'results'"
        ).fetchall()  # fetch every row: DuckDB 2 refuses new work while a result is unfinished
        return bool(found and found[0][0])

    def write(self, result: TaskResult) -> None:
        table = to_arrow(result.columns)
        con = self.connection
        con.register("batch_rows", table)
        try:
            con.execute("BEGIN TRANSACTION")
            if not self._has_results():
                con.execute("CREATE TABLE results AS SELECT * FROM batch_rows LIMIT 0")
            con.execute("INSERT INTO results BY NAME SELECT * FROM batch_rows")
            con.execute(
                "INSERT INTO done VALUES (?, ?, ?, ?, ?)",
                [result.task.id, result.rows, result.seconds, result.worker, _now()],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("batch_rows")
        self._append_log(result)

    def iter_tables(self, columns: Sequence[str] | None = None) -> Iterator[pa.Table]:
        import pyarrow as pa

        if not self._has_results():
            return
        selected = "*" if columns is None else ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
        relation: Any = self.connection.sql(f"SELECT {selected} FROM results")
        # the streaming reader is to_arrow_reader in DuckDB 2, fetch_arrow_reader in 1.x
        stream = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
        reader = stream(65536)
        for batch in reader:
            yield pa.Table.from_batches([batch])

    def close(self) -> None:
        self.connection.close()


def read_log(folder: Path) -> list[dict[str, Any]]:
    """The log lines of a sweep folder (``tasks.jsonl``); a line cut short by a crash is skipped."""
    path = folder / LOG
    if not path.is_file():
        return []
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            lines.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return lines


def read_manifest(path: Path) -> dict[str, Any] | None:
    file = path / MANIFEST
    if not file.is_file():
        return None
    try:
        manifest: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InputError.single(f"{file} is not valid JSON: {error}", file=file) from None
    if manifest.get("version") != MANIFEST_VERSION or "key" not in manifest:
        raise InputError.single(
            f"{file} is not a secarch sweep manifest (version {MANIFEST_VERSION})", file=file
        )
    return manifest


def _make(path: Path, manifest: dict[str, Any], *, read_only: bool = False) -> ResultStore:
    if manifest["format"] == "duckdb":
        return DuckDBStore(path, manifest, read_only=read_only)
    return ParquetStore(path, manifest)


def open_store(path: str | Path, *, read_only: bool = True) -> ResultStore:
    """Open an existing sweep folder."""
    folder = Path(path)
    manifest = read_manifest(folder)
    if manifest is None:
        raise InputError.single(
            f"{folder} is not a sweep folder (no {MANIFEST})",
            file=folder,
            hint="give the --out folder of `secarch sweep run`",
        )
    return _make(folder, manifest, read_only=read_only)


def recorded_seed(path: str | Path) -> int | None:
    """The seed recorded in a sweep folder's manifest, if there is one."""
    manifest = read_manifest(Path(path))
    return None if manifest is None else int(manifest["plan"]["seed"]["entropy"])


def create_store(path: str | Path, plan: Plan, store_format: str = "parquet") -> ResultStore:
    """Open the sweep folder for ``plan``: create it, or reopen it to resume when it holds the same plan.

    A folder that holds another plan (a different experiment, seed, architecture content or task size) is an
    error: its rows could not be mixed with the new ones.
    """
    from secarch import __version__

    if store_format not in FORMATS:
        raise InputError.single(
            f"unknown store format {store_format!r}", field="--format", expected=" | ".join(FORMATS)
        )
    folder = Path(path)
    existing = read_manifest(folder) if folder.is_dir() else None
    if existing is not None:
        if existing["key"] != plan.key:
            raise InputError.single(
                f"{folder} holds another sweep ({existing['plan']['experiment']['name']!r}, another plan)",
                file=folder,
                hint="choose a new --out folder; a sweep resumes only with the same experiment, seed and "
                "architectures",
            )
        if existing["format"] != store_format:
            raise InputError.single(
                f"{folder} stores its results as {existing['format']}, not {store_format}",
                field="--format",
                hint=f"resume with --format {existing['format']}",
            )
        return _make(folder, existing)
    leftovers = {DESIGN, f".tmp-{DESIGN}", f".tmp-{MANIFEST}"}  # of a creation cut short
    if folder.exists() and (not folder.is_dir() or any(p.name not in leftovers for p in folder.iterdir())):
        raise InputError.single(
            f"{folder} exists and is not an empty folder or a sweep folder",
            file=folder,
            hint="choose a new --out",
        )
    folder.mkdir(parents=True, exist_ok=True)
    _write_design(folder / DESIGN, plan)
    manifest = {
        "version": MANIFEST_VERSION,
        "key": plan.key,
        "format": store_format,
        "created": _now(),
        "secarch": __version__,
        "plan": plan.description(),
        "experiment_text": plan.text,
    }
    _write_atomic(folder / MANIFEST, json.dumps(manifest, indent=2, default=str).encode("utf-8"))
    return _make(folder, manifest)


def _write_design(path: Path, plan: Plan) -> None:
    import numpy as np
    import pyarrow.parquet as pq

    design = plan.design
    columns: dict[str, Any] = {"point": np.arange(design.n_points, dtype=np.int64)}
    for index, name in enumerate(design.names):
        columns[f"u:{name}"] = design.unit[:, index]
    for name in design.names:
        columns[name] = design.values[name]
    tmp = path.with_name(f".tmp-{path.name}")
    pq.write_table(to_arrow(columns), tmp)
    os.replace(tmp, path)
