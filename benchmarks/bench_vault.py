"""Benchmark of the vault: encrypting an upload into the storage and decrypting a download,
each beside a plain copy of the same file on the same disk, and the peak memory of each.

The issue's target: encryption and decryption each at no less than half the speed of the plain
copy, with peak memory under 100 MiB whatever the file size.

Run: REGIE_ENV=test .venv/bin/python benchmarks/bench_vault.py [--size-mib N] [--quick]
(default 1024 MiB; the files go in a temporary folder under $REGIE_DATA_DIR). Memory is the
peak resident set of a child process doing only that step, so nothing else is counted.
Results go into docs/benchmarks.md by hand, with the machine and the date.
"""

import argparse
import datetime
import multiprocessing
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("REGIE_ENV", "test")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402

from regie.vault import keys, stream  # noqa: E402

MIB = 1024 * 1024
AAD = b"regie-file:benchmark:1:key"


def _write_source(path: Path, size: int) -> None:
    block = os.urandom(MIB)
    with open(path, "wb") as target:
        for _ in range(size // MIB):
            target.write(block)


def _copy(source: Path, target: Path, key: bytes) -> None:
    shutil.copyfile(source, target)


def _encrypt(source: Path, target: Path, key: bytes) -> None:
    with open(source, "rb") as plain, open(target, "wb") as sealed:
        stream.encrypt_stream(key, plain, sealed, associated_data=AAD)


def _decrypt(source: Path, target: Path, key: bytes) -> None:
    with open(source, "rb") as sealed, open(target, "wb") as plain:
        for chunk in stream.decrypt_stream(key, sealed, associated_data=AAD):
            plain.write(chunk)


def _child(
    step: str,
    source: str,
    target: str,
    key: bytes,
    results: "multiprocessing.Queue[tuple[float, int]]",
) -> None:
    work = {"copy": _copy, "encrypt": _encrypt, "decrypt": _decrypt}[step]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    work(Path(source), Path(target), key)
    with open(target, "rb+") as written:
        os.fsync(written.fileno())
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results.put((elapsed, max(peak, before) * 1024))


def _run(step: str, source: Path, target: Path, key: bytes) -> tuple[float, int]:
    context = multiprocessing.get_context("fork")
    results: multiprocessing.Queue[tuple[float, int]] = context.Queue()
    process = context.Process(target=_child, args=(step, str(source), str(target), key, results))
    process.start()
    outcome = results.get()
    process.join()
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--quick", action="store_true", help="a small file, to check it works")
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    size = (16 if arguments.quick else arguments.size_mib) * MIB
    rounds = 1 if arguments.quick else arguments.rounds
    key = keys.new_key()
    folder = Path(settings.REGIE_DATA_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix="bench-vault-") as temporary:
        work = Path(temporary)
        source = work / "plain.bin"
        _write_source(source, size)
        sealed = work / "sealed.rgv"
        _encrypt(source, sealed, key)  # so that decrypt has its input from the start
        timings: dict[str, list[tuple[float, int]]] = {"copy": [], "encrypt": [], "decrypt": []}
        for _ in range(rounds):  # interleaved, so that the disk's mood hits all three alike
            timings["copy"].append(_run("copy", source, work / "copy.bin", key))
            timings["encrypt"].append(_run("encrypt", source, work / "out.rgv", key))
            timings["decrypt"].append(_run("decrypt", sealed, work / "back.bin", key))
        if (work / "back.bin").read_bytes()[:MIB] != source.read_bytes()[:MIB]:
            sys.exit("decryption gave something else back")

    machine = platform.processor() or platform.machine()
    print(
        f"Vault benchmark, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{platform.node()}, {machine}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, file {size // MIB} MiB, best of {rounds}"
    )
    print("| step | time | throughput | vs. plain copy | peak memory (RSS) | target |")
    print("|---|---|---|---|---|---|")
    copy_time = min(t for t, _ in timings["copy"])
    for step in ("copy", "encrypt", "decrypt"):
        best = min(t for t, _ in timings[step])
        peak = max(m for _, m in timings[step])
        ratio = copy_time / best
        target = (
            "" if step == "copy" else ("met" if ratio >= 0.5 and peak < 100 * MIB else "MISSED")
        )
        print(
            f"| {step} | {best:.2f} s | {size / MIB / best:.0f} MiB/s | {ratio:.2f}x | "
            f"{peak / MIB:.0f} MiB | {target} |"
        )


if __name__ == "__main__":
    main()
