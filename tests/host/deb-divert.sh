# deb-divert: `make deb`'s package installed beside Debian's own emulators in
# throwaway roots (dpkg --root): bookworm's qemu-user-static and qemu-user,
# trixie's qemu-user, qemu-user-binfmt and qemu-user-static (whose qemu-user
# carries the static emulators). Debian's packages are downloaded once into
# build/debian-debs/ (tests/host/deb/fetch-debs, from this machine's apt
# sources) and never installed on this machine. In each root: Debian's
# packages first, then ours: every file Debian ships for i386, arm
# (armel/armhf), mips and mipsel is diverted to
# /usr/lib/qemu-compat-user-static/diverted/ and ours is in its place, every
# other file (Debian's other arches) is untouched; then ours removed: the
# root is as it was, file for file. Also Debian's installed after ours and
# removed before ours. The maintainer scripts' binfmt registration is
# tests/host/deb-binfmt.sh's (it needs a private binfmt_misc).
. "$QC_TOP/tests/host/lib.sh"
PKG=qemu-compat-user-static
DIVERTED=/usr/lib/$PKG/diverted
if [ "$QC_EMU_DIR" != "$QC_TOP/build" ]; then
  skip "deb-divert: packages build/, not $QC_EMU_DIR"; exit 0
fi
deb=$("$QC_TOP/scripts/make-deb" "$TMP" 2>"$TMP/make-deb.log") || { fail "make-deb: $(tail -3 "$TMP/make-deb.log")"; exit 0; }
divs=$TMP/deb/diversions
check "make-deb lists its diversions ($(wc -l <"$divs") paths)" [ "$(wc -l <"$divs")" -ge 30 ]

# Debian's maintainer scripts run chrootless on this machine (dpkg --root
# --force-script-chrootless) and do not honour DPKG_ROOT: bookworm's call
# update-binfmts (unless systemd-detect-virt finds a container). Stubs stand
# in for both, so this machine's binfmt database and binfmt_misc are never
# touched; ours must call neither, as DPKG_ROOT is set.
mkdir -p "$TMP/stub"
printf '#!/bin/sh\necho "update-binfmts $*" >>"%s/stub.log"\n' "$TMP" >"$TMP/stub/update-binfmts"
printf '#!/bin/sh\necho none\nexit 1\n' >"$TMP/stub/systemd-detect-virt"
chmod +x "$TMP/stub/update-binfmts" "$TMP/stub/systemd-detect-virt"
export PATH="$TMP/stub:$PATH"

newroot() {
  rm -rf "$1"
  mkdir -p "$1/var/lib/dpkg/info" "$1/var/lib/dpkg/updates" "$1/var/lib/dpkg/triggers"
  touch "$1/var/lib/dpkg/status" "$1/var/lib/dpkg/available"
}
D() { dpkg --root="$R" --force-script-chrootless --force-depends "$@" >>"$TMP/dpkg.log" 2>&1; }
# Every file, link and directory outside dpkg's database: path, type, mode,
# size, inode, link target. A diverted file keeps its inode (renamed).
snap() {
  (cd "$R" && find . -path ./var/lib/dpkg -prune -o -mindepth 1 -printf '%P %y %m %s %i %l\n') | LC_ALL=C sort
}
# The files a .deb ships for our arches (by name), as absolute paths.
ours_re='/(qemu-(i386|arm|armel|armhf|mips|mipsel)(-static)?(\.conf|\.1\.gz)?|(i386|arm|mips|mipsel)-binfmt-P)$'
arch_paths() {
  for f in "$@"; do dpkg-deb -c "$f"; done | awk '$1 !~ /^d/ { p = $6; sub(/^\./, "", p); print p }' |
    grep -E "$ours_re" | grep -v '^/usr/share/qemu/binfmt.d/' | LC_ALL=C sort -u
}
x=$TMP/ours; dpkg-deb -x "$deb" "$x"

