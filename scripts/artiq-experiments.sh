#!/usr/bin/env bash
# Runs every experiment class of ARTIQ's examples and hardware tests under
# `coredev run --artiq` (ARTIQ's own host and compiler, coredev's emulated core device)
# and prints one line per class and the counts. A class runs under artiq_run; a hardware test's
# fixture (a private class, which artiq_run cannot build: its build() takes what the test gives,
# or it has no run()) runs as its suite runs it, under `coredev run --artiq --unittest`, as does a
# listed class of a test file that fails under artiq_run but that a test uses (one raising by design).
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
#   SUITE|SKIPPED|FAIL(suite)  tests=PASSED/USING  file class  [why skipped, or the first failing test]
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

classes() {   # file public|private: its experiment classes (scripts/experiment_classes.py)
  "$python" "$root/scripts/experiment_classes.py" classes "$1" "$2"
}

# artiq_run ARGUMENTS (PYON values, one a line) for the classes whose arguments have no default.
arguments() {   # file class
  case "${1##*/} $2" in
    "arguments_demo.py ArgumentsDemo") printf '%s\n' 'sc1_enum="1"' 'sc2_enum="3"' ;;
    "speed_benchmark.py SpeedBenchmark") printf '%s\n' 'mode="Single experiment"' 'payload="CoreSend100Ints"' ;;
    "speed_benchmark.py _Report") printf '%s\n' 'start_time=0.0' 'nruns=1' ;;   # what SpeedBenchmark submits it with
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

ok=0 suite=0 skipped=0 fail=0 timeout=0 budget=0 reached=0
mode=(--artiq) kernel_line='^== kernel '
if [ -n "${OWN:-}" ]; then mode=() kernel_line='^== '; fi
declare -A users=()   # class -> the ids of the tests of its file's unittest suites that use it
selected() { [[ "${1#"$artiq"/} $2" =~ ${ONLY:-.} ]]; }   # file class

# The class run by artiq_run (coredev run --artiq -c CLASS). Prints its line and returns 0 if it ran.
run_class() {   # db file class [quiet-on-failure]
  local db=$1 file=$2 class=$3 out=$work/out status kernels
  local args
  mapfile -t args < <(arguments "$file" "$class")
  (cd "$work" && timeout "$limit" "$root/coredev" run "${mode[@]}" --device-db "$db" -c "$class" "$file" "${args[@]}" < <(answers "$file" "$class") >"$out" 2>&1)
  status=$?
  kernels=$(grep -c "$kernel_line" "$out")
  local name=${file#"$artiq"/}
  if [ $status -eq 0 ]; then
    [ "$kernels" -gt 0 ] && reached=$((reached + 1))
    ok=$((ok + 1)); printf 'OK        kernels=%-3s %s %s\n' "$kernels" "$name" "$class"; return 0
  fi
  [ -n "${4:-}" ] && return 1   # the caller looks at the class's unittest suite instead
  [ "$kernels" -gt 0 ] && reached=$((reached + 1))
  if grep -q 'cycle budget exhausted' "$out"; then budget=$((budget + 1)); printf 'BUDGET    kernels=%-3s %s %s\n' "$kernels" "$name" "$class"
  elif [ $status -eq 124 ]; then timeout=$((timeout + 1)); printf 'TIMEOUT   kernels=%-3s %s %s\n' "$kernels" "$name" "$class"
  else fail=$((fail + 1)); printf 'FAIL(%s)  kernels=%-3s %s %s  %s\n' "$status" "$kernels" "$name" "$class" \
      "$(grep -v '^\s*$' "$out" | grep -v "$kernel_line" | tail -1 | cut -c1-160)"
  fi
  return 1
}

# The class as its file's unittest suite ran it (coredev run --artiq --unittest, once a file, its
# outcome lines "== test ID: OUTCOME" in $work/suite.err): it ran if a test using it passed
# (or failed as the suite expects) and none failed; it is skipped if every such test was.
suite_class() {   # file class
  local file=$1 class=$2 name=${1#"$artiq"/} id line passed=0 total=0 failed="" skip=""
  for id in ${users[$class]}; do
    total=$((total + 1))
    # The test's outcome, or its subtests' ("== test ID (PARAMS): OUTCOME"): passed if one passed and none failed.
    local outcomes ran=""
    outcomes=$(grep -F -e "== test $id: " -e "== test $id (" "$work/suite.err" | sed 's/^[^:]*: //')
    if [ -z "$outcomes" ]; then failed=${failed:-"$id: no outcome (the suite did not run it)"}; continue; fi
    while read -r line; do
      case "$line" in
        ok|"expected failure") ran=yes ;;
        skipped*) skip=${skip:-${line#"skipped: "}} ;;
        *) failed=${failed:-"$id: $line"} ;;
      esac
    done <<<"$outcomes"
    [ -n "$ran" ] && passed=$((passed + 1))
  done
  if [ -z "$failed" ] && [ $passed -gt 0 ]; then suite=$((suite + 1)); printf 'SUITE     tests=%s/%s %s %s\n' "$passed" "$total" "$name" "$class"
  elif [ -z "$failed" ]; then skipped=$((skipped + 1)); printf 'SKIPPED   tests=0/%s %s %s  %s\n' "$total" "$name" "$class" "${skip:0:140}"
  else fail=$((fail + 1)); printf 'FAIL(suite) tests=%s/%s %s %s  %s\n' "$passed" "$total" "$name" "$class" "${failed:0:140}"
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
    for class in $(classes "$file" public) $(classes "$file" private); do
      selected "$file" "$class" && run_class "$db" "$file" "$class"
    done
  done
done
# The hardware tests: a class the master lists runs under artiq_run, or else as its suite runs it;
# a fixture (a private class) as its suite runs it, or under artiq_run if no test uses it.
testdb=$root/emulator/docs/artiq-test-device-db.py
for file in "$artiq"/artiq/test/coredevice/test_*.py; do
  users=()
  while read -r class ids; do users[$class]=$ids; done < <("$python" "$root/scripts/experiment_classes.py" users "$file")
  wanted=()
  for class in $(classes "$file" public) $(classes "$file" private); do selected "$file" "$class" && wanted+=("$class"); done
  [ ${#wanted[@]} -gt 0 ] || continue
  : > "$work/suite.err"
  if [ -z "${OWN:-}" ] && [ ${#users[@]} -gt 0 ]; then
    (cd "$work" && timeout $((limit * 10)) "$root/coredev" run --artiq --unittest --device-db "$testdb" "$file" >"$work/suite.out" 2>"$work/suite.err")
  fi
  for class in "${wanted[@]}"; do
    if [ -n "${OWN:-}" ] || [ -z "${users[$class]:-}" ]; then run_class "$testdb" "$file" "$class"
    elif [[ $class == _* ]]; then suite_class "$file" "$class"
    else run_class "$testdb" "$file" "$class" quiet || suite_class "$file" "$class"
    fi
  done
done
echo "classes: $((ok + suite + skipped + budget + fail + timeout))  ran: $((ok + suite)) ($ok under artiq_run, $suite as their unittest suites run them)  skipped by their suites: $skipped  stopped by the cycle budget: $budget  failed: $fail  timed out (${limit} s): $timeout  reached the emulated device under artiq_run: $reached"
