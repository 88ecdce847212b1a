# vm-host-maps: while a guest runs 200 threads, every host mapping of the
# emulator below the guest's TASK_SIZE is the guest's (a line of its
# /proc/self/maps) or the PROT_NONE reservation, and the reservation leaves
# no hole in [mmap_min_addr, TASK_SIZE).
. "$QC_TOP/tests/host/lib.sh"
min=$(cat /proc/sys/vm/mmap_min_addr 2>/dev/null || echo 4096)
for a in $ARCHES; do
  case $a in i386) ts=0xffffe000 ;; arm) ts=0xffff0000 ;; *) ts=0x7fff8000 ;; esac
  bin=$QC_OUT/$a/vm-threads
  if [ ! -x "$bin" ]; then skip "$a: $bin not built (run the guest tests first)"; continue; fi
  fifo=$TMP/fifo-$a; gmaps=$TMP/guest-maps-$a; out=$TMP/out-$a
  mkfifo "$fifo"
  "$QC_EMU_DIR/qemu-$a" "$bin" "$gmaps" "$fifo" >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 600); do grep -q READY "$out" 2>/dev/null && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  if ! grep -q READY "$out"; then
    fail "$a: the guest did not reach its pause"; sed 's/^/  /' "$out" | tail -5
    kill $pid 2>/dev/null; wait $pid 2>/dev/null; continue
  fi
  cp "/proc/$pid/maps" "$TMP/host-maps-$a"
  echo go >"$fifo"
  wait $pid; st=$?
  check "$a: the guest with 200 threads ran and exited 0 (status $st)" [ "$st" = 0 ]
  res=$(python3 - "$TMP/host-maps-$a" "$gmaps" "$ts" "$min" <<'PY'
import sys
def ranges(path):
    out = []
    for line in open(path):
        f = line.split()
        a, b = (int(x, 16) for x in f[0].split('-'))
        out.append((a, b, f[1], int(f[4]), f[5] if len(f) > 5 else ''))
    return out
host, guest = ranges(sys.argv[1]), ranges(sys.argv[2])
ts, lo = int(sys.argv[3], 16), int(sys.argv[4])
def covered(a, b):
    # [a, b) is inside the union of the guest's lines
    for ga, gb, *_ in sorted(guest):
        if ga <= a < gb:
            a = gb
        if a >= b:
            return True
    return a >= b
bad, pos = [], lo
for a, b, perms, ino, name in host:
    if a >= ts:
        break
    if b <= lo:
        continue
    if a > pos:
        bad.append('hole %x-%x in the reservation' % (pos, a))
    pos = max(pos, b)
    reservation = perms == '---p' and ino == 0 and name == ''
    if not reservation and not covered(a, min(b, ts)):
        bad.append('host mapping %x-%x %s %s is not the guest\'s' % (a, b, perms, name))
if pos < ts:
    bad.append('hole %x-%x at the top of the reservation' % (pos, ts))
print('ok' if not bad else '; '.join(bad[:5]))
PY
)
  check "$a: every host mapping below TASK_SIZE $ts is the guest's or the reservation, no holes ($res)" [ "$res" = ok ]
done
