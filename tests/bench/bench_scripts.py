"""Load a bench/ script as a module, for its smoke test.

bench/ is scripts, not a package: a script is imported from its file, registered in
sys.modules first (dataclasses look their module up while building classes), with bench/
on sys.path so it finds bench/machine.py as it does when run as `python bench/X.py`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load(script: str) -> ModuleType:
    """bench/<script>.py as the module `kk_bench_<script>` (loaded once)."""
    name = f"kk_bench_{script}"
    if name in sys.modules:
        return sys.modules[name]
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{script}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
