"""The state one parse carries: the document, the record being filled, and the evidence.

Layout parsers write values through `Context` so that every value gets its source line in
`report.evidence` and every unsettled value gets a diagnostic, in one place.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from kompetansekart.ingest.document import Document
from kompetansekart.ingest.records import Diagnostic, Level, NeedsReport, OrgRef
from kompetansekart.ingest.resolve import Resolver
from kompetansekart.ingest.vocab import Vocabulary

OWNER_KINDS = ("kommune", "fylkeskommune", "privat_eier", "stiftelse", "skole", "barnehage")
UH_KINDS = ("uh", "uh_enhet")


@dataclass
class Context:
    doc: Document
    report: NeedsReport
    resolver: Resolver
    themes: Vocabulary
    target_groups: Vocabulary
    schemes: Vocabulary

    def line_no(self, i: int | None) -> int | None:
        return None if i is None else self.doc.no(i)

    def evidence(self, field: str, i: int | None) -> None:
        """Record the source line (by document index) a field was read from, and its
        file when the report is in several files and the line is not in the main one."""
        if i is not None:
            self.report.evidence[field] = self.doc.no(i)
            other = self.part_file(i)
            if other:
                self.report.evidence_files[field] = other

    def part_file(self, i: int | None) -> str | None:
        """The file of line i when it is not the report's main file, else None."""
        if i is None:
            return None
        file = self.doc.file_of(i)
        return file if file != self.doc.path else None

    def diag(
        self,
        level: Level,
        code: str,
        message: str,
        field: str | None = None,
        i: int | None = None,
    ) -> None:
        self.report.diagnostics.append(
            Diagnostic(level, code, message, field, self.line_no(i), self.part_file(i))
        )

    def org(self, name: str, kinds: Collection[str] | None, field: str, i: int | None) -> OrgRef:
        """Resolve a written organisation name; unresolved and fuzzy matches are reported."""
        res = self.resolver.resolve(name, kinds)
        if res.method == "unresolved":
            self.diag(
                "warning" if field in ("owner", "uh", "network") else "info",
                "unresolved-name",
                f"'{name}' is not in the gazetteer; kept as written with no id",
                field,
                i,
            )
        elif res.method == "fuzzy":
            self.diag(
                "info",
                "fuzzy-name",
                f"'{name}' read as '{res.ref.name}' (similarity {res.score:.0f})",
                field,
                i,
            )
        return res.ref

    def units_first(self, refs: list[OrgRef]) -> list[OrgRef]:
        """Drop a university when its unit is also named ('Høgskolen i Innlandet/ SePU' is
        SePU): the unit is the more precise partner and its parent is implied."""
        parents = {ref.parent for ref in refs if ref.parent}
        return [ref for ref in refs if ref.id not in parents]

    def orgs_in(self, text: str, kinds: Collection[str] | None) -> list[OrgRef]:
        """Every known organisation named inside a longer text, in order, without repeats."""
        seen: dict[str, OrgRef] = {}
        for res, _start, _end in self.resolver.find_in(text, kinds):
            if res.ref.id and res.ref.id not in seen:
                seen[res.ref.id] = res.ref
        return list(seen.values())
