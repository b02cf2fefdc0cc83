"""Schemathesis against the application's own OpenAPI schema: requests generated from the schema (valid
and invalid ones) never get a server error (5xx), nor do valid bodies with text that is not valid Unicode
put in. Property-based; the oracle is HTTP's own contract that a bad request is the client's error (4xx)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")

from hypothesis import HealthCheck, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

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


SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff", "a\ud83d", "\ude00b"])


def _with_surrogate(data: st.DataObject, value: Any) -> Any:
    """``value`` (a JSON document) with a lone surrogate put into one of its strings or keys, or added as a
    new member, at a place hypothesis draws."""
    surrogate = data.draw(SURROGATES)
    if isinstance(value, dict) and value and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: _with_surrogate(data, value[key])}
    if isinstance(value, list) and value and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(value) - 1))
        return [*value[:index], _with_surrogate(data, value[index]), *value[index + 1 :]]
    if isinstance(value, str):
        at = data.draw(st.integers(0, len(value)))
        return value[:at] + surrogate + value[at:]
    if isinstance(value, dict):
        return {**value, data.draw(st.sampled_from(["text", surrogate, "x" + surrogate])): surrogate}
    return surrogate


def test_lone_surrogates_in_generated_bodies(app: Any) -> None:
    """The schema's own valid bodies (Schemathesis' positive cases for every operation with a JSON body),
    each with a lone surrogate (`\\ud800`…, which JSON can spell but which is not Unicode text) put into one
    of its strings or keys: the answer is 422 `invalid_encoding` — never a server error."""
    import json

    from fastapi.testclient import TestClient
    from hypothesis import given
    from schemathesis import GenerationMode

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    with_body = [op for op in operations if op.method.upper() in ("POST", "PUT") and op.body]
    assert len(with_body) >= 4
    http = TestClient(app)
    failures: list[str] = []
    for operation in with_body:

        @given(case=operation.as_strategy(GenerationMode.POSITIVE), data=st.data())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case: Any, data: st.DataObject) -> None:
            body = _with_surrogate(data, case.body if isinstance(case.body, dict | list) else {})
            response = http.request(
                case.method,
                case.formatted_path,
                params=case.query,
                content=json.dumps(body),  # ASCII: the surrogate goes as its \u escape
                headers={"content-type": "application/json"},
            )
            problems = response.json().get("problems") if response.status_code == 422 else None
            if response.status_code != 422 or not problems or problems[0]["kind"] != "invalid_encoding":
                failures.append(
                    f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}"
                )

        call()
    assert failures == []
