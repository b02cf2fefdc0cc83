"""Settings of the web application: where it keeps its data and the limits that keep one user from
exhausting the machine. Every limit answers with a clear 4xx error when it is reached."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def default_max_running() -> int:
    """Jobs that run at once: one per core (each job is one process), at least 2."""
    return max(2, os.cpu_count() or 1)


@dataclass(frozen=True)
class WebSettings:
    """Options of :func:`secarch.web.create_app`.

    - ``data_dir``: folder of the database (``secarch.db``); created if missing.
    - ``max_body_bytes``: largest request body (413 beyond), and so of one form field. 2 MB: twice the text
      limit, so that a text within it also goes through url-encoded (``history``'s 993 kB become 1.21 MB).
    - ``max_text_bytes``: largest architecture text (413 beyond; the editor keeps the text on the page).
    - ``max_running_jobs``: jobs running at once, each in its own process; more wait in a queue.
    - ``max_queued_jobs``: jobs waiting at most (429 beyond).
    - ``max_job_size``: the largest job, counted as runs × years × states (422 beyond). 50 million
      state-years: a 10 000-run, 30-year simulation of 160 states is 48 million.
    - ``max_architectures``: how many architectures a user may keep (409 beyond).
    - ``warm_up``: load the bundled architectures in the background at start, so that their pages and jobs
      open without the parse (up to ~10 s for the 1 MB ``history`` on a busy machine).
    """

    data_dir: Path = field(default_factory=lambda: Path("secarch-data"))
    max_body_bytes: int = 2_000_000
    max_text_bytes: int = 1_000_000
    max_running_jobs: int = field(default_factory=default_max_running)
    max_queued_jobs: int = 16
    max_job_size: int = 50_000_000
    max_architectures: int = 1000
    warm_up: bool = True
