#!/usr/bin/env python3
"""Start-up cost of printing translated text: `evfield vendors list` in English, in Norwegian
and as `--json`, 50 runs each (after 3 warm-up runs): the median and minimum of the CPU time
the process used (user + system, from wait4: steady on a busy machine) and of its wall time.

    python3 benches/startup.py target/release/evfield [OTHER_BINARY ...]

Each binary runs with an empty data dir and config dir, stdout to a pipe (docs/benchmarks.md).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 50
CASES = [
    ("vendors list", ["vendors", "list"]),
    ("--lang nb vendors list", ["--lang", "nb", "vendors", "list"]),
    ("--json vendors list", ["--json", "vendors", "list"]),
]


def run(binary, args, env):
    """(CPU ms, wall ms) of one run."""
    t = time.perf_counter()
    p = subprocess.Popen([binary] + args, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    p.stdout.read()
    p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - t) * 1000
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"{binary} {' '.join(args)}: exit {p.returncode}")
    return (ru.ru_utime + ru.ru_stime) * 1000, wall


def main():
    binaries = sys.argv[1:] or ["target/release/evfield"]
    with tempfile.TemporaryDirectory() as data:
        env = {k: v for k, v in os.environ.items() if not k.startswith("EVFIELD_")}
        env.update({"HOME": data, "XDG_CONFIG_HOME": data, "NO_COLOR": "1", "LANG": "C"})
        for b in binaries:
            for name, args in CASES:
                args = ["--data-dir", data] + args
                for _ in range(3):
                    run(b, args, env)
                got = [run(b, args, env) for _ in range(RUNS)]
                cpu = sorted(c for c, _ in got)
                wall = sorted(w for _, w in got)
                print(f"{b}: `evfield {name}`: CPU median {statistics.median(cpu):.1f} ms "
                      f"(min {cpu[0]:.1f}), wall median {statistics.median(wall):.1f} ms "
                      f"(min {wall[0]:.1f}), {RUNS} runs")


if __name__ == "__main__":
    main()
