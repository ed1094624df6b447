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


# Answers picked from a list the network gives (at a terminal: a choice, the nearest first).
PICKED = {"pinpoint.address_id"}
PHOTO_KEYS = {"before.photo", "labels.photo", "pinpoint.photo"}


def classify(key, value, source):
    """What an answer in a journal cost the installer. From the demo's answers file (what a
    person would give at the prompt): typed, picked from a list, or a yes/no confirmation; the
    type plate's serial the demo rig gives stands for typed too. `site:NAME`: answered once for
    the site. `photo:FILE` or `photo exif`: read from a photo (each code confirmed once, by
    `--codes-confirmed` or at the prompt). A photo's own answer: a photo taken. The safety
    gate (`safety.*`, always asked at a terminal) counts as given, the multimeter reading typed,
    whether the demo gave it or a person. The rest is
    read from the station or the network, or provided by the demo rig (its port, account)."""
    if source.startswith("site:"):
        return "site"
    if source.startswith("photo"):
        return "from_photo"
    if key in PHOTO_KEYS:
        return "photo"
    # the safety gate is always asked at a terminal (never taken from a file there); the demo
    # answers it itself without one: its confirmations, and the multimeter reading, typed
    safety = key.startswith("safety.") and source == "demo"
    if safety or source.startswith("answers") or (key == "pinpoint.serial_plate" and source == "demo"):
        if value in ("yes", "no"):
            return "confirmed"
        return "picked" if key in PICKED else "typed"
    return "read"


def journal_costs(journal):
    """Per class, the keys of one journal's answers ([`classify`])."""
    costs = {}
    for line in open(journal):
        e = json.loads(line)
        if e["kind"] != "answer":
            continue
        d = e["data"]
        costs.setdefault(classify(d["key"], d["value"], d["source"]), []).append(d["key"])
    return costs


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
    """Values the installer gives in the demo flow (one station, no photos of codes)."""
    with tempfile.TemporaryDirectory() as d:
        out = subprocess.run([BIN, "--data-dir", d, "--json", "renetwork", "--demo"], capture_output=True, stdin=subprocess.DEVNULL, check=True)
        c = journal_costs(json.loads(out.stdout)["journal"])
        n = lambda k: len(c.get(k, []))
        print(f"values the installer types in the demo flow: {n('typed')} ({', '.join(c.get('typed', []))}); picked from a list: {n('picked')}; confirmations: {n('confirmed')}; photos: {n('photo')}; values read or provided: {n('read')}")


def site_typed_values(stations=3):
    """Values typed per station of a demo site (`renetwork --demo --stations N`, whose
    installer photographs each station's sticker, SIM carrier, type plate and place), counted
    from each station's journal ([`classify`]). Prompts: what a terminal would ask, one each:
    typed, picked, confirmed, photos taken and codes read from them (each confirmed)."""
    with tempfile.TemporaryDirectory() as d:
        out = subprocess.run([BIN, "--data-dir", d, "--json", "renetwork", "--demo", "--stations", str(stations)], capture_output=True, stdin=subprocess.DEVNULL, check=True)
        report = json.loads(out.stdout)
        rows = {k: [] for k in ("typed", "picked", "confirmed", "photo", "from_photo", "site", "prompts")}
        typed_keys = []
        for s in report["sessions"]:
            c = journal_costs(s["journal"])
            n = lambda k: len(c.get(k, []))
            for k in rows:
                if k != "prompts":
                    rows[k].append(n(k))
            rows["prompts"].append(n("typed") + n("picked") + n("confirmed") + n("photo") + n("from_photo"))
            typed_keys.append("/".join(c.get("typed", [])) or "-")
        join = lambda v: ", ".join(str(x) for x in v)
        print(f"values typed per station of a {stations}-station demo site: {join(rows['typed'])} ({'; '.join(typed_keys)}); picked from a list: {join(rows['picked'])}; from the site's record: {join(rows['site'])}; read from photos: {join(rows['from_photo'])}; confirmations: {join(rows['confirmed'])}; photos: {join(rows['photo'])}; prompts: {join(rows['prompts'])}")


if __name__ == "__main__":
    if "--no-build" not in sys.argv and "--bin" not in sys.argv:
        build()
    cold_start()
    demo_time(2 if QUICK else 10)
    syncs_counted()
    typed_values()
    site_typed_values()
