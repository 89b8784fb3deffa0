#!/usr/bin/env bash
# Every C++ file of the repository is as the repository's .clang-format writes it.
set -euo pipefail
cd "$1"
if ! command -v clang-format >/dev/null; then
  echo "clang-format is not installed (setup.sh installs it)" >&2
  exit 1
fi
if [ -d .git ] || git rev-parse --git-dir >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.h')
else
  mapfile -t files < <(find app core ui tests -name '*.cpp' -o -name '*.h')
fi
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
if ! clang-format --dry-run --Werror "${files[@]}" 2>"$report"; then
  grep -Eo '^[^ :]+:[0-9]+:[0-9]+: (warning|error)' "$report" | cut -d: -f1 | sort -u |
    sed 's/^/not clang-formatted: /' >&2 || true
  echo "fix with: clang-format -i <file>" >&2
  exit 1
fi
echo "${#files[@]} files clang-format clean"
