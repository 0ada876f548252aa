"""Golden snapshot of the text-report parser, to prove a speed-up changed no output.

Parses every sample report (``../shared/corpus/*.txt`` and ``demo/reports/*``) plus
deterministic synthetic variants of each (owner/UH names swapped for other organisations
of the same kind or misspelt, words of long lines shuffled, lines duplicated, lines
broken, text upper-cased, CRLF and Windows-1252 encodings) with
``Parser().parse_file(path)`` and dumps every ``record.to_json()`` (or the error) to one
JSON file. It also dumps what the matchers say directly: vocabulary hits on every text,
``Resolver.resolve`` on every gazetteer name with typos, and ``Resolver.find_in`` on every
text. Run it before and after a change and compare the files byte for byte:

    .venv/bin/python bench/ingest_golden.py --out /tmp/kk-golden.json
    .venv/bin/python bench/ingest_golden.py --out /tmp/kk-after.json
    cmp /tmp/kk-golden.json /tmp/kk-after.json
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
from pathlib import Path

from kompetansekart.ingest.pipeline import Parser
from kompetansekart.ingest.resolve import Resolver
from kompetansekart.ingest.vocab import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DEMO = ROOT / "demo" / "reports"
ORGS = ROOT / "ontology" / "data" / "organisations.csv"
VARIANTS = Path("/tmp/kk-golden-variants")


def sample_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt")) + sorted(p for p in DEMO.iterdir() if p.is_file())
    return [p for p in files if p.name.lower() != "readme.md"]


def organisations() -> dict[str, list[str]]:
    by_kind: dict[str, list[str]] = {}
    with ORGS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            by_kind.setdefault(row["kind"], []).append(row["name"])
    return by_kind


def _typo(name: str, rng: random.Random) -> str:
    """One deterministic misspelling: a doubled, dropped or swapped letter."""
    if len(name) < 4:
        return name
    i = rng.randrange(1, len(name) - 2)
    return [
        name[:i] + name[i] + name[i:],
        name[:i] + name[i + 1 :],
        name[:i] + name[i + 1] + name[i] + name[i + 2 :],
    ][rng.randrange(3)]


def _written_names(record: dict) -> list[tuple[str, str | None]]:
    """(as written, kind) of the owner, UH and network of a parsed record."""
    refs = [record["owner"], *record["uh"]]
    if record.get("network"):
        refs.append(record["network"])
    out = []
    for ref in refs:
        written = (ref.get("as_written") or "").strip()
        if len(written) >= 3:
            out.append((written, ref.get("kind")))
        if ref.get("name") and ref["name"] != written and len(ref["name"]) >= 3:
            out.append((ref["name"], ref.get("kind")))
    return out


def variants(
    path: Path, text: str, record: dict | None, orgs: dict[str, list[str]]
) -> dict[str, str]:
    """Synthetic texts derived from one sample (name -> text), all deterministic."""
    rng = random.Random(path.name)
    lines = text.splitlines()
    out: dict[str, str] = {}
    names = _written_names(record) if record else []
    for k in range(3):
        swapped = text
        for n, (written, kind) in enumerate(names):
            pool = orgs.get(kind or "", []) or orgs["kommune"]
            other = pool[(7 * k + 3 * n + len(written)) % len(pool)]
            swapped = swapped.replace(written, other)
        out[f"swap{k}"] = swapped
    typo = text
    for written, _kind in names:
        typo = typo.replace(written, _typo(written, rng))
    out["typo"] = typo

    def shuffle_words(line: str) -> str:
        if len(line) < 60 or "\t" in line:
            return line
        words = line.split(" ")
        rng.shuffle(words)
        return " ".join(words)

    out["shuffled"] = "\n".join(shuffle_words(line) for line in lines)
    order = list(lines)
    rng.shuffle(order)
    out["lineorder"] = "\n".join(order)
    out["dup"] = "\n".join(line for line in lines for _ in (0, 1))
    out["double"] = text + "\n" + text

    def broken(line: str) -> str:
        spaces = [i for i, c in enumerate(line) if c == " "]
        if len(line) < 50 or not spaces:
            return line
        i = spaces[rng.randrange(len(spaces))]
        return line[:i] + "\n" + line[i + 1 :]

    out["broken"] = "\n".join(broken(line) for line in lines)
    out["upper"] = text.upper()
    out["lower"] = text.lower()
    out["crlf"] = text.replace("\n", "\r\n")
    out["nbsp"] = text.replace(" og ", "\u00a0og  ").replace("-", "\u2013")
    vocab_soup = []
    for vocab in (Vocabulary.themes(), Vocabulary.target_groups(), Vocabulary.schemes()):
        for concept in vocab:
            for label in concept.labels:
                vocab_soup.append(rng.choice([label, label.upper(), label.lower(), label + "en"]))
    rng.shuffle(vocab_soup)
    soup = " ".join(vocab_soup)
    out["soup"] = "\n".join(
        line + (f" {soup[:200]}" if i % 5 == 0 and len(line) > 40 else "")
        for i, line in enumerate(lines)
    )
    return out


def parse(parser: Parser, path: Path) -> object:
    try:
        return parser.parse_file(path).to_json()
    except Exception as exc:  # the failure is part of the behaviour
        return {"error": f"{type(exc).__name__}: {exc}"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("/tmp/kk-golden.json"))
    args = ap.parse_args()
    if VARIANTS.exists():
        shutil.rmtree(VARIANTS)
    VARIANTS.mkdir(parents=True)
    orgs = organisations()
    parser = Parser()
    resolver: Resolver = parser.resolver
    vocabs = {
        "themes": parser.themes,
        "target_groups": parser.target_groups,
        "schemes": parser.schemes,
    }
    records: dict[str, object] = {}
    texts: dict[str, str] = {}
    for path in sample_files():
        base = parse(parser, path)
        records[path.name] = base
        text = path.read_bytes().decode("utf-8", errors="replace")
        texts[path.name] = text
        base_record = base if isinstance(base, dict) and "error" not in base else None
        for name, body in variants(path, text, base_record, orgs).items():
            target = VARIANTS / f"{path.stem}.{name}{path.suffix}"
            if name == "crlf":
                target.write_bytes(body.encode("utf-8"))
            else:
                target.write_text(body, encoding="utf-8")
            records[target.name] = parse(parser, target)
            texts[target.name] = body
        cp = VARIANTS / f"{path.stem}.cp1252{path.suffix}"
        cp.write_bytes(text.encode("cp1252", errors="replace"))
        records[cp.name] = parse(parser, cp)

    hits = {
        f"{vname}:{tname}": [[h.concept, h.start, h.end, h.matched] for h in vocab.find(text)]
        for tname, text in texts.items()
        for vname, vocab in vocabs.items()
    }
    rng = random.Random(2024)
    names: list[str] = []
    for entry in resolver.gazetteer:
        for name in entry.names:
            names += [name, name.lower(), name.upper(), _typo(name, rng), _typo(name, rng)]
            names += [f"{name} AS", f"{name} kommune", f"St.{name} skole", f"({name})"]
    names += [w for text in texts.values() for w in text.split("\n") if 3 <= len(w) <= 40]
    resolved = {}
    for name in dict.fromkeys(names):
        for kinds in (None, ("kommune",), ("uh", "uh_enhet"), ("skole", "barnehage")):
            res = resolver.resolve(name, kinds)
            resolved[f"{name}|{kinds}"] = [res.ref.to_json(), res.method, res.score]
    found = {
        tname: [[r.ref.to_json(), r.method, s, e] for r, s, e in resolver.find_in(text)]
        for tname, text in texts.items()
    }
    data = {"records": records, "hits": hits, "resolve": resolved, "find_in": found}
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    errors = sum(1 for r in records.values() if isinstance(r, dict) and "error" in r)
    print(
        f"{len(records)} records ({errors} errors), {len(hits)} hit lists, "
        f"{len(resolved)} resolutions, {len(found)} find_in -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
