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
# name nargs kinds ret status reason
restart_syscall 0 - int error:EINTR no restart pending: the kernel answers EINTR
read 3 fd,ptr-out,size ssize implemented
pread64 4 fd,ptr-out,size,off64 ssize implemented
break 0 - int enosys removed
T
cat >handlers.c <<'T'
switch (num) {
case TARGET_NR_read:
#ifdef TARGET_NR_pread64
case TARGET_NR_pread64:
#endif
}
T
run() { python3 "$gen" --root "$TMP" --spec spec --tbl i386=x86.tbl --handlers handlers.c "$@" >out 2>&1; }

run --out-dir outdir
check "good input is accepted (exit 0)" test $? = 0
check "good input writes the C table, o32 words and the matrix" \
  test -s outdir/qc-systable.c.inc -a -s outdir/syscalls.md -a -s outdir/qc-bydesign.h
check "the C table carries the by-design errno" grep -q '"restart_syscall", 0, QC_SYS_ERROR, TARGET_EINTR' outdir/qc-systable.c.inc
check "a table entry without an entry point is ENOSYS whatever the row says" \
  grep -q '"break", 0, QC_SYS_ENOSYS, 0, "", "no entry point' outdir/qc-systable.c.inc

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

# 3. Spec rows: implemented without a handler, malformed, reason missing.
cp spec spec.good
echo 'break 0 - int implemented' >spec.tmp; sed '$d' spec.good >spec; cat spec.tmp >>spec
sed -i 's/^read 3 .*/read 3 fd,ptr-out,size ssize implemented/' spec
printf '4\ti386\twrite\t\tsys_write\n' >>x86.tbl
echo 'write 3 fd,ptr-in,size ssize implemented' >>spec
run; st=$?
check "implemented without a handler fails and names spec:6 (got: $(grep write out | head -1))" \
  sh -c "test $st = 1 && grep -q '^gen-syscalls: spec:6: error: write is marked implemented but no handler' out"
cp x86.good x86.tbl; cp spec.good spec
cat >>handlers.c <<'T'
#ifdef TARGET_ARM
case TARGET_NR_write:
#endif
T
printf '4\ti386\twrite\t\tsys_write\n' >>x86.tbl
echo 'write 3 fd,ptr-in,size ssize implemented' >>spec
run; st=$?
check "a handler under #ifdef TARGET_ARM does not count for i386" \
  sh -c "test $st = 1 && grep -q 'write is marked implemented but no handler' out"
cp x86.good x86.tbl; cp spec.good spec
sed -i 's/^read 3 /read 2 /' spec
run; st=$?
check "an argument count that does not match the kinds fails and names spec:3" \
  sh -c "test $st = 1 && grep -q '^gen-syscalls: spec:3: error: read: argument count 2' out"
cp spec.good spec
sed -i 's/^break 0 - int enosys removed/break 0 - int enosys/' spec
run; st=$?
check "enosys without a reason fails and names spec:5" \
  sh -c "test $st = 1 && grep -q '^gen-syscalls: spec:5: error: break: status enosys needs a one-line reason' out"
cp spec.good spec
sed -i 's/^read 3 fd,ptr-out,size ssize implemented/read 3 fd,ptr-out,size ssize enosys pending: elsewhere/' spec
run; st=$?
check "enosys where a handler exists is a note, not an error (exit $st)" \
  sh -c "test $st = 0 && grep -q 'note:   read .*enosys' out"
cp spec.good spec

# 3b. With all three arches: rows no table knows, implemented rows for calls
#     no table has an entry point for.
printf '3\tcommon\tread\t\t\tsys_read\n' >arm.tbl
printf '3\to32\tread\t\t\tsys_read\n' >mips.tbl
cat >spec3 <<'T'
read 3 fd,ptr-out,size ssize implemented
break 0 - int enosys never implemented
breakpoint 0 - none implemented
cacheflush 3 ptr,int,int int implemented
usr26 0 - int enosys no 26-bit mode
usr32 0 - int enosys no 26-bit mode
set_tls 1 ptr int implemented
get_tls 0 - addr implemented
restart_syscall 0 - int error:EINTR no restart pending
pread64 4 fd,ptr-out,size,off64 ssize implemented
T
run3() { python3 "$gen" --root "$TMP" --spec spec3 --tbl i386=x86.tbl --tbl arm=arm.tbl \
           --tbl mips=mips.tbl --handlers handlers.c >out 2>&1; }
