#!/usr/bin/env python3
"""Benchmarks of evfield that print one figure a line (docs/benchmarks.md keeps the results).

Run: python3 benches/bench.py   (builds the release binary first)
Timings are medians of repeated runs of the release binary on this machine; they are figures,
not assertions: the machines are shared and noisy.
"""
import json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "evfield")


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)


def median_ms(argv, runs, env=None):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env, check=True)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), max(times)


def cold_start():
    # the translated help builds its clap tree from the catalog: measured apart
    for flags in [["--version"], ["--help"], ["--lang", "nb", "--help"]]:
        med, lo, hi = median_ms([BIN, *flags], 50)
        shown = " ".join(flags)
        print(f"cold start `evfield {shown}`: median {med:.1f} ms (min {lo:.1f}, max {hi:.1f}, 50 runs)")


def demo_time():
    env = dict(os.environ, EVFIELD_DEMO_BOOT_MS="0")
    times = []
    for _ in range(5):
        with tempfile.TemporaryDirectory() as d:
            t = time.perf_counter()
            subprocess.run([BIN, "--data-dir", d, "renetwork", "--demo"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env, check=True)
            times.append((time.perf_counter() - t) * 1000)
    print(f"whole `renetwork --demo`, no reboot waits: median {statistics.median(times):.0f} ms (min {min(times):.0f}, 5 runs)")


def typed_values():
    """Values the installer gives in the demo flow: everything the built-in answers supply (what a
    person would type or confirm); the rest is read from the station, the network or the rig."""
    with tempfile.TemporaryDirectory() as d:
        out = subprocess.run([BIN, "--data-dir", d, "--json", "renetwork", "--demo"], capture_output=True, stdin=subprocess.DEVNULL, check=True)
        report = json.loads(out.stdout)
        typed, confirmed, read = [], [], []
        for line in open(report["journal"]):
            e = json.loads(line)
            if e["kind"] != "answer":
                continue
            key, value, source = e["data"]["key"], e["data"]["value"], e["data"]["source"]
            # the demo rig types the type plate's serial for the installer
            if source.startswith("answers") or key == "pinpoint.serial_plate":
                (confirmed if value in ("yes", "no") else typed).append(key)
            else:
                read.append(key)
        print(f"values the installer types in the demo flow: {len(typed)} ({', '.join(typed)}); confirmations: {len(confirmed)}; values read or provided: {len(read)}")


if __name__ == "__main__":
    build()
    cold_start()
    demo_time()
    typed_values()
