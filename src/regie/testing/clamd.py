"""A real clamd for the tests: Debian's clamav-daemon with a signature database made by
`sigtool --md5` over the EICAR test file, so no signatures are downloaded.

    def test_it_refuses_eicar(clamd, settings): ...   # REGIE_SCAN=clamd on clamd's socket
"""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings

# The EICAR anti-virus test file: harmless, recognised by every scanner as a test virus. Kept
# in two halves so that this source file is not itself detected.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-" + b"STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _ping(path: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(2)
            connection.connect(str(path))
            connection.sendall(b"zPING\0")
            return connection.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def clamd_socket(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    for program in ("clamd", "sigtool"):
        if not shutil.which(program) and not Path(f"/usr/sbin/{program}").exists():
            pytest.fail(
                f"{program} is missing: install Debian's clamav-daemon and clamav "
                "(`make test` does)"
            )
    folder = tmp_path_factory.mktemp("clamd")
    database = folder / "db"
    database.mkdir()
    (folder / "eicar.com").write_bytes(EICAR)
    signatures = subprocess.run(  # noqa: S603 (Debian's sigtool on our own test file)
        ["sigtool", "--md5", str(folder / "eicar.com")],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout
    (database / "regie-test.hdb").write_bytes(signatures)
    path = folder / "clamd.sock"
    config = folder / "clamd.conf"
    config.write_text(
        f"DatabaseDirectory {database}\nLocalSocket {path}\nForeground yes\n"
        f"LogFile {folder / 'clamd.log'}\nPidFile {folder / 'clamd.pid'}\n"
    )
    clamd = shutil.which("clamd") or "/usr/sbin/clamd"
    process = subprocess.Popen(  # noqa: S603 (Debian's clamd with our own config)
        [clamd, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not _ping(path):
            if process.poll() is not None or time.monotonic() > deadline:
                error = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"clamd did not start: {error}")
            time.sleep(0.1)
        yield path
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def clamd(clamd_socket: Path, settings: Settings) -> Path:
    """REGIE_SCAN=clamd, talking to the test clamd over its socket."""
    settings.REGIE_SCAN = "clamd"
    settings.REGIE_CLAMD_SOCKET = str(clamd_socket)
    return clamd_socket
