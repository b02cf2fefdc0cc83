"""Schemathesis against the application's own OpenAPI schema: requests generated from the schema (valid
and invalid ones) never get a server error (5xx). Property-based; the oracle is HTTP's own contract that a
bad request is the client's error (4xx)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")

from hypothesis import HealthCheck, settings  # noqa: E402

from secarch.web import WebSettings, create_app  # noqa: E402


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    application = create_app(
        WebSettings(data_dir=Path(tmp_path_factory.mktemp("web-schemathesis")), warm_up=False)
    )
    with TestClient(application):  # runs the lifespan: jobs are stopped at the end
        yield application


def test_no_server_error(app: Any) -> None:
    """Every operation of /openapi.json, requests generated in each mode: positive (valid by the schema)
    and negative (violating it)."""
    from hypothesis import given
    from schemathesis import GenerationMode

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    failures: list[str] = []
    calls = 0
    for operation in operations:
        strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(
            GenerationMode.NEGATIVE
        )

        @given(case=strategy)
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case: Any) -> None:
            nonlocal calls
            calls += 1
            response = case.call()
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
                )

        call()
    assert calls >= 10 * len(operations)
    assert failures == []
