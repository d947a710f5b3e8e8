#!/usr/bin/env bash
# Builds the libFuzzer entries in Tests/Fuzz (one per EDI tokenizer) with the BollardEDI sources
# and runs each for a bounded time, seeded with the conformance corpus.
#   FUZZ_SECONDS   seconds per target (default 40; two targets stay under two minutes)
#   BOLLARD_SHARED path of ../shared (default: beside the checkout)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build-fuzz
seconds=${FUZZ_SECONDS:-40}
shared=${BOLLARD_SHARED:-$(cd .. && pwd)/shared}
corpus="$shared/conformance/edi"
[ -d "$corpus" ] || { echo "conformance corpus not found at $corpus" >&2; exit 1; }
mkdir -p "$out"

sources=(Sources/BollardEDI/*.swift)
build() { # name entry
    local bin="$out/$1-fuzz"
    if [ ! -x "$bin" ] || [ -n "$(find Sources/BollardEDI "Tests/Fuzz/$2" -newer "$bin" -print -quit)" ]; then
        echo "building $bin"
        rm -f "$bin"
        swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name BollardEDIFuzz \
            "${sources[@]}" "Tests/Fuzz/$2" -o "$bin" 2>&1 | grep -v "Cannot export local symbol" || true
        [ -x "$bin" ] || { echo "build of $bin failed" >&2; exit 1; }
    fi
}
build edifact EdifactFuzz.swift
build x12 X12Fuzz.swift

# Seeds: every corpus file, sorted by standard on its first bytes.
for name in edifact x12; do rm -rf "$out/seeds-$name"; mkdir -p "$out/seeds-$name" "$out/corpus-$name"; done
while IFS= read -r -d '' f; do
    case "$(basename "$f")" in UPSTREAM*|INDEX.md|SOURCE.md) continue ;; esac
    if head -c 8 "$f" | grep -q 'ISA'; then dest=x12; else dest=edifact; fi
    cp "$f" "$out/seeds-$dest/$(echo "$f" | tr '/' '_')"
done < <(find "$corpus" -type f -print0)

status=0
for name in edifact x12; do
    echo "fuzzing $name for ${seconds}s"
    # SWIFT_BACKTRACE off: libFuzzer reports the crash and writes the input; the Swift backtracer
    # would otherwise hold the pipe open after the fuzzer exits.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=symbolize=0:detect_leaks=0 "$out/$name-fuzz" "$out/corpus-$name" "$out/seeds-$name" \
        -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$out/$name-" -print_final_stats=1 > "$out/$name.log" 2>&1 || status=1
    grep -E "^(Done|stat::|==[0-9]+==ERROR|SUMMARY|.*Fatal error|.*artifact)" "$out/$name.log" || true
done
exit $status
