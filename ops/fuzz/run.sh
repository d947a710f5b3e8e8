#!/usr/bin/env bash
# Builds the libFuzzer entries in Tests/Fuzz (the EDIFACT and X12 tokenizers, the hardened XML
# reader, the RLP and EIP-1559 raw transaction decoders) together with their module's sources, and runs each for a bounded time, seeded with
# the conformance corpus. A crash, sanitizer report or hang fails the run.
#   FUZZ_SECONDS   seconds per target (default 22: five targets stay under two minutes)
#   BOLLARD_SHARED path of ../shared (default: beside the checkout)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build-fuzz
seconds=${FUZZ_SECONDS:-22}
shared=${BOLLARD_SHARED:-$(cd .. && pwd)/shared}
[ -d "$shared/conformance" ] || { echo "conformance data not found at $shared/conformance" >&2; exit 1; }
mkdir -p "$out"

build() { # name module-dir entry [extra swiftc flags...]; $sources overrides "Sources/$module"/*.swift
    local name=$1 module=$2 entry=$3; shift 3
    local bin="$out/$name-fuzz"
    local files=(${sources:-"Sources/$module"/*.swift})
    if [ ! -x "$bin" ] || [ -n "$(find "Sources/$module" "$entry" -newer "$bin" -print -quit)" ]; then
        echo "building $bin"
        rm -f "$bin"
        swiftc -sanitize=fuzzer,address -parse-as-library -O -package-name bollard -module-name "${module}Fuzz" \
            "$@" "${files[@]}" "$entry" -o "$bin" 2>&1 | grep -v "Cannot export local symbol" || true
        [ -x "$bin" ] || { echo "build of $bin failed" >&2; exit 1; }
    fi
}
build edifact BollardEDI Tests/Fuzz/EdifactFuzz.swift
build x12 BollardEDI Tests/Fuzz/X12Fuzz.swift
build xml BollardXML Tests/Fuzz/XMLReaderFuzz/XMLReaderFuzz.swift \
    -Xcc -fmodule-map-file=Sources/CLibXML2/module.modulemap -I /usr/include/libxml2 -lxml2
# The Ethereum decoders need only these of BollardLedger's sources (no I/O, no BollardLog).
eth=Sources/BollardLedger/Ethereum
sources="$eth/RLP.swift $eth/UInt256.swift $eth/Hex.swift $eth/EthereumError.swift" build rlp BollardLedger Tests/Fuzz/RLPFuzz.swift
sources="$eth/RLP.swift $eth/UInt256.swift $eth/Hex.swift $eth/EthereumError.swift $eth/EIP1559Transaction.swift \
    $eth/EthereumAddress.swift $eth/Keccak256.swift $eth/Secp256k1.swift" build eip1559 BollardLedger Tests/Fuzz/EIP1559Fuzz.swift \
    -Xcc -fmodule-map-file=Sources/CSecp256k1/module.modulemap -lsecp256k1

# Seeds: every EDI corpus file, sorted by standard on its first bytes; every XML example.
for name in edifact x12 xml rlp eip1559; do rm -rf "$out/seeds-$name"; mkdir -p "$out/seeds-$name" "$out/corpus-$name"; done
while IFS= read -r -d '' f; do
    case "$(basename "$f")" in UPSTREAM*|INDEX.md|SOURCE.md) continue ;; esac
    if head -c 8 "$f" | grep -q 'ISA'; then dest=x12; else dest=edifact; fi
    cp "$f" "$out/seeds-$dest/$(echo "$f" | tr '/' '_')"
done < <(find "$shared/conformance/edi" -type f -print0)
while IFS= read -r -d '' f; do
    cp "$f" "$out/seeds-xml/$(echo "$f" | tr '/' '_')"
done < <(find "$shared/conformance/epcis-examples" "$shared/conformance/epcis-hash" -name '*.xml' -size -64k -print0)

# Ethereum seeds: every RLP test's bytes (valid and invalid), every raw type-2 transaction.
python3 - "$shared/conformance/ethereum" "$out" <<'PY'
import json, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def hexes(value):
    if isinstance(value, dict):
        for v in value.values(): yield from hexes(v)
    elif isinstance(value, list):
        for v in value: yield from hexes(v)
    elif isinstance(value, str) and value.startswith("0x") and len(value) > 2 and len(value) % 2 == 0:
        try: yield bytes.fromhex(value[2:])
        except ValueError: pass
for f in sorted(root.rglob("*.json")):
    for i, b in enumerate(hexes(json.loads(f.read_text()))):
        target = "eip1559" if b[:1] == b"\x02" else "rlp"
        (out / ("seeds-" + target) / ("%s-%d" % (f.stem, i))).write_bytes(b)
        if target == "eip1559": (out / "seeds-rlp" / ("%s-%d" % (f.stem, i))).write_bytes(b[1:])
PY

status=0
for name in edifact x12 xml rlp eip1559; do
    extra=()
    [ "$name" = xml ] && extra=(-dict=Tests/Fuzz/XMLReaderFuzz/xml.dict)
    echo "fuzzing $name for ${seconds}s"
    # SWIFT_BACKTRACE off: libFuzzer reports the crash and writes the input; the Swift backtracer
    # would otherwise hold the pipe open after the fuzzer exits.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=symbolize=0:detect_leaks=0 "$out/$name-fuzz" "$out/corpus-$name" "$out/seeds-$name" \
        "${extra[@]}" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$out/$name-" -print_final_stats=1 > "$out/$name.log" 2>&1 || status=1
    grep -E "^(Done|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|.*Fatal error|.*artifact)" "$out/$name.log" || true
done
exit $status
