"""Elements of an architecture as the security model sees them: sets of links between states.

An *element* is anything the what-if engine can remove, add or modify: an agreement, a state's membership
in an organisation, a dispute, a rivalry. Each element is a set of *links*: (relation, actor, object, value)
with relation one of guarantee, dispute, rivalry, target, restraint
(:class:`~secarch.security.model.Relations`).
A link also names its *source* (the agreement or dispute that creates it), so that elements can share links:
the membership of Poland in NATO and the North Atlantic Treaty both contain the link "the United States
guarantees Poland under the North Atlantic Treaty"; removing either removes that link.

Links on the same pair and relation from different sources combine as independent chances (noisy-or)::

    M[j, i] = 1 - Π_links (1 - value)

so two guarantees of credibility 0.5 give 0.75: the chance that at least one is honoured if they are honoured
independently. The combination is kept as counts and log-sums per entry, so links can be taken out and put
back exactly and cheaply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from secarch.errors import InputError
from secarch.security.model import RELATION_NAMES, Relations

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

RELATION_INDEX = {name: k for k, name in enumerate(RELATION_NAMES)}
SYMMETRIC_RELATIONS = frozenset({"dispute", "rivalry"})
ELEMENT_KINDS = ("agreement", "membership", "dispute", "rivalry")


@dataclass(frozen=True)
class Link:
    """One relation from ``actor`` to ``object`` (state codes), created by ``source``, valued in [0, 1]."""

    source: str
    relation: str
    actor: str
    object: str
    value: float

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.source, self.relation, self.actor, self.object)


@dataclass(frozen=True)
class Element:
    """Something that can be removed or added: an agreement, a membership, a dispute or a rivalry.

    ``parties`` are the states the element is meant to serve (an agreement's parties and beneficiaries,
    the member of a membership, the sides of a dispute): the classification asks whether they gain.
    """

    id: str
    kind: str
    parties: tuple[str, ...]
    links: tuple[Link, ...]
    label: str = ""


def guarantee_links(
    source: str, guarantors: Iterable[str], beneficiaries: Iterable[str], credibility: float
) -> list[Link]:
    """Every guarantor guarantees every beneficiary (not itself) with ``credibility``.

    >>> [(l.actor, l.object) for l in guarantee_links("T", ["A", "B"], ["A", "B"], 0.8)]
    [('A', 'B'), ('B', 'A')]
    """
    beneficiaries = list(beneficiaries)
    return [Link(source, "guarantee", g, b, credibility) for g in guarantors for b in beneficiaries if g != b]


def opposition_links(
    source: str, relation: str, side_a: Iterable[str], side_b: Iterable[str], value: float
) -> list[Link]:
    """Symmetric links (dispute, rivalry) between every state of side A and every state of side B.

    >>> [(l.actor, l.object) for l in opposition_links("M1", "dispute", ["A"], ["B", "C"], 1.0)]
    [('A', 'B'), ('B', 'A'), ('A', 'C'), ('C', 'A')]
    """
    side_b = list(side_b)
    links = []
    for a in side_a:
        for b in side_b:
            if a != b:
                links.append(Link(source, relation, a, b, value))
                links.append(Link(source, relation, b, a, value))
    return links


@dataclass(frozen=True)
class LinkArrays:
    """Links as parallel arrays: relation index, row (actor), column (object), value."""

    relation: IntArray
    row: IntArray
    col: IntArray
    value: FloatArray

    @classmethod
    def empty(cls) -> LinkArrays:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, z, np.zeros(0))

    def take(self, index: npt.ArrayLike) -> LinkArrays:
        ix = np.asarray(index, dtype=np.int64)
        return LinkArrays(self.relation[ix], self.row[ix], self.col[ix], self.value[ix])

    def __len__(self) -> int:
        return int(self.relation.shape[0])


def _check_links(links: Sequence[Link], index: dict[str, int], where: str) -> None:
    for link in links:
        problem = None
        if link.relation not in RELATION_INDEX:
            problem = (f"unknown relation {link.relation!r}", ", ".join(RELATION_NAMES))
        elif link.actor not in index or link.object not in index:
            missing = link.actor if link.actor not in index else link.object
            problem = (
                f"state {missing!r} is not among the architecture's states",
                "a state of the architecture",
            )
        elif link.actor == link.object:
            problem = (f"a link from {link.actor} to itself", "two different states")
        elif not (0.0 <= link.value <= 1.0):
            problem = (f"value {link.value} outside [0, 1]", "a credibility or intensity between 0 and 1")
        if problem:
            raise InputError.single(
                f"{where}: {problem[0]} (source {link.source})", field=where, expected=problem[1]
            )


def link_arrays(links: Sequence[Link], index: dict[str, int]) -> LinkArrays:
    """Links as arrays over the state ``index`` (checked: known relation and states, value in [0, 1])."""
    if not links:
        return LinkArrays.empty()
    return LinkArrays(
        np.array([RELATION_INDEX[x.relation] for x in links], dtype=np.int64),
        np.array([index[x.actor] for x in links], dtype=np.int64),
        np.array([index[x.object] for x in links], dtype=np.int64),
        np.array([x.value for x in links], dtype=float),
    )


@dataclass(frozen=True)
class ElementTable:
    """The elements of one architecture over one list of states, with their links deduplicated.

    ``links`` holds every distinct link once; ``element_links[k]`` the indices of element k's links.
    """

    states: tuple[str, ...]
    elements: tuple[Element, ...]
    links: LinkArrays
    link_keys: tuple[tuple[str, str, str, str], ...]
    element_links: tuple[IntArray, ...]
    parties: tuple[IntArray, ...] = field(repr=False)
    _positions: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._positions.update({e.id: k for k, e in enumerate(self.elements)})

    @classmethod
    def build(cls, states: Sequence[str], elements: Sequence[Element]) -> ElementTable:
        """Index the elements' links; the same link (same key) in two elements is stored once.

        The same key with two different values is an error: a link has one value.
        """
        states = tuple(states)
        index = {s: k for k, s in enumerate(states)}
        ids = [e.id for e in elements]
        if len(set(ids)) != len(ids):
            duplicate = next(i for i in ids if ids.count(i) > 1)
            raise InputError.single(
                f"element id {duplicate!r} appears twice", field="elements", expected="unique ids"
            )
        key_index: dict[tuple[str, str, str, str], int] = {}
        unique: list[Link] = []
        per_element = []
        parties = []
        for element in elements:
            _check_links(element.links, index, f"element {element.id}")
            unknown = [p for p in element.parties if p not in index]
            if unknown:
                raise InputError.single(
                    f"element {element.id}: party {unknown[0]!r} is not among the architecture's states",
                    field=f"element {element.id}",
                    expected="a state of the architecture",
                )
            members = []
            for link in element.links:
                k = key_index.get(link.key)
                if k is None:
                    k = key_index[link.key] = len(unique)
                    unique.append(link)
                elif unique[k].value != link.value:
                    raise InputError.single(
                        f"link {link.key} has two values ({unique[k].value} and {link.value})",
                        field=f"element {element.id}",
                        expected="one value per link",
                    )
                members.append(k)
            per_element.append(np.unique(np.array(members, dtype=np.int64)))
            parties.append(np.array(sorted({index[p] for p in element.parties}), dtype=np.int64))
        return cls(
            states,
            tuple(elements),
            link_arrays(unique, index),
            tuple(x.key for x in unique),
            tuple(per_element),
            tuple(parties),
        )

    @property
    def n(self) -> int:
        return len(self.states)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.elements)

    def position(self, element_id: str) -> int:
        k = self._positions.get(element_id)
        if k is not None:
            return k
        raise InputError.single(
            f"no element with id {element_id!r}",
            field="remove",
            expected="the id of an agreement, membership, dispute or rivalry of the architecture",
            hint="`secarch score FILE --elements` lists the elements; memberships are ORG:STATE",
        )

    def relations(self) -> Relations:
        """The relation matrices of the whole architecture (noisy-or over all links)."""
        return NoisyOr.from_links(self.links, self.n).relations()


class NoisyOr:
    """Noisy-or combination of links per relation and entry, kept as (count, ones, log-sum) arrays.

    For entry e of relation r: ``count`` links, ``ones`` of them with value 1, ``logsum`` = Σ log(1 - v) over
    the others. The combined value is 0 without links, 1 with a value-1 link, else 1 - exp(logsum).
    """

    def __init__(self, count: FloatArray, ones: FloatArray, logsum: FloatArray, n: int) -> None:
        self.count = count
        self.ones = ones
        self.logsum = logsum
        self.n = n

    @staticmethod
    def _terms(links: LinkArrays, n: int) -> tuple[IntArray, FloatArray, FloatArray]:
        flat = (links.relation * n + links.row) * n + links.col
        is_one = links.value >= 1.0
        logs = np.where(is_one, 0.0, np.log1p(-np.where(is_one, 0.0, links.value)))
        return flat, is_one.astype(float), logs

    @classmethod
    def from_links(cls, links: LinkArrays, n: int) -> NoisyOr:
        size = len(RELATION_NAMES) * n * n
        flat, ones, logs = cls._terms(links, n)
        return cls(
            np.bincount(flat, minlength=size).astype(float),
            np.bincount(flat, weights=ones, minlength=size).astype(float),
            np.bincount(flat, weights=logs, minlength=size).astype(float),
            n,
        )

    @staticmethod
    def combine(count: FloatArray, ones: FloatArray, logsum: FloatArray) -> FloatArray:
        value = np.where(ones > 0.5, 1.0, -np.expm1(logsum))
        return np.where(count > 0.5, value, 0.0)

    def relations(self) -> Relations:
        n = self.n
        combined = self.combine(self.count, self.ones, self.logsum).reshape(len(RELATION_NAMES), n, n)
        return Relations(*(np.ascontiguousarray(combined[k]) for k in range(len(RELATION_NAMES))))

    def changed_entries(self, removed: LinkArrays, added: LinkArrays) -> tuple[IntArray, FloatArray]:
        """Flat entries touched by removing and adding links, with their new combined values."""
        f_rm, o_rm, l_rm = self._terms(removed, self.n)
        f_add, o_add, l_add = self._terms(added, self.n)
        flat = np.concatenate([f_rm, f_add])
        entries, inverse = np.unique(flat, return_inverse=True)
        sign = np.concatenate([-np.ones(len(f_rm)), np.ones(len(f_add))])
        k = len(entries)
        count = self.count[entries] + np.bincount(inverse, weights=sign, minlength=k)
        ones = self.ones[entries] + np.bincount(
            inverse, weights=sign * np.concatenate([o_rm, o_add]), minlength=k
        )
        logsum = self.logsum[entries] + np.bincount(
            inverse, weights=sign * np.concatenate([l_rm, l_add]), minlength=k
        )
        return entries, self.combine(count, ones, logsum)
