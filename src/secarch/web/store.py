"""Persistence of the web application: the user's architectures, their unsaved drafts and the jobs with
their results, in one SQLite database (``secarch.db``) inside the data directory.

SQLite (Python's ``sqlite3``) in WAL mode: one file, no server, safe across restarts; every write is one
committed transaction, so a restart keeps everything that had finished. The schema is created on first use
and versioned with ``PRAGMA user_version``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS architectures (
    name TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS drafts (
    name TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    architectures TEXT NOT NULL,
    params TEXT NOT NULL,
    size INTEGER NOT NULL,
    status TEXT NOT NULL,
    progress REAL NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    started TEXT,
    finished TEXT,
    result TEXT,
    error TEXT
);
CREATE INDEX IF NOT EXISTS jobs_created ON jobs (created);
"""

FINAL_STATUSES = ("done", "failed", "cancelled", "interrupted")
"""Statuses of a job that will not change any more."""


def now() -> str:
    """The current time in UTC, ISO 8601 with seconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class StoredArchitecture:
    name: str
    text: str
    created: str
    updated: str


@dataclass(frozen=True)
class JobRecord:
    """One job as stored: what was asked, its state, and (when finished) its result or error."""

    id: str
    kind: str
    architectures: list[str]
    params: dict[str, Any]
    size: int
    status: str
    progress: float
    message: str
    created: str
    started: str | None
    finished: str | None
    result: dict[str, Any] | None
    error: dict[str, Any] | None

    @property
    def final(self) -> bool:
        return self.status in FINAL_STATUSES

    def as_dict(self, *, with_result: bool = False) -> dict[str, Any]:
        """Every field in order, the result (last) only when asked for: it can be large."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "result"}
        if with_result:
            data["result"] = self.result
        return data


class Store:
    """The database of one data directory. Thread-safe: one connection, serialised by a lock (SQLite
    writes are serial anyway, and every operation here is short)."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / "secarch.db"
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path} was written by a newer secarch (schema {version} > {SCHEMA_VERSION})"
            )
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # -- architectures -------------------------------------------------------------------------------
    def architecture_names(self) -> list[str]:
        return [row["name"] for row in self._query("SELECT name FROM architectures ORDER BY name")]

    def count_architectures(self) -> int:
        return int(self._query("SELECT COUNT(*) AS n FROM architectures")[0]["n"])

    def get_architecture(self, name: str) -> StoredArchitecture | None:
        rows = self._query("SELECT * FROM architectures WHERE name = ?", (name,))
        return StoredArchitecture(**dict(rows[0])) if rows else None

    def put_architecture(self, name: str, text: str) -> None:
        """Insert or replace an architecture; its draft (if any) is dropped, since it is now saved."""
        stamp = now()
        with self._tx() as db:
            db.execute(
                "INSERT INTO architectures (name, text, created, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET text = excluded.text, updated = excluded.updated",
                (name, text, stamp, stamp),
            )
            db.execute("DELETE FROM drafts WHERE name = ?", (name,))

    def delete_architecture(self, name: str) -> bool:
        with self._tx() as db:
            deleted = db.execute("DELETE FROM architectures WHERE name = ?", (name,)).rowcount
            db.execute("DELETE FROM drafts WHERE name = ?", (name,))
        return bool(deleted)

    # -- drafts: text that did not validate, kept so that nothing the user typed is lost -------------
    def get_draft(self, name: str) -> str | None:
        rows = self._query("SELECT text FROM drafts WHERE name = ?", (name,))
        return str(rows[0]["text"]) if rows else None

    def draft_names(self) -> list[str]:
        return [row["name"] for row in self._query("SELECT name FROM drafts ORDER BY name")]

    def put_draft(self, name: str, text: str) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO drafts (name, text, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET text = excluded.text, updated = excluded.updated",
                (name, text, now()),
            )

    def delete_draft(self, name: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM drafts WHERE name = ?", (name,))

    # -- jobs ------------------------------------------------------------------------------------------
    def add_job(
        self, job_id: str, kind: str, architectures: list[str], params: dict[str, Any], size: int
    ) -> JobRecord:
        with self._tx() as db:
            db.execute(
                "INSERT INTO jobs (id, kind, architectures, params, size, status, created) "
                "VALUES (?, ?, ?, ?, ?, 'queued', ?)",
                (job_id, kind, json.dumps(architectures), json.dumps(params), size, now()),
            )
        job = self.get_job(job_id)
        assert job is not None
        return job

    def update_job(self, job_id: str, **fields: Any) -> None:
        """Set columns of a job; ``result`` and ``error`` are stored as JSON (a string is taken to be JSON
        text already)."""
        allowed = {"status", "progress", "message", "started", "finished", "result", "error"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"not job columns: {sorted(unknown)}")
        values = [
            json.dumps(v) if k in ("result", "error") and not isinstance(v, str | None) else v
            for k, v in fields.items()
        ]
        assignments = ", ".join(f"{key} = ?" for key in fields)
        with self._tx() as db:
            db.execute(f"UPDATE jobs SET {assignments} WHERE id = ?", (*values, job_id))

    def get_job(self, job_id: str, *, with_result: bool = True) -> JobRecord | None:
        columns = "*" if with_result else "id, kind, architectures, params, size, status, progress, message, "
        if not with_result:
            columns += "created, started, finished, NULL AS result, error"
        rows = self._query(f"SELECT {columns} FROM jobs WHERE id = ?", (job_id,))
        return _job(rows[0]) if rows else None

    def list_jobs(self, limit: int = 100) -> list[JobRecord]:
        rows = self._query(
            "SELECT id, kind, architectures, params, size, status, progress, message, created, started, "
            "finished, NULL AS result, error FROM jobs ORDER BY created DESC, rowid DESC LIMIT ?",
            (limit,),
        )
        return [_job(row) for row in rows]

    def interrupt_unfinished(self) -> int:
        """Mark jobs left queued or running by a previous server as interrupted (at start-up)."""
        with self._tx() as db:
            return db.execute(
                "UPDATE jobs SET status = 'interrupted', finished = ?, "
                "message = 'the server stopped before this job finished; run it again' "
                "WHERE status IN ('queued', 'running')",
                (now(),),
            ).rowcount


def _job(row: sqlite3.Row) -> JobRecord:
    return JobRecord(
        id=row["id"],
        kind=row["kind"],
        architectures=json.loads(row["architectures"]),
        params=json.loads(row["params"]),
        size=int(row["size"]),
        status=row["status"],
        progress=float(row["progress"]),
        message=row["message"],
        created=row["created"],
        started=row["started"],
        finished=row["finished"],
        result=json.loads(row["result"]) if row["result"] else None,
        error=json.loads(row["error"]) if row["error"] else None,
    )
