# deb: `make deb`'s package (scripts/make-deb): control fields, file list
# against Debian's layout, lintian, installation into an empty throwaway root
# with dpkg --root (its diversions recorded there), a guest program run
# through the installed binfmt files in a private binfmt_misc, and removal
# leaving nothing behind. Beside Debian's packages: tests/host/deb-divert.sh;
# the maintainer scripts' registration: tests/host/deb-binfmt.sh.
. "$QC_TOP/tests/host/lib.sh"
PKG=qemu-compat-user-static
if [ "$QC_EMU_DIR" != "$QC_TOP/build" ]; then
  skip "deb: packages build/, not $QC_EMU_DIR"; exit 0
fi
. "$QC_TOP/scripts/upstream.pin"
ver=$(cat "$QC_TOP/VERSION")+qemu$(echo "$QEMU_UPSTREAM_VERSION" | cut -d. -f1,2)
deb=$("$QC_TOP/scripts/make-deb" "$TMP" 2>"$TMP/make-deb.log") || { fail "make-deb: $(tail -3 "$TMP/make-deb.log")"; exit 0; }
check "package file name ${PKG}_${ver}_amd64.deb" [ "$deb" = "$TMP/${PKG}_${ver}_amd64.deb" ]

f() { dpkg-deb -f "$deb" "$1"; }
check "Package: $PKG" [ "$(f Package)" = "$PKG" ]
check "Version: $ver (ours + upstream QEMU)" [ "$(f Version)" = "$ver" ]
check "Architecture: amd64" [ "$(f Architecture)" = amd64 ]
for fld in Conflicts Replaces Provides; do
  check "no $fld: it installs beside Debian's packages${f:+ ($fld: $(f $fld))}" [ -z "$(f $fld)" ]
done
check "Recommends: systemd | binfmt-support" [ "$(f Recommends)" = "systemd | binfmt-support" ]
check "Installed-Size is set ($(f Installed-Size) KiB)" bash -c '[ "$1" -gt 1000 ]' _ "$(f Installed-Size)"

# File list. For each of our arches, the paths Debian's qemu-user-static
# (bookworm) and qemu-user (trixie) ship for it (dpkg -c of their .debs;
# tests/host/deb-divert.sh checks that against the real packages), the
# emulators under both names; i386's binfmt entries apart; plus our own
# script, man page and docs.
dpkg-deb -c "$deb" | awk '{ p=$6; sub(/^\./, "", p); if ($7 == "->") p = p " -> " $8; print p }' | sort >"$TMP/list"
want=()
for a in i386 arm mips mipsel; do
  want+=("/usr/bin/qemu-$a-static" "/usr/bin/qemu-$a -> qemu-$a-static"
         "/usr/libexec/qemu-binfmt/$a-binfmt-P -> ../../bin/qemu-$a-static"
         "/usr/share/man/man1/qemu-$a-static.1.gz -> $PKG.1.gz" "/usr/share/man/man1/qemu-$a.1.gz -> $PKG.1.gz")
  if [ $a = i386 ]; then
    want+=("/usr/share/$PKG/binfmts/qemu-$a" "/usr/share/$PKG/binfmt.d/qemu-$a.conf")
  else
    want+=("/usr/share/binfmts/qemu-$a" "/usr/lib/binfmt.d/qemu-$a.conf")
  fi
done
for n in armel armhf armel-static armhf-static; do
  want+=("/usr/bin/qemu-$n -> qemu-arm-static" "/usr/share/man/man1/qemu-$n.1.gz -> $PKG.1.gz")
done
want+=(/usr/sbin/qemu-binfmt-conf /usr/share/man/man1/$PKG.1.gz /usr/share/man/man8/qemu-binfmt-conf.8.gz
       /usr/share/doc/$PKG/copyright /usr/share/doc/$PKG/changelog.gz /usr/share/doc/$PKG/binfmt.md
       /usr/share/doc/$PKG/ci.md /usr/share/doc/$PKG/install.md)
