"""A real Neo4j Community 5.26 server on 127.0.0.1 for the test suite, from Maven Central.

Why this exists: the project's Neo4j path (`kompetansekart neo4j load`) must be tested against
a real server, never a mock, and the only way to get one on these machines is Maven Central
(no docker, no tarball downloads). `pom.xml` beside this file depends on `org.neo4j:neo4j`,
which pulls in the kernel, Cypher, Bolt and the server bootstrapper; this module

1. asks Maven once for the classpath and caches it in the server directory (the jars stay in
   ~/.m2/repository, so later starts never run Maven);
2. writes a neo4j.conf into a fresh temporary home: Bolt on a free 127.0.0.1 port, HTTP and
   HTTPS off, usage reporting off, small page cache;
3. starts `org.neo4j.server.CommunityEntryPoint` (the same entry point the packaged server's
   `neo4j console` runs) as a child JVM with a modest heap;
4. sets a random password per start over Bolt (`ALTER CURRENT USER ... FROM 'neo4j'`), so
   auth stays enabled as in production and no neo4j-admin run is needed;
5. waits until a driver session answers `RETURN 1` on the default database.

Used by tests/conftest_neo4j.py, and by hand:
`python tests/neo4j/server.py start|stop|status [--dir DIR]`.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path
from types import TracebackType
from typing import IO, Any

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
DEFAULT_USER = "neo4j"
# The password every fresh Neo4j auth store starts with; it only allows changing itself.
FACTORY_PASSWORD = "neo4j"
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
LOG_TAIL_LINES = 40
KEEP_RUN_DIRS = 5


class Neo4jUnavailable(RuntimeError):
    """Neo4j cannot be provided on this machine (no Java, no Maven, Maven cannot resolve).

    A separate type so the test plugin can skip on it (or fail when Neo4j is required),
    while a server that was started but broke is always a test failure.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Neo4jStartError(RuntimeError):
    """The JVM started but the server did not come up (early exit, timeout, bad config)."""


def default_server_dir() -> Path:
    """Where the classpath cache, the logs and the CLI's state live unless told otherwise.

    Outside the work tree so a fresh clone (CI) still reuses the cache, and so nothing here
    ever shows up in `git status`.
    """
    env = os.environ.get("KOMPETANSEKART_NEO4J_DIR")
    if env:
        return Path(env).expanduser().resolve()
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return (cache / "kompetansekart" / "neo4j").resolve()


def neo4j_version_in_pom(pom: Path = POM) -> str:
    """The pinned Neo4j version, for progress messages before the server can tell us itself."""
    match = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", pom.read_text("utf-8"))
    return match.group(1) if match else "?"


def free_loopback_port() -> int:
    """A TCP port that was free on 127.0.0.1 a moment ago (bind to port 0, read, close).

    There is a small race until the JVM binds it; `Neo4jServer.start` retries with a new port
    if the JVM reports the address in use.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_accepts(host: str, port: int, timeout: float = 0.5) -> bool:
    """Whether something accepts TCP connections on host:port right now."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The last lines of a log, for error messages that must be readable in CI output."""
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            return "".join(deque(fh, maxlen=lines))
    except OSError as exc:
        return f"(no log at {path}: {exc})"


def _say(message: str) -> None:
    """Progress on stderr: a first start can take a while and CI logs should show why."""
    print(f"neo4j: {message}", file=sys.stderr, flush=True)