echo 'case TARGET_NR_restart_syscall:' >>handlers.c
# (the ARM private calls have no cpu_loop.c here: expect those errors only)
run3; grep -v 'breakpoint\|cacheflush\|set_tls\|get_tls\|error(s)' out >out.rest
check "three arches: only the missing private-call handlers are reported" \
  sh -c "! grep -q error out.rest"
echo 'stale 0 - int enosys gone' >>spec3
run3
check "a row in no table fails and names spec3:11" \
  grep -q '^gen-syscalls: spec3:11: error: stale is in no syscall table' out
sed -i 's/^break 0 - int enosys never implemented/break 0 - int implemented/; /^stale/d' spec3
run3
check "implemented for a call without any kernel entry point fails and names spec3:2" \
  grep -q '^gen-syscalls: spec3:2: error: break has no kernel entry point in any table' out

# 4. The repository's own tables, spec and (when built) handlers agree.
lu="$QC_TOP/linux-user"
src="$QC_TOP/build/src/linux-user"
if [ -f "$src/syscall.c" ]; then
  python3 "$gen" --root "$QC_TOP" --spec "$lu/syscalls/syscalls.spec" \
    --tbl i386="$lu/syscalls/x86_syscall_32.tbl" --tbl arm="$lu/syscalls/arm_syscall.tbl" \
    --tbl mips="$lu/syscalls/mips_syscall_o32.tbl" --srcdir "$src" --out-dir real \
    --handlers "$src/syscall.c" "$lu"/*.c >out 2>&1
  st=$?
  check "the repository's tables and spec generate cleanly (exit $st)" test $st = 0
  [ $st = 0 ] || sed 's/^/  /' out | head -10
  check "docs/syscalls.md is the generated matrix" cmp -s real/syscalls.md "$QC_TOP/docs/syscalls.md"
  check "o32: sync_file_range takes 7 argument words" grep -q '\[ 305\] = 7, /\* sync_file_range \*/' real/qc-syscall-args-o32.c.inc
  check "o32: mmap takes 6 argument words (sys_mips_mmap)" grep -q '\[  90\] = 6, /\* mmap \*/' real/qc-syscall-args-o32.c.inc
  check "o32: the table reaches rseq_slice_yield (471)" grep -q '\[ 471\] = 0, /\* rseq_slice_yield \*/' real/qc-syscall-args-o32.c.inc
else
  skip "the repository's tables: no prepared tree (run make build)"
fi

# 5. The handler scan (#if lines evaluated per arch by the generator) agrees
#    with the compiler: the top-level case labels of do_syscall1()'s switch in
#    the preprocessed syscall.c, with the build's own flags.
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
depth, labels = 0, set()
for m in re.finditer(r'[{}]|\bcase\s+([^:]+?)\s*:(?!:)', body):
    t = m.group(0)
    if t == '{':
        depth += 1
    elif t == '}':
        depth -= 1
        if depth == 0:
            break
    elif depth == 1:
        labels.add(eval(re.sub(r'(\d)[uUlL]+', r'\1', m.group(1)), {}))
print('\n'.join(str(n) for n in sorted(labels)))
PY
    python3 "$gen" --spec "$lu/syscalls/syscalls.spec" \
      --tbl i386="$lu/syscalls/x86_syscall_32.tbl" --tbl arm="$lu/syscalls/arm_syscall.tbl" \
      --tbl mips="$lu/syscalls/mips_syscall_o32.tbl" --srcdir "$src" \
      --print-handled "$a" --handlers "$src/syscall.c" >"gen-$a" 2>/dev/null
    # cpp also sees labels for numbers outside the table (none expected).
    n=$(wc -l <"gen-$a")
    check "$a: the generator's handler scan equals the preprocessor's case labels ($n numbers)" \
      sh -c "test $n -gt 250 && cmp -s cpp-$a gen-$a"
    cmp -s "cpp-$a" "gen-$a" || diff "cpp-$a" "gen-$a" | head -5 | sed 's/^/  /'
  done
else
  skip "handler scan vs preprocessor: no build (run make build)"
fi
