# secure-exec: with elevated credentials the emulator ignores QEMU_* variables,
# refuses the options that write files, load code or open ports, and the guest
# sees AT_SECURE=1. The emulator is installed setuid to nobody (as binfmt 'C'
# would run it with a setuid program's credentials) and started as root.
. "$QC_TOP/tests/host/lib.sh"
[ "$(id -u)" = 0 ] || { skip "secure-exec: needs root to install a setuid emulator copy"; exit 0; }
dir=$QC_OUT/secure-exec
rm -rf "$dir"; mkdir -p "$dir"; chmod 755 "$dir"
if findmnt -no OPTIONS -T "$dir" | grep -qw nosuid; then
  skip "secure-exec: $dir is on a nosuid mount"; exit 0
fi
for a in $ARCHES; do
  guest=$QC_OUT/$a/auxsecure
  [ -x "$guest" ] || { skip "$a: guest auxsecure not built"; continue; }
  plain=$QC_EMU_DIR/qemu-$a
  emu=$dir/qemu-$a
  cp "$plain" "$emu"; chown 65534:65534 "$emu"; chmod 6755 "$emu"

  # Control: not setuid, QEMU_STRACE works and AT_SECURE is 0.
  out=$(QEMU_STRACE=1 "$plain" "$guest" 2>&1); st=$?
  if [ $st = 0 ] && grep -q 'AT_SECURE=0' <<<"$out" && grep -qE '^[0-9]+ (uname|brk|write)' <<<"$out"; then
    pass "$a: unprivileged: QEMU_STRACE honoured, AT_SECURE=0"
  else fail "$a: unprivileged control run (exit $st)"; printf '  %s\n' "$out" | tail -3; fi

  out=$(QEMU_STRACE=1 QEMU_LOG=strace QC_EXPECT_SECURE=1 "$emu" "$guest" 2>&1); st=$?
  if [ $st = 0 ] && grep -q 'AT_SECURE=1' <<<"$out" && ! grep -qE '^[0-9]+ (uname|brk|write)' <<<"$out"; then
    pass "$a: setuid: QEMU_STRACE/QEMU_LOG ignored, guest sees AT_SECURE=1"
  else fail "$a: setuid run (exit $st)"; printf '  %s\n' "$out" | tail -5; fi

  log=$dir/should-not-exist-$a.log
  for opt in "-D $log" "-d strace" "-g 1234" "-trace file=$log"; do
    # shellcheck disable=SC2086
    out=$(QC_EXPECT_SECURE=1 "$emu" $opt "$guest" 2>&1); st=$?
    if [ $st = 1 ] && grep -q "refused in secure-exec mode" <<<"$out" && [ ! -e "$log" ]; then
      pass "$a: setuid: ${opt%% *} refused ($out)"
    else fail "$a: setuid: ${opt%% *} not refused (exit $st)"; printf '  %s\n' "$out" | tail -3; fi
  done
  # QEMU 10's -perfmap (/tmp/perf-<pid>.map) and -jitdump (./jit-<pid>.dump)
  # write files as the emulator's user: refused too. The pid is the shell's
  # that execs the emulator; the control run shows the file is made.
  for opt in -perfmap -jitdump; do
    for run in plain setuid; do
      e=$plain; [ $run = setuid ] && e=$emu
      # shellcheck disable=SC2016
      out=$(cd "$dir" && QC_EXPECT_SECURE=$([ $run = setuid ] && echo 1 || echo 0) \
            sh -c 'echo "pid=$$"; exec "$@"' sh "$e" $opt "$guest" 2>&1); st=$?
      pid=$(sed -n 's/^pid=//p' <<<"$out" | head -n 1)
      if [ $opt = -perfmap ]; then f=/tmp/perf-$pid.map; else f=$dir/jit-$pid.dump; fi
      if [ $run = plain ]; then
        if [ $st = 0 ] && [ -n "$pid" ] && [ -e "$f" ]; then
          pass "$a: unprivileged: $opt writes $f (control)"
        else fail "$a: unprivileged: $opt wrote no $f (exit $st)"; printf '  %s\n' "$out" | tail -3; fi
      else
        if [ $st = 1 ] && grep -q "refused in secure-exec mode" <<<"$out" && [ -n "$pid" ] && [ ! -e "$f" ]; then
          pass "$a: setuid: $opt refused, no $f"
        else fail "$a: setuid: $opt not refused (exit $st, file exists: $([ -e "$f" ] && echo yes || echo no))"
          printf '  %s\n' "$out" | tail -3; fi
      fi
      [ -n "$pid" ] && rm -f "$f"
    done
  done
  out=$(QEMU_PERFMAP=1 QEMU_JITDUMP=1 QC_EXPECT_SECURE=1 sh -c 'cd "$1" && echo "pid=$$" && exec "$2" "$3"' sh "$dir" "$emu" "$guest" 2>&1); st=$?
  pid=$(sed -n 's/^pid=//p' <<<"$out" | head -n 1)
  if [ $st = 0 ] && [ -n "$pid" ] && [ ! -e "/tmp/perf-$pid.map" ] && [ ! -e "$dir/jit-$pid.dump" ]; then
    pass "$a: setuid: QEMU_PERFMAP/QEMU_JITDUMP write no file"
  else fail "$a: setuid: QEMU_PERFMAP/QEMU_JITDUMP (exit $st)"; fi
  [ -n "$pid" ] && rm -f "/tmp/perf-$pid.map" "$dir/jit-$pid.dump"
  out=$(QEMU_LOG_FILENAME=$log QEMU_LOG=strace QC_EXPECT_SECURE=1 "$emu" "$guest" 2>&1); st=$?
  if [ $st = 0 ] && [ ! -e "$log" ]; then pass "$a: setuid: QEMU_LOG_FILENAME writes no file"
  else fail "$a: setuid: QEMU_LOG_FILENAME (exit $st, file exists: $([ -e "$log" ] && echo yes || echo no))"; fi
done
rm -rf "$dir"