def find_java() -> str:
    """The java binary ($JAVA_HOME first, then PATH), checked to be Java 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home, "bin", "java") if java_home else None
    java = str(candidate) if candidate and candidate.is_file() else shutil.which("java")
    if not java:
        raise Neo4jUnavailable(
            "java not found ($JAVA_HOME/bin/java or PATH); Neo4j 5.26 needs Java 17+ "
            "(Debian: apt-get install openjdk-17-jre-headless)"
        )
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Neo4jUnavailable(f"{java} -version failed: {exc}") from exc
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise Neo4jUnavailable(f"cannot read the Java version from {java} -version")
    major = int(match.group(1))
    if major == 1 and match.group(2):  # "1.8.0" style
        major = int(match.group(2))
    if major < 17:
        raise Neo4jUnavailable(f"{java} is Java {major}; Neo4j 5.26 needs Java 17 or newer")
    return java


def resolve_classpath(server_dir: Path, timeout: float, pom: Path = POM) -> str:
    """The server's classpath, from the cache in server_dir or (first time) from Maven.

    The cache file is keyed by the pom's hash, so bumping the Neo4j version re-resolves; it
    is also re-resolved if any jar vanished from ~/.m2. Maven is only needed on those runs.
    """
    key = hashlib.sha256(pom.read_bytes()).hexdigest()[:16]
    cache = server_dir / f"classpath-{key}.txt"
    if cache.is_file():
        classpath = cache.read_text("utf-8").strip()
        if classpath and all(Path(p).is_file() for p in classpath.split(os.pathsep)):
            return classpath
    mvn = shutil.which("mvn")
    if not mvn:
        raise Neo4jUnavailable(
            "mvn not found on PATH; Maven is needed once to fetch Neo4j from Maven Central "
            "(Debian: apt-get install maven)"
        )
    server_dir.mkdir(parents=True, exist_ok=True)
    _say(
        f"resolving Neo4j {neo4j_version_in_pom(pom)} with Maven "
        "(the first run downloads about 160 MB into ~/.m2)"
    )
    fd, tmp_name = tempfile.mkstemp(prefix="classpath-", suffix=".tmp", dir=server_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    cmd = [
        mvn,
        "-q",
        "-B",
        "-Dstyle.color=never",
        "-f",
        str(pom),
        f"{DEPENDENCY_PLUGIN}:build-classpath",
        f"-Dmdep.outputFile={tmp}",
        "-Dmdep.includeScope=runtime",
    ]
    try:
        out = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, check=False, cwd=pom.parent
        )
    except subprocess.TimeoutExpired as exc:
        tmp.unlink(missing_ok=True)
        raise Neo4jUnavailable(
            f"Maven did not resolve Neo4j within {timeout:.0f} s (is Maven Central reachable?)"
        ) from exc
    classpath = tmp.read_text("utf-8").strip() if tmp.is_file() else ""
    if out.returncode != 0 or not classpath:
        tmp.unlink(missing_ok=True)
        detail = "\n".join((out.stdout + out.stderr).strip().splitlines()[-LOG_TAIL_LINES:])
        raise Neo4jUnavailable(
            f"Maven could not resolve Neo4j from {pom} (exit {out.returncode}):\n{detail}"
        )
    os.replace(tmp, cache)  # atomic: a parallel run sees the old cache or the new one
    return classpath


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM when the parent dies (Linux prctl).

    So a pytest run killed with SIGKILL does not leave a JVM behind. Not used for the CLI's
    `start`, whose whole point is to leave the server running.
    """
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


