"""Scoring a record against an `<name>.expected.json` of the unseen-layout sets.

The key conventions are those of `../shared/unseen/README.md` ("Expected-values keys"):
field paths of the record schema; `a[].b` is the set of `b` over the items of list `a`;
`measures` are matched by `number`, `budget` rows by `scheme` (or `label` for per-measure
rows), `partners` by `org.id`; inside an item only the keys given are checked; names
compare case-insensitively after whitespace is normalised; a unit counts for its host
(`uh[].id` may list a unit whose `parent` is the id; so may a measure's `uh.id` and a
partner's `org.id`); the network's canonical name counts
as well as the name as written. Keys starting with `_` are the test writer's notes.

`score()` gives one `Result` per expected value, so a test can report accuracy per field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LISTS_AS_SETS = ("schemes", "phases", "terms", "union_consultation.unions", "contacts[].email")


@dataclass(frozen=True)
class Result:
    file: str
    key: str
    expected: Any
    actual: Any

    @property
    def ok(self) -> bool:
        return _equal(self.key, self.expected, self.actual)

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: expected {self.expected!r}, got {self.actual!r}"


def load(path: Path) -> dict[str, Any]:
    return {k: v for k, v in json.loads(path.read_text("utf-8")).items() if not k.startswith("_")}


def expected_files(folder: Path) -> list[tuple[Path, Path]]:
    """(report path, expected path) for every `<name>.expected.json` in a folder; the
    report is the file or sub-folder with that name."""
    out = []
    for exp in sorted(folder.glob("*.expected.json")):
        stem = exp.name[: -len(".expected.json")]
        found = [
            p for p in folder.iterdir() if p.name != exp.name and (p.stem == stem or p.name == stem)
        ]
        if len(found) != 1:
            raise AssertionError(f"{exp}: no single report named {stem}")
        out.append((found[0], exp))
    return out


_AMOUNTS = ("owner_amount", "uh_amount", "total_stated")


def score(name: str, expected: dict[str, Any], record: dict[str, Any]) -> list[Result]:
    out: list[Result] = []
    for key, want in expected.items():
        if key == "measures":
            out += _items(name, "measures", want, record["measures"], ("number",))
            # a measure the document does not have is a silent error too
            out.append(Result(name, "measures.count", len(want), len(record["measures"])))
        elif key == "budget":
            out += _items(name, "budget", want, record["budget"], ("scheme", "label"))
            # a row of zeros ('Regional ordning | 0 | 0 | 0') asks for nothing: no money
            money = [b for b in record["budget"] if any(b.get(k) for k in _AMOUNTS)]
            out.append(Result(name, "budget.count", len(want), len(money)))
        elif key == "partners":
            out += _items(name, "partners", want, record["partners"], ("org.id",))
        elif key == "uh[].id":
            got = sorted(
                {
                    u.get("parent")
                    if u.get("kind") == "uh_enhet" and u.get("parent") in want
                    else u["id"]
                    for u in record["uh"]
                },
                key=str,
            )
            out.append(Result(name, key, sorted(want), got))
        elif key == "network.name":
            net = record.get("network") or {}
            got = net.get("as_written") or net.get("name")
            names = {_norm(net.get("name")), _norm(net.get("as_written"))}
            out.append(Result(name, key, want, want if _norm(want) in names else got))
        else:
            out.append(Result(name, key, want, _get(record, key)))
    return out


def _items(
    name: str, key: str, want: list[dict], got: list[dict], match: tuple[str, ...]
) -> list[Result]:
    out = []
    for item in want:
        by = next((m for m in match if m in item), None)
        candidates = [g for g in got if by and _matches(g, by, item[by])]
        target = candidates[0] if candidates else None
        for sub, value in item.items():
            actual = _get(target, sub) if target is not None else "(missing)"
            # a host and its unit are one partner: what either of them carries counts
            if any(_equal(sub, value, _get(g, sub)) for g in candidates):
                actual = value
            if sub.endswith(".id") and target is not None:
                org = _get(target, sub[: -len(".id")]) or {}
                if org.get("kind") == "uh_enhet" and org.get("parent") == value:
                    actual = value  # a unit counts for its host
            out.append(Result(name, f"{key}[{by}={item.get(by)}].{sub}", value, actual))
    return out


def _matches(item: dict, by: str, want: Any) -> bool:
    if _equal(by, want, _get(item, by)):
        return True
    if by.endswith(".id"):
        org = _get(item, by[: -len(".id")]) or {}
        return org.get("kind") == "uh_enhet" and org.get("parent") == want
    return False


def _get(record: Any, path: str) -> Any:
    if record is None:
        return None
    if "[]." in path:
        head, tail = path.split("[].", 1)
        items = _get(record, head) or []
        return sorted({str(_get(x, tail)) for x in items if _get(x, tail) is not None})
    value = record
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _norm(text: Any) -> str:
    return " ".join(str(text).casefold().split()) if text is not None else ""


def _equal(key: str, want: Any, got: Any) -> bool:
    if isinstance(want, list):
        if not isinstance(got, list):
            return False
        if key.endswith(LISTS_AS_SETS) or key.endswith("[].id") or "[]." in key:
            return sorted(map(_norm, want)) == sorted(map(_norm, got))
        return [_norm(x) for x in want] == [_norm(x) for x in got]
    if isinstance(want, str) and isinstance(got, str):
        return _norm(want) == _norm(got)
    return want == got
