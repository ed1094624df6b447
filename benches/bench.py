#!/usr/bin/env python3
"""Benchmarks of evfield that print one figure a line (docs/benchmarks.md keeps the results).

Run: python3 benches/bench.py   (builds the release binary first; --no-build: the one there;
--bin PATH: that binary; --quick: a few runs, as CI runs it through benches/startup_demo.rs)
Timings are medians of repeated runs of the release binary on this machine; they are figures,
not assertions: the machines are shared and noisy.
"""
import json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "evfield")
# --quick (CI: benches/startup_demo.rs): a few runs, the minimal clap program in a debug build
QUICK = "--quick" in sys.argv
if "--bin" in sys.argv:
    BIN = sys.argv[sys.argv.index("--bin") + 1]


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)


def median_ms(argv, runs, env=None):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env, check=True)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), max(times)


MINCLAP_TOML = """[package]
name = "minclap"
version = "0.1.0"
edition = "2024"

[dependencies]
clap = { version = "CLAP_VERSION", features = ["derive", "env", "wrap_help", "string"] }

[profile.release]
"""

MINCLAP_MAIN = """use clap::{Parser, Subcommand};

/// A minimal program with clap's derive API and the same features as evfield's.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Say more.
    #[arg(short, long, env = "MINCLAP_VERBOSE")]
    verbose: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Do nothing.
    Run,
}

fn main() {
    let cli = Cli::parse();
    if cli.verbose {
        println!("verbose");
    }
}
"""


def minimal_clap():
    """Build (once) a minimal clap program with evfield's clap version and features, offline,
    with evfield's Cargo.lock so the same crate versions are used; returns its binary."""
    lock = open(os.path.join(ROOT, "Cargo.lock")).read()
    version = lock.split('name = "clap"\nversion = "')[1].split('"')[0]
    d = os.path.join(ROOT, "target", "bench-minclap")
    os.makedirs(os.path.join(d, "src"), exist_ok=True)
    open(os.path.join(d, "Cargo.toml"), "w").write(MINCLAP_TOML.replace("CLAP_VERSION", "=" + version))
    open(os.path.join(d, "src", "main.rs"), "w").write(MINCLAP_MAIN)
    if not os.path.exists(os.path.join(d, "Cargo.lock")):
        open(os.path.join(d, "Cargo.lock"), "w").write(lock)
    profile = [] if QUICK else ["--release"]
    # not the variables `cargo bench` sets for its targets (they would point the build here)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARGO_") or k == "CARGO_HOME"}
    env["CARGO_TARGET_DIR"] = os.path.join(d, "target")
    subprocess.run(["cargo", "build", *profile, "--quiet", "--offline"], cwd=d, check=True, env=env)
    return os.path.join(d, "target", "debug" if QUICK else "release", "minclap")


def cold_start():
    """Cold start against a minimal clap program, interleaved run by run, min/median."""
    minclap = minimal_clap()
    runs = 3 if QUICK else 50
    for flags in [["--version"], ["--help"]]:
        ours, theirs = [], []
        for _ in range(runs):
            for argv, acc in (([BIN, *flags], ours), ([minclap, *flags], theirs)):
                t = time.perf_counter()
                subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, check=True)
                acc.append((time.perf_counter() - t) * 1000)
        shown = " ".join(flags)
        m_o, m_t = statistics.median(ours), statistics.median(theirs)
        print(f"cold start `{shown}`, {runs} interleaved runs: evfield min {min(ours):.1f} ms, median {m_o:.1f} ms; minimal clap program min {min(theirs):.1f} ms, median {m_t:.1f} ms; ratio min {min(ours) / min(theirs):.2f}, median {m_o / m_t:.2f}")
    # the translated help builds its clap tree from the catalog: measured apart
    med, lo, hi = median_ms([BIN, "--lang", "nb", "--help"], runs)
    print(f"cold start `evfield --lang nb --help`: median {med:.1f} ms (min {lo:.1f}, max {hi:.1f}, {runs} runs)")


BUSY_WRITER = """
import os, sys
path = sys.argv[1]
chunk = os.urandom(1 << 20)
with open(path, "wb") as f:
    n = 0
    while True:
        f.write(chunk)
        os.fsync(f.fileno())
        n += 1
        if n % 64 == 0:
            f.seek(0)
"""


