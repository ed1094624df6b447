#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer through cargo-fuzz) of every parser that reads outside
# input; the targets are in fuzz/ (fuzz/src/lib.rs says what each one feeds).
#
#   benches/fuzz.sh TARGET|all SECONDS
#
# Runs each target for SECONDS, starting from seeds made from the repository's own files, and
# prints one line a target, then the figure as the last line: targets run, total executions,
# crashes. A crash leaves its input in fuzz/artifacts/TARGET/; copy it to
# fuzz/regressions/TARGET/ (tests/fuzz_regressions.rs replays it in `cargo test`) and fix it.
#
# Toolchain: the project's stable rustc with RUSTC_BOOTSTRAP=1, which lets cargo-fuzz pass its
# unstable flags (-Zsanitizer=address, sanitizer coverage) without a nightly toolchain; set
# EVFIELD_FUZZ_TOOLCHAIN=nightly to use an installed nightly instead. cargo-fuzz is installed
# from crates.io when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: benches/fuzz.sh TARGET|all SECONDS}"
seconds="${2:?usage: benches/fuzz.sh TARGET|all SECONDS}"
toolchain="${EVFIELD_FUZZ_TOOLCHAIN:-stable}"
if [ "$toolchain" = stable ]; then export RUSTC_BOOTSTRAP=1; fi
command -v cargo-fuzz >/dev/null 2>&1 || cargo install --quiet cargo-fuzz

all=$(sed -n '/^pub const TARGETS/,/^];/s/^    "\([a-z_]*\)",$/\1/p' fuzz/src/lib.rs)
if [ "$target" = all ]; then targets=$all; else
    echo "$all" | grep -qx "$target" || { echo "no fuzz target \`$target\` (known: $(echo $all))" >&2; exit 2; }
    targets=$target
fi

(cd fuzz && cargo "+$toolchain" fuzz build -O >/dev/null 2>&1) || {
    echo "cargo fuzz build failed; run it by hand to see why: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build -O)" >&2
    exit 1
}

