"""What a benchmark's numbers were measured on, for the header of its RESULTS file.

Imported by the scripts next to it (`python bench/X.py` puts bench/ first on sys.path;
tests/bench/bench_scripts.py does the same when it loads a script by path)."""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path


def sh(*cmd: str) -> str:
    """A command's stdout, or "" when it is missing or fails (a benchmark header must
    never stop a run)."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine_info(
    packages: Sequence[str] = (), extra: dict[str, str] | None = None
) -> dict[str, str]:
    """Cores, memory, CPU, OS, Python, the given packages' versions and `extra`."""
    mem = next(
        (line.split() for line in sh("free", "-h").splitlines() if line.startswith("Mem:")), []
    )
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    info = {
        "nproc": sh("nproc").strip() or str(os.cpu_count()),
        "memory (free -h)": f"{mem[1]} total, {mem[6]} available" if len(mem) >= 7 else "unknown",
        "cpu": cpu,
        "os": platform.platform(),
        "python": platform.python_version(),
    }
    versions = []
    for pkg in packages:
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{pkg} {metadata.version(pkg)}")
    if versions:
        info["packages"] = ", ".join(versions)
    return info | (extra or {})


MAX_LOAD = [0.0]  # the highest 1-minute load average any progress line has seen


def log(message: str) -> None:
    """Progress on stderr (stdout holds only the result tables), stamped with the load
    average: on a shared machine other work is the main source of noise, and the results
    should say how busy it was (MAX_LOAD)."""
    try:
        load = os.getloadavg()[0]
        MAX_LOAD[0] = max(MAX_LOAD[0], load)
    except OSError:
        load = float("nan")
    print(f"[{time.strftime('%H:%M:%S')} load {load:.1f}] {message}", file=sys.stderr, flush=True)
