#!/usr/bin/env bash
# Builds the Debian package from a built tree into a temporary directory and inspects it: the
# file name and control fields carry the project's version, the files are where a Debian
# program's belong, Depends names the Qt and Qwt runtime libraries and no -dev package, the
# desktop entry validates, and the packaged binaries print the version (the GUI with no display).
#
#   check_package.sh SOURCE_DIR BUILD_DIR VERSION "ICON_SIZES"
set -euo pipefail
if [ $# -ne 4 ]; then
  echo "usage: check_package.sh SOURCE_DIR BUILD_DIR VERSION \"ICON_SIZES\"" >&2
  exit 2
fi
src="$(realpath "$1")"
build="$(realpath "$2")"
version="$3"
read -r -a icon_sizes <<<"$4"
export LC_ALL=C
for tool in cpack dpkg-deb desktop-file-validate file; do
  command -v "$tool" >/dev/null || { echo "check_package: $tool not found (bash setup.sh installs it)" >&2; exit 1; }
done
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# --- build it ------------------------------------------------------------------------------
start=$SECONDS
if ! cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log"
  echo "FAIL: cpack"
  exit 1
fi
arch="$(dpkg --print-architecture)"
deb="$tmp/out/amla-studio_${version}_${arch}.deb"
if [ ! -f "$deb" ]; then
  ls "$tmp/out"
  echo "FAIL: no package named $(basename "$deb")"
  exit 1
fi
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) in $((SECONDS - start)) s"

# --- control fields ------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = amla-studio ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', the project's is $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"
depends="$(field Depends)"
echo "Depends: $depends"
# Package names, alternatives included ("a (>= 1), b | c" -> a b c).
names=" "
IFS=',|' read -r -a alternatives <<<"$depends"
for a in "${alternatives[@]}"; do
  read -r name _ <<<"$a"
  names+="$name "
done
for lib in libqt5widgets5 libqt5core5a libqt5gui5 libqt5svg5 libqwt-qt5-6 libstdc++6 libc6; do
  [[ "$names" == *" $lib "* ]] || fail "Depends lacks $lib"
done
for name in $names; do
  case "$name" in *-dev) fail "Depends names a development package: $name" ;; esac
done

# --- files ---------------------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/files"
expect=(/usr/bin/amla-cli /usr/bin/amla-studio /usr/share/applications/amla-studio.desktop
        /usr/share/icons/hicolor/scalable/apps/amla-studio.svg)
# 48x48 is the size the icon theme spec requires; the others are what the build renders.
for size in 48 "${icon_sizes[@]}"; do
  expect+=("/usr/share/icons/hicolor/${size}x${size}/apps/amla-studio.png")
done
for preset in "$src"/resources/presets/*.json; do
  expect+=("/usr/share/amla-studio/presets/$(basename "$preset")")
done
# The man page, once the build writes one.
[ -f "$build/man/amla-cli.1" ] && expect+=(/usr/share/man/man1/amla-cli.1.gz)
for f in "${expect[@]}"; do
  grep -qxF "$f" "$tmp/files" || fail "missing $f"
done
# Nothing else lands in bin/ (test programs, benchmarks, build tools stay in the build tree).
extra_bin="$(grep '^/usr/bin/.' "$tmp/files" | grep -vxE '/usr/bin/amla-(cli|studio)' || true)"
[ -z "$extra_bin" ] || fail "unexpected programs: $extra_bin"
# No empty directories (an install rule for a file that was not there leaves one).
empty="$(awk '{ path[NR] = $0 } END { for (i = 1; i <= NR; ++i) if (path[i] ~ /\/$/ && index(path[i + 1], path[i]) != 1) print path[i] }' "$tmp/files")"
[ -z "$empty" ] || fail "empty directories: $empty"
echo "$(grep -c '[^/]$' "$tmp/files") files, all expected ones present"

# --- the installed program -----------------------------------------------------------------
dpkg-deb -x "$deb" "$tmp/root"
root="$tmp/root"
if ! desktop-file-validate "$root/usr/share/applications/amla-studio.desktop" >"$tmp/validate" 2>&1 ||
  grep -qE 'error|warning' "$tmp/validate"; then
  cat "$tmp/validate"
  fail "desktop-file-validate"
fi
for size in "${icon_sizes[@]}"; do
  png="$root/usr/share/icons/hicolor/${size}x${size}/apps/amla-studio.png"
  [ -f "$png" ] || continue
  file -b "$png" | grep -q "^PNG image data, $size x $size," || fail "$png: $(file -b "$png")"
done
[ ! -f "$root/usr/share/man/man1/amla-cli.1.gz" ] || gzip -t "$root/usr/share/man/man1/amla-cli.1.gz" ||
  fail "the man page is not gzip"

check_output() {  # EXPECTED COMMAND...
  local expected="$1" out rc=0
  shift
  out="$("$@" 2>"$tmp/stderr")" || rc=$?
  if [ "$rc" -ne 0 ] || [ "$out" != "$expected" ]; then
    cat "$tmp/stderr"
    fail "'${*##*/}' exited $rc printing '$out', expected '$expected'"
  fi
}
check_output "amla-cli $version" "$root/usr/bin/amla-cli" --version
check_output "amla-studio $version" env QT_QPA_PLATFORM=offscreen "$root/usr/bin/amla-studio" --version
# No display and the default platform: --version must not touch the window system.
check_output "amla-studio $version" env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM \
  "$root/usr/bin/amla-studio" --version

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "package OK in $((SECONDS - start)) s"
