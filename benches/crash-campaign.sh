#!/usr/bin/env bash
# Crash campaign, full mode: SIGKILL the demo after every journal event and in the middle of
# writing every event, resume each time. The last line is the figure.
# (CI runs a reduced sample of the same test: tests/crash_campaign.rs.)
set -euo pipefail
cd "$(dirname "$0")/.."
EVFIELD_CAMPAIGN=full cargo test --release --quiet --test crash_campaign -- --nocapture 2>&1 \
  | grep -E '^crash campaign' | tail -n 1
