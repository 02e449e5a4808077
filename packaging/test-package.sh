#!/usr/bin/env bash
# Builds the .deb and .tar.gz with CPack from an already built tree, inspects them (files, dependencies, no build
# paths), unpacks the .deb into a temporary root and runs the unpacked benchlens there on the sample folder, and
# runs the AppStream and desktop-entry validators on the unpacked files. Run by .ci/run after ./build.sh test.
#   packaging/test-package.sh [BUILD_DIR]     (default: build/ci under CI, else build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$(pwd)
default_build=build/release
if [ "${CI:-}" = "true" ]; then default_build=build/ci; fi
build_dir=$(cd "${1:-$default_build}" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "test-package: FAIL: $*" >&2
    exit 1
}
passed=0
ok() {
    echo "test-package: ok: $*"
    passed=$((passed + 1))
}

echo "test-package: cpack in $build_dir"
(cd "$build_dir" && cpack -G "DEB;TGZ" -B "$work/out" >"$work/cpack.log" 2>&1) || {
    cat "$work/cpack.log" >&2
    fail "cpack"
}
deb=$(ls "$work"/out/*.deb)
tgz=$(ls "$work"/out/*.tar.gz)
ok "built $(basename "$deb") and $(basename "$tgz")"

# Metadata: name, version, the runtime dependencies (the Qt libraries the binary links, found by dpkg-shlibdeps,
# and the plugins it loads).
dpkg-deb -I "$deb" >"$work/info.txt"
cat "$work/info.txt"
version=$(sed -n 's/^project(BenchLens VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
grep -q "^ Package: benchlens$" "$work/info.txt" || fail "package name"
grep -q "^ Version: $version$" "$work/info.txt" || fail "version $version"
depends=$(sed -n 's/^ Depends: //p' "$work/info.txt")
for dep in libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libqt6svg6 libqt6sql6 libqt6sql6-sqlite \
    libfmt9 libmd4c0 libyaml-0-2 libc6 libstdc++6 qt6-qpa-plugins fonts-dejavu-core; do
    echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -qx "$dep" || fail "Depends lacks $dep: $depends"
done
ok "dependencies: $depends"
# Every dependency is a package this machine has installed (so the names are real Debian packages).
for dep in $(echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//'); do
    dpkg-query -W -f='${Status}' "$dep" 2>/dev/null | grep -q "install ok installed" || fail "dependency $dep is not an installed package"
done
ok "every dependency is an installed Debian package"

# Contents.
dpkg-deb -c "$deb" | awk '{print $NF}' >"$work/files.txt"
for f in ./usr/bin/benchlens ./usr/share/applications/benchlens.desktop \
    ./usr/share/metainfo/io.github.benchlens.BenchLens.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/benchlens.svg ./usr/share/man/man1/benchlens.1 \
    ./usr/share/bash-completion/completions/benchlens; do
    grep -qx "$f" "$work/files.txt" || fail "the package lacks $f"
done
for size in 16 24 32 48 64 128 256; do
    grep -qx "./usr/share/icons/hicolor/${size}x${size}/apps/benchlens.png" "$work/files.txt" ||
        fail "the package lacks the ${size}x${size} icon"
done
ok "files: $(grep -vc '/$' "$work/files.txt") files, binary, desktop entry, metainfo, icons, man page, completion"
if grep -E '/(work|build|tmp|home|root)/' "$work/files.txt"; then fail "build paths in the file list"; fi

# Unpack and look inside.
root="$work/root"
dpkg -x "$deb" "$root"
if grep -rlF "$source_dir" "$root" || grep -rlF "$build_dir" "$root"; then
    fail "the unpacked package names the source or build folder"
fi
ok "no build paths in the file list or in any file"
[ -x "$root/usr/bin/benchlens" ] || fail "benchlens is not executable"
for size in 16 48 256; do
    file "$root/usr/share/icons/hicolor/${size}x${size}/apps/benchlens.png" | grep -q "PNG image data, $size x $size" ||
        fail "the ${size}x${size} icon is not a ${size}x${size} PNG"
done
ok "icons are PNGs of their size"

# The unpacked binary runs (only system libraries: nothing from the build tree).
"$root/usr/bin/benchlens" --version | tee "$work/version.txt"
grep -q "^benchlens $version" "$work/version.txt" || fail "--version does not print $version"
ok "unpacked benchlens --version"
"$root/usr/bin/benchlens" generate-sample "$work/sample"
"$root/usr/bin/benchlens" summarize "$work/sample" >"$work/summary.txt"
head -5 "$work/summary.txt"
grep -q "^Variants: [1-9]" "$work/summary.txt" || fail "summarize of the sample found no variants"
# The same summary as the build tree's binary on the build tree's sample folder (paths aside).
# The same summary as the build tree's binary on the build tree's sample folder (its path and the files' modification
# times aside).
mask() { sed "s|$1|SAMPLE|; s|Latest modification: [0-9TZ:-]*|Latest modification: MTIME|"; }
"$build_dir/app/benchlens" summarize "$build_dir/sample" | mask "$build_dir/sample" >"$work/built.txt"
mask "$work/sample" <"$work/summary.txt" | diff -u "$work/built.txt" - || fail "the unpacked summary differs"
ok "unpacked benchlens summarize on the sample folder"
"$root/usr/bin/benchlens" export "$work/sample" -o "$work/sample.sqlite" --quiet
[ -s "$work/sample.sqlite" ] || fail "export to SQLite"
ok "unpacked benchlens export to SQLite (the Qt SQLite driver from its dependency)"

# Validators.
appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.benchlens.BenchLens.metainfo.xml" ||
    fail "appstreamcli validate"
ok "appstreamcli validate --no-net"
desktop-file-validate "$root/usr/share/applications/benchlens.desktop" || fail "desktop-file-validate"
ok "desktop-file-validate"
grep -qx "MimeType=inode/directory;" "$root/usr/share/applications/benchlens.desktop" || fail "MimeType"
grep -qx "Exec=benchlens %f" "$root/usr/share/applications/benchlens.desktop" || fail "Exec"

# The tarball holds the same tree.
tar -tzf "$tgz" | sed 's|^[^/]*/||' | grep -v '/$' | sort >"$work/tgz.txt"
grep -v '/$' "$work/files.txt" | sed 's|^\./usr/||' | sort >"$work/deb.txt"
diff -u "$work/deb.txt" "$work/tgz.txt" || fail "the .tar.gz and the .deb hold different files"
ok "the .tar.gz holds the same files"

echo "test-package: $passed passed, 0 failed"
