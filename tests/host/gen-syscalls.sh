# gen-syscalls: the syscall table generator rejects bad input with an error
# naming the file and line, and accepts the repository's own tables.
. "$QC_TOP/tests/host/lib.sh"
gen="$QC_TOP/scripts/gen-syscalls"
cd "$TMP" || exit 1

cat >x86.tbl <<'T'
# a comment
0	i386	restart_syscall		sys_restart_syscall
3	i386	read			sys_read
5	i386	pread64			sys_ia32_pread64
17	i386	break
T
cat >spec <<'T'
# name nargs kinds ret handler status reason
restart_syscall 0 - int - error:EINTR no restart pending: the kernel answers EINTR
read 3 fd,ptr-out,size ssize qemu implemented
pread64 4 fd,ptr-out,size,off64 ssize qc implemented
break 0 - int - enosys removed
T
run() { python3 "$gen" --root "$TMP" --spec spec --tbl i386=x86.tbl "$@" >out 2>&1; }

run --out-dir outdir
check "good input is accepted (exit 0)" test $? = 0
check "good input writes the C table, o32 words and the handler prototypes" \
  test -s outdir/qc-systable.c.inc -a -s outdir/qc-syscall-handlers.h
check "the C table carries the by-design errno" \
  grep -q '"restart_syscall", .nargs = 0, .status = QC_SYS_ERROR, .err = TARGET_EINTR' outdir/qc-systable.c.inc
check "a table entry without an entry point is ENOSYS whatever the row says" \
  grep -q '"break", .nargs = 0, .status = QC_SYS_ENOSYS, .err = 0, .errname = "", .reason = "no entry point' outdir/qc-systable.c.inc
check "a qc row points at qc_sys_<name>" grep -q '"pread64".*\.handler = qc_sys_pread64 }' outdir/qc-systable.c.inc
check "a qemu row has no handler (upstream's switch)" sh -c "grep '\"read\"' outdir/qc-systable.c.inc | grep -vq handler"
check "the prototype of a qc handler is generated" grep -qx 'QCSyscallHandler qc_sys_pread64;' outdir/qc-syscall-handlers.h

# 1. A malformed .tbl line.
cp x86.tbl x86.good
printf '4\ti386\n' >>x86.tbl
run; st=$?
check "malformed .tbl line fails (exit $st)" test $st = 1
check "the error names x86.tbl:6 (got: $(head -1 out))" grep -q '^gen-syscalls: x86.tbl:6: error: malformed table line' out
cp x86.good x86.tbl
printf 'x9\ti386\twrite\tsys_write\n' >>x86.tbl
run; st=$?
check "a non-numeric syscall number fails and names x86.tbl:6" \
  sh -c "test $st = 1 && grep -q '^gen-syscalls: x86.tbl:6: error: .*number' out"
cp x86.good x86.tbl
printf '4\tx32\twrite\tsys_write\n' >>x86.tbl
run; st=$?
check "an unknown ABI fails and names x86.tbl:6" \
  sh -c "test $st = 1 && grep -q '^gen-syscalls: x86.tbl:6: error: unknown ABI' out"
cp x86.good x86.tbl
printf '3\ti386\twrite\tsys_write\n' >>x86.tbl
run; st=$?
check "a number given twice fails and names x86.tbl:6" \
  sh -c "test $st = 1 && grep -q '^gen-syscalls: x86.tbl:6: error: number 3 given twice' out"

# 2. A .tbl entry without a spec row.
cp x86.good x86.tbl
printf '4\ti386\twrite\t\tsys_write\n' >>x86.tbl
run; st=$?
check "a .tbl entry without a spec row fails (exit $st)" test $st = 1
check "the error names x86.tbl:6 and the syscall (got: $(head -1 out))" \
  grep -q '^gen-syscalls: x86.tbl:6: error: syscall write (i386 number 4) has no row in spec' out
cp x86.good x86.tbl

# 3. Spec rows: handler and status must agree, counts, reasons.
cp spec spec.good
sed -i 's/^read 3 fd,ptr-out,size ssize qemu implemented/read 3 fd,ptr-out,size ssize ours implemented/' spec
run; st=$?
check "an unknown handler fails and names spec:3" \
  sh -c "test $st = 1 && grep -q \"^gen-syscalls: spec:3: error: read: unknown handler 'ours'\" out"
cp spec.good spec
sed -i 's/^read 3 fd,ptr-out,size ssize qemu implemented/read 3 fd,ptr-out,size ssize - implemented/' spec
run; st=$?
check "implemented without a handler fails and names spec:3" \
  sh -c "test $st = 1 && grep -q '^gen-syscalls: spec:3: error: read: status implemented wants handler qc or qemu' out"
