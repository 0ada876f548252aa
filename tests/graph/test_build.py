"""The graph built from the five samples: counts by type derived by hand, merged
institutions, provenance, and replacement of a changed report."""

from __future__ import annotations

import json

import pytest

from kompetansekart.graph.build import build
from kompetansekart.graph.model import EdgeType as E
from kompetansekart.graph.model import NodeType as N
from kompetansekart.graph.storage import StoreDir

pytestmark = pytest.mark.corpus

INN, SEPU, BODO, NORD = "orgnr:918108467", "org:sepu", "orgnr:972418013", "orgnr:970940243"


def test_node_counts_by_type(corpus_model):
    nodes, _ = corpus_model.counts()
    assert nodes == {
        "Area": 42,  # 41 Nordland municipalities (gazetteer) + the county
        "CompetenceNetwork": 9,  # the gazetteer's networks; Salten and Narvik among them
        "Grant": 32,  # 23 measure shares (000: 2, 002: 10, 003: 6, 004: 5 - T8 owner is 0)
        # + 9 budget-row shares no measure covers (003 regional/KL: 4, 004 regional: 3,
        # desentralisert: 2 - its owner share is 0)
        "Kindergarten": 12,  # 004's list: 11 run by a company/foundation, 1 parent-run
        "Measure": 12,  # 000: 1, 001: 0, 002: 5, 003: 3, 004: 3
        "Membership": 41,  # every municipality's network; Bodø-Salten, Narvik-Narvik again
        "Municipality": 41,
        "NeedsReport": 5,
        "Organization": 1,  # "Nord Studentsamskipnad": kind unknown
        "Partnership": 5,
        "PrivateOwner": 13,  # Stiftelsen NTG + 12 private kindergarten owners in 004
        "Scheme": 3,
        "School": 5,  # NTG-U Bodø, St. Eystein, Narvik ungdomsskole, Beisfjord, Værøy skole
        "TargetGroup": 12,
        "Theme": 24,
        "Union": 6,  # 002's six (FO = Fellesorganisasjonen); 004's Utdanningsforbundet again
        "University": 3,  # Innlandet, Stavanger (LMS's parent), Nord
        "UniversityUnit": 2,  # SePU, LMS
    }


def test_edge_counts_by_type(corpus_model):
    _, edges = corpus_model.counts()
    assert edges["PARTNER_IN"] == 30  # 2 + 2 + 4 (002 incl. Nord) + 2 + 20 (004)
    # 000: 1, 001: 1, 002: LMS x 2 owners + Nord x Bodø, 003: Nord x 3 schemes,
    # 004: SePU x 18 owners x 3 schemes + Nord x Bodø x 2 schemes
    assert edges["PARTNERS_WITH"] == 64
    assert edges["OF"] == edges["RUNS"] == edges["DELIVERS"] == 12  # one per measure
    assert edges["RECIPIENT"] == 32  # every grant names its recipient
    assert edges["SERVES"] == 4  # LMS, SePU, Nord -> Bodø; Nord -> Narvik
    assert edges["PART_OF"] == 3  # SePU -> INN, LMS -> UiS, NTG-U -> NTG
    assert edges["DESCRIBES"] == edges["SUBMITTED_BY"] == 5


def test_one_node_per_institution_across_spellings(corpus_model):
    g = corpus_model
    # 000 writes "Universitetet i Innlandet"/"INN", 001 "HiNN"/"HINN", 004 "Høgskolen i
    # Innlandet"/"Høgskolen på Innlandet": one University node, SePU its unit.
    assert g.nodes[INN].type is N.UNIVERSITY
    reports = {s.split(":")[0] for s in g.nodes[INN].sources}
    assert len(reports) >= 2
    assert (SEPU, "PART_OF", INN) in {(e.src, e.type.value, e.dst) for e in g.edges.values()}
    bodo_reports = {s.split(":")[0] for s in g.nodes[BODO].sources} - {"gazetteer"}
    assert len(bodo_reports) == 2  # 002 and 004


