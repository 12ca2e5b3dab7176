#!/usr/bin/env bash
# Times keelson against peer linters on the same files, in one run, with hyperfine.
#
#   benches/peers.sh [CORPUS_DIR]     (default ../shared/corpus)
#
# Needs: hyperfine (apt), the peers from ../shared/tools/install-peers.sh, and a release build
# (built here). Prints hyperfine's table and writes JSON results to target/peer-bench/.
# Quote medians and ratios from one run; absolute times on shared machines are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
peers=${PEERS_DIR:-$HOME/.cache/peer-linters}
out=target/peer-bench
mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
[ -d "$corpus/dockerfile" ] || { echo "no corpus at $corpus" >&2; exit 2; }
cargo build --release -q -p keelson-cli
bin=$PWD/target/release/keelson

find "$corpus/dockerfile" -type f | sort > "$out/dockerfiles.list"
find "$corpus/compose" -type f | sort > "$out/compose.list"
nd=$(wc -l < "$out/dockerfiles.list"); nc=$(wc -l < "$out/compose.list")
echo "files: $nd Dockerfiles, $nc compose files"

# keelson takes every file in one process (its normal use); hadolint too, via xargs with one
# large batch. Both write JSON to /dev/null; neither fails the run on findings.
k_df="xargs -d '\\n' -s 2000000 -a $out/dockerfiles.list $bin check --no-config --format json > /dev/null || true"
# The whole catalogue, rules that are off by default included.
k_all="xargs -d '\\n' -s 2000000 -a $out/dockerfiles.list $bin check --no-config --select all --format json > /dev/null || true"
h_df="xargs -d '\\n' -s 2000000 -a $out/dockerfiles.list $peers/venv-hadolint/bin/hadolint --no-fail --no-color -f json > /dev/null"
runs=${RUNS:-2}   # hadolint needs minutes per run over the whole corpus
hyperfine --runs "$runs" --export-json "$out/dockerfile.json" \
  -n keelson "$k_df" -n "keelson --select all" "$k_all" -n hadolint "$h_df"

k_cf="xargs -d '\\n' -s 2000000 -a $out/compose.list $bin check --no-config --format json > /dev/null || true"
if [ -x "$peers/venv-compose-lint/bin/compose-lint" ]; then
  c_cf="xargs -d '\\n' -s 2000000 -a $out/compose.list $peers/venv-compose-lint/bin/compose-lint check --format json > /dev/null 2>&1 || true"
  hyperfine --runs "$runs" --export-json "$out/compose.json" \
    -n keelson "$k_cf" -n compose-lint "$c_cf"
fi
