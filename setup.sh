#!/usr/bin/env bash
# AMLA Studio set-up on Debian 12 (as root, or with sudo).
#   bash setup.sh run    install what is missing, build, open the GUI (headless: write the report)
#   bash setup.sh test   install what is missing, build, run the whole test suite (+ ASan/UBSan),
#                        then each libFuzzer target for 20 s
#   bash setup.sh packages   print the Debian packages set-up installs, one a line (installs nothing)
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-run}"
jobs="$(nproc 2>/dev/null || echo 2)"
case "$mode" in
  run | test | packages) ;;
  *)
    echo "usage: bash setup.sh run|test|packages" >&2
    exit 2
    ;;
esac

# The one list. Installed with --no-install-recommends, so everything the build reads must be
# here or in these packages' Depends: tests/install/check_closure.sh fails otherwise.
# libqt5opengl5-dev: Qwt's Qt5Qwt6.pc requires Qt5OpenGL, but libqwt-qt5-dev does not depend on it.
# dpkg-dev, file: CPack's DEB generator (dpkg-shlibdeps computes Depends; file finds the ELF files).
# desktop-file-utils: desktop-file-validate checks the desktop entry in the package test.
packages=(build-essential cmake ninja-build pkg-config git
          qtbase5-dev libqt5svg5-dev libqwt-qt5-dev libqt5opengl5-dev
          libeigen3-dev nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
          xvfb xauth fonts-dejavu-core clang libclang-rt-14-dev
          dpkg-dev file desktop-file-utils clang-format libsqlite3-dev
          zlib1g-dev libprotobuf-dev protobuf-compiler libnlopt-cxx-dev)
# Test-only: a real single-node Slurm for the sharded-sweep test (tests/slurm), installed by
# `test`. Their services are kept from starting on install (policy-rc.d below): the test starts
# its own daemons and stops them, so nothing is left running.
test_packages=(slurmctld slurmd slurm-client munge)
if [ "$mode" = packages ]; then
  printf '%s\n' "${packages[@]}" "${test_packages[@]}"
  exit 0
fi
wanted=("${packages[@]}")
[ "$mode" = test ] && wanted+=("${test_packages[@]}")
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  # Debian's way to keep package scripts from starting services (exit 101 = not allowed); only
  # when the machine has no policy of its own, and removed again afterwards.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
    own_policy=1
  fi
  status=0
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" || status=$?
  if [ "$own_policy" = 1 ]; then $sudo rm -f "$policy"; fi
  [ "$status" -eq 0 ] || exit "$status"
fi

echo "== building (preset default -> build/bin)"
cmake --preset default >/dev/null
cmake --build --preset default -j "$jobs"

case "$mode" in
  run)
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec build/bin/amla-studio
    fi
    echo "== no display: writing the headless default report"
    # Qt's offscreen platform wants a private runtime directory; give it one quietly.
    if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
      export XDG_RUNTIME_DIR="$(mktemp -d)"
      chmod 700 "$XDG_RUNTIME_DIR"
    fi
    build/bin/amla-cli report --out out/report
    build/bin/amla-cli simulate --kv-len 4096 --timeline out/report/timeline.png \
      --buffers out/report/buffers.png --trace out/report/trace.json --json \
      > out/report/simulation.json
    QT_QPA_PLATFORM=offscreen build/bin/amla-studio --screenshot out/report/studio.png \
      2> >(grep -v propagateSizeHints >&2)
    echo "report written to $(pwd)/out/report:"
    echo "  report.md / report.json   numerics of AMLA vs the MUL baseline on every input"
    echo "  simulation.json           the default run on the 910C package (metrics)"
    echo "  timeline.png, buffers.png the default run's timeline and buffer occupancy"
    echo "  trace.json                its Chrome trace (Perfetto, chrome://tracing, Insight)"
    echo "  studio.png                the studio window after the default runs"
    ;;
  test)
    echo "== tests (release build)"
    ctest --preset default -j "$jobs"
    echo "== core and CLI tests under ASan + UBSan"
    cmake --preset asan >/dev/null
    cmake --build --preset asan -j "$jobs"
    ctest --preset asan -j "$jobs"
    echo "== fuzzing every parser of outside input for 20 s (libFuzzer + ASan + UBSan)"
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz -j "$jobs"
    # Each target runs on a copy of its seeds, so the repository corpus stays as committed; a
    # crashing input is kept in out/fuzz-crashes/ to become a regression test.
    fuzz_failed=()
    for seeds in tests/fuzz/corpus/*/; do
      target="$(basename "$seeds")"
      work="$(mktemp -d)"
      cp -r "$seeds". "$work/corpus"
      mkdir -p "$work/artifacts"
      if UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "build-fuzz/bin/$target" \
           -seed=1 -max_total_time=20 -rss_limit_mb=2048 -timeout=10 \
           -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/log" 2>&1; then
        runs="$(grep -Eo 'Done [0-9]+ runs' "$work/log" | tail -1 | awk '{print $2}')"
        printf '  %-22s %12s executions, no crash\n' "$target" "${runs:-?}"
      else
        tail -40 "$work/log"
        mkdir -p out/fuzz-crashes
        cp "$work"/artifacts/* out/fuzz-crashes/ 2>/dev/null || true
        printf '  %-22s CRASHED (inputs in out/fuzz-crashes/)\n' "$target"
        fuzz_failed+=("$target")
      fi
      rm -rf "$work"
    done
    if [ "${#fuzz_failed[@]}" -gt 0 ]; then
      echo "fuzzers that crashed: ${fuzz_failed[*]}" >&2
      exit 1
    fi
    ;;
esac
