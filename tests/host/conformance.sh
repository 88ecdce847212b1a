# conformance: the LTP harness's own parts (tests/conformance/): the expectation
# files are complete and classified, the namespace maker gives each test what
# tests/conformance/README.md promises, and the expectations name every test of
# the pinned runtest file. The LTP runs themselves are make conformance(-fast).
. "$QC_TOP/tests/host/lib.sh"
C=$QC_TOP/tests/conformance

out=$("$C/expect" check 2>&1); st=$?
check "expectation files: every non-PASS classified with a reason ($(tail -1 <<<"$out"))" [ "$st" = 0 ]
[ "$st" = 0 ] || grep '^FAIL' <<<"$out" | head -10 | sed 's/^/  /'

# Every runtest entry has exactly one line per arch (a new LTP pin must be
# classified before it counts).
top=$QC_TOP
. "$C/ltp-lib.sh"
rt=$(mktemp)
tar -xJOf "$LTP_TARBALL" "$LTP_NAME/runtest/syscalls" 2>/dev/null | grep -vE '^[[:space:]]*(#|$)' | awk '{print $1}' | sort >"$rt"
check "the pinned runtest file lists $(wc -l <"$rt") tests" [ "$(wc -l <"$rt")" -gt 1000 ]
for a in $LTP_GUEST_ARCHES; do
  f=$C/ltp-$a.expected
  [ -f "$f" ] || { fail "no $f"; continue; }
  deny=$(grep -vE '^[[:space:]]*(#|$)' "$C/deny.list" | awk '{print $1}' | sort)
  miss=$(comm -23 "$rt" <(grep -vE '^[[:space:]]*(#|$)' "$f" | awk '{print $1}' | sort) | comm -23 - <(echo "$deny"))
  extra=$(comm -13 "$rt" <(grep -vE '^[[:space:]]*(#|$)' "$f" | awk '{print $1}' | sort))
  check "ltp-$a.expected has a line for every runtest entry${miss:+ (missing: $(echo $miss | cut -c1-200))}" [ -z "$miss" ]
  check "ltp-$a.expected names no test the runtest file lacks${extra:+ ($(echo $extra | cut -c1-200))}" [ -z "$extra" ]
done
rm -f "$rt"
# LTP's libaio-based tests (io_setup01, io_submit01, ..., eventfd06) really
# run: ltp-build links libaio for every arch, so no expectation may be a TCONF
# for want of it.
for a in $LTP_ARCHES; do
  da=$(ltp_debarch "$a" 2>&1); st=$?
  check "ltp-build has a Debian architecture for $a's libaio ($da)" [ "$st" = 0 ]
done
nolib=$(grep -il 'libaio' "$C"/ltp-*.expected | xargs -r -n1 basename | tr '\n' ' ')
check "no expectation is a TCONF for want of libaio${nolib:+ ($nolib)}" [ -z "$nolib" ]
check "fast.list names only runtest entries" bash -c '
  for t in $(grep -vE "^[[:space:]]*(#|\$)" "$1" | awk "{print \$1}"); do
    tar -xJOf "$2" "$3/runtest/syscalls" | grep -q "^$t[[:space:]]" || { echo "  not in runtest: $t"; exit 1; }
  done' _ "$C/fast.list" "$LTP_TARBALL" "$LTP_NAME"

# The namespace maker.
ns=$TMP/ltp-ns
if ! gcc -O2 -Wall -Werror -o "$ns" "$C/ltp-ns.c" 2>"$TMP/ns.err"; then
  fail "ltp-ns.c builds without warnings"; sed 's/^/  /' "$TMP/ns.err"; exit 0
fi
pass "ltp-ns.c builds without warnings"
out=$("$ns" sh -c 'id -u; id -g; grep -c . /proc/self/uid_map; awk "{print \$2}" /proc/self/uid_map;
  echo pid=$$; python3 -c "
import socket, errno
s = socket.socket()
try: s.connect((\"127.0.0.1\", 9))
except OSError as e: print(\"lo:\", errno.errorcode[e.errno])";
  grep CapEff /proc/self/status;
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc && ls /proc/sys/fs/binfmt_misc | tr "\n" " "' 2>&1); st=$?
if [ "$st" = 125 ] && grep -q binfmt_misc <<<"$out"; then
  skip "ltp-ns: this kernel gives no private binfmt_misc (Linux $(uname -r), needs >= 6.7): $out"; exit 0
fi
check "ltp-ns: runs the command (exit $st)" [ "$st" = 0 ]
lines=()
mapfile -t lines <<<"$out"
check "ltp-ns: the command is the namespace's root (uid ${lines[0]}, gid ${lines[1]})" [ "${lines[0]}" = 0 ] && [ "${lines[1]}" = 0 ]
if [ "$(id -u)" = 0 ]; then
  check "ltp-ns: as root, the namespace's root is host uid 100000 (${lines[3]}), one range of 65536" \
    [ "${lines[3]}" = 100000 ] && [ "${lines[2]}" = 1 ]
fi
check "ltp-ns: pid 1 of its own pid namespace (${lines[4]})" [ "${lines[4]}" = pid=1 ]
check "ltp-ns: loopback is up (${lines[5]}: refused, not unreachable)" [ "${lines[5]}" = "lo: ECONNREFUSED" ]
capeff=$(grep -o 'CapEff:.*' <<<"$out" | awk '{print $2}')
check "ltp-ns: CAP_SYS_RESOURCE (24) dropped, the others kept (CapEff $capeff)" \
  bash -c 'v=$((16#$1)); [ $(( (v >> 24) & 1 )) = 0 ] && [ $(( (v >> 21) & 1 )) = 1 ]' _ "$capeff"
check "ltp-ns: its own binfmt_misc, empty" grep -q '^register status $' <<<"${lines[-1]}"
out=$("$ns" sh -c 'touch /dev/shm/qc-ltp-ns-probe && findmnt -n -o FSTYPE /dev/shm | tail -n 1' 2>&1)
check "ltp-ns: /dev/shm is a tmpfs of its own ($out), the host's untouched" \
  bash -c '[ "$1" = tmpfs ] && [ ! -e /dev/shm/qc-ltp-ns-probe ]' _ "$out"
out=$("$ns" sh -c 'sh -c "kill -SEGV \$\$"'); st=$?
check "ltp-ns: a test killed by signal 11 gives 139 ($st)" [ "$st" = 139 ]
"$ns" sleep 100 & nsp=$!
sleep 0.5; kill -TERM $nsp; wait $nsp; st=$?
check "ltp-ns: SIGTERM (a timeout) kills the namespace: 128+9 ($st)" [ "$st" = 137 ]
out=$("$ns" sh -c 'exit 33'); st=$?
check "ltp-ns: the command's exit status (33: $st)" [ "$st" = 33 ]
out=$("$ns" /nonexistent 2>&1); st=$?
check "ltp-ns: a command that cannot run gives 125 and says why ($st: $out)" \
  bash -c '[ "$1" = 125 ] && grep -q "executing /nonexistent" <<<"$2"' _ "$st" "$out"
# A process the command leaves behind dies with the namespace.
"$ns" sh -c 'sleep 300 & echo $! > /dev/null; exit 0'
check "ltp-ns: nothing left behind (no sleep 300 of uid 100000 or ours)" \
  bash -c '! pgrep -f "^sleep 300$" >/dev/null'
