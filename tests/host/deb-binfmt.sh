# deb-binfmt: the .deb's maintainer scripts registering and unregistering
# binfmt_misc entries as on a real system, beside Debian's packages, without
# touching this machine: each scenario runs in tests/host/deb/nsroot (user,
# mount and pid namespaces, a copy-on-write view of this machine's /usr, /etc
# and /var, the namespace's own binfmt_misc, Linux >= 6.7) where dpkg,
# binfmt-support's update-binfmts and systemd-binfmt are the real ones.
#   binfmt-support: ours alone; then beside bookworm's qemu-user-static (its
#     entries for our arches replaced by ours, the others untouched, Debian's
#     back after removal; Debian's removed first: ours stay registered)
#   systemd-binfmt: ours alone; then beside trixie's qemu-user +
#     qemu-user-binfmt, as above
#   a container (container= in pid 1's environment): nothing registered
# Which emulator runs a guest program is read from the running process
# (/proc/PID/exe: the file binfmt_misc opened, flag F), by its SHA-256.
if [ "${QC_DEB_INNER:-}" != 1 ]; then
. "$QC_TOP/tests/host/lib.sh"
PKG=qemu-compat-user-static
if [ "$QC_EMU_DIR" != "$QC_TOP/build" ]; then
  skip "deb-binfmt: packages build/, not $QC_EMU_DIR"; exit 0
fi
if ! err=$(unshare --user --map-root-user --mount sh -c 'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc' 2>&1); then
  skip "deb-binfmt: no private binfmt_misc here (Linux $(uname -r) needs >= 6.7, and unprivileged user namespaces): $err"; exit 0
fi
deb=$("$QC_TOP/scripts/make-deb" "$TMP" 2>"$TMP/make-deb.log") || { fail "make-deb: $(tail -3 "$TMP/make-deb.log")"; exit 0; }
bdir=$("$QC_TOP/tests/host/deb/fetch-debs" bookworm binfmt-support qemu-user-static 2>"$TMP/fetch.log") || bdir=""
tdir=$("$QC_TOP/tests/host/deb/fetch-debs" trixie qemu-user qemu-user-binfmt 2>>"$TMP/fetch.log") || tdir=""

# What goes into each namespace (bind-mounted at /nsroot): the packages, the
# guest programs, the emulators' hashes and this script.
S=$TMP/share; mkdir -p "$S/bin" "$S/debs"
cp "$deb" "$S/debs/ours.deb"
[ -z "$bdir" ] || { cp "$bdir"/binfmt-support_*.deb "$S/debs/binfmt-support.deb"; cp "$bdir"/qemu-user-static_*.deb "$S/debs/bookworm-qemu-user-static.deb"; }
[ -z "$tdir" ] || { cp "$tdir"/qemu-user_*.deb "$S/debs/trixie-qemu-user.deb"; cp "$tdir"/qemu-user-binfmt_*.deb "$S/debs/trixie-qemu-user-binfmt.deb"; }
printf '#include <unistd.h>\nint main(void) { sleep(30); return 0; }\n' >"$TMP/sleeper.c"
for a in i386 arm mips mipsel; do
  guest_cc "$a" "$S/bin/sleeper-$a" -static -O2 "$TMP/sleeper.c" || { fail "building the $a guest program"; exit 0; }
done
h() { dpkg-deb --fsys-tarfile "$1" | tar -xO "./$2" | sha256sum | cut -d' ' -f1; }
for a in i386 arm mips mipsel; do
  echo "ours $a $(h "$deb" usr/bin/qemu-$a-static)"
  [ -z "$bdir" ] || [ $a = i386 ] || echo "bookworm $a $(h "$S/debs/bookworm-qemu-user-static.deb" usr/bin/qemu-$a-static)"
  [ -z "$tdir" ] || echo "trixie $a $(h "$S/debs/trixie-qemu-user.deb" usr/bin/qemu-$a)"
done >"$S/hashes"
native=0; "$QC_TOP/scripts/qemu-binfmt-conf" --native-i386 && native=1
cp "$0" "$S/inner.sh"

run_scenario() { # name
  local d=$TMP/ns-$1
  mkdir -p "$d"; cp -a "$S/." "$d/"
  "$QC_TOP/tests/host/deb/nsroot" "$d" env QC_DEB_INNER=1 NATIVE_I386=$native ${2:+$2} bash /nsroot/inner.sh "$1" 2>"$d.err"
  local st=$?
  [ $st = 0 ] || fail "$1: the namespace exited $st: $(tail -3 "$d.err" | tr '\n' ' ')"
}
if [ -n "$bdir" ]; then
  run_scenario binfmt-support
  run_scenario container container=docker
