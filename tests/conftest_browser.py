"""Pytest plugin: a real headless Chromium for the HTML map tests, driven by Playwright.

Registered from tests/conftest.py with `pytest_plugins = [..., "conftest_browser"]` (or
`pytest -p conftest_browser`).

The maps are checked in the browser they are made for, not by reading the HTML: a page can
hold the right JSON and still draw nothing, throw in a script, fetch a library from a CDN,
or run a script hidden in a report's text. Only a browser shows that.

Fixtures:
- `browser` (session): a Playwright `Browser`, Debian's Chromium launched headless from
  `$KOMPETANSEKART_CHROMIUM` or /usr/bin/chromium (never a browser Playwright downloads:
  `playwright install` fails on this machine kind). Its profile (user-data-dir) and temp
  files are fresh, under the session's pytest tmp directory.
- `open_map` (function): `open_map(path)` opens an HTML file from file:// in a new page of
  its own, records every request and console message, blocks anything that is not a local
  file or data, waits (bounded, 60 s by default) until `window.kkMap.stabilized` and
  returns a `MapPage`. Pages are closed when the test ends.

Skipping: without Chromium or the `playwright` package the browser tests skip with the
reason, unless KOMPETANSEKART_REQUIRE_BROWSER=1 (CI), which turns that into a failure so
these tests are never skipped silently. `tests/browser/install-chromium.sh` installs
Debian's Chromium.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
DEFAULT_CHROMIUM = "/usr/bin/chromium"

# The flags the machine kind's probe ran Chromium with. Without the background-networking
# ones Chromium keeps trying to reach Google's hosts at every start, and this machine's
# closed network refuses (and flags) each connection. Playwright adds --headless and
# --no-sandbox itself (headless=True, chromium_sandbox=False); they are named here as well so
# the list is the whole story.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

# Schemes a map may load: the page itself (file://) and inline data. Everything else is an
# external resource, which a map must never need (it is opened offline, from a mail or a
# share) and must never leak to (a request to a CDN tells a third party who looks at what).
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")

STABLE_JS = "() => Boolean(window.kkMap && window.kkMap.stabilized === true)"
LOADING_BAR_GONE_JS = """() => {
    const bar = document.getElementById("loadingBar");
    return !bar || getComputedStyle(bar).display === "none";
}"""


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def chromium_executable() -> Path:
    """The Chromium to drive: $KOMPETANSEKART_CHROMIUM, else Debian's /usr/bin/chromium."""
    return Path(os.environ.get("KOMPETANSEKART_CHROMIUM") or DEFAULT_CHROMIUM)