scenario() { # name, then Debian's .debs
  local name=$1; shift
  local debs=("$@") p missing moved changed left uncovered
  R=$TMP/root-$name; newroot "$R"
  D -i "${debs[@]}" || { fail "$name: dpkg --root installs Debian's $(basename -a "${debs[@]}" | cut -d_ -f1 | tr '\n' ' ')"; tail -5 "$TMP/dpkg.log" | sed 's/^/  /'; return; }
  if [ "$name" = bookworm ]; then   # trixie's call it only on upgrades from 7.2
    check "$name: Debian's postinst called the update-binfmts stub, not this machine's" grep -q -- '--import qemu-arm$' "$TMP/stub.log"
  fi
  snap >"$TMP/before-$name"
  arch_paths "${debs[@]}" >"$TMP/debian-$name"
  uncovered=$(LC_ALL=C comm -23 "$TMP/debian-$name" <(LC_ALL=C sort "$divs") | tr '\n' ' ')
  check "$name: every file Debian ships for our arches is one we divert ($(wc -l <"$TMP/debian-$name") files${uncovered:+; not diverted: $uncovered})" [ -z "$uncovered" ]

  : >"$TMP/stub.log"
  D -i "$deb"; check "$name: ours installs beside Debian's (exit $?)" [ $? = 0 ] || tail -5 "$TMP/dpkg.log" | sed 's/^/  /'
  check "$name: our maintainer scripts leave binfmt alone in another root (DPKG_ROOT)" [ ! -s "$TMP/stub.log" ]
  missing=$(while read -r p; do
    [ "$(dpkg-divert --root="$R" --listpackage "$p")" = $PKG ] && [ "$(dpkg-divert --root="$R" --truename "$p")" = "$DIVERTED$p" ] || echo "$p"
  done <"$divs" | tr '\n' ' ')
  check "$name: each of our $(wc -l <"$divs") paths is diverted by $PKG to $DIVERTED/...${missing:+ (not: $missing)}" [ -z "$missing" ]
  moved=$(while read -r p; do
    want=$(grep "^${p#/} " "$TMP/before-$name" | cut -d' ' -f2-)
    have=$(cd "$R" && find "./$DIVERTED$p" -maxdepth 0 -printf '%y %m %s %i %l\n' 2>/dev/null)
    [ -n "$want" ] && [ "$want" = "$have" ] || echo "$p"
  done <"$TMP/debian-$name" | tr '\n' ' ')
  check "$name: Debian's files for our arches are under $DIVERTED, the same files${moved:+ (not: $moved)}" [ -z "$moved" ]
  changed=$(snap | grep -v -e "^${DIVERTED#/}" -e "^usr/lib/$PKG " | LC_ALL=C comm -23 "$TMP/before-$name" - |
    cut -d' ' -f1 | while read -r p; do grep -qxF "/$p" "$TMP/debian-$name" || echo "/$p"; done | tr '\n' ' ')
  check "$name: every other file is untouched (Debian's other arches, docs)${changed:+ (changed: $changed)}" [ -z "$changed" ]
  bad=$(for p in $(cd "$x" && find usr -type f); do cmp -s "$x/$p" "$R/$p" || echo "/$p"; done
        for p in $(cd "$x" && find usr -type l); do [ "$(readlink "$x/$p")" = "$(readlink "$R/$p")" ] || echo "/$p"; done)
  check "$name: our files are in place (emulators, links, binfmt entries)${bad:+ (not: $bad)}" [ -z "$bad" ]

  D -P $PKG; check "$name: ours removes (exit $?)" [ $? = 0 ] || tail -5 "$TMP/dpkg.log" | sed 's/^/  /'
  check "$name: ... and its maintainer scripts leave binfmt alone" [ ! -s "$TMP/stub.log" ]
  left=$(dpkg-divert --root="$R" --list | grep -c "by $PKG")
  check "$name: no diversion of ours is left ($left)" [ "$left" = 0 ]
  changed=$(snap | diff "$TMP/before-$name" - | grep '^[<>]' | head -5 | tr '\n' ' ')
  check "$name: after removal the root is as Debian's packages left it, file for file${changed:+ (differs: $changed)}" [ -z "$changed" ]
}

bdir=$("$QC_TOP/tests/host/deb/fetch-debs" bookworm qemu-user-static qemu-user 2>"$TMP/fetch.log")
if [ -n "$bdir" ]; then
  scenario bookworm "$bdir"/qemu-user-static_*.deb "$bdir"/qemu-user_*.deb
  check "bookworm: Debian's aarch64 emulator is still there" [ -x "$R/usr/bin/qemu-aarch64-static" ]
else
  skip "bookworm scenario: Debian's packages could not be downloaded: $(tail -1 "$TMP/fetch.log")"
fi
tdir=$("$QC_TOP/tests/host/deb/fetch-debs" trixie qemu-user qemu-user-binfmt qemu-user-static 2>"$TMP/fetch.log")
if [ -n "$tdir" ]; then
  scenario trixie "$tdir"/qemu-user_*.deb "$tdir"/qemu-user-binfmt_*.deb "$tdir"/qemu-user-static_*.deb
else
  skip "trixie scenario: Debian's packages could not be downloaded: $(tail -1 "$TMP/fetch.log")"
fi

# Ours first, Debian's after it (dpkg puts Debian's files for our arches
# straight under the diversions), Debian's removed while ours stays, then
# ours removed.
if [ -n "$bdir" ]; then
  R=$TMP/root-after; newroot "$R"
  D -i "$deb" && D -i "$bdir"/qemu-user-static_*.deb
  check "Debian's after ours: both install (exit $?)" [ $? = 0 ] || tail -5 "$TMP/dpkg.log" | sed 's/^/  /'
  check "Debian's after ours: Debian's qemu-arm-static is under the diversion, ours in place" \
    bash -c 'cmp -s "$1/usr/bin/qemu-arm-static" "$2/usr/bin/qemu-arm-static" && [ -f "$1'$DIVERTED'/usr/bin/qemu-arm-static" ] &&
      ! cmp -s "$1'$DIVERTED'/usr/bin/qemu-arm-static" "$2/usr/bin/qemu-arm-static"' _ "$R" "$x"
  check "Debian's after ours: Debian's aarch64 files are in place" \
    bash -c '[ -x "$1/usr/bin/qemu-aarch64-static" ] && [ -f "$1/usr/share/binfmts/qemu-aarch64" ]' _ "$R"
  D -P qemu-user-static
  check "Debian's removed before ours: its files are gone, ours stay" \
    bash -c '! [ -e "$1'$DIVERTED'/usr/bin/qemu-arm-static" ] && ! [ -e "$1/usr/bin/qemu-aarch64-static" ] &&
      cmp -s "$1/usr/bin/qemu-arm-static" "$2/usr/bin/qemu-arm-static" && [ -f "$1/usr/share/binfmts/qemu-arm" ]' _ "$R" "$x"
  D -P $PKG
  left=$(cd "$R" && find . -mindepth 1 -not -path './var' -not -path './var/lib' -not -path './var/lib/dpkg' -not -path './var/lib/dpkg/*' | head -5 | tr '\n' ' ')
  check "then ours removed: nothing is left${left:+ (left: $left)}" [ -z "$left" ]
fi
