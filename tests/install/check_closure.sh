#!/usr/bin/env bash
# Fresh-install closure: every system file the build read (headers, libraries, pkg-config and
# CMake package files, the tools CMake found) belongs to a Debian package that setup.sh installs
# or that those pull in through Depends/PreDepends (Recommends do not count: setup.sh installs
# with --no-install-recommends). Essential, required and important packages count as present.
# A machine with packages installed by hand builds fine and hides a missing line in setup.sh;
# this finds it from the build tree, without a fresh machine. Nothing here is a hand-kept list.
#
#   check_closure.sh [--exclude PKG]... [--expect-missing PKG] SOURCE_DIR BUILD_DIR
#     --exclude PKG         check as if setup.sh did not list PKG
#     --expect-missing PKG  negative control: --exclude PKG, and pass only if the check then
#                           fails naming PKG
set -euo pipefail

excluded=()
expect_missing=""
while [ $# -gt 0 ]; do
  case "$1" in
    --exclude) excluded+=("$2"); shift 2 ;;
    --expect-missing) expect_missing="$2"; excluded+=("$2"); shift 2 ;;
    --*) echo "check_closure: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -ne 2 ]; then
  echo "usage: check_closure.sh [--exclude PKG]... [--expect-missing PKG] SOURCE_DIR BUILD_DIR" >&2
  exit 2
fi
src="$(realpath "$1")"
build="$(realpath "$2")"
cache="$build/CMakeCache.txt"
[ -f "$cache" ] || { echo "check_closure: no $cache (configure first)" >&2; exit 2; }
export LC_ALL=C
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cache_value() {  # NAME -> value of NAME:TYPE=value in the cache
  sed -n "/^$1:[A-Z]*=/{s/^[^=]*=//p;q;}" "$cache"
}

# --- the packages setup.sh installs -------------------------------------------------------
listed=()
while IFS= read -r p; do
  keep=1
  for x in "${excluded[@]}"; do [ "$p" = "$x" ] && keep=0; done
  [ "$keep" = 1 ] && listed+=("$p")
done < <(bash "$src/setup.sh" packages)
[ "${#listed[@]}" -gt 0 ] || { echo "check_closure: setup.sh packages printed nothing" >&2; exit 1; }

# --- the system files the build read -------------------------------------------------------
ninja="$(cache_value CMAKE_MAKE_PROGRAM)"
[ -f "$build/build.ninja" ] || { echo "check_closure: needs a Ninja build tree" >&2; exit 2; }
raw="$tmp/raw"
: >"$raw"

# Headers: every compiled object's dependencies, as the compiler reported them. An object not
# compiled yet has no record, and its headers would go unchecked.
"$ninja" -C "$build" -t deps >"$tmp/deps"
awk '/^    \//{print $1}' "$tmp/deps" >>"$raw"
sed -n 's/^\([^ ].*\): #deps.*/\1/p' "$tmp/deps" | sort >"$tmp/recorded"
grep -oE '^build [^ ]+\.o: CXX_COMPILER' "$build/build.ninja" | sed 's/^build //; s/: .*//' |
  sort >"$tmp/objects"
unbuilt="$(comm -23 "$tmp/objects" "$tmp/recorded" | wc -l)"
if [ ! -s "$tmp/objects" ] || [ "$unbuilt" -gt 0 ]; then
  echo "check_closure: $unbuilt of $(wc -l <"$tmp/objects") objects not compiled yet: build first" >&2
  exit 1
fi