def chromium_problem() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    exe = chromium_executable()
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        return (
            f"no Chromium at {exe} (run `bash tests/browser/install-chromium.sh`, or set "
            "KOMPETANSEKART_CHROMIUM to a Chromium binary)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:  # pragma: no cover - the dev dependencies include it
        return f"the Python package playwright is not installed ({exc})"
    return None


def _unavailable(reason: str) -> None:
    """Skip, or fail when the run requires the browser (CI: KOMPETANSEKART_REQUIRE_BROWSER=1)."""
    if _flag("KOMPETANSEKART_REQUIRE_BROWSER"):
        pytest.fail(
            f"Chromium is required (KOMPETANSEKART_REQUIRE_BROWSER=1) but: {reason}",
            pytrace=False,
        )
    pytest.skip(f"browser unavailable: {reason}")


@contextlib.contextmanager
def tmpdir_env(tmp: Path) -> Iterator[None]:
    """Point TMPDIR at `tmp` while Playwright's driver starts. The driver makes the
    browser's fresh profile (user-data-dir) with mkdtemp in its TMPDIR, and passes its
    environment on to Chromium, so profile and temp files land in pytest's tmp directory
    and go with it, instead of piling up in /tmp."""
    old = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(tmp)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = old


def launch_chromium(playwright: Playwright, **kwargs: Any) -> Browser:
    """Launch Debian's Chromium headless with the probe's flags (also used by bench/map.py)."""
    return playwright.chromium.launch(
        executable_path=str(chromium_executable()),
        headless=True,
        chromium_sandbox=False,
        args=list(CHROMIUM_ARGS),
        **kwargs,
    )


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for the session (starting one takes about a second; pages
    are isolated by giving each its own context)."""
    problem = chromium_problem()
    if problem:
        _unavailable(problem)
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    tmp = tmp_path_factory.mktemp("chromium")
    with tmpdir_env(tmp):
        manager = sync_playwright().start()
    try:
        try:
            instance = launch_chromium(manager)
        except PlaywrightError as exc:
            # Chromium is there but does not start: always a failure, never a skip.
            pytest.fail(f"Chromium at {chromium_executable()} did not start: {exc}")
        try:
            yield instance
        finally:
            instance.close()
    finally:
        manager.stop()


@dataclass
class ConsoleEntry:
    """One console message, or an uncaught exception (type 'pageerror')."""

    type: str
    text: str
    location: str = ""

    def __str__(self) -> str:
        where = f" ({self.location})" if self.location else ""
        return f"[{self.type}] {self.text}{where}"


def is_local(url: str) -> bool:
    return url.startswith(LOCAL_SCHEMES)


def artifact_name(nodeid: str) -> str:
    """A stable file name for a test: its node id with anything odd replaced."""
    name = nodeid.split("::", 1)[-1] if "::" in nodeid else nodeid
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "map"


@dataclass
class MapPage:
    """An opened map: the page, what it requested and what it said on the console."""

    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    console: list[ConsoleEntry] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    wall_time_to_stable: float | None = None
    artifact_stem: str = "map"
    _shots: int = 0

    def evaluate(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    @property
    def kk_map(self) -> dict[str, Any]:
        """`window.kkMap` as plain data (functions dropped)."""
        return self.page.evaluate("() => JSON.parse(JSON.stringify(window.kkMap ?? null))")

    def external_requests(self) -> list[str]:
        """Requests to anything but the page's own file and inline data."""
        return [u for u in self.requests if not is_local(u)]

    def other_requests(self) -> list[str]:
        """Requests other than the page file itself and data:/blob:/about: URLs: a map is
        one self-contained file, so even a second local file is a fault (an <img src=x>
        from a report would show up here as file:///.../x)."""
        own = self.url.split("#", 1)[0]
        return [
            u
            for u in self.requests
            if u.split("#", 1)[0] != own and not u.startswith(("data:", "blob:", "about:"))
        ]

    def console_errors(self) -> list[ConsoleEntry]:
        return [c for c in self.console if c.type in ("error", "pageerror")]

    def describe(self) -> str:
        """Everything a failing assertion should show about the page."""
        lines = [f"page {self.url}", "requests:"]
        lines += [f"  {u}" for u in self.requests] or ["  (none)"]
        lines.append("console:")
        lines += [f"  {c}" for c in self.console] or ["  (none)"]
        return "\n".join(lines)

    def screenshot(self, path: str | Path | None = None, *, full_page: bool = False) -> Path:
        """Save a PNG of the page. Without a path it goes to tests/artifacts/<test>.png
        (second and later shots of a test get -2, -3, ...); a bare file name also goes to
        tests/artifacts/. Returns the path written."""
        self._shots += 1
        if path is None:
            suffix = "" if self._shots == 1 else f"-{self._shots}"
            target = ARTIFACTS / f"{self.artifact_stem}{suffix}.png"
        else:
            target = Path(path)
            if not target.is_absolute() and target.parent == Path("."):
                target = ARTIFACTS / target
        target.parent.mkdir(parents=True, exist_ok=True)
        self._wait_for_overlays()
        self.page.screenshot(path=str(target), full_page=full_page)
        return target

    def _wait_for_overlays(self, timeout_s: float = 3.0) -> None:
        """pyvis's loading bar fades out over 0.5 s after stabilisation; a screenshot taken
        at once shows it over the map. Wait (bounded) until it is gone, if there is one."""
        from playwright.sync_api import Error as PlaywrightError

        with contextlib.suppress(PlaywrightError):
            self.page.wait_for_function(LOADING_BAR_GONE_JS, timeout=timeout_s * 1000)


def png_stats(browser: Browser, png: bytes) -> dict[str, float]:
    """Decode a PNG in the browser (no Pillow needed) and describe its pixels: `distinct`
    colours, and `foreground`, the share of pixels that differ from the most common colour
    (the background). A blank screenshot has one colour and foreground 0."""
    import base64

    page = browser.new_page()
    try:
        return page.evaluate(
            """async (b64) => {
                const img = new Image();
                img.src = "data:image/png;base64," + b64;
                await img.decode();
                const c = document.createElement("canvas");
                c.width = img.naturalWidth; c.height = img.naturalHeight;
                const ctx = c.getContext("2d");
                ctx.drawImage(img, 0, 0);
                const d = ctx.getImageData(0, 0, c.width, c.height).data;
                const counts = new Map();
                for (let i = 0; i < d.length; i += 4) {
                    const k = ((d[i] << 24) | (d[i+1] << 16) | (d[i+2] << 8) | d[i+3]) >>> 0;
                    counts.set(k, (counts.get(k) || 0) + 1);
                }
                const total = d.length / 4;
                const top = Math.max(...counts.values());
                return {width: c.width, height: c.height, distinct: counts.size,
                        foreground: (total - top) / total};
            }""",
            base64.b64encode(png).decode("ascii"),
        )
    finally:
        page.close()


OpenMap = Callable[..., MapPage]


@pytest.fixture
def open_map(browser: Browser, request: pytest.FixtureRequest) -> Iterator[OpenMap]:
    """A factory: `open_map(path, timeout_s=60, wait=True, viewport=(1280, 900))`.

    Each call opens the file in a fresh browser context (no state shared between maps),
    records every request and console message from before the first byte loads, aborts any
    request that is not local (so a page that reaches for a CDN is caught and never
    reaches it), and waits for `window.kkMap.stabilized`. A page that does not stabilise in
    time fails the test with its console and requests in the message.
    """
    import time

    from playwright.sync_api import Error as PlaywrightError

    opened: list[MapPage] = []
    stem = artifact_name(request.node.nodeid)

    def _open(
        path: str | Path,
        *,
        timeout_s: float = 60.0,
        wait: bool = True,
        viewport: tuple[int, int] = (1280, 900),
    ) -> MapPage:
        target = Path(path).resolve()
        if not target.is_file():
            pytest.fail(f"no map file at {target}")
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        page = context.new_page()
        name = stem if not opened else f"{stem}-{len(opened) + 1}"
        result = MapPage(page=page, url=target.as_uri(), artifact_stem=name)
        opened.append(result)

        def on_request(req: Request) -> None:
            result.requests.append(req.url)

        def on_console(msg: ConsoleMessage) -> None:
            loc = msg.location or {}
            where = f"{loc.get('url', '')}:{loc.get('lineNumber', '')}" if loc else ""
            result.console.append(ConsoleEntry(msg.type, msg.text, where.strip(":")))

        def on_page_error(exc: Exception) -> None:
            result.console.append(ConsoleEntry("pageerror", str(exc)))

        def route(r: Any) -> None:
            if is_local(r.request.url):
                r.continue_()
            else:
                result.blocked.append(r.request.url)
                r.abort("blockedbyclient")

        page.on("request", on_request)
        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        page.on("websocket", lambda ws: result.requests.append(ws.url))
        context.route("**/*", route)

        start = time.perf_counter()
        page.goto(result.url, wait_until="load", timeout=timeout_s * 1000)
        if wait:
            try:
                page.wait_for_function(STABLE_JS, timeout=timeout_s * 1000, polling=100)
            except PlaywrightError as exc:
                state = None
                with contextlib.suppress(PlaywrightError):
                    state = result.kk_map
                pytest.fail(
                    f"the map did not stabilise within {timeout_s:g} s "
                    f"(window.kkMap = {state!r}): {exc.message.splitlines()[0]}\n"
                    + result.describe(),
                    pytrace=False,
                )
            result.wall_time_to_stable = time.perf_counter() - start
        return result

    try:
        yield _open
    finally:
        for opened_page in opened:
            with contextlib.suppress(Exception):
                opened_page.page.context.close()


def pytest_report_header(config: pytest.Config) -> str | None:
    """Say in the header which Chromium the browser tests use (or why they cannot run)."""
    problem = chromium_problem()
    if problem:
        return f"browser: unavailable: {problem}"
    return f"browser: Chromium at {chromium_executable()}"