else
  skip "binfmt-support scenarios: Debian's packages could not be downloaded: $(tail -1 "$TMP/fetch.log")"
fi
if [ -n "$tdir" ]; then
  run_scenario systemd
else
  skip "systemd scenario: Debian's packages could not be downloaded: $(tail -1 "$TMP/fetch.log")"
fi
exit 0
fi

# --- inside the namespace: / is the copy-on-write root ----------------------
set -u
name=$1
PKG=qemu-compat-user-static
BM=/proc/sys/fs/binfmt_misc
check() { local d=$1; shift; if "$@"; then echo "PASS $name: $d"; else echo "FAIL $name: $d"; fi; }
# services are not started in this root (binfmt-support's init script)
printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
D() { DEBIAN_FRONTEND=noninteractive dpkg --force-depends "$@" >>/tmp/dpkg.log 2>&1; }
entries() { ls $BM | grep -v '^register$\|^status$' | LC_ALL=C sort | tr '\n' ' '; }
# every entry of a name not ours, with its contents
others() { for e in $(entries); do case $e in qemu-i386|qemu-arm|qemu-mips|qemu-mipsel) ;; *) echo "== $e"; cat "$BM/$e";; esac; done; }
self=$(readlink /proc/$$/exe)
# whose ARCH: run a guest program of ARCH by path and name the emulator the
# kernel started for it: ours, bookworm, trixie (by SHA-256), native, or none
whose() {
  local p=/nsroot/bin/sleeper-$1 pid exe i sum label
  "$p" 2>/dev/null & pid=$!
  for i in $(seq 100); do
    exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || { echo "none"; wait $pid 2>/dev/null; return; }
    [ "$exe" != "$self" ] && break
    sleep 0.05
  done
  if [ "$exe" = "$p" ]; then label=native
  else
    sum=$(sha256sum <"/proc/$pid/exe" | cut -d' ' -f1)
    label=$(awk -v a="$1" -v s="$sum" '$2 == a && $3 == s { print $1 }' /nsroot/hashes)
    label="${label:-unknown} ($exe)"
  fi
  kill $pid 2>/dev/null; wait $pid 2>/dev/null
  echo "$label"
}
is() { [ "${2%% *}" = "$1" ]; }   # is LABEL "$(whose ARCH)"
native=${NATIVE_I386:-0}
ours_alone() { # what ours does with no Debian emulators installed
  D -i /nsroot/debs/ours.deb; check "ours installs (exit $?)" [ $? = 0 ]
  for a in arm mips mipsel; do
    w=$(whose $a); check "$a programs run through ours ($w)" is ours "$w"
  done
  w=$(whose i386)
  if [ "$native" = 1 ]; then
    check "i386 is not registered: this kernel runs it natively ($w)" bash -c '[ "$1" = native ] && ! [ -e '$BM'/qemu-i386 ]' _ "$w"
  else
    check "i386 programs run through ours: this kernel does not run them ($w)" is ours "$w"
  fi
  D -r $PKG; check "ours removes (exit $?)" [ $? = 0 ]
  check "no entry of our names is left ($(entries))" bash -c '! grep -qw "qemu-i386\|qemu-arm\|qemu-mips\|qemu-mipsel" <<<"$1"' _ "$(entries)"
  w=$(whose arm); check "arm programs no longer run ($w)" [ "$w" = none ]
  D -P $PKG
  # A kernel without IA32 emulation, as the postinst's probe would find it
  printf '#!/bin/sh\n[ "$1" = --native-i386 ] && exit 1\nexec /usr/sbin/qemu-binfmt-conf "$@"\n' >/usr/local/sbin/qemu-binfmt-conf
  chmod 755 /usr/local/sbin/qemu-binfmt-conf
  D -i /nsroot/debs/ours.deb
  w=$(whose i386); check "without native i386 (probe stubbed) i386 programs run through ours ($w)" is ours "$w"
  if [ -d /run/systemd/system ]; then
    check "... registered from /etc/binfmt.d/qemu-i386.conf, a link to ours (read at boot)" \
      [ "$(readlink /etc/binfmt.d/qemu-i386.conf)" = /usr/share/$PKG/binfmt.d/qemu-i386.conf ]
  else
    check "... imported from /usr/share/$PKG/binfmts" bash -c '[ "$(head -1 /var/lib/binfmts/qemu-i386)" = '$PKG' ]'
  fi
  D -P $PKG
  check "... and unregistered on removal ($(entries))" [ ! -e $BM/qemu-i386 ]
  check "... leaving no /etc/binfmt.d/qemu-i386.conf nor binfmt-support entry" \
    bash -c '! [ -e /etc/binfmt.d/qemu-i386.conf ] && ! [ -e /var/lib/binfmts/qemu-i386 ]'
  rm /usr/local/sbin/qemu-binfmt-conf
}
beside_debian() { # Debian's packages are installed and registered: label
  local deb=$1 a w
  for a in arm mips mipsel; do w=$(whose $a); check "before ours: $a programs run through $deb's ($w)" is "$deb" "$w"; done
  others >/tmp/others-before
  check "Debian's other arches are registered ($(grep -c '^==' /tmp/others-before) entries, e.g. qemu-aarch64)" grep -qx '== qemu-aarch64' /tmp/others-before
  D -i /nsroot/debs/ours.deb; check "ours installs beside $deb's (exit $?)" [ $? = 0 ]
  for a in arm mips mipsel; do w=$(whose $a); check "$a programs run through ours ($w)" is ours "$w"; done
  check "every other entry is as Debian registered it" bash -c 'others() { '"$(declare -f others | tail -n +2)"'; }; BM='$BM'; entries() { '"$(declare -f entries | tail -n +2)"'; }; others | cmp -s - /tmp/others-before'
  D -r $PKG; check "ours removes (exit $?)" [ $? = 0 ]
  for a in arm mips mipsel; do w=$(whose $a); check "after removal $a programs run through $deb's again ($w)" is "$deb" "$w"; done
  w=$(whose arm); check "... from its own path again (${w#* })" bash -c '[[ "$1" != *"/usr/lib/'$PKG'/"* ]]' _ "$w"
  check "every other entry is still as Debian registered it" bash -c 'others() { '"$(declare -f others | tail -n +2)"'; }; BM='$BM'; entries() { '"$(declare -f entries | tail -n +2)"'; }; others | cmp -s - /tmp/others-before'
}

