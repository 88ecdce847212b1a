# compat-ioctl: the -compat-ioctl option / QEMU_COMPAT_IOCTL, the probe and
# the passthrough (docs/compat-ioctl.md).
# - the emulator's probe agrees with an independent host probe (int80-probe.c);
# - where the passthrough is unavailable (e.g. IA32 emulation disabled): asking
#   for it prints exactly one clear line, nothing crashes, and the guest ioctl
#   test still passes on the translation table (the fallback);
# - the default prints nothing; a bad mode is refused; -h lists the option;
# - an unknown command logs its decoded number under -d unimp;
# - where available: the guest ioctl test and the fs probe pass through the
#   compat layer on i386, ARM and MIPS LE, and -strace marks those calls.
. "$QC_TOP/tests/host/lib.sh"
gcc -O2 -o "$TMP/int80" "$QC_TOP/tests/host/int80-probe.c" || { fail "int80-probe builds"; exit 0; }
host=$("$TMP/int80")
echo "  host probe: $host"
for a in $ARCHES; do
  guest_cc "$a" "$TMP/ioctl-$a" -static -O2 -D_GNU_SOURCE -I"$QC_TOP/tests/guest" "$QC_TOP/tests/guest/ioctl.c" ||
    { fail "$a: guest ioctl test builds"; continue; }
done
run() { # arch, then emulator options; stdout $TMP/out, stderr $TMP/err, status $st
  local a=$1; shift
  (cd "$TMP" && timeout -k 5 60 "$QC_EMU_DIR/qemu-$a" "$@" "$TMP/ioctl-$a") >"$TMP/out" 2>"$TMP/err"; st=$?
}
ok_run() { [ "$st" = 0 ] && grep -q '^PASS' "$TMP/out" && ! grep -q '^FAIL' "$TMP/out"; }
msg_re() { echo "^qemu-$1: compat-ioctl passthrough unavailable: .+; using the translation table\$"; }
one_line() { [ "$(wc -l <"$TMP/err")" = 1 ] && grep -Eq "$1" "$TMP/err"; }

for a in $ARCHES; do
  le=1; [ "$a" = mips ] && le=0
  # the default: no word on stderr, the test passes
  run "$a"
  check "$a: default mode is silent and the ioctl test passes" eval 'ok_run && [ ! -s "$TMP/err" ]'
  run "$a" -compat-ioctl off
  check "$a: -compat-ioctl off is silent and the ioctl test passes" eval 'ok_run && [ ! -s "$TMP/err" ]'
  run "$a" -compat-ioctl bogus
  check "$a: -compat-ioctl bogus is refused (exit 1, names the modes)" \
    eval '[ "$st" = 1 ] && grep -q "not one of off, unknown, all" "$TMP/err"'
  if [ "$le" = 0 ]; then
    run "$a" -compat-ioctl all
    check "$a: big-endian guest: -compat-ioctl all says why in one line and falls back" \
      eval 'ok_run && one_line "$(msg_re "$a")" && grep -q "big-endian" "$TMP/err"'
    continue
  fi
  if [ "$host" != available ]; then
    for m in all unknown; do
      run "$a" -compat-ioctl $m
      check "$a: -compat-ioctl $m where unavailable: one line, no crash, the table answers" \
        eval 'ok_run && one_line "$(msg_re "$a")"'
    done
    sed 's/^/  /' "$TMP/err"
    check "$a: the line gives the probe's reason (no IA32 emulation)" \
      grep -q "no IA32 emulation\|not x86-64" "$TMP/err"
    (cd "$TMP" && QEMU_COMPAT_IOCTL=all "$QC_EMU_DIR/qemu-$a" "$TMP/ioctl-$a") >"$TMP/out" 2>"$TMP/err"; st=$?
    check "$a: QEMU_COMPAT_IOCTL=all where unavailable: the same line and fallback" \
      eval 'ok_run && one_line "$(msg_re "$a")"'
    skip "$a: passthrough checks: $host"
  else
    run "$a" -strace -compat-ioctl all
    check "$a: -compat-ioctl all: the ioctl test passes through the compat layer" ok_run
    check "$a: -strace marks passthrough ioctls [compat]" grep -q 'ioctl(.*) \[compat\] = ' "$TMP/err"
    check "$a: -compat-ioctl all prints no unavailable line" eval '! grep -q unavailable "$TMP/err"'
  fi
done

# -d unimp names an unknown command, decoded (with the table only: off)
for a in $ARCHES; do
  run "$a" -compat-ioctl off -d unimp
  case $a in mips*) cmd=0x4004517e ;; *) cmd=0x8004517e ;; esac
  check "$a: -d unimp: 'Unsupported ioctl: cmd=$cmd (dir=read type=0x51 'Q' nr=126 size=4): ENOTTY'" \
    grep -qF "Unsupported ioctl: cmd=$cmd (dir=read type=0x51 'Q' nr=126 size=4): ENOTTY" "$TMP/err"
done
if [ -x "$TMP/ioctl-i386" ]; then
  run i386 -strace -compat-ioctl off
  check "-strace -compat-ioctl off: ioctls logged, none marked [compat]" \
    eval 'grep -q "ioctl(" "$TMP/err" && ! grep -q "\[compat\]" "$TMP/err"'
fi
out=$("$QC_EMU_DIR/qemu-i386" -h 2>&1)
check "-h lists -compat-ioctl and QEMU_COMPAT_IOCTL" grep -q -- "-compat-ioctl.*QEMU_COMPAT_IOCTL" <<<"$out"
# the default probes (i386) in a child: no core file, no leftover process
check "the probe leaves no core file" eval '! ls "$TMP"/core* >/dev/null 2>&1'

if [ "$host" = available ] && [ -x "$TMP/ioctl-i386" ]; then
  a=i386
  run i386 -strace
  check "i386 default mode: an unknown command goes through the compat layer" \
    grep -q 'ioctl(.*) \[compat\] = -1 errno=25' "$TMP/err"
fi