cxx="$(cache_value CMAKE_CXX_COMPILER)"
resolve_lib() {  # NAME -> the file the linker takes for -lNAME
  local f
  for f in "lib$1.so" "lib$1.a"; do
    f="$("$cxx" -print-file-name="$f")"
    case "$f" in /*) echo "$f"; return ;; esac
  done
}

# Libraries: the link lines (full paths and -l flags).
grep -E '^  LINK_LIBRARIES = ' "$build/build.ninja" | tr ' ' '\n' | sort -u >"$tmp/link"
grep '^/' "$tmp/link" >>"$raw" || true
for l in $(sed -n 's/^-l//p' "$tmp/link"); do resolve_lib "$l" >>"$raw"; done
# ... and what the compiler links implicitly (libstdc++, libm, libgcc, libc).
compiler_file="$(ls "$build"/CMakeFiles/*/CMakeCXXCompiler.cmake 2>/dev/null | head -1 || true)"
if [ -n "$compiler_file" ]; then
  implicit="$(sed -n 's/^set(CMAKE_CXX_IMPLICIT_LINK_LIBRARIES "\(.*\)")$/\1/p' "$compiler_file")"
  for l in ${implicit//;/ }; do resolve_lib "$l" >>"$raw"; done
fi

# CMake files: what configuring read (build.ninja's re-run dependencies), the package
# directories CMake found, and every tool or library it recorded as a file path.
grep '^build build.ninja' "$build/build.ninja" | tr ' ' '\n' | grep '^/' >>"$raw" || true
sed -n 's/^[A-Za-z0-9_]*_DIR:PATH=\(\/.*\)$/\1/p' "$cache" | while IFS= read -r dir; do
  ls -d "$dir"/*.cmake 2>/dev/null || true
done >>"$raw"
sed -n 's/^[A-Za-z0-9_.+-]*:FILEPATH=\(\/.*\)$/\1/p' "$cache" >>"$raw"
for tool in CMAKE_COMMAND CMAKE_CTEST_COMMAND CMAKE_CPACK_COMMAND; do cache_value "$tool"; done >>"$raw"

# pkg-config: the modules the build asked for, and everything they require (public and
# private: pkg-config fails on a missing private requirement too), as .pc files.
pkg_config="$(cache_value PKG_CONFIG_EXECUTABLE)"
todo=()
for args in $(sed -n 's/^__pkg_config_arguments_[A-Za-z0-9_]*:INTERNAL=//p' "$cache"); do
  for a in ${args//;/ }; do
    case "$a" in
      REQUIRED | QUIET | IMPORTED_TARGET | GLOBAL | NO_CMAKE_PATH | NO_CMAKE_ENVIRONMENT_PATH) ;;
      *) todo+=("${a%%[<>=!]*}") ;;
    esac
  done
done
declare -A seen_module=()
pkg_failed=()
while [ "${#todo[@]}" -gt 0 ]; do
  m="${todo[-1]}"
  unset 'todo[-1]'
  [ -n "${seen_module[$m]:-}" ] && continue
  seen_module[$m]=1
  if ! dir="$("$pkg_config" --variable=pcfiledir "$m" 2>/dev/null)" || [ -z "$dir" ]; then
    pkg_failed+=("$m")
    continue
  fi
  echo "$dir/$m.pc" >>"$raw"
  while read -r req _; do
    [ -n "$req" ] && todo+=("$req")
  done < <("$pkg_config" --print-requires "$m"; "$pkg_config" --print-requires-private "$m")
done

# Normalised (no "..", symlinks kept), outside the source and build trees, existing, once each.
sort -u "$raw" | xargs -d '\n' realpath -s -m -- | sort -u | while IFS= read -r f; do
  case "$f" in "$src"/* | "$build"/*) continue ;; esac
  [ -e "$f" ] && echo "$f"
done >"$tmp/files"
mapfile -t files <"$tmp/files"

# --- who owns them -------------------------------------------------------------------------
# dpkg records some files under /lib, /bin or /sbin (merged /usr) and alternatives are
# symlinks nobody owns: look a file up under both spellings, and a symlink's target too.
# (Sets REPLY rather than printing: a subshell per file costs seconds on a busy machine.)
alias_of() {
  case "$1" in
    /usr/lib/* | /usr/bin/* | /usr/sbin/* | /usr/lib64/*) REPLY="${1#/usr}" ;;
    /lib/* | /bin/* | /sbin/* | /lib64/*) REPLY="/usr$1" ;;
    *) REPLY="" ;;
  esac
}
declare -A target_of=()
links=()
for f in "${files[@]}"; do [ -L "$f" ] && links+=("$f"); done
if [ "${#links[@]}" -gt 0 ]; then
  mapfile -t targets < <(readlink -f "${links[@]}")
  for i in "${!links[@]}"; do target_of[${links[$i]}]="${targets[$i]}"; done
fi
for f in "${files[@]}" "${target_of[@]}"; do
  echo "$f"
  alias_of "$f"
  [ -z "$REPLY" ] || echo "$REPLY"
done | sort -u >"$tmp/candidates"
xargs -d '\n' dpkg-query -S <"$tmp/candidates" 2>/dev/null >"$tmp/owners" || true
declare -A owners_of=()
while IFS= read -r line; do
  case "$line" in diversion*) continue ;; esac
  path="/${line#*: /}"
  pkgs="${line%%: /*}"
  for p in ${pkgs//,/ }; do owners_of[$path]+="${p%%:*} "; done
done <"$tmp/owners"

declare -A files_of=()  # package -> how many files
declare -A example_of=()
unowned=()
for f in "${files[@]}"; do
  o="${owners_of[$f]:-}"
  alias_of "$f"
  [ -z "$REPLY" ] || o+="${owners_of[$REPLY]:-}"
  t="${target_of[$f]:-}"
  if [ -n "$t" ]; then
    o+="${owners_of[$t]:-}"
    alias_of "$t"
    [ -z "$REPLY" ] || o+="${owners_of[$REPLY]:-}"
  fi
  if [ -z "$o" ]; then
    unowned+=("$f")
    continue
  fi
  declare -A counted=()
  for p in $o; do
    [ -n "${counted[$p]:-}" ] && continue
    counted[$p]=1
    files_of[$p]=$((${files_of[$p]:-0} + 1))
    [ -n "${example_of[$p]:-}" ] || example_of[$p]="$f"
  done
  unset counted
done

# --- what a fresh machine has after setup.sh -----------------------------------------------
roots=("${listed[@]}")
while read -r p essential priority; do
  case "$essential/$priority" in yes/* | */required | */important) roots+=("$p") ;; esac
