# SPDX-License-Identifier: GPL-2.0-or-later
# ltp-lib.sh: facts the LTP conformance scripts share (sourced; needs $top).
#
# The pinned LTP source is ../shared/ltp/ltp-<commit>.tar.xz beside the
# checkout (QC_LTP_DIR overrides), verified against its SHA256SUMS before use.
LTP_ARCHES="i386 arm mipsel x86_64"
LTP_GUEST_ARCHES="i386 arm mipsel"
LTP_DIR=${QC_LTP_DIR:-$top/../shared/ltp}
LTP_TARBALL=$(ls "$LTP_DIR"/ltp-*.tar.xz 2>/dev/null | head -1)
if [ -z "$LTP_TARBALL" ]; then
  echo "conformance: no LTP tarball in $LTP_DIR (set QC_LTP_DIR)" >&2; exit 2
fi
LTP_SHA=$(awk -v f="$(basename "$LTP_TARBALL")" '$2 == f { print $1 }' "$LTP_DIR/SHA256SUMS")
LTP_NAME=$(basename "$LTP_TARBALL" .tar.xz)
# Keyed by the pin: a new tarball or hash builds anew beside the old one. Root's
# cache is /var/cache (the tests run as nobody, who must read the builds: root's
# home is not searchable), a user's is ~/.cache, as ccache's.
if [ "$(id -u)" = 0 ]; then LTP_CACHE_BASE=/var/cache/qemu-compat/ltp
else LTP_CACHE_BASE=${XDG_CACHE_HOME:-$HOME/.cache}/qemu-compat/ltp; fi
LTP_CACHE=${QC_LTP_CACHE:-$LTP_CACHE_BASE}/$LTP_NAME-${LTP_SHA:0:12}

ltp_verify_tarball() {
  local stamp=$LTP_CACHE/.verified
  [ -n "$LTP_SHA" ] || { echo "conformance: $LTP_TARBALL has no line in SHA256SUMS" >&2; exit 2; }
  [ -e "$stamp" ] && [ "$stamp" -nt "$LTP_TARBALL" ] && return 0
  if ! echo "$LTP_SHA  $LTP_TARBALL" | sha256sum -c --quiet - >/dev/null 2>&1; then
    echo "conformance: $LTP_TARBALL does not match its SHA-256 $LTP_SHA" >&2; exit 2
  fi
  mkdir -p "$LTP_CACHE" && touch "$stamp"
}

# LTP's configure triplet of each arch: the guest arches' cross compilers
# (tests/arches.sh), x86_64 for the native reference.
. "$top/tests/arches.sh"
ltp_triplet() {
  if [ "$1" = x86_64 ]; then echo x86_64-linux-gnu; else triplet_of "$1"; fi
}
# Debian's architecture of each arch (the libaio packages LTP links against).
ltp_debarch() {
  case "$1" in
    i386) echo i386 ;; arm) echo armhf ;; mipsel) echo mipsel ;;
    x86_64) echo amd64 ;; *) echo "unknown arch $1" >&2; return 1 ;;
  esac
}
