#!/usr/bin/env bash
# Installs the Debian 12 packages BenchLens needs to build, test and run.
# Idempotent: installs only what is missing. Needs root or sudo.
set -euo pipefail

packages=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
    nlohmann-json3-dev libfmt-dev libsimdjson-dev libmd4c-dev libboost-math-dev libyaml-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    locales poppler-utils fonts-dejavu-core
    libqt6sql6-sqlite python3 python3-pandas
    dpkg-dev file appstream desktop-file-utils librsvg2-bin qt6-qpa-plugins
    clang-14 libclang-rt-14-dev # libFuzzer and the sanitizer runtimes for the fuzz preset (tests/fuzz)
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# One parser test runs under a German LC_NUMERIC (decimal comma) to prove number parsing ignores the locale.
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
    echo "install-deps: generating the de_DE.UTF-8 locale for the locale test"
    "${sudo_cmd[@]}" sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
    "${sudo_cmd[@]}" locale-gen >/dev/null
fi
