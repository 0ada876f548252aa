"""The store folder (`./.kompetansekart` unless --store or $KOMPETANSEKART_STORE says
otherwise): the records as JSON, the RDF graph in an on-disk Oxigraph store, and a small
meta file with the counts from the last build (counting an Oxigraph store is slow).

The records are the source of truth; the RDF store is rebuilt from them. A record is
identified by the file it came from: ingesting a changed file replaces that file's record
(and so exactly its facts), an unchanged file changes nothing.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kompetansekart.graph.build import build
from kompetansekart.graph.model import Graph as Model
from kompetansekart.ingest.records import NeedsReport, from_json

DEFAULT_STORE = Path(".kompetansekart")
ENV = "KOMPETANSEKART_STORE"


def store_path(option: Path | None = None) -> Path:
    return option or Path(os.environ.get(ENV) or DEFAULT_STORE)


class StoreMissing(Exception):
    """Raised when a command needs a built store and there is none."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"no graph store at {path}; run 'kompetansekart build PATH...' first "
            f"(or pass --store DIR / set {ENV})"
        )


@dataclass
class Merge:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced)


@dataclass
class StoreDir:
    path: Path

    @property
    def records_file(self) -> Path:
        return self.path / "records.json"

    @property
    def rdf_dir(self) -> Path:
        return self.path / "oxigraph"

    @property
    def meta_file(self) -> Path:
        return self.path / "meta.json"

    def exists(self) -> bool:
        return self.records_file.is_file()

    def require(self) -> StoreDir:
        if not self.exists():
            raise StoreMissing(self.path)
        return self

    def records(self) -> list[NeedsReport]:
        if not self.records_file.is_file():
            return []
        return [from_json(d) for d in json.loads(self.records_file.read_text("utf-8"))]

    def merge(self, new: list[NeedsReport]) -> tuple[list[NeedsReport], Merge]:
        """Existing records with the new ones laid over them, keyed by source file."""
        by_file = {_file_key(r): r for r in self.records()}
        result = Merge()
        for r in new:
            k = _file_key(r)
            old = by_file.get(k)
            if old is None:
                result.added.append(r.source.path)
            elif old.id != r.id:
                result.replaced.append(r.source.path)
            else:
                result.unchanged.append(r.source.path)
                continue
            by_file[k] = r
        return sorted(by_file.values(), key=_file_key), result

    def save(self, records: list[NeedsReport], model: Model) -> dict:
        """Write records, a fresh RDF store and the counts; returns the meta written."""
        from kompetansekart.graph.rdf_store import load_oxigraph

        self.path.mkdir(parents=True, exist_ok=True)
        tmp = self.records_file.with_suffix(".tmp")
        tmp.write_text(json.dumps([r.to_json() for r in records], ensure_ascii=False), "utf-8")
        tmp.replace(self.records_file)
        if self.rdf_dir.exists():
            shutil.rmtree(self.rdf_dir)
        triples = load_oxigraph(model, self.rdf_dir)
        nodes, edges = model.counts()
        meta = {"reports": len(records), "triples": triples, "nodes": nodes, "edges": edges}
        self.meta_file.write_text(json.dumps(meta, indent=2), "utf-8")
        return meta

    def meta(self) -> dict:
        self.require()
        return json.loads(self.meta_file.read_text("utf-8"))

    def model(self) -> Model:
        return build(self.require().records())

    def sparql(self):
        """The on-disk RDF graph, opened for querying (rdflib API over Oxigraph)."""
        from kompetansekart.graph.rdf_store import open_oxigraph

        self.require()
        return open_oxigraph(self.rdf_dir)


def _file_key(r: NeedsReport) -> str:
    return str(Path(r.source.path).resolve())
