"""The gazetteer as data: complete, internally consistent, and free of personal data."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from kompetansekart.ingest.records import ORG_KINDS
from kompetansekart.ontology.gazetteer import COLUMNS, Entry, Gazetteer

INN = "orgnr:918108467"
UIS = "orgnr:971564679"
NORD = "orgnr:970940243"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_load_is_cached_and_typed(gazetteer: Gazetteer) -> None:
    assert Gazetteer.load() is gazetteer
    assert all(isinstance(e, Entry) and isinstance(e.aliases, tuple) for e in gazetteer)
    assert len(gazetteer) == len(gazetteer.entries) > 100


def test_ids_are_unique(gazetteer: Gazetteer) -> None:
    ids = [e.id for e in gazetteer]
    assert len(ids) == len(set(ids))


def test_every_parent_and_network_exists(gazetteer: Gazetteer) -> None:
    for entry in gazetteer:
        if entry.parent:
            assert gazetteer.by_id(entry.parent) is not None, entry
        if entry.network:
            network = gazetteer.by_id(entry.network)
            assert network is not None and network.kind == "nettverk", entry


def test_kinds_are_the_records_kinds(gazetteer: Gazetteer) -> None:
    assert {e.kind for e in gazetteer} <= set(ORG_KINDS)


def test_all_41_municipalities_with_numbers(gazetteer: Gazetteer) -> None:
    municipalities = gazetteer.municipalities()
    assert len(municipalities) == 41
    numbers = [m.kommunenummer for m in municipalities]
    assert all(n and re.fullmatch(r"18\d\d", n) for n in numbers)
    assert len(set(numbers)) == 41
    assert all(m.network for m in municipalities)


def test_orgnr_ids_match_their_number(gazetteer: Gazetteer) -> None:
    for entry in gazetteer:
        if entry.orgnr:
            assert re.fullmatch(r"\d{9}", entry.orgnr), entry
            assert entry.id == f"orgnr:{entry.orgnr}", entry
        else:
            assert not entry.id.startswith("orgnr:"), entry


@pytest.mark.parametrize(
    ("id", "name", "kommunenummer"),
    [
        ("orgnr:972418013", "Bodø kommune", "1804"),
        ("orgnr:959469059", "Narvik kommune", "1806"),
        ("orgnr:970542507", "Hamarøy kommune", "1875"),
    ],
)
def test_known_municipalities(gazetteer: Gazetteer, id: str, name: str, kommunenummer: str) -> None:
    entry = gazetteer.by_id(id)
    assert entry is not None
    assert (entry.name, entry.kind, entry.kommunenummer) == (name, "kommune", kommunenummer)


def test_sami_parallel_names_are_aliases(gazetteer: Gazetteer) -> None:
    hamaroy = gazetteer.by_id("orgnr:970542507")
    assert hamaroy is not None
    assert {"Hábmer", "Hábmer - Hamarøy", "Hamarøy"} <= set(hamaroy.aliases)


def test_uh_institutions(gazetteer: Gazetteer) -> None:
    uh = gazetteer.of_kind("uh")
    assert len(uh) == 27
    assert all(e.orgnr for e in uh)


def test_inn_has_its_former_names(gazetteer: Gazetteer) -> None:
    inn = gazetteer.by_id(INN)
    assert inn is not None and inn.name == "Universitetet i Innlandet"
    expected = {"INN", "HINN", "HiNN", "Høgskolen i Innlandet", "Høgskolen på Innlandet"}
    assert expected <= set(inn.aliases)


@pytest.mark.parametrize(
    ("id", "parent", "aliases"),
    [
        ("org:sepu", INN, {"SePU", "SEPU", "Sepu"}),
        (
            "org:lms",
            UIS,
            {
                "Læringsmiljøsenteret",
                "LMS",
                "Læringsmiljøsenteret UiS",
                "Læringsmiljøsenteret, Universitetet i Stavanger",
                "Læringsmiljøsenteret i Stavanger",
            },
        ),
        ("org:kks", NORD, {"KKS"}),
    ],
)
def test_units_and_their_hosts(gazetteer: Gazetteer, id: str, parent: str, aliases: set) -> None:
    entry = gazetteer.by_id(id)
    assert entry is not None
    assert (entry.kind, entry.parent) == ("uh_enhet", parent)
    assert aliases <= set(entry.aliases)


def test_networks_and_members(gazetteer: Gazetteer) -> None:
    salten = gazetteer.by_id("org:kompetansenettverk-salten")
    assert salten is not None and salten.kind == "nettverk"
    members = {m.name for m in gazetteer.members(salten.id)}
    assert len(members) == 10 and "Bodø kommune" in members
    assert [m.name for m in gazetteer.members("org:kompetansenettverk-narvik")] == [
        "Narvik kommune"
    ]
    assert {n.id for n in gazetteer.networks()} == {m.network for m in gazetteer.municipalities()}


def test_unions(gazetteer: Gazetteer) -> None:
    unions = {e.name for e in gazetteer if e.category == "union"}
    expected = {
        "Utdanningsforbundet",
        "Fagforbundet",
        "Delta",
        "Fellesorganisasjonen",
        "Skolenes landsforbund",
        "Skolelederforbundet",
        "Norsk Lektorlag",
    }
    assert expected <= unions
    assert all(gazetteer.by_id(f"org:{n}") for n in ("utdanningsforbundet", "fagforbundet"))


def test_private_bodies_from_the_samples(gazetteer: Gazetteer) -> None:
    ntg_u = gazetteer.by_id("org:ntg-u-bodo")
    assert ntg_u is not None and ntg_u.kind == "skole" and ntg_u.parent == "org:stiftelsen-ntg"
    ntg = gazetteer.by_id("org:stiftelsen-ntg")
    assert ntg is not None and ntg.kind == "stiftelse" and "NTG Stiftelsen" in ntg.aliases
    eystein = gazetteer.by_id("org:st-eystein-skole")
    assert eystein is not None and eystein.name == "St. Eystein skole"


def test_every_row_names_a_source(gazetteer: Gazetteer) -> None:
    known = re.compile(r"S\d+|G\d|K\d+|W\d+|seed|inferred|public")
    for entry in gazetteer:
        assert entry.sources, entry
        assert all(known.fullmatch(s) for s in entry.sources), entry


def test_no_personal_data_in_the_file() -> None:
    text = resources.files("kompetansekart.ontology").joinpath("data/organisations.csv")
    content = text.read_text(encoding="utf-8")
    assert "@" not in content
    assert not re.search(r"\b\d{8}\b", content)  # Norwegian phone numbers have 8 digits
    assert not re.search(r"\b\d{4}\.\d{2}\.\d{5}\b", content)  # bank account numbers


def test_from_csv_rejects_duplicates_and_missing_columns() -> None:
    header = ",".join(COLUMNS)
    row = "org:x,X,annen" + "," * (len(COLUMNS) - 3)
    with pytest.raises(ValueError, match="duplicate"):
        Gazetteer.from_csv(f"{header}\n{row}\n{row}\n")
    with pytest.raises(ValueError, match="missing columns"):
        Gazetteer.from_csv("id,name\norg:x,X\n")
    with pytest.raises(ValueError, match="line 2"):
        Gazetteer.from_csv(f"{header}\n,X,annen" + "," * (len(COLUMNS) - 3) + "\n")


def test_by_id_unknown_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.by_id("org:does-not-exist") is None
    assert gazetteer.by_id(None) is None
