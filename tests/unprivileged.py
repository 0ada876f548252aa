"""Run the real CLI so that file permissions apply, for the tests that need a real
permission error.

Root reads any file whatever its mode (the CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
capabilities). When the tests run as root, the command runs under util-linux's `setpriv`
with those two capabilities dropped from its bounding set: still uid 0, so the virtualenv
stays readable, but a file with mode 000 is refused exactly as it would be for a user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(sys.executable).with_name("kompetansekart")
NO_READ_OVERRIDE = ["--bounding-set=-dac_override,-dac_read_search"]


def prefix() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root needs setpriv (util-linux) to test permission errors")
    return [setpriv, *NO_READ_OVERRIDE]


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`kompetansekart ARGS` in a subprocess without the power to read unreadable files."""
    return subprocess.run(
        [*prefix(), str(CLI), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )
