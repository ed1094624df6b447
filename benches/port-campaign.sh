#!/usr/bin/env bash
# Service-port fault campaign, full mode: every vendor profile the simulator plays x every fault
# kind of the simulator x every point of the conversation (the fault arrives after N commands),
# through `renetwork --demo`, `renetwork` against `evfield sim` + `evfield sandbox`, `station
# info` and `modem check`; each failed case is resumed with the fault gone. The last line is
# the figure. (CI runs one point per case: tests/port_campaign.rs.)
set -euo pipefail
cd "$(dirname "$0")/.."
EVFIELD_CAMPAIGN=full cargo test --release --quiet --test port_campaign -- --nocapture 2>&1 \
  | grep -E '^(by path|by fault|not applicable|port fault campaign)' | tail -n 4
