# binfmt: scripts/qemu-binfmt-conf against a private binfmt_misc instance.
# Linux >= 6.7 gives each user namespace that mounts binfmt_misc its own
# instance, so this registers, runs and unregisters all four arches without
# touching the host's binfmt_misc. Skipped (with the reason) where the kernel
# does not allow it.
. "$QC_TOP/tests/host/lib.sh"
. "$QC_TOP/tests/host/progs/build.sh"
CONF=$QC_TOP/scripts/qemu-binfmt-conf

if [ "${QC_BINFMT_INNER:-}" != 1 ]; then
  # Outside: things that need no binfmt_misc, then re-run inside a namespace.
  nopts=$(grep -cE "^ +(-[a-zA-Z]\|)?--[a-zA-Z0-9-]+\)" "$CONF")
  check "the option list for the checks below is found ($nopts options)" [ "$nopts" -ge 15 ]
  check "--help documents every option the script parses" bash -c '
    h=$("$1" --help); for o in $(grep -oE "^ +(-[a-zA-Z]\|)?--[a-zA-Z0-9-]+\)" "$1" | grep -oE -- "--[a-zA-Z0-9-]+"); do
      grep -q -- "$o" <<<"$h" || { echo "  undocumented: $o"; exit 1; }; done' _ "$CONF"
  check "docs/binfmt.md documents every option" bash -c '
    for o in $(grep -oE "^ +(-[a-zA-Z]\|)?--[a-zA-Z0-9-]+\)" "$1" | grep -oE -- "--[a-zA-Z0-9-]+"); do
      grep -q -- "$o" "$2" || { echo "  undocumented in docs: $o"; exit 1; }; done' _ "$CONF" "$QC_TOP/docs/binfmt.md"
  mkdir -p "$TMP/notmounted"
  out=$("$CONF" --register --binfmt-dir "$TMP/notmounted" 2>&1); st=$?
  check "an unmounted binfmt_misc is a clear error (exit $st: $out)" \
    bash -c '[ "$1" = 1 ] && grep -q "binfmt_misc is not mounted on" <<<"$2"' _ "$st" "$out"
  out=$("$CONF" --register --binfmt-dir "$TMP/nonexistent" 2>&1); st=$?
  check "a missing binfmt_misc directory is a clear error" \
    bash -c '[ "$1" = 1 ] && grep -q "does not exist" <<<"$2"' _ "$st" "$out"
  out=$("$CONF" --register --arch sparc 2>&1); st=$?
  check "an unsupported arch is refused" bash -c '[ "$1" = 1 ] && grep -q "unsupported arch" <<<"$2"' _ "$st" "$out"
  out=$("$CONF" --register --binfmt-P-dir /x 2>&1); st=$?
  check "--binfmt-P-dir without -P is refused" bash -c '[ "$1" = 1 ]' _ "$st"
  out=$("$CONF" --export-systemd "$TMP/sd" --credentials 2>&1)
  check "--credentials warns about setuid" grep -q "setuid" <<<"$out"
  check "--credentials exports flags OCF" grep -q ':OCF$' "$TMP/sd/qemu-arm.conf"

  build_progs || { fail "building the helper guest programs"; exit 0; }
  if ! unshare --user --map-root-user --mount true 2>/dev/null; then
    skip "binfmt_misc namespace tests: unshare --user is not permitted here"; exit 0
  fi
  if ! err=$(unshare --user --map-root-user --mount sh -c 'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc' 2>&1); then
    skip "binfmt_misc namespace tests: Linux $(uname -r) does not mount binfmt_misc in a user namespace (needs >= 6.7): $err"; exit 0
  fi
  QC_BINFMT_INNER=1 QC_OUT=$QC_OUT unshare --user --map-root-user --mount bash "$0"
  exit $?
fi

