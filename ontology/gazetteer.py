"""The gazetteer: every organisation the tool can name, as data from `data/organisations.csv`.

The CSV is transcribed from `../shared/reference` (see `data/README.md` for columns and
sources). This module only reads it into typed, immutable entries; matching written names
against it lives in `kompetansekart.ingest.resolve`, so the ontology stays plain data with
no fuzzy-matching dependency.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

PACKAGE = "kompetansekart.ontology"
DATA_FILE = "data/organisations.csv"
# The rest of the country's municipalities (from the national reference), known so that
# a report from any county resolves its owner; the area analyses cover the county of
# organisations.csv in depth (category 'national' marks the others).
NATIONAL_FILE = "data/municipalities.csv"
NATIONAL = "national"
COLUMNS = (
    "id",
    "name",
    "kind",
    "category",
    "orgnr",
    "kommunenummer",
    "parent",
    "aliases",
    "region",
    "kompetanseregion",
    "network",
    "confidence",
    "sources",
)
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Entry:
    """One organisation. Empty CSV cells are None (or an empty tuple for the list columns).

    `id` is `orgnr:<orgnr>` when the reference gives an organisation number, so ids stay
    stable when a name changes; otherwise `org:<slug>` or `kommune:<kommunenummer>`.
    """

    id: str
    name: str
    kind: str
    category: str | None = None
    orgnr: str | None = None
    kommunenummer: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    region: str | None = None
    kompetanseregion: str | None = None
    network: str | None = None
    confidence: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name first, then every alias: all the ways a document may write it."""
        return (self.name, *self.aliases)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip())


def _entry(row: dict[str, str], line: int) -> Entry:
    """One CSV row as an Entry; a missing id, name or kind names the line so it can be fixed."""
    cells = {key: (row.get(key) or "").strip() for key in COLUMNS}
    for required in ("id", "name", "kind"):
        if not cells[required]:
            raise ValueError(f"{DATA_FILE} line {line}: empty '{required}'")
    optional = {key: cells[key] or None for key in COLUMNS if key not in ("aliases", "sources")}
    return Entry(**optional, aliases=_split(cells["aliases"]), sources=_split(cells["sources"]))  # type: ignore[arg-type]  # id, name and kind checked above


class Gazetteer:
    """The organisations, indexed by id. Build it once with `load()`; it never changes."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries = tuple(entries)
        self._by_id: dict[str, Entry] = {}
        for entry in self._entries:
            if entry.id in self._by_id:
                raise ValueError(f"duplicate gazetteer id {entry.id!r}")
            self._by_id[entry.id] = entry

    @classmethod
    def from_csv(cls, text: str) -> Gazetteer:
        """Parse CSV text with the `COLUMNS` header (used by `load()` and by tests)."""
        reader = csv.DictReader(io.StringIO(text))
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{DATA_FILE}: missing columns {sorted(missing)}")
        return cls(_entry(row, line) for line, row in enumerate(reader, start=2))

    @classmethod
    @functools.cache
    def load(cls) -> Gazetteer:
        """The packaged gazetteer, read once per process (it is immutable, so sharing is safe)."""
        root = resources.files(PACKAGE)
        local = cls.from_csv(root.joinpath(DATA_FILE).read_text(encoding="utf-8"))
        national = cls.from_csv(root.joinpath(NATIONAL_FILE).read_text(encoding="utf-8"))
        return cls([*local.entries, *national.entries])

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self._entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def by_id(self, id: str | None) -> Entry | None:
        """The entry with this id, or None: callers follow `parent` links that may be absent."""
        return self._by_id.get(id) if id else None

    def of_kind(self, *kinds: str) -> tuple[Entry, ...]:
        return tuple(e for e in self._entries if e.kind in kinds)

    def municipalities(self) -> tuple[Entry, ...]:
        """The municipalities the area analyses cover (not the national register's)."""
        return tuple(e for e in self.of_kind("kommune") if e.category != NATIONAL)

    def networks(self) -> tuple[Entry, ...]:
        return self.of_kind("nettverk")

    def members(self, network_id: str) -> tuple[Entry, ...]:
        """The municipalities whose `network` column names this network."""
        return tuple(e for e in self.municipalities() if e.network == network_id)
