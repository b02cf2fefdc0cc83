"""The sections of an extending file (secarch.spec.patch) are written out for readability and a strict
schema; this keeps them in step with the architecture's own sections."""

from __future__ import annotations

from secarch.model import SECTIONS, Architecture
from secarch.spec.patch import AddSection, ModifySection, RemoveSection


def test_patch_sections_follow_the_architecture():
    """Property: add and remove name the participants and every element section of the architecture
    (secarch.model.SECTIONS), in file order; modify names the element sections; add takes the
    architecture's own element types."""
    assert tuple(AddSection.model_fields) == ("participants", *SECTIONS)
    assert tuple(RemoveSection.model_fields) == ("participants", *SECTIONS)
    assert tuple(ModifySection.model_fields) == SECTIONS
    for name in ("participants", *SECTIONS):
        assert AddSection.model_fields[name].annotation == Architecture.model_fields[name].annotation, name