cp spec.good spec
sed -i 's/^break 0 - int - enosys removed/break 0 - int qc enosys removed/' spec
run; st=$?
check "enosys with a handler fails and names spec:5" \
  sh -c "test $st = 1 && grep -q \"^gen-syscalls: spec:5: error: break: status enosys wants handler -, not 'qc'\" out"
cp spec.good spec
sed -i 's/^read 3 fd,ptr-out,size ssize qemu implemented/read 3 fd,ptr-out,size ssize qc partial/' spec
run; st=$?
check "partial without its note fails and names spec:3" \
  sh -c "test $st = 1 && grep -q '^gen-syscalls: spec:3: error: read: status partial needs a one-line reason (what is ignored)' out"
cp spec.good spec
sed -i 's/^read 3 /read 2 /' spec
run; st=$?
check "an argument count that does not match the kinds fails and names spec:3" \
  sh -c "test $st = 1 && grep -q '^gen-syscalls: spec:3: error: read: argument count 2' out"
cp spec.good spec
sed -i 's/^break 0 - int - enosys removed/break 0 - int - enosys/' spec
run; st=$?
check "enosys without a reason fails and names spec:5" \
  sh -c "test $st = 1 && grep -q '^gen-syscalls: spec:5: error: break: status enosys needs a one-line reason' out"
cp spec.good spec

# 3b. With all three arches: rows no table knows, implemented rows for calls
#     no table has an entry point for.
printf '3\tcommon\tread\t\t\tsys_read\n' >arm.tbl
printf '3\to32\tread\t\t\tsys_read\n' >mips.tbl
cat >spec3 <<'T'
read 3 fd,ptr-out,size ssize qemu implemented
break 0 - int - enosys never implemented
breakpoint 0 - none qemu implemented
cacheflush 3 ptr,int,int int qemu implemented
usr26 0 - int - enosys no 26-bit mode
usr32 0 - int - enosys no 26-bit mode
set_tls 1 ptr int qemu implemented
get_tls 0 - addr qemu implemented
restart_syscall 0 - int - error:EINTR no restart pending
pread64 4 fd,ptr-out,size,off64 ssize qemu implemented
T
run3() { python3 "$gen" --root "$TMP" --spec spec3 --tbl i386=x86.tbl --tbl arm=arm.tbl \
           --tbl mips=mips.tbl >out 2>&1; }
run3; st=$?
check "three arches: consistent rows are accepted (exit $st)" test $st = 0
echo 'stale 0 - int - enosys gone' >>spec3
run3
check "a row in no table fails and names spec3:11" \
  grep -q '^gen-syscalls: spec3:11: error: stale is in no syscall table' out
sed -i 's/^break 0 - int - enosys never implemented/break 0 - int qemu implemented/; /^stale/d' spec3
run3
check "implemented for a call without any kernel entry point fails and names spec3:2" \
  grep -q '^gen-syscalls: spec3:2: error: break has no kernel entry point in any table' out

# 4. The repository's own tables and spec generate cleanly, and the
#    committed generated files (make generated) are not stale.
lu="$QC_TOP/linux-user"
src="$QC_TOP/build/src/linux-user"
sy="$lu/qc/syscalls"
python3 "$gen" --root "$QC_TOP" --spec "$sy/syscalls.spec" \
  --tbl i386="$sy/x86_syscall_32.tbl" --tbl arm="$sy/arm_syscall.tbl" \
  --tbl mips="$sy/mips_syscall_o32.tbl" --host-tbl "$sy/scripts_syscall.tbl" \
  --out-dir real --doc real/syscalls.md --tests-header real/bydesign.h \
  --tests-nr real/sysnr.h >out 2>&1
st=$?
check "the repository's tables and spec generate cleanly (exit $st)" test $st = 0
[ $st = 0 ] || sed 's/^/  /' out | head -10
for f in syscalls.md:docs/syscalls.md bydesign.h:tests/guest/systable-bydesign.h \
         sysnr.h:tests/guest/sysnr.h; do
  check "${f#*:} is current (else: make generated)" cmp -s "real/${f%%:*}" "$QC_TOP/${f#*:}"
done
check "o32: sync_file_range takes 7 argument words" grep -q '\[ 305\] = 7, /\* sync_file_range \*/' real/qc-syscall-args-o32.c.inc
check "o32: mmap takes 6 argument words (sys_mips_mmap)" grep -q '\[  90\] = 6, /\* mmap \*/' real/qc-syscall-args-o32.c.inc
check "o32: the table reaches rseq_slice_yield (471)" grep -q '\[ 471\] = 0, /\* rseq_slice_yield \*/' real/qc-syscall-args-o32.c.inc
check "host numbers: listns is 470 on the host" grep -q '^#define __NR_listns 470$' real/qc-host-nr.h

