"""The test Neo4j server itself: real, reachable only on loopback, authenticated, stoppable.

Everything else that touches Neo4j trusts these properties, so they are checked here against
the running server rather than assumed from the config we wrote.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.neo4j

LISTEN = "0A"  # TCP state code of a listening socket in /proc/net/tcp*


def _needs_own_jvm(server: Any) -> None:
    if getattr(server, "external", False):
        pytest.skip("an external server (KOMPETANSEKART_TEST_EXTERNAL_NEO4J=1) is not ours")


def _socket_inodes(pid: int) -> set[str]:
    """Inodes of the sockets a process holds open, from /proc/PID/fd."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def _decode_address(hex_addr: str) -> tuple[str, int]:
    """'0100007F:1F90' -> ('127.0.0.1', 8080); IPv6 (incl. v4-mapped) likewise."""
    host_hex, port_hex = hex_addr.split(":")
    raw = bytes.fromhex(host_hex)
    # /proc/net prints each 32-bit word in host (little-endian) order.
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    family = socket.AF_INET if len(words) == 4 else socket.AF_INET6
    host = socket.inet_ntop(family, words)
    return host.removeprefix("::ffff:"), int(port_hex, 16)


def _listening_addresses(pid: int) -> list[tuple[str, int]]:
    """Every (host, port) the process listens on over TCP (v4 and v6)."""
    inodes = _socket_inodes(pid)
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        lines = Path(table).read_text().splitlines()[1:] if Path(table).exists() else []
        for line in lines:
            cols = line.split()
            if cols[3] == LISTEN and cols[9] in inodes:
                found.append(_decode_address(cols[1]))
    return found


def _refused(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return False
    except OSError:
        return True


def test_server_answers_return_1(neo4j_driver: Any) -> None:
    records, _, _ = neo4j_driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1


def test_server_is_community_5_26(neo4j_server: Any, neo4j_driver: Any) -> None:
    _needs_own_jvm(neo4j_server)
    records, _, _ = neo4j_driver.execute_query(
        "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition"
    )
    assert records[0]["edition"] == "community"
    assert records[0]["v"].startswith("5.26.")


def test_write_then_read_round_trip(neo4j_clean: Any) -> None:
    neo4j_clean.execute_query("CREATE (:Probe {x: 1, name: $name})", name="Trøndelag fylke")
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (p:Probe) RETURN count(p) AS n, collect(p.name)[0] AS name"
    )
    assert records[0]["n"] == 1
    assert records[0]["name"] == "Trøndelag fylke"


def test_clean_removes_nodes_constraints_and_indexes(neo4j_driver: Any) -> None:
    from conftest_neo4j import clean_database

    neo4j_driver.execute_query(
        "CREATE CONSTRAINT probe_id IF NOT EXISTS FOR (p:Probe) REQUIRE p.id IS UNIQUE"
    )
    neo4j_driver.execute_query("CREATE INDEX probe_x IF NOT EXISTS FOR (p:Probe) ON (p.x)")
    neo4j_driver.execute_query("CREATE (:Probe {id: 1})-[:R]->(:Probe {id: 2})")
    clean_database(neo4j_driver)
    nodes, _, _ = neo4j_driver.execute_query("MATCH (n) RETURN count(n) AS n")
    constraints, _, _ = neo4j_driver.execute_query("SHOW CONSTRAINTS")
    indexes, _, _ = neo4j_driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"
    )
    assert nodes[0]["n"] == 0
    assert constraints == []
    assert indexes == []


def test_auth_is_on_and_the_password_stays_secret(neo4j_server: Any) -> None:
    _needs_own_jvm(neo4j_server)
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError

    user, password = neo4j_server.auth
    assert password not in repr(neo4j_server)
    assert len(password) >= 24
    with (
        pytest.raises(AuthError),
        GraphDatabase.driver(neo4j_server.uri, auth=(user, "neo4j")) as driver,
    ):
        driver.verify_connectivity()


def test_server_listens_only_on_loopback(neo4j_server: Any) -> None:
    """Bolt is on 127.0.0.1 only and the JVM opens no other listening socket elsewhere.

    Checked from the kernel's socket table rather than by connecting to the machine's LAN
    address: this workplace allows test traffic to loopback addresses only. 127.0.0.2 is
    loopback too, but a socket bound to 127.0.0.1 (not 0.0.0.0) must refuse it.
    """
    _needs_own_jvm(neo4j_server)
    assert neo4j_server.uri == f"bolt://127.0.0.1:{neo4j_server.port}"

    listening = _listening_addresses(neo4j_server.pid)
    assert ("127.0.0.1", neo4j_server.port) in listening
    assert all(host == "127.0.0.1" for host, _ in listening), listening

    # Control: 127.0.0.2 is routable here, so a refusal below means "not bound there".
    with socket.socket() as control:
        control.bind(("127.0.0.2", 0))
        control.listen(1)
        assert not _refused("127.0.0.2", control.getsockname()[1])
    assert _refused("127.0.0.2", neo4j_server.port)


def test_second_server_as_context_manager(neo4j_server: Any, neo4j_server_cls: type) -> None:
    """A second instance starts from the cached classpath, then stops and frees its port.

    Costs about 5 s (no Maven run: the first server cached the classpath).
    """
    _needs_own_jvm(neo4j_server)
    from neo4j import GraphDatabase

    assert list(neo4j_server.server_dir.glob("classpath-*.txt")), "classpath not cached"
    with neo4j_server_cls(neo4j_server.server_dir, name="second") as second:
        assert second.port != neo4j_server.port
        assert second.auth != neo4j_server.auth  # a fresh random password per start
        with GraphDatabase.driver(second.uri, auth=second.auth) as driver:
            records, _, _ = driver.execute_query("RETURN 2 AS two")
            assert records[0]["two"] == 2
        pid, port, home = second.pid, second.port, second.home
        assert second.startup_seconds < 120
    assert _refused("127.0.0.1", port)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not home.exists()
    assert second.log_path.is_file()  # kept for post-mortems
    # The session's server is unaffected.
    assert not _refused("127.0.0.1", neo4j_server.port)