def demo_once(data_root, env):
    d = tempfile.mkdtemp(dir=data_root)
    t = time.perf_counter()
    subprocess.run([BIN, "--data-dir", d, "renetwork", "--demo"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env, check=True)
    return (time.perf_counter() - t) * 1000


def demo_time(runs=10):
    """The whole demo on a quiet disk and on a busy one (another process writing 1 MiB and
    fsyncing, over and over, on the same file system), interleaved run by run, min/median. The
    data dirs are on the disk of the repository's target/ (not /tmp, which may be in memory)."""
    env = dict(os.environ, EVFIELD_DEMO_BOOT_MS="0")
    root = os.path.join(ROOT, "target", "bench-demo")
    os.makedirs(root, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root) as data_root:
        quiet, busy = [], []
        for _ in range(runs):
            quiet.append(demo_once(data_root, env))
            writer = subprocess.Popen([sys.executable, "-c", BUSY_WRITER, os.path.join(data_root, "busy.bin")])
            try:
                time.sleep(0.2)  # the writer is under way (a benchmark, not a test)
                busy.append(demo_once(data_root, env))
            finally:
                writer.kill()
                writer.wait()
                # the next quiet run does not wait on the writer's last write-back
                os.sync()
        def mm(v):
            return f"min {min(v):.0f} ms, median {statistics.median(v):.0f} ms"
        print(f"whole `renetwork --demo`, no reboot waits, {runs} interleaved runs each: quiet disk {mm(quiet)}; busy disk (a writer fsyncing 1 MiB at a time) {mm(busy)}")


def syncs_counted():
    """The demo's fsync and fdatasync calls (every thread), counted by strace when it is
    installed: the journal syncs only where durability needs it (src/journal/mod.rs)."""
    import shutil
    if shutil.which("strace") is None:
        print("syncs a demo: not counted (no strace)")
        return
    env = dict(os.environ, EVFIELD_DEMO_BOOT_MS="0")
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "strace.txt")
        r = subprocess.run(["strace", "-f", "-c", "-o", out, "-e", "trace=fsync,fdatasync,sync_file_range",
                            BIN, "--data-dir", os.path.join(d, "data"), "renetwork", "--demo"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env)
        if r.returncode != 0 or not os.path.exists(out):
            # e.g. a container that does not allow ptrace
            print(f"syncs a demo: not counted (strace exited with {r.returncode})")
            return
        calls = {}
        for line in open(out):
            f = line.split()
            if len(f) >= 5 and f[-1] in ("fsync", "fdatasync", "sync_file_range") and f[3].isdigit():
                calls[f[-1]] = int(f[3])
        events = 0
        for root, _, files in os.walk(os.path.join(d, "data")):
            if "journal.jsonl" in files:
                events += sum(1 for _ in open(os.path.join(root, "journal.jsonl")))
        print(f"syncs a demo (strace -f): fdatasync {calls.get('fdatasync', 0)}, fsync {calls.get('fsync', 0)}, for {events} journal events")


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


def site_typed_values(stations=3):
    """Values typed per station of a demo site (`renetwork --demo --stations N`), counted from
    each station's journal with the rule above: an answer from the demo's answers file stands for
    a value the installer types (yes/no: a confirmation); one from the site's record
    (`site:NAME`) was answered once for the site; the rest is read or provided."""
    with tempfile.TemporaryDirectory() as d:
        out = subprocess.run([BIN, "--data-dir", d, "--json", "renetwork", "--demo", "--stations", str(stations)], capture_output=True, stdin=subprocess.DEVNULL, check=True)
        report = json.loads(out.stdout)
        typed, confirmed, from_site = [], [], []
        for s in report["sessions"]:
            t = c = site = 0
            for line in open(s["journal"]):
                e = json.loads(line)
                if e["kind"] != "answer":
                    continue
                key, value, source = e["data"]["key"], e["data"]["value"], e["data"]["source"]
                if source.startswith("site:"):
                    site += 1
                elif source.startswith("answers") or key == "pinpoint.serial_plate":
                    if value in ("yes", "no"):
                        c += 1
                    else:
                        t += 1
            typed.append(t)
            confirmed.append(c)
            from_site.append(site)
        join = lambda v: ", ".join(str(x) for x in v)
        print(f"values typed per station of a {stations}-station demo site: {join(typed)} (from the site's record: {join(from_site)}); confirmations: {join(confirmed)}")


if __name__ == "__main__":
    if "--no-build" not in sys.argv and "--bin" not in sys.argv:
        build()
    cold_start()
    demo_time(2 if QUICK else 10)
    syncs_counted()
    typed_values()
    site_typed_values()
