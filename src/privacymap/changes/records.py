"""The typed result of comparing two data maps: one `Change` per difference, in a `Diff`."""

from __future__ import annotations

from dataclasses import dataclass, field

from privacymap.diagnostics import Diagnostic, Location
from privacymap.law.changes import Classification, Kind

ModelPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Target:
    """The object a change is recorded against, and its model path in each version."""

    section: str
    object_kind: str
    id: str
    name: str
    old_path: ModelPath | None
    new_path: ModelPath | None
    old_id: str | None = None


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a data map, classified in law.

    `section` and `id` name the object (`recipients`, `school-nurses`), `name`
    is its published name; `old_id` is set when the object was renamed.
    `what` says in words what changed; `old` and `new` are the values in words
    (None when the object did not exist on that side). `old_location` and
    `new_location` are file:line:col in each version (files relative to each
    map's root), `old_path` and `new_path` the model paths.
    """

    kind: Kind
    section: str
    object_kind: str
    id: str
    name: str
    what: str
    old: str | None = None
    new: str | None = None
    old_id: str | None = None
    old_location: Location | None = None
    new_location: Location | None = None
    old_path: str | None = None
    new_path: str | None = None
    sensitive: str | None = None
    """The special category or criminal offence data involved, in words, if any."""

    @property
    def classification(self) -> Classification:
        return self.kind.classification

    @property
    def material(self) -> bool:
        return self.kind.classification.material

    @property
    def reason(self) -> str:
        """Why this change has its classification, in words."""
        return self.kind.reason

    @property
    def references(self) -> tuple[str, ...]:
        """The provisions the classification rests on."""
        return self.kind.references

    @property
    def label(self) -> str:
        """The object as people and reviewers know it: `recipient 'id' (Name)`."""
        renamed = f" (was '{self.old_id}')" if self.old_id and self.old_id != self.id else ""
        named = f" ({self.name})" if self.name and self.name != self.id else ""
        if self.id == self.section:  # a section holding one object: the notice, the DPO...
            return f"{self.object_kind}{named}"
        return f"{self.object_kind} '{self.id}'{named}{renamed}"

    def sort_key(self) -> tuple[int, str, str, str, str]:
        return (self.classification.rank, self.section, self.id, self.kind.id, self.what)


@dataclass(frozen=True)
class Diff:
    """Every change between an old and a new version of a data map.

    `changes` are sorted most serious first. `findings` are the change-control
    rule's diagnostics (PM620: a material change with no new changelog entry
    dated on or before the day it takes effect), located in the new version.
    """

    changes: tuple[Change, ...]
    findings: tuple[Diagnostic, ...] = ()
    suggested_entry: str | None = field(default=None, compare=False)
    """A changelog entry (YAML) describing the material changes, for `changes:`."""

    @property
    def material(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.material)

    @property
    def tell_first(self) -> tuple[Change, ...]:
        return self.of(Classification.TELL_FIRST)

    @property
    def editorial(self) -> tuple[Change, ...]:
        return self.of(Classification.EDITORIAL)

    def of(self, classification: Classification) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.classification is classification)

    @property
    def exit_code(self) -> int:
        """What `privacymap diff` exits with: 1 when any change is material, else 0."""
        return 1 if self.material else 0
