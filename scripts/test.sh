#!/usr/bin/env bash
# Runs every test of investbot on a fresh machine: it starts what the tests
# need (Redis, Node.js for the Telegram Bot API emulator) when missing, then
# vets, builds the release binary the Dockerfile builds, runs all tests
# (unit, integration, end-to-end, the answer-quality floors) under the race
# detector and a short bounded fuzzing pass. It ends with a summary:
# "fuzzing: N targets run, N failed, N not run" and "N passed, N failed".
#
#   scripts/test.sh            everything (what CI runs)
#   FUZZTIME=0 scripts/test.sh skip the fuzzing pass
#   RACE=0 scripts/test.sh     without the race detector (quicker, local)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }

apt_install() {
	local sudo=""
	if [ "$(id -u)" != 0 ]; then
		if ! command -v sudo >/dev/null; then
			echo "need root or sudo to apt-get install $* (or install it yourself)" >&2
			exit 1
		fi
		sudo=sudo
	fi
	if [ -z "${APT_UPDATED:-}" ]; then
		$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
		APT_UPDATED=1
	fi
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Redis: the session-store tests run against a real server.
bash scripts/redis-for-tests.sh

# Node.js and npm: the Telegram Bot API emulator (telegram-test-api) runs on it.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	say "installing Node.js and npm"
	apt_install nodejs npm
fi

# Chromium: the Mini App's end-to-end tests drive it headless (chromedp).
# Where it cannot be installed they skip and say so.
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null && ! command -v google-chrome >/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		say "installing chromium"
		apt_install chromium || echo "chromium could not be installed: the Mini App browser tests will be skipped" >&2
	else
		echo "no chromium and not root: the Mini App browser tests will be skipped" >&2
	fi
fi

# Every step runs even when an earlier one failed, so one run shows every
# failure; the last line counts them ("N passed, N failed") and the exit
# status is 1 when any step failed.
passed=0
failed=0
failures=()
step() {
	local name=$1
	shift
	say "$name"
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures+=("$name")
		echo "FAILED: $name" >&2
	fi
}

step "go vet" go vet ./...
# A go.mod that is not tidy hides which dependencies the code really uses.
step "go mod tidy -diff" go mod tidy -diff
# The compose file is checked by compose itself where it is installed (the
# Go test config.TestEveryVariableIsDocumentedAndPassed checks it everywhere).
if docker compose version >/dev/null 2>&1; then
	step "docker compose config" env TELEGRAM_BOT_TOKEN=1:check docker compose config -q
fi

step "go build (release flags, as in the Dockerfile)" \
	env CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "${TMPDIR:-/tmp}/investbot-release" ./cmd/investbot

step "knowledge base: validate" go run ./cmd/investbot kb validate
step "knowledge base: run its example questions" go run ./cmd/investbot kb test

# The whole suite runs under the race detector (RACE=0 turns it off for a
# quick local run): the store, the sender, the live knowledge base and the
# end-to-end tests are concurrent, and a data race is a bug even when no
# assertion notices it. The race detector needs cgo.
RACE="${RACE:-1}"
race_flag=()
if [ "$RACE" != 0 ]; then
	race_flag=(-race)
fi
gotest_log=$(mktemp)
go_test() {
	local rc=0
	env CGO_ENABLED=1 go test "${race_flag[@]}" -count=1 -timeout 30m ./... 2>&1 | tee "$gotest_log" || rc=$?
	echo "    packages: $(grep -c '^ok ' "$gotest_log") passed, $(grep -c '^FAIL[[:space:]]' "$gotest_log") failed, $(grep -c '^?' "$gotest_log") without tests"
	return "$rc"
}
step "go test ${race_flag[*]} ./... (unit, integration with Redis, end-to-end with the Bot API emulator)" go_test
rm -f "$gotest_log"

FUZZTIME="${FUZZTIME:-10s}"

# fuzz_one fuzzes one target and prints one word: "run", "failed" or
# "notrun". A finding always writes its input under testdata/fuzz/<target>
# ("Failing input written to"): failed. Go 1.26's fuzz coordinator can also
# fail a clean run with a bare "context deadline exceeded" when -fuzztime
# ends while a worker is mid-call (golang/go#75804, fixed in Go 1.27); that
# is retried once and, when it happens again, the target counts as not run:
# it fuzzed for a while without a finding, but its run did not complete.
# Minimising a new large input is bounded for the same reason.
fuzz_one() {
	local pkg=$1 target=$2 log attempt
	for attempt in 1 2; do
		log=$(mktemp)
		if go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 2s "$pkg" >"$log" 2>&1; then
			rm -f "$log"
			echo run
			return
		fi
		if grep -q 'Failing input written to' "$log" || ! grep -q 'context deadline exceeded' "$log"; then
			cat "$log" >&2
			echo "    $target failed: the failing input is saved under $pkg/testdata/fuzz/$target" >&2
			rm -f "$log"
			echo failed
			return
		fi
		rm -f "$log"
		echo "    $target: 'context deadline exceeded' at the -fuzztime boundary, no input written (golang/go#75804); attempt $attempt" >&2
	done
	echo "    $target: NOT RUN: the boundary race happened twice (golang/go#75804)" >&2
	echo notrun
}

fuzz_summary=""
if [ "$FUZZTIME" != 0 ]; then
	say "fuzzing each target for $FUZZTIME"
	fuzz_run=0
	fuzz_failed=0
	fuzz_notrun=0
	notrun_names=()
	# Each package's fuzz targets, found from the source so a new one is
	# picked up without editing this script.
	while read -r pkg; do
		while read -r target; do
			say "  $pkg $target"
			case "$(fuzz_one "$pkg" "$target")" in
			run) fuzz_run=$((fuzz_run + 1)) ;;
			notrun)
				fuzz_notrun=$((fuzz_notrun + 1))
				notrun_names+=("$target")
				;;
			*)
				fuzz_failed=$((fuzz_failed + 1))
				failures+=("fuzz $pkg $target")
				;;
			esac
		done < <(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$pkg"/*_test.go | sed 's/^func //' | sort -u)
	done < <(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u)
	fuzz_summary="fuzzing: $fuzz_run targets run, $fuzz_failed failed, $fuzz_notrun not run"
	if [ "$fuzz_notrun" -gt 0 ]; then
		# Not a failure of the run: the race is in Go's coordinator, and
		# every target's seed corpus ran as a test in "go test" above. Not
		# a pass either: it is counted and named here.
		fuzz_summary="$fuzz_summary (golang/go#75804: ${notrun_names[*]})"
	fi
	if [ "$fuzz_failed" -gt 0 ]; then
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
fi

echo
if [ -n "$fuzz_summary" ]; then
	echo "$fuzz_summary"
fi
for f in "${failures[@]}"; do
	echo "failed: $f"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