case $name in
binfmt-support)
  D -i /nsroot/debs/binfmt-support.deb; check "binfmt-support installs (exit $?)" [ $? = 0 ]
  ours_alone
  D -i /nsroot/debs/bookworm-qemu-user-static.deb; check "bookworm's qemu-user-static installs (exit $?)" [ $? = 0 ]
  beside_debian bookworm
  check "binfmt-support's database names qemu-user-static for qemu-arm again" bash -c '[ "$(head -1 /var/lib/binfmts/qemu-arm)" = qemu-user-static ]'
  # Debian's removed while ours stays: its prerm unimports qemu-arm (ours,
  # under that name); our trigger on /usr/share/binfmts registers ours again.
  D -i /nsroot/debs/ours.deb
  check "binfmt-support's database names ours for qemu-arm" bash -c '[ "$(head -1 /var/lib/binfmts/qemu-arm)" = '$PKG' ]'
  D -P qemu-user-static; check "Debian's qemu-user-static removes with ours installed (exit $?)" [ $? = 0 ]
  w=$(whose arm); check "arm programs still run through ours ($w)" is ours "$w"
  check "Debian's other entries are gone with it" bash -c '! [ -e '$BM'/qemu-aarch64 ]'
  D -P $PKG
  check "then ours removed: no entry of our names is left ($(entries))" bash -c '! grep -qw "qemu-arm\|qemu-mips\|qemu-mipsel" <<<"$1"' _ "$(entries)"
  check "... and no diversion" bash -c '! dpkg-divert --list | grep -q '$PKG
  ;;
systemd)
  mkdir -p /run/systemd/system   # as when systemd runs: systemd-binfmt is the way
  ours_alone
  D -i /nsroot/debs/trixie-qemu-user.deb /nsroot/debs/trixie-qemu-user-binfmt.deb
  check "trixie's qemu-user and qemu-user-binfmt install (exit $?)" [ $? = 0 ]
  /usr/lib/systemd/systemd-binfmt   # what boot does: every /usr/lib/binfmt.d entry
  beside_debian trixie
  ;;
container)
  # (binfmt-support's own postinst imports every file in /usr/share/binfmts,
  # container or not: installed first, on its own)
  D -i /nsroot/debs/binfmt-support.deb; check "binfmt-support installs (exit $?)" [ $? = 0 ]
  before=$(entries)
  D -i /nsroot/debs/ours.deb; check "ours installs (exit $?)" [ $? = 0 ]
  check "in a container our maintainer scripts register nothing (before: $before; after: $(entries))" [ "$(entries)" = "$before" ]
  D -r $PKG; check "... and ours removes (exit $?)" [ $? = 0 ]
  ;;
esac
