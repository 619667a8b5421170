#!/usr/bin/env bash
# Runs every experiment class of ARTIQ's examples and hardware tests under
# `coredev run --artiq` (ARTIQ's own host and compiler, coredev's emulated core device)
# and prints one line per class and the counts.
#
#   . shared/artiq-host/env.sh ARTIQ_DIR      # or any python that imports artiq
#   scripts/artiq-experiments.sh ARTIQ_DIR [TIMEOUT_SECONDS]
#   ONLY=REGEX scripts/artiq-experiments.sh ...   # only the classes whose "file class" matches
#   OWN=1 scripts/artiq-experiments.sh ...        # coredev's own host evaluator and compiler (no --artiq)
#
# A class whose build() asks for arguments without defaults gets the values a user would enter
# in the dashboard, passed as artiq_run ARGUMENTS (the table in arguments() below); a class that
# asks at run time (self.interactive) gets a user's answers on stdin (answers() below).
#
# Each class runs with its own folder's device database (examples/*/device_db.py; for the
# JSON system descriptions, the database artiq_ddb_template makes from it); the hardware tests
# (artiq/test/coredevice) with emulator/docs/artiq-test-device-db.py. A line reads
#   OK|BUDGET|FAIL(status)|TIMEOUT  kernels=N  file class  [last line of its output on failure]
# where kernels counts the kernels that reached the emulated device, BUDGET is a kernel stopped by
# coredev's cycle budget (10^10 cycles, 80 s simulated: the examples that loop for ever) and
# TIMEOUT a run still going after TIMEOUT_SECONDS of wall time (a host loop that never ends).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
artiq=$(cd "${1:?usage: $0 ARTIQ_DIR [TIMEOUT_SECONDS]}" && pwd)
limit=${2:-60}
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Public experiment classes of a file, as ARTIQ's master lists them: classes deriving from
# an Experiment (directly or through another class of the file), not starting with "_".
classes() {
  "$python" - "$1" <<'EOF'
import ast, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
experiments = set()
def base_name(b):
    return b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")
for node in tree.body:
    if isinstance(node, ast.ClassDef):
        if any(base_name(b) in ("EnvExperiment", "Experiment") or base_name(b) in experiments for b in node.bases):
            experiments.add(node.name)
            if not node.name.startswith("_"):
                print(node.name)
EOF
}

# artiq_run ARGUMENTS (PYON values, one a line) for the classes whose arguments have no default.
arguments() {   # file class
  case "${1##*/} $2" in
    "arguments_demo.py ArgumentsDemo") printf '%s\n' 'sc1_enum="1"' 'sc2_enum="3"' ;;
    "speed_benchmark.py SpeedBenchmark") printf '%s\n' 'mode="Single experiment"' 'payload="CoreSend100Ints"' ;;
  esac
}

# What a user types at artiq_run's prompts (PYON, one answer a line) for the classes that ask
# (self.interactive); every other class reads an empty stdin.
answers() {   # file class
  case "${1##*/} $2" in
    "interactive.py InteractiveDemo") printf '%s\n' '"42"' '4.2e-05' '42' '"Hello World"' \
        '{"ty": "NoScan", "value": 325.0, "repetitions": 2}' 'True' '"bar"' ;;
  esac
}

ok=0 fail=0 timeout=0 budget=0 reached=0
mode=(--artiq) kernel_line='^== kernel '
if [ -n "${OWN:-}" ]; then mode=() kernel_line='^== '; fi
run_class() {   # db file class
  local db=$1 file=$2 class=$3 out=$work/out status kernels
  [[ "${file#"$artiq"/} $class" =~ ${ONLY:-.} ]] || return 0
  local args
  mapfile -t args < <(arguments "$file" "$class")
  (cd "$work" && timeout "$limit" "$root/coredev" run "${mode[@]}" --device-db "$db" -c "$class" "$file" "${args[@]}" < <(answers "$file" "$class") >"$out" 2>&1)
  status=$?
  kernels=$(grep -c "$kernel_line" "$out")
  [ "$kernels" -gt 0 ] && reached=$((reached + 1))
  local name=${file#"$artiq"/}
  if [ $status -eq 0 ]; then ok=$((ok + 1)); printf 'OK        kernels=%-3s %s %s\n' "$kernels" "$name" "$class"
  elif grep -q 'cycle budget exhausted' "$out"; then budget=$((budget + 1)); printf 'BUDGET    kernels=%-3s %s %s\n' "$kernels" "$name" "$class"
  elif [ $status -eq 124 ]; then timeout=$((timeout + 1)); printf 'TIMEOUT   kernels=%-3s %s %s\n' "$kernels" "$name" "$class"
  else fail=$((fail + 1)); printf 'FAIL(%s)  kernels=%-3s %s %s  %s\n' "$status" "$kernels" "$name" "$class" \
      "$(grep -v '^\s*$' "$out" | grep -v "$kernel_line" | tail -1 | cut -c1-160)"
  fi
}

for dir in "$artiq"/artiq/examples/*/; do
  db=$dir/device_db.py
  if [ ! -f "$db" ]; then
    json=$(ls "$dir"*.json 2>/dev/null | head -1)
    [ -n "$json" ] || continue
    db=$work/$(basename "$dir")_device_db.py
    "$python" -m artiq.frontend.artiq_ddb_template -o "$db" "$json" || continue
  fi
  for file in "$dir"*.py "$dir"repository/*.py; do
    [ -f "$file" ] && [ "$(basename "$file")" != device_db.py ] || continue
    for class in $(classes "$file"); do run_class "$db" "$file" "$class"; done
  done
done
for file in "$artiq"/artiq/test/coredevice/test_*.py; do
  for class in $(classes "$file"); do run_class "$root/emulator/docs/artiq-test-device-db.py" "$file" "$class"; done
done
echo "classes: $((ok + budget + fail + timeout))  ran: $ok  stopped by the cycle budget: $budget  failed: $fail  timed out (${limit} s): $timeout  reached the emulated device: $reached"
