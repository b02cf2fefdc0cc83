"""Numbers, booleans and dates of the domain model are read as written, as the JSON Schema reads them: no
lax conversion of ``true`` to 1.0, of the text "0.5" to 0.5, or of a number to a date."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from secarch.model import Agreement, Organisation, Provision
from secarch.model.forum import Capability, Position

AGREEMENT = {
    "id": "a",
    "name": "A",
    "type": "consultation",
    "parties": ["AAA", "BBB"],
    "credibility": 0.5,
    "start": "2001-01-01",
    "source": "test",
}
POSITION = {
    "actor": "RUS",
    "issue": "x",
    "position": 40,
    "salience": 0.5,
    "rationale": "according to statement A",
    "source": "statement A",
}
CAPABILITY = {"value": 0.1, "basis": "CINC 2020", "rationale": "the CINC score of 2020", "source": "NMC v7.0"}
PROVISION = {"reference": "Treaty, Art. 1", "source": "the treaty"}

# (model, a valid instance as a dict, the field under test)
NUMERIC_FIELDS = [
    (Agreement, AGREEMENT, "credibility"),
    (Position, POSITION, "salience"),
    (Position, POSITION, "position"),
    (Capability, CAPABILITY, "value"),
]
BOOLEAN_FIELDS = [(Provision, PROVISION, "binding"), (Position, POSITION, "estimate")]


def accepts(model: type[BaseModel], data: dict[str, Any]) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(("model", "valid", "field"), NUMERIC_FIELDS)
@pytest.mark.parametrize("value", [True, False, "0.5", "1", "high", [0.5], {"v": 0.5}, None])
def test_numbers_refuse_booleans_text_and_containers(model, valid, field, value):
    """Oracle: the JSON Schema's `number` type, which none of these values is (JSON booleans are not numbers).
    Before, pydantic's lax mode read `credibility: true` as 1.0 and `credibility: "0.5"` as 0.5."""
    assert not accepts(model, {**valid, field: value})
    with pytest.raises(ValidationError):
        model.model_validate_json(json.dumps({**valid, field: value}))


@pytest.mark.parametrize(("model", "valid", "field"), NUMERIC_FIELDS)
def test_numbers_take_integers_floats_and_numpy_scalars(model, valid, field):
    """Oracle: the JSON Schema's `number` takes integers; NumPy scalars are what the engines hand back."""
    for value in (1, 1.0, np.float64(1.0), np.int64(1)):
        instance = model.model_validate({**valid, field: value})
        assert getattr(instance, field) == 1.0 and isinstance(getattr(instance, field), float)
    assert model.model_validate_json(model.model_validate(valid).model_dump_json()) == model.model_validate(
        valid
    )


@pytest.mark.parametrize(("model", "valid", "field"), BOOLEAN_FIELDS)
@pytest.mark.parametrize("value", ["yes", "true", "no", 1, 0, "on", None])
def test_booleans_refuse_text_and_numbers(model, valid, field, value):
    """Oracle: the JSON Schema's `boolean` type, which only `true` and `false` are (YAML 1.2 reads `yes` as
    text; pydantic's lax mode took it for true)."""
    assert not accepts(model, {**valid, field: value})
    assert accepts(model, {**valid, field: False})


@pytest.mark.parametrize("value", [0, 2001, 86400, 1.5, True])
def test_dates_refuse_numbers(value):
    """Oracle: the JSON Schema's date fields are text (format date); before, pydantic's lax mode read
    `founded: 86400` as 2 January 1970."""
    organisation = {"id": "X", "name": "X", "kind": "universal", "source": "test"}
    assert not accepts(Organisation, {**organisation, "founded": value})
    assert not accepts(Agreement, {**AGREEMENT, "start": value})
    assert Organisation.model_validate({**organisation, "founded": "2001-01-01"}).founded == dt.date(
        2001, 1, 1
    )
    assert Organisation.model_validate({**organisation, "founded": dt.date(2001, 1, 1)}).founded.year == 2001


JSON_VALUES = st.one_of(
    st.booleans(),
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet="0123456789.-e+ tru", max_size=6),
    st.lists(st.integers(0, 1), max_size=2),
)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), value=JSON_VALUES)
def test_model_and_schema_agree_on_numbers_and_booleans(data, value):
    """Oracle: the jsonschema reference validator on the schema pydantic publishes for each model. Whatever
    JSON value goes into a number or boolean field, the model accepts it exactly when the schema does."""
    jsonschema = pytest.importorskip("jsonschema")
    model, valid, field = data.draw(st.sampled_from(NUMERIC_FIELDS + BOOLEAN_FIELDS))
    candidate = {**valid, field: value}
    schema_says = jsonschema.Draft202012Validator(model.model_json_schema()).is_valid(candidate)
    assert accepts(model, candidate) == schema_says, (model.__name__, field, value)