# 5. Rows served by upstream (handler qemu) have their case in do_syscall1():
#    the top-level case labels of its switch in the preprocessed syscall.c,
#    with the build's own flags (the real preprocessor, not a model of it).
#    Passthrough rows' handlers touch no guest memory.
cdb="$QC_TOP/build/obj/compile_commands.json"
if [ -f "$cdb" ] && [ -f "$src/syscall.c" ]; then
  for a in i386 arm mips; do
    python3 - "$cdb" "$a" >"cpp-$a" <<'PY'
import json, re, shlex, subprocess, sys
cdb, arch = sys.argv[1], sys.argv[2]
e = [c for c in json.load(open(cdb)) if c['file'].endswith('linux-user/syscall.c')
     and 'libqemu-%s-linux-user' % arch in c['command']][0]
argv, skip = [], False
for a in shlex.split(e['command']):
    if skip:
        skip = False
    elif a in ('-o', '-MF', '-MQ'):
        skip = True
    elif a not in ('-c', '-MD'):
        argv.append(a)
pp = subprocess.run(argv + ['-E', '-P'], cwd=e['directory'], check=True,
                    capture_output=True, text=True).stdout
i = pp.index('static abi_long do_syscall1(')
body = pp[pp.index('{', re.compile(r'switch\s*\(\s*num\s*\)').search(pp, i).end()):]
depth, labels, cur = 0, [], None
for m in re.finditer(r'[{}]|\bcase\s+([^:]+?)\s*:(?!:)', body):
    t = m.group(0)
    if t == '{':
        depth += 1
    elif t == '}':
        depth -= 1
        if depth == 0:
            labels.append((None, m.start()))
            break
    elif depth == 1:
        labels.append((eval(re.sub(r'(\d)[uUlL]+', r'\1', m.group(1)), {}), m.end()))
# a label's body: up to the next label that follows a statement
mem = re.compile(r'\b(lock_user\w*|g2h\w*|__get_user\w*|__put_user\w*|'
                 r'copy_(from|to)_user\w*|access_ok)\b')
for k, (n, end) in enumerate(labels[:-1]):
    j = k + 1
    while labels[j][0] is not None and not body[end:labels[j][1]].split('case')[0].strip(' \n;'):
        end = labels[j][1]; j += 1
    nxt = labels[j][1]
    text = body[end:nxt]
    print(n, 'mem' if mem.search(text) else 'scalar')
PY
    python3 "$gen" --spec "$sy/syscalls.spec" --tbl i386="$sy/x86_syscall_32.tbl" \
      --tbl arm="$sy/arm_syscall.tbl" --tbl mips="$sy/mips_syscall_o32.tbl" \
      --print-rows "$a" >"rows-$a" 2>/dev/null
    n=$(wc -l <"cpp-$a")
    # rows: "number name handler status abi"
    miss=$(awk 'NR==FNR {c[$1]=1; next} $3=="qemu" && $5!="private" && $5!="oabi" && !($1 in c) {print $2}' "cpp-$a" "rows-$a" | tr '\n' ' ')
    check "$a: every row served by upstream has its case label ($n labels)${miss:+; missing: $miss}" \
      sh -c "test $n -gt 250 && test -z '$miss'"
    pt=$(awk 'NR==FNR {m[$1]=$2; next} $3=="qemu" && $4=="passthrough" && m[$1]=="mem" {print $2}' "cpp-$a" "rows-$a" | tr '\n' ' ')
    check "$a: upstream's passthrough cases touch no guest memory${pt:+; they do: $pt}" test -z "$pt"
    # Upstream cases the table never reaches (our handler or the table's
    # answer comes first): listed, not an error.
    dead=$(awk 'NR==FNR {r[$1]=$3; next} ($1 in r) && r[$1]!="qemu" {n++} END {print n+0}' "rows-$a" "cpp-$a")
    echo "  $a: $dead upstream case(s) the table answers first"
  done
  # Our passthrough handlers: their bodies in our sources touch no guest memory.
  for name in $(awk '!/^[#@]/ && NF && $5=="qc" && $6=="passthrough" {print $1}' "$sy/syscalls.spec"); do
    body=$(awk -v f="qc_sys_$name(QC_SYSCALL_ARGS)" 'index($0, f) {on=1} on {print} on && /^}/ {exit}' $(find "$lu/qc" -name "*.c"))
    check "our passthrough handler qc_sys_$name exists and touches no guest memory" \
      sh -c "test -n '$(printf %s "$body" | head -c 40 | tr -d "'")' && ! printf '%s' \"\$0\" | grep -Eq 'lock_user|g2h|get_user|put_user'" "$body"
  done
else
  skip "upstream's case labels vs the spec: no build (run make build)"
fi