missing=$(for w in "${want[@]}"; do grep -qxF -- "$w" "$TMP/list" || echo "$w"; done)
check "file list has Debian's paths for our arches, links included${missing:+ (missing: $missing)}" [ -z "$missing" ]
extra=$(grep -v '/$' "$TMP/list" | while read -r l; do printf '%s\n' "${want[@]}" | grep -qxF -- "$l" || echo "$l"; done | grep -v "^/usr/share/doc/$PKG/\|^/usr/share/lintian/overrides/$PKG$")
check "no unexpected files${extra:+ (extra: $extra)}" [ -z "$extra" ]
x=$TMP/x; mkdir -p "$x"; dpkg-deb -x "$deb" "$x"
check "binfmts/qemu-arm: Debian's fields, interpreter the -binfmt-P link, preserve and fix_binary" bash -c '
  f=$1/usr/share/binfmts/qemu-arm
  grep -qx "package qemu-compat-user-static" $f && grep -qx "interpreter /usr/libexec/qemu-binfmt/arm-binfmt-P" $f &&
  grep -qx "preserve yes" $f && grep -qx "fix_binary yes" $f && grep -qx "credentials no" $f && grep -qx "offset 0" $f' _ "$x"
check "binfmt.d/qemu-arm.conf: the -binfmt-P link with flags PF" \
  grep -qx ':qemu-arm:M::.*:/usr/libexec/qemu-binfmt/arm-binfmt-P:PF' "$x/usr/lib/binfmt.d/qemu-arm.conf"
check "no i386 entry where binfmt-support or systemd-binfmt would register it on their own" \
  bash -c '! [ -e "$1/usr/share/binfmts/qemu-i386" ] && ! [ -e "$1/usr/lib/binfmt.d/qemu-i386.conf" ]' _ "$x"
check "the i386 entries under /usr/share/$PKG (registered by postinst without native i386)" \
  bash -c 'grep -qx "interpreter /usr/libexec/qemu-binfmt/i386-binfmt-P" "$1/usr/share/'$PKG'/binfmts/qemu-i386" &&
    grep -qx ":qemu-i386:M::.*:/usr/libexec/qemu-binfmt/i386-binfmt-P:PF" "$1/usr/share/'$PKG'/binfmt.d/qemu-i386.conf"' _ "$x"
check "triggers: interest-noawait /usr/share/binfmts (re-register after Debian's prerm)" \
  bash -c 'dpkg-deb --ctrl-tarfile "$1" | tar -xO ./triggers | grep -qx "interest-noawait /usr/share/binfmts"' _ "$deb"
out=$("$x/usr/bin/qemu-arm-static" --version 2>&1 | head -1)
check "the packaged emulator is qemu-compat's ($out)" grep -q "qemu-compat $(cat "$QC_TOP/VERSION")" <<<"$out"

if command -v lintian >/dev/null; then
  # Overrides, each with its reason: usr/share/lintian/overrides/ (make-deb).
  out=$(lintian --fail-on error,warning --pedantic "$deb" 2>&1); st=$?
  check "lintian --pedantic reports no errors, warnings or pedantic tags (exit $st)" \
    bash -c '[ "$1" = 0 ] && ! grep -q "^[EWP]:" <<<"$2"' _ "$st" "$out"
  grep '^[EWPI]:' <<<"$out" | sed 's/^/  /'
else
  skip "lintian is not installed (scripts/fetch-upstream installs it)"
fi