# Seeds from the repository: the shipped data files, the demo's answers, a demo journal.
seeds() {
    local t=$1 dir=fuzz/corpus/$1
    mkdir -p "$dir"
    case $t in
        vendor_profile) cp vendors/*.toml "$dir/" ;;
        checklist) cp checklists/*.toml "$dir/" ;;
        answers) sed -n '/^pub const ANSWERS: &str = r#"/,/^"#;/p' src/sandbox/demo.rs | sed '1d;$d' >"$dir/demo.toml" ;;
        journal_lines | support_bundle)
            if [ ! -s fuzz/corpus/.demo-journal ]; then
                d=$(mktemp -d)
                cargo run --release --quiet -- --data-dir "$d" renetwork --demo </dev/null >/dev/null 2>&1 || true
                cp "$d"/sessions/*/journal.jsonl fuzz/corpus/.demo-journal 2>/dev/null || true
                if cargo run --release --quiet -- --data-dir "$d" export "$(ls "$d/sessions")" -o "$d/b.tar.gz" >/dev/null 2>&1; then
                    gzip -dc "$d/b.tar.gz" >fuzz/corpus/.demo-bundle.tar
                fi
                rm -rf "$d"
            fi
            if [ "$t" = journal_lines ]; then cp fuzz/corpus/.demo-journal "$dir/demo.jsonl" 2>/dev/null || true
            else cp fuzz/corpus/.demo-bundle.tar "$dir/demo.tar" 2>/dev/null || true; fi ;;
        console_reply) printf 'OK manufacturer=Evfield model=SimCharger%%2022 serial=EVF1 mac=02:EF:10:00:4D:01' >"$dir/ok"; printf 'ERR bad_url URL must start with ws://' >"$dir/err" ;;
        rapi_frame) printf '$OK 8.2.1 7.1.3^2A' >"$dir/ok"; printf '$GV^35' >"$dir/cmd" ;;
        at_reply) printf '+CREG: 0,5,"1A2B","01C2D3E4",7\r\n' >"$dir/creg"; printf '+CSQ: 21,99\r\n' >"$dir/csq"; printf '+CME ERROR: 10' >"$dir/cme" ;;
        article_number) printf 'PLP1-0-2-4-9-002' >"$dir/a" ;;
        version_string) printf 'dotted\0005.2.1\0005.10.0' >"$dir/a"; printf 'regex:R(\\d+)\\.(\\d+)\0ccu_R3.6.13-0-g6cb0\000R3.6.10' >"$dir/b" ;;
        batch_rows) printf '\000mac,activation_password,manufacturer,model,serial,gps,address_id\n02:EF:20:00:00:01,WXZNF8LL5,Evfield,SimCharger 22,S1,"59.9,10.7",addr-0001\n' >"$dir/csv" ;;
        clock_reading) printf '2026-03-01T10:15:00Z' >"$dir/a"; printf '2026 3 1 10 15 0' >"$dir/b" ;;
        rfid_uid) printf '04:A2:2B:1A' >"$dir/a" ;;
        nmea_sentence) printf '$GPGGA,101500.00,5954.83208,N,01045.13470,E,1,08,1.0,20.0,M,40.0,M,,*6A\r\n$GPRMC,101500.00,A,5954.83208,N,01045.13470,E,0.0,0.0,010326,,,A*70\r\n' >"$dir/a" ;;
        gpsd_line) printf '{"class":"TPV","mode":3,"lat":59.913868,"lon":10.752245,"time":"2026-03-01T10:15:00.000Z"}\n{"class":"SKY","uSat":8,"hdop":0.9}\n' >"$dir/a" ;;
        manual_position) printf '59.913868,10.752245' >"$dir/a"; printf "59°54'49.9\"N 10°45'08.1\"E" >"$dir/b" ;;
        photo) cargo run --release --quiet -- --data-dir "$dir/.d" renetwork --demo </dev/null >/dev/null 2>&1 || true
            cp "$dir"/.d/sessions/*/demo/site.png "$dir/site.png" 2>/dev/null || true; rm -rf "$dir/.d" ;;
        modbus_frame) printf '\001\003\010\000\001\000\002\000\003\000\004\000\000' >"$dir/a" ;;
        station_address) printf '127.0.0.1:502' >"$dir/a" ;;
        station_replies) printf '\000OK manufacturer=Evfield model=M serial=S mac=02:EF:10:00:4D:01 firmware=5.2.1\r\n\377OK pin=READY reg=1\r\n' >"$dir/a" ;;
    esac
}

total_execs=0; crashes=0; ran=0
for t in $targets; do
    seeds "$t"
    log=$(mktemp)
    set +e
    (cd fuzz && cargo "+$toolchain" fuzz run -O "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=4096 -timeout=20 \
        >"$log" 2>&1)
    rc=$?
    set -e
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    execs=${execs:-0}
    found=$( (ls fuzz/artifacts/"$t"/crash-* fuzz/artifacts/"$t"/leak-* fuzz/artifacts/"$t"/timeout-* fuzz/artifacts/"$t"/oom-* 2>/dev/null || true) | wc -l)
    if [ "$rc" != 0 ] && [ "$found" = 0 ]; then found=1; fi
    cov=$( (grep -o 'cov: [0-9]*' "$log" || true) | tail -n 1 | sed 's/cov: //')
    where=""
    if [ "$rc" != 0 ]; then where=" (see fuzz/artifacts/$t/; log $log)"; fi
    echo "fuzz $t: ${execs} executions in ${seconds} s, coverage ${cov:-?} edges, corpus $(ls "fuzz/corpus/$t" | wc -l) inputs, crashes ${found}${where}"
    if [ "$rc" = 0 ]; then rm -f "$log"; fi
    total_execs=$((total_execs + execs)); crashes=$((crashes + found)); ran=$((ran + 1))
done
how=$toolchain
if [ "$toolchain" = stable ]; then how="stable rustc with RUSTC_BOOTSTRAP=1"; fi
echo "fuzzing (libFuzzer via cargo-fuzz, AddressSanitizer, $how; ${seconds} s a target): targets run ${ran}, total executions ${total_execs}, crashes ${crashes}"
