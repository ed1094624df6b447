#!/usr/bin/env bash
# Network fault campaign, full mode: 1 000 pinpoint submissions through the sandbox with 30 %
# injected faults and offline spells. The last line is the figure.
# (CI runs 200 submissions of the same test: tests/fault_campaign.rs.)
set -euo pipefail
cd "$(dirname "$0")/.."
EVFIELD_CAMPAIGN=full cargo test --release --quiet --test fault_campaign -- --nocapture 2>&1 \
  | grep -E '^fault campaign' | tail -n 1