# Install into a throwaway root. --force-script-chrootless runs the
# maintainer scripts with DPKG_ROOT set, in which case they must not touch
# the host's binfmt_misc.
R=$TMP/root
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" "$R/var/lib/dpkg/triggers"
touch "$R/var/lib/dpkg/status" "$R/var/lib/dpkg/available"
before=$(ls /proc/sys/fs/binfmt_misc 2>/dev/null | tr '\n' ' ')
out=$(dpkg --root="$R" --force-script-chrootless -i "$deb" 2>&1); st=$?
check "dpkg --root installs it (exit $st)" [ "$st" = 0 ] || printf '%s\n' "$out" | tail -5 | sed 's/^/  /'
check "dpkg records it as installed" bash -c 'dpkg --root="$1" -s '$PKG' | grep -qx "Status: install ok installed"' _ "$R"
missing=$(for w in "${want[@]}"; do p=${w%% -> *}; [ -e "$R$p" ] || [ -L "$R$p" ] || echo "$p"; done)
check "every file is where Debian's are${missing:+ (missing: $missing)}" [ -z "$missing" ]
check "the -binfmt-P links resolve to the emulators inside the root" \
  bash -c 'for a in i386 arm mips mipsel; do [ "$(readlink -f "$1/usr/libexec/qemu-binfmt/$a-binfmt-P")" = "$1/usr/bin/qemu-$a-static" ] || exit 1; done' _ "$R"
check "the host's binfmt_misc is untouched by the maintainer scripts" [ "$(ls /proc/sys/fs/binfmt_misc 2>/dev/null | tr '\n' ' ')" = "$before" ]
n=$(dpkg-divert --root="$R" --list | grep -c "/usr/lib/$PKG/diverted/.* by $PKG\$")
check "with nothing to divert its diversions are recorded all the same ($n; Debian's installed later go aside)" \
  [ "$n" = "$(wc -l <"$TMP/deb/diversions")" ]

# Run a guest program through the installed binfmt.d files in a private
# binfmt_misc (Linux >= 6.7), the interpreter path moved into the root.
if unshare --user --map-root-user --mount sh -c 'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc' 2>/dev/null; then
  i686-linux-gnu-gcc -static -O2 -o "$TMP/hello-i386" "$QC_TOP/tests/host/progs/showargs.c" -DARCH='"i386"' &&
  arm-linux-gnueabihf-gcc -static -O2 -o "$TMP/hello-arm" "$QC_TOP/tests/host/progs/showargs.c" -DARCH='"arm"'
  out=$(unshare --user --map-root-user --mount bash -c '
    R=$1; mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || exit 1
    for c in "$R/usr/share/qemu-compat-user-static/binfmt.d/qemu-i386.conf" "$R/usr/lib/binfmt.d/qemu-arm.conf"; do
      grep -v "^#" "$c" | sed "s|:/usr/libexec/|:$R/usr/libexec/|" >/proc/sys/fs/binfmt_misc/register || exit 1
    done
    for a in i386 arm; do (exec -a argv0-$a "$2/hello-$a" one); done' _ "$R" "$TMP" 2>&1)
  check "installed binfmt.d entries run i386 and arm programs, argv[0] kept ($(echo $out))" \
    bash -c 'grep -qx "arch=i386 argv0=argv0-i386 args=one mark=(unset)" <<<"$1" && grep -qx "arch=arm argv0=argv0-arm args=one mark=(unset)" <<<"$1"' _ "$out"
else
  skip "binfmt run of the installed package: Linux $(uname -r) does not allow binfmt_misc in a user namespace"
fi

# Remove (purge) and check nothing is left outside dpkg's own database.
out=$(dpkg --root="$R" --force-script-chrootless -P $PKG 2>&1); st=$?
check "dpkg --root -P removes it (exit $st)" [ "$st" = 0 ]
left=$(cd "$R" && find . -mindepth 1 -not -path './var' -not -path './var/lib' -not -path './var/lib/dpkg' -not -path './var/lib/dpkg/*' | head)
check "nothing is left after removal${left:+ (left: $left)}" [ -z "$left" ]
check "dpkg forgets it" bash -c '! dpkg --root="$1" -s '$PKG' >/dev/null 2>&1' _ "$R"