def test_every_node_and_edge_has_provenance(corpus_model):
    assert all(n.sources for n in corpus_model.nodes.values())
    assert all(e.sources for e in corpus_model.edges.values())
    # report facts point at a line: '<report-id>:<line>'
    measure_sources = [s for n in corpus_model.of_type(N.MEASURE) for s in n.sources]
    assert all(":" in s and int(s.split(":")[1]) > 0 for s in measure_sources)


def test_partnerships_with_nord_in_004_are_bodo_only(corpus_model):
    # Nord gets money only in Bodø's own Regional/Desentralisert rows of 004, not in the
    # Kompetanseløftet partnership the 17 private owners joined.
    pairs = {
        (e.src, e.props.get("scheme"))
        for e in corpus_model.edges_of(E.PARTNERS_WITH)
        if e.dst == NORD and e.props.get("year") == 2024
    }
    assert pairs == {(BODO, "regional"), (BODO, "desentralisert")}


def test_rebuilding_unchanged_records_changes_nothing(samples, corpus_model):
    again = build(samples.values())
    assert again.counts() == corpus_model.counts()
    assert {k: (e.props, e.sources) for k, e in again.edges.items()} == {
        k: (e.props, e.sources) for k, e in corpus_model.edges.items()
    }


def test_a_changed_report_replaces_only_its_own_facts(tmp_path, parser, corpus_dir):
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in corpus_dir.glob("*.txt"):
        (folder / p.name).write_bytes(p.read_bytes())
    store = StoreDir(tmp_path / "store")
    first = [parser.parse_file(p) for p in sorted(folder.glob("*.txt"))]
    records, merge = store.merge(first)
    store.save(records, build(records))
    before = build(store.records())

    changed = next(folder.glob("003_*.txt"))
    changed.write_text(changed.read_text("utf-8").replace("308 000", "318 000"), "utf-8")
    records, merge = store.merge([parser.parse_file(p) for p in sorted(folder.glob("*.txt"))])
    assert (len(merge.added), len(merge.replaced), len(merge.unchanged)) == (0, 1, 4)
    store.save(records, build(records))
    after = build(store.records())

    old_id = next(r.id for r in first if r.source.path.endswith(changed.name))
    new_id = next(r.id for r in records if r.source.path.endswith(changed.name))
    assert old_id != new_id
    assert not any(old_id in s for n in after.nodes.values() for s in n.sources)

    def without(g, rid):  # the facts that did not come from that report
        return {
            k: sorted(s for s in n.sources if not s.startswith(rid))
            for k, n in g.nodes.items()
            if rid not in k
        }

    kept_before = {k: v for k, v in without(before, old_id).items() if v}
    kept_after = {k: v for k, v in without(after, new_id).items() if v}
    assert kept_before == kept_after
    uh_amounts = sorted(n.props["uhAmount"] for n in after.of_type(N.MEASURE) if new_id in n.id)
    assert uh_amounts == [318_000, 318_000, 328_000]
    assert json.loads(store.meta_file.read_text())["reports"] == 5


def test_same_measure_scheme_relation_as_the_records(samples, corpus_model):
    for r in samples.values():
        for i, m in enumerate(r.measures, start=1):
            funds = {
                e.src
                for e in corpus_model.edges_of(E.FUNDS)
                if e.dst == f"measure:{r.id}:{i}" and e.src.startswith("scheme:")
            }
            assert funds == ({f"scheme:{m.scheme}"} if m.scheme else set())
            node = corpus_model.nodes[f"measure:{r.id}:{i}"]
            assert ("diagnostic" in node.props) == (m.scheme is None)


def test_redacted_records_build_the_same_graph(samples, corpus_model):
    from kompetansekart.ingest.records import redact

    assert build(redact(r) for r in samples.values()).counts() == corpus_model.counts()
    # and no contact person ends up in the graph at all
    names = {c.name for r in samples.values() for c in r.contacts}
    text = json.dumps([n.props for n in corpus_model.nodes.values()], ensure_ascii=False)
    assert not any(name in text for name in names)