done < <(dpkg-query -W -f '${Package} ${Essential} ${Priority}\n' | awk 'NF == 3')
declare -A present=()
while IFS= read -r line; do
  case "$line" in
    "  Depends: "* | " |Depends: "* | "  PreDepends: "* | " |PreDepends: "*) p="${line#*: }" ;;
    "    "*) p="${line#"${line%%[! ]*}"}" ;;  # a provider of a virtual package
    " "*) continue ;;
    *) p="$line" ;;
  esac
  p="${p#<}"
  p="${p%>}"
  present[${p%%:*}]=1
done < <(apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances "${roots[@]}" 2>/dev/null)

# --- verdict -------------------------------------------------------------------------------
missing=()
echo "the build reads ${#files[@]} system files from ${#files_of[@]} Debian packages:"
for p in $(printf '%s\n' "${!files_of[@]}" | sort); do
  if [ -n "${present[$p]:-}" ]; then
    printf '  %-28s %5d files\n' "$p" "${files_of[$p]}"
  else
    printf '  %-28s %5d files  NOT INSTALLED BY setup.sh (e.g. %s)\n' "$p" "${files_of[$p]}" \
      "${example_of[$p]}"
    missing+=("$p")
  fi
done
status=0
if [ "${#unowned[@]}" -gt 0 ]; then
  echo "files the build reads that no Debian package installs (a fresh machine lacks them):"
  printf '  %s\n' "${unowned[@]}"
  status=1
fi
if [ "${#pkg_failed[@]}" -gt 0 ]; then
  echo "pkg-config modules the build needs that pkg-config cannot find: ${pkg_failed[*]}"
  status=1
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "packages the build reads that setup.sh neither installs nor pulls in: ${missing[*]}"
  status=1
fi

if [ -n "$expect_missing" ]; then
  # The negative control: without the package the check must fail and name it.
  for p in "${missing[@]}"; do
    if [ "$p" = "$expect_missing" ]; then
      echo "negative control: without $expect_missing in setup.sh the check fails naming it, as it must"
      exit 0
    fi
  done
  echo "negative control FAILED: removing $expect_missing from setup.sh's list went unnoticed" >&2
  exit 1
fi
[ "$status" -eq 0 ] && echo "fresh install: all installed by setup.sh (${#listed[@]} packages listed)"
exit "$status"