# --- inside a user + mount namespace with a private binfmt_misc ---------------
BF=/proc/sys/fs/binfmt_misc
mount -t binfmt_misc binfmt_misc $BF || { fail "mount binfmt_misc in the namespace"; exit 0; }
check "the namespace's binfmt_misc starts empty" bash -c '[ -z "$(ls '$BF' | grep -v "^register$\|^status$")" ]'
unset QEMU_LD_PREFIX QEMU_EXECVE QEMU_ARGV0
# exec-foreign must not stand in for binfmt_misc here: we exec from bash.
conf() { "$CONF" -q "$QC_EMU_DIR" --suffix "" "$@" 2>&1; }
entries() { ls $BF | grep -v '^register$\|^status$' | sort | tr '\n' ' '; }
run() { timeout -k 5 30 "$@" 2>&1; }
# execv() without the shell's or execvp()'s ENOEXEC fallback to /bin/sh
pyexec() { python3 -c 'import os,sys
try: os.execv(sys.argv[1], sys.argv[1:])
except OSError as e: print(e.strerror)' "$@" 2>&1; }
want_entries=$(for a in $ARCHES; do echo "qemu-$a"; done | sort | tr '\n' ' ')

# Reference for the i386 refusal: with no entries at all, does this kernel run
# an i386 program itself?
native_i386=0
out=$(run "$PROGS/i386/showargs-i386") && native_i386=1

out=$(conf --register -a "${ARCHES// /,}")
if [[ " $ARCHES " == *" i386 "* ]]; then
  if [ $native_i386 = 1 ]; then
    check "i386 refused: this kernel runs i386 natively" grep -q "not registering i386" <<<"$out"
    out=$(conf --register --force -a i386)
  else
    check "i386 registered: this kernel does not run i386 natively" grep -q "qemu-i386: registered" <<<"$out"
  fi
fi
check "register: entries $want_entries(got $(entries))" [ "$(entries)" = "$want_entries" ]
for a in $ARCHES; do
  e=$BF/qemu-$a
  check "qemu-$a: enabled, interpreter $QC_EMU_DIR/qemu-$a, flags F" \
    bash -c 'grep -qx enabled "$1" && grep -qx "interpreter $2" "$1" && grep -qx "flags: F" "$1"' _ "$e" "$QC_EMU_DIR/qemu-$a"
  cp "$e" "$TMP/entry-$a"
done
out=$(conf --register -a "${ARCHES// /,}" --force)
check "registering again changes nothing" bash -c '[ "$(grep -c "already registered" <<<"$1")" = "$2" ]' _ "$out" "$(wc -w <<<"$ARCHES")"
out=$(conf --status)
check "--status lists the entries" grep -q "qemu-arm: enabled, $QC_EMU_DIR/qemu-arm, flags F" <<<"$out"

for a in $ARCHES; do
  p=$PROGS/$a/showargs-$a
  out=$(run "$p" x y)
  check "$a: a static program runs by path ($out)" grep -qx "arch=$a argv0=$p args=x,y mark=(unset)" <<<"$out"
  out=$(QEMU_LD_PREFIX=/usr/$(triplet_of "$a") run "$PROGS/$a/showargs-dyn-$a" d)
  check "$a: a dynamic (ET_DYN) program runs by path" grep -qx "arch=$a argv0=$PROGS/$a/showargs-dyn-$a args=d mark=(unset)" <<<"$out"
  out=$(run bash -c 'exec -a custom0 "$0" z' "$p")
  check "$a: without P the guest's argv[0] is the path ($out)" grep -qx "arch=$a argv0=$p args=z mark=(unset)" <<<"$out"
done

out=$(conf --register -P -a "${ARCHES// /,}" --force)
for a in $ARCHES; do
  p=$PROGS/$a/showargs-$a
  check "qemu-$a re-registered with flags PF" grep -qx "flags: PF" "$BF/qemu-$a"
  out=$(run bash -c 'exec -a custom0 "$0" z' "$p")
  check "$a: with P argv[0] is what the caller passed ($out)" grep -qx "arch=$a argv0=custom0 args=z mark=(unset)" <<<"$out"
  ln -sf "$p" "$TMP/applet-$a"
  out=$(run bash -c 'cd "$1" && exec -a applet-'$a' ./applet-'$a' w' _ "$TMP")
  check "$a: busybox-style symlink keeps its name with P ($out)" grep -qx "arch=$a argv0=applet-$a args=w mark=(unset)" <<<"$out"
done

# Debian's way for kernels < 5.12: the interpreter is a <arch>-binfmt-P link
mkdir -p "$TMP/libexec"
for a in $ARCHES; do ln -sf "$QC_EMU_DIR/qemu-$a" "$TMP/libexec/$a-binfmt-P"; done
out=$(conf --register -P --binfmt-P-dir "$TMP/libexec" -a "${ARCHES// /,}" --force)
for a in $ARCHES; do
  p=$PROGS/$a/showargs-$a
  out=$(run bash -c 'exec -a custom1 "$0" v' "$p")
  check "$a: through the $a-binfmt-P link argv[0] is kept ($out)" \
    bash -c 'grep -qx "interpreter $1" "$2" && grep -qx "arch='$a' argv0=custom1 args=v mark=(unset)" <<<"$3"' _ "$TMP/libexec/$a-binfmt-P" "$BF/qemu-$a" "$out"
done
# The two conventions apart. The kernel here (>= 5.12) also sets AT_FLAGS's
# preserve-argv0 bit, so the run above holds both at once (argv not shifted
# twice). The name alone, as a kernel < 5.12 starts the link (its P arguments:
# the program's full path, then the caller's argv[0]; no AT_FLAGS): Debian's
# binfmt-P patch, still in trixie's 10.0.13 (sid's dropped it), does this;
# this check fails when the base no longer does. AT_FLAGS alone is the plain
# qemu-<arch> entry with P above.
for a in $ARCHES; do
  p=$PROGS/$a/showargs-$a
  out=$("$TMP/libexec/$a-binfmt-P" "$p" custom2 u 2>&1)
  check "$a: $a-binfmt-P started by hand with P's arguments, no AT_FLAGS: argv[0] kept ($out)" \
    grep -qx "arch=$a argv0=custom2 args=u mark=(unset)" <<<"$out"
done

out=$(conf --unregister -a "${ARCHES// /,}")
check "unregister removes every entry (left: $(entries))" [ -z "$(entries)" ]
for a in $ARCHES; do
  [ "$a" = i386 ] && [ $native_i386 = 1 ] && continue
  out=$(pyexec "$PROGS/$a/showargs-$a")
  check "$a: after unregister the kernel refuses it ($out)" grep -qx "Exec format error" <<<"$out"
done
out=$(conf --unregister)
check "unregistering again is not an error" grep -q "qemu-arm: not registered" <<<"$out"
# Each magic/mask takes its own arch only
for a in $ARCHES; do
  [ "$a" = i386 ] && [ $native_i386 = 1 ] && continue
  out=$(conf --register -a "$a" --force)
  for b in $ARCHES; do
    [ "$b" = i386 ] && [ $native_i386 = 1 ] && continue
    out=$(run "$PROGS/$b/showargs-$b")
    if [ "$a" = "$b" ]; then
      check "only qemu-$a registered: $b runs" grep -q "^arch=$b " <<<"$out"
    else
      out=$(pyexec "$PROGS/$b/showargs-$b")
      check "only qemu-$a registered: $b is not taken ($out)" grep -qx "Exec format error" <<<"$out"
    fi
  done
  out=$(conf --unregister -a "$a")
done

# Exported files register the same entries as the script
out=$(conf --export-systemd "$TMP/binfmt.d"; conf --export-debian "$TMP/binfmts")
[ -e "$TMP/binfmt.d/qemu-arm.conf" ] || printf '  %s\n' "$out"
for a in $ARCHES; do
  grep -v '^#' "$TMP/binfmt.d/qemu-$a.conf" >$BF/register
  check "systemd binfmt.d/qemu-$a.conf registers what --register does" cmp "$BF/qemu-$a" "$TMP/entry-$a"
  echo -1 >$BF/qemu-$a
  f=$TMP/binfmts/qemu-$a
  check "update-binfmts file qemu-$a: interpreter, magic, mask, flags" bash -c '
    grep -qx "package qemu-compat-user-static" "$1" && grep -qx "interpreter $2" "$1" &&
    grep -qx "offset 0" "$1" && grep -qx "fix_binary yes" "$1" && grep -qx "preserve no" "$1" &&
    grep -qx "credentials no" "$1" &&
    [ "$(sed -n "s/^magic //p" "$1")" = "$(grep -v "^#" "$3" | cut -d: -f5)" ] &&
    [ "$(sed -n "s/^mask //p" "$1")" = "$(grep -v "^#" "$3" | cut -d: -f6)" ]' _ "$f" "$QC_EMU_DIR/qemu-$a" "$TMP/binfmt.d/qemu-$a.conf"
done

# Not writable: the instance remounted read-only
mount -o remount,ro $BF
out=$("$CONF" --register -a arm -q "$QC_EMU_DIR" --suffix "" 2>&1); st=$?
check "a read-only register file is a clear error (exit $st)" \
  bash -c '[ "$1" = 1 ] && grep -q "is not writable" <<<"$2"' _ "$st" "$out"