def _pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (signal 0 checks without sending)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Neo4jServer:
    """One Neo4j Community server process on 127.0.0.1, with its own throwaway data.

    Attributes set by `start()`: `uri` (bolt://127.0.0.1:PORT), `auth` ((user, password),
    password random per start), `port`, `pid`, `version`, `edition`, `log_path` (the JVM's
    stdout/stderr, kept after stop for debugging; old run directories are pruned).
    """

    def __init__(
        self,
        server_dir: Path | str | None = None,
        *,
        name: str = "neo4j",
        heap: str = "1g",
        pagecache: str = "64m",
        start_timeout: float | None = None,
        stop_timeout: float = 30.0,
        die_with_parent: bool = True,
    ) -> None:
        self.server_dir = Path(server_dir).resolve() if server_dir else default_server_dir()
        self.name = name
        self.heap = heap
        self.pagecache = pagecache
        env_timeout = os.environ.get("KOMPETANSEKART_NEO4J_START_TIMEOUT")
        self.start_timeout = start_timeout or float(env_timeout or 180)
        self.stop_timeout = stop_timeout
        self.die_with_parent = die_with_parent
        self.uri: str | None = None
        self.auth: tuple[str, str] | None = None
        self.port: int | None = None
        self.pid: int | None = None
        self.version: str | None = None
        self.edition: str | None = None
        self.run_dir: Path | None = None
        self.home: Path | None = None
        self.log_path: Path | None = None
        self.startup_seconds: float | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def __repr__(self) -> str:
        # Never the password: reprs end up in pytest failure output.
        return f"Neo4jServer(uri={self.uri!r}, pid={self.pid}, log_path={self.log_path})"

    def __enter__(self) -> Neo4jServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- starting ---------------------------------------------------------------------------

    def start(self) -> Neo4jServer:
        """Resolve, configure, launch and wait until `RETURN 1` works; returns self."""
        if self._proc is not None:
            raise RuntimeError("this Neo4jServer is already started")
        began = time.monotonic()
        deadline = began + self.start_timeout
        java = find_java()
        self.server_dir.mkdir(parents=True, exist_ok=True)
        classpath = resolve_classpath(self.server_dir, timeout=max(deadline - time.monotonic(), 30))
        self._prune_run_dirs()
        try:
            for attempt in range(3):
                self._launch(java, classpath)
                try:
                    self._wait_until_ready(deadline)
                    break
                except Neo4jStartError as exc:
                    assert self.log_path is not None
                    in_use = "Address already in use" in log_tail(self.log_path, 400)
                    self.stop()
                    if not (in_use and attempt < 2):
                        raise
                    _say(f"port {self.port} was taken before the JVM bound it; retrying ({exc})")
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began
        _say(
            f"{(self.edition or 'community').capitalize()} {self.version} up on {self.uri} "
            f"({self.startup_seconds:.1f}s)"
        )
        return self

    def _prune_run_dirs(self) -> None:
        """Keep only the newest few finished run directories (their logs help debugging)."""
        runs = sorted(
            (p for p in self.server_dir.glob("run-*") if p.is_dir()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in runs[KEEP_RUN_DIRS:]:
            pid_file = old / "jvm.pid"
            with contextlib.suppress(ValueError, OSError):
                if pid_file.is_file() and _pid_alive(int(pid_file.read_text().strip())):
                    continue  # another session's live server
            shutil.rmtree(old, ignore_errors=True)

    def conf_lines(self, port: int) -> list[str]:
        """The neo4j.conf for a loopback-only, small-footprint test server.

        Neo4j validates the file strictly (unknown keys stop the server), so a typo here
        fails loudly instead of being ignored.
        """
        return [
            "# Written by tests/neo4j/server.py for one test run; deleted at stop.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            "server.bolt.enabled=true",
            f"server.bolt.listen_address=127.0.0.1:{port}",
            f"server.bolt.advertised_address=127.0.0.1:{port}",
            "server.bolt.tls_level=DISABLED",
            "server.http.enabled=false",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            f"server.memory.pagecache.size={self.pagecache}",
            # No 250 MB preallocated transaction log files in a throwaway store.
            "db.tx_log.preallocate=false",
            # Bolt's Netty waits a 5 s quiet period on shutdown by default; tests stop often.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        ]

    def jvm_args(self, java: str, classpath: str) -> list[str]:
        """The command line: the flags Neo4j's own launcher passes, with a modest heap."""
        assert self.home is not None
        return [
            java,
            "-Xms256m",
            f"-Xmx{self.heap}",
            "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:-OmitStackTraceInFastThrow",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Djdk.nio.maxCachedBufferSize=1024",
            "-Dlog4j2.disable.jmx=true",
            "-Dfile.encoding=UTF-8",
            "-cp",
            classpath,
            ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.home / 'conf'}",
            "--console-mode",  # neo4j.log lines go to stdout, i.e. into log_path
        ]

    def _launch(self, java: str, classpath: str) -> None:
        """Fresh run dir + home, conf, then the JVM with output to run_dir/neo4j.log."""
        self.run_dir = Path(tempfile.mkdtemp(prefix=f"run-{self.name}-", dir=self.server_dir))
        self.home = self.run_dir / "home"
        (self.home / "conf").mkdir(parents=True)
        self.port = free_loopback_port()
        conf = "\n".join(self.conf_lines(self.port)) + "\n"
        (self.home / "conf" / "neo4j.conf").write_text(conf, "utf-8")
        self.log_path = self.run_dir / "neo4j.log"
        self._log = self.log_path.open("wb")
        self._proc = subprocess.Popen(
            self.jvm_args(java, classpath),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=self.home,
            # Own process group: Ctrl-C in the terminal reaches us, and we stop the JVM cleanly.
            start_new_session=True,
            preexec_fn=_die_with_parent if self.die_with_parent else None,
        )
        atexit.register(self.stop)  # a forgotten stop() still ends the JVM with us
        self.pid = self._proc.pid
        (self.run_dir / "jvm.pid").write_text(f"{self.pid}\n")
        self.uri = f"bolt://127.0.0.1:{self.port}"

    def _check_alive(self) -> None:
        """Raise with the log tail if the JVM already exited."""
        assert self._proc is not None and self.log_path is not None
        code = self._proc.poll()
        if code is not None:
            raise Neo4jStartError(
                f"the Neo4j JVM exited with code {code} during startup; "
                f"last {LOG_TAIL_LINES} lines of {self.log_path}:\n{log_tail(self.log_path)}"
            )

    def _wait_until_ready(self, deadline: float) -> None:
        """Port open, then set the random password, then `RETURN 1` on the default database."""
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

        assert self.uri is not None and self.port is not None
        retryable = (ServiceUnavailable, SessionExpired, OSError)
        password = secrets.token_urlsafe(24)
        password_set = False
        password_tried = False
        last_note = time.monotonic()
        last_error: BaseException | None = None
        while True:
            self._check_alive()
            now = time.monotonic()
            if now > deadline:
                self._timeout(last_error)
            if now - last_note > 15:
                _say(f"still waiting for {self.uri} ({last_error or 'port not open yet'})")
                last_note = now
            if not port_accepts("127.0.0.1", self.port):
                time.sleep(0.25)
                continue
            try:
                if not password_set:
                    tried_before, password_tried = password_tried, True
                    try:
                        password_set = self._set_password(password)
                    except AuthError:
                        # An earlier attempt may have changed it before its reply was lost.
                        if not tried_before:
                            raise
                        password_set = True
                with GraphDatabase.driver(self.uri, auth=(DEFAULT_USER, password)) as driver:
                    records, _, _ = driver.execute_query("RETURN 1 AS one")
                    if records[0]["one"] != 1:
                        raise Neo4jStartError(f"RETURN 1 gave {records!r}")
                    comps, _, _ = driver.execute_query(
                        "CALL dbms.components() YIELD name, versions, edition "
                        "RETURN versions[0] AS version, edition"
                    )
                self.version, self.edition = comps[0]["version"], comps[0]["edition"]
                self.auth = (DEFAULT_USER, password)
                return
            except AuthError as exc:
                raise Neo4jStartError(
                    f"authentication failed while starting {self.uri}: {exc}; log {self.log_path}"
                ) from exc
            except (*retryable, Neo4jError) as exc:
                # Neo4jError here: e.g. DatabaseUnavailable while `neo4j` is still starting.
                last_error = exc
                time.sleep(0.5)

    def _set_password(self, password: str) -> bool:
        """Replace the factory password with a random one; True once done.

        A fresh auth store has user neo4j/neo4j flagged "change required": that login may
        only run ALTER CURRENT USER on the system database. Doing it here keeps auth enabled
        (as in production) without a neo4j-admin step.
        """
        from neo4j import GraphDatabase

        assert self.uri is not None
        with (
            GraphDatabase.driver(self.uri, auth=(DEFAULT_USER, FACTORY_PASSWORD)) as driver,
            driver.session(database="system") as session,
        ):
            session.run(
                "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                old=FACTORY_PASSWORD,
                new=password,
            ).consume()
        return True

    def _timeout(self, last_error: BaseException | None) -> None:
        assert self.log_path is not None
        raise Neo4jStartError(
            f"Neo4j did not answer on {self.uri} within {self.start_timeout:.0f} s "
            f"(last error: {last_error}); last {LOG_TAIL_LINES} lines of {self.log_path}:\n"
            f"{log_tail(self.log_path)}"
        )

    # -- stopping ---------------------------------------------------------------------------

    def stop(self) -> None:
        """SIGTERM (Neo4j checkpoints and shuts down), SIGKILL after stop_timeout; idempotent.

        Removes the data (the home directory) but keeps the run directory's logs, with
        debug.log copied out of the home for post-mortems.
        """
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                _say(f"JVM {proc.pid} ignored SIGTERM for {self.stop_timeout:.0f} s; killing")
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                proc.wait(timeout=30)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.home is not None and self.home.exists():
            debug_log = self.home / "logs" / "debug.log"
            if self.run_dir is not None and debug_log.is_file():
                with contextlib.suppress(OSError):
                    shutil.copyfile(debug_log, self.run_dir / "debug.log")
            shutil.rmtree(self.home, ignore_errors=True)
        if self.run_dir is not None:
            (self.run_dir / "jvm.pid").unlink(missing_ok=True)


# -- command line -----------------------------------------------------------------------------


def _state_path(server_dir: Path) -> Path:
    return server_dir / "cli-state.json"


def _env_path(server_dir: Path) -> Path:
    return server_dir / "neo4j.env"


def _read_state(server_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads(_state_path(server_dir).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _is_our_jvm(pid: int, home: str) -> bool:
    """The pid still runs Neo4j with this home (guards against pid reuse before a kill)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
    except OSError:
        return _pid_alive(pid)  # no /proc (macOS): trust the pid
    return ENTRY_POINT in cmdline and home in cmdline


def cli_start(server_dir: Path) -> int:
    """Start a detached server for demos/debugging; credentials go to a 0600 env file."""
    state = _read_state(server_dir)
    if state and _is_our_jvm(state["pid"], state["home"]):
        _say(f"already running on {state['uri']} (pid {state['pid']})")
        return 0
    server = Neo4jServer(server_dir, name="cli", die_with_parent=False)
    try:
        server.start()
    except Neo4jUnavailable as exc:
        _say(f"unavailable: {exc.reason}")
        return 2
    except Neo4jStartError as exc:
        _say(str(exc))
        return 1
    assert server.auth is not None and server.home is not None
    env_file = _env_path(server_dir)
    fd = os.open(env_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(
            f"NEO4J_URI={server.uri}\nNEO4J_USER={server.auth[0]}\n"
            f"NEO4J_PASSWORD={server.auth[1]}\n"
        )
    state = {
        "pid": server.pid,
        "uri": server.uri,
        "port": server.port,
        "home": str(server.home),
        "run_dir": str(server.run_dir),
        "log_path": str(server.log_path),
        "version": server.version,
    }
    _state_path(server_dir).write_text(json.dumps(state, indent=2) + "\n", "utf-8")
    # Leave the JVM running: forget the handles without stopping it.
    atexit.unregister(server.stop)
    server._proc = None
    _say(f"credentials in {env_file} (mode 0600; `set -a; . {env_file}; set +a`)")
    _say(f"log: {server.log_path}; stop with: python {Path(__file__)} stop --dir {server_dir}")
    return 0


def cli_stop(server_dir: Path, timeout: float = 30.0) -> int:
    """Stop the server `start` left running and delete its data."""
    state = _read_state(server_dir)
    if not state:
        _say(f"no server started from {server_dir}")
        return 0
    pid, home = int(state["pid"]), state["home"]
    if _is_our_jvm(pid, home):
        os.kill(pid, signal.SIGTERM)
        end = time.monotonic() + timeout
        while _pid_alive(pid) and time.monotonic() < end:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.2)
        if _pid_alive(pid) and _is_our_jvm(pid, home):
            _say(f"JVM {pid} ignored SIGTERM for {timeout:.0f} s; killing")
            os.kill(pid, signal.SIGKILL)
        _say(f"stopped {state['uri']} (pid {pid})")
    else:
        _say(f"server on {state['uri']} was not running any more")
    debug_log = Path(home) / "logs" / "debug.log"
    with contextlib.suppress(OSError):
        shutil.copyfile(debug_log, Path(state["run_dir"]) / "debug.log")
    shutil.rmtree(home, ignore_errors=True)
    (Path(state["run_dir"]) / "jvm.pid").unlink(missing_ok=True)
    _state_path(server_dir).unlink(missing_ok=True)
    _env_path(server_dir).unlink(missing_ok=True)
    return 0


def cli_status(server_dir: Path) -> int:
    """0 and a line if the CLI's server answers `RETURN 1`; 3 (LSB "not running") otherwise."""
    state = _read_state(server_dir)
    if not state or not _is_our_jvm(int(state["pid"]), state["home"]):
        _say("not running")
        return 3
    env: dict[str, str] = {}
    with contextlib.suppress(OSError):
        for line in _env_path(server_dir).read_text("utf-8").splitlines():
            key, _, value = line.partition("=")
            env[key] = value
    try:
        from neo4j import GraphDatabase

        auth = (env["NEO4J_USER"], env["NEO4J_PASSWORD"])
        with GraphDatabase.driver(state["uri"], auth=auth) as driver:
            driver.execute_query("RETURN 1")
    except Exception as exc:
        _say(f"pid {state['pid']} runs but {state['uri']} does not answer: {exc}")
        return 1
    _say(f"Community {state['version']} running on {state['uri']} (pid {state['pid']})")
    _say(f"credentials: {_env_path(server_dir)}; log: {state['log_path']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="server.py",
        description="Run a throwaway Neo4j Community server on 127.0.0.1 (from Maven Central).",
    )
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="server directory: classpath cache, logs, state "
        "(default $KOMPETANSEKART_NEO4J_DIR or ~/.cache/kompetansekart/neo4j)",
    )
    args = parser.parse_args(argv)
    server_dir = args.dir.resolve() if args.dir else default_server_dir()
    server_dir.mkdir(parents=True, exist_ok=True)
    commands = {"start": cli_start, "stop": cli_stop, "status": cli_status}
    return commands[args.command](server_dir)


if __name__ == "__main__":
    sys.exit(main())
