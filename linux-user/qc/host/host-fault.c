/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * host/host-fault.c: tell the emulator's own crashes from the guest's faults.
 *
 * QEMU's host_signal_handler() turns a synchronous host SIGSEGV/SIGBUS into
 * a guest signal when it came from a guest memory access: generated code
 * (the host pc is in the TCG code buffer), a helper (helper_retaddr, a guest
 * return address) or the translator (helper_retaddr 1 while reading guest
 * code). Anywhere else the faulting code is the emulator's own C code --
 * syscall emulation walking a bad pointer, an alloca() of a guest-chosen
 * size running off the host stack -- and since QEMU 8 upstream's
 * die_from_signal() says "QEMU internal SIGSEGV {code=..., addr=...}" and
 * dies. Ours (qc_host_fault(), called there instead) says which syscall was
 * being emulated and where in the image, on one "internal error" line the
 * fuzzers look for, and answers EFAULT for a fault on a guest page a
 * syscall's emulation may fairly meet (below).
 *
 * The TB-protected-page write (handle_sigsegv_accerr_write) is handled by
 * the caller before this is asked, so a C-code write to a guest page holding
 * translated code still restarts as before.
 *
 * The handler may run on a small alternate stack (qc_host_fault_init()), so
 * that a host stack overflow is reported instead of killing the process
 * with a bare SIGSEGV.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu.h"
#include "exec/cpu_ldst.h"
#include "exec/exec-all.h"     /* have_mmap_lock() */
#include "tcg/tcg.h"
#include "dispatch/systable.h"
#include "qc-internal.h"

/* The start of the emulator's own image (the linker's symbol): pcs are
 * printed relative to it too, for addr2line -e qemu-ARCH. */
extern const char __executable_start[];

/* The guest syscall being emulated by this thread, or -1. */
__thread int qc_current_syscall = -1;
__thread void *qc_syscall_fault_env[5];
__thread bool qc_syscall_fault_armed;

/*
 * Scratch memory of one syscall's emulation (qc_scratch_alloc()): freed by
 * do_syscall() when the syscall returns, also when a fault on a guest page
 * returns it early (EFAULT, below) past the handler's own frees. A handler
 * that g_malloc()s and then touches guest memory leaks its buffer on that
 * path (seen: 16 MiB name_to_handle_at/open_by_handle_at buffers, once per
 * faulting call, until glib aborted); one that holds a lock deadlocks the
 * next caller, so guest memory is never touched with a lock held.
 */
#define QC_SCRATCH_MAX 16
static __thread void *qc_scratch[QC_SCRATCH_MAX];
static __thread int qc_scratch_n;

void *qc_scratch_alloc(size_t size)
{
    void *p;

    if (qc_scratch_n == QC_SCRATCH_MAX) {
        return NULL;            /* the caller answers ENOMEM */
    }
    p = g_try_malloc(size ? size : 1);
    if (p) {
        qc_scratch[qc_scratch_n++] = p;
    }
    return p;
}

/* Done with p before the syscall returns (a loop's buffer): freed now. */
void qc_scratch_free(void *p)
{
    for (int i = qc_scratch_n - 1; i >= 0; i--) {
        if (qc_scratch[i] == p) {
            g_free(p);
            memmove(&qc_scratch[i], &qc_scratch[i + 1],
                    (qc_scratch_n - i - 1) * sizeof(qc_scratch[0]));
            qc_scratch[--qc_scratch_n] = NULL;
            return;
        }
    }
}

int qc_scratch_mark(void)
{
    return qc_scratch_n;
}

void qc_scratch_release(int mark)
{
    while (qc_scratch_n > mark) {
        g_free(qc_scratch[--qc_scratch_n]);
        qc_scratch[qc_scratch_n] = NULL;
    }
}

/*
 * A fault the syscall can answer with EFAULT, as the kernel's
 * copy_{from,to}_user() do (or the MIPS unaligned-access emulation with
 * the kernel's SIGSEGV, cpu/mips-unaligned.c): on a page the guest has
 * mapped (PAGE_VALID; a
 * NULL or wild host pointer of the emulator's own is never one), with no
 * mmap_lock held (nothing else of QEMU's is locked while a syscall's
 * emulation copies guest memory). Seen: a page of a file truncated under
 * its MAP_SHARED mapping (SIGBUS), where QEMU's access checks by page flags
 * pass.
 */
static bool qc_fault_is_efault(siginfo_t *info)
{
    uintptr_t a = (uintptr_t)info->si_addr;

    return qc_syscall_fault_armed && !have_mmap_lock() &&
           h2g_valid(a) && (page_get_flags(h2g(a)) & PAGE_VALID);
}

#define QC_ALTSTACK_SIZE (64 * 1024)

/* A guest thread's alternate stack goes with the thread (pthread_exit). */
static pthread_key_t qc_altstack_key;

static void qc_altstack_free(void *sp)
{
    stack_t ss = { .ss_flags = SS_DISABLE };

    sigaltstack(&ss, NULL);
    munmap(sp, QC_ALTSTACK_SIZE);
}

static void qc_altstack_key_init(void)
{
    pthread_key_create(&qc_altstack_key, qc_altstack_free);
}

/* For the main thread (signal_init) and every guest thread (clone_func). */
void qc_host_fault_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    stack_t ss = { 0 };

    ss.ss_sp = mmap(NULL, QC_ALTSTACK_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ss.ss_sp == MAP_FAILED) {
        return;
    }
    ss.ss_size = QC_ALTSTACK_SIZE;
    if (sigaltstack(&ss, NULL) != 0) {
        munmap(ss.ss_sp, QC_ALTSTACK_SIZE);
        return;
    }
    pthread_once(&once, qc_altstack_key_init);
    pthread_setspecific(qc_altstack_key, ss.ss_sp);
}

static void put_str(char **p, char *end, const char *s)
{
    while (*s && *p < end) {
        *(*p)++ = *s++;
    }
}

static void put_hex(char **p, char *end, uintptr_t v)
{
    char tmp[2 + 16];
    int n = 0;

    do {
        tmp[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    put_str(p, end, "0x");
    while (n && *p < end) {
        *(*p)++ = tmp[--n];
    }
}

static void put_dec(char **p, char *end, long v)
{
    char tmp[24];
    int n = 0;

    if (v < 0) {
        put_str(p, end, "-");
        v = -v;
    }
    do {
        tmp[n++] = '0' + v % 10;
        v /= 10;
    } while (v);
    while (n && *p < end) {
        *(*p)++ = tmp[--n];
    }
}

static G_NORETURN void qc_internal_fault(int host_sig, siginfo_t *info,
                                         uintptr_t host_pc);

void qc_host_fault(int host_sig, siginfo_t *info, uintptr_t host_pc,
                   const void *mask)
{
    if (qc_fault_is_efault(info)) {
        /* back to qc_do_syscall() (or whoever armed it), with the mask of
         * the faulting code */
        qc_syscall_fault_armed = false;
        sigprocmask(SIG_SETMASK, mask, NULL);
        __builtin_longjmp(qc_syscall_fault_env, 1);
    }
    qc_internal_fault(host_sig, info, host_pc);
}

/*
 * A signal sent to the process -- kill(), sigqueue(): any signal number,
 * SIGSEGV included -- goes to whichever of its threads does not block it
 * (kernel/signal.c complete_signal(): the thread named first only when it is
 * running or has nothing pending). QEMU's own threads (call_rcu) blocked
 * every signal but SIGSEGV, SIGFPE and SIGILL (qemu_thread_create()), and
 * the guest thread blocks every host signal while it takes one, so a guest
 * sent a stream of signals had some of them taken by call_rcu, whose
 * host_signal_handler() found no guest CPU and crashed: the guest died of
 * SIGSEGV (LTP kill12, pause01; tests/guest/signals-kill-process.c). In
 * linux-user they block those too (patches/: qemu_thread_create() reads
 * this): only guest threads take signals.
 */
bool qemu_thread_block_fault_signals = true;

/*
 * host_signal_handler() in a thread with no guest CPU, should one get a
 * signal still:
 * - a fault of this thread (SIGSEGV, SIGBUS, SIGFPE, SIGILL or SIGTRAP with
 *   a kernel si_code, > 0) is the emulator's own bug: reported, aborted;
 * - anything else is blocked in this thread from its sigreturn on (mask is
 *   the ucontext's) and sent to the process again, for a guest thread:
 *   with its siginfo where rt_sigqueueinfo() allows it (the kernel refuses
 *   a si_code >= 0 unless the caller is the thread group leader,
 *   kernel/signal.c do_rt_sigqueueinfo()), else with kill() (the emulator
 *   is the sender then). While this handler runs the signal is blocked
 *   here too, so the kernel gives it to another thread or keeps it pending
 *   for the process.
 */
void qc_host_signal_no_guest(int host_sig, siginfo_t *info, uintptr_t host_pc,
                             sigset_t *mask)
{
    int saved_errno = errno;

    if (info->si_code > 0 &&
        (host_sig == SIGSEGV || host_sig == SIGBUS || host_sig == SIGFPE ||
         host_sig == SIGILL || host_sig == SIGTRAP)) {
        qc_internal_fault(host_sig, info, host_pc);
    }
    sigaddset(mask, host_sig);
    if (syscall(__NR_rt_sigqueueinfo, getpid(), host_sig, info) != 0) {
        kill(getpid(), host_sig);
    }
    errno = saved_errno;
}

static void qc_internal_fault(int host_sig, siginfo_t *info, uintptr_t host_pc)
{
    char buf[256], *p = buf, *end = buf + sizeof(buf) - 1;
    int nr = qc_current_syscall;

    put_str(&p, end, program_invocation_short_name);
    put_str(&p, end, ": internal error: host signal ");
    put_dec(&p, end, host_sig);
    put_str(&p, end, host_sig == SIGSEGV ? " (SIGSEGV)" :
                     host_sig == SIGBUS ? " (SIGBUS)" :
                     host_sig == SIGFPE ? " (SIGFPE)" :
                     host_sig == SIGILL ? " (SIGILL)" : " (SIGTRAP)");
    put_str(&p, end, " at pc ");
    put_hex(&p, end, host_pc);
    put_str(&p, end, " (image+");
    put_hex(&p, end, host_pc - (uintptr_t)__executable_start);
    put_str(&p, end, ") accessing ");
    put_hex(&p, end, (uintptr_t)info->si_addr);
    if (nr >= 0) {
        const QCSyscallInfo *si = qc_syscall_info(nr);

        put_str(&p, end, " during syscall ");
        if (si && si->name) {
            put_str(&p, end, si->name);
        } else {
            put_dec(&p, end, nr);
        }
    }
    put_str(&p, end, "\n");
    if (write(2, buf, p - buf) < 0) {
        /* nothing more to say */
    }
    /* No core-dump handler of ours: SIGABRT with the default action. */
    signal(SIGABRT, SIG_DFL);
    abort();
}

#if defined(TARGET_I386)
/*
 * Run fn(env, opaque) with the CPU's exceptions caught: false when it
 * raised one. For helpers called from the syscall layer (i386 sigreturn's
 * restore_sigcontext(): a segment selector the CPU refuses, an FXSAVE or
 * XSAVE area it refuses): they raise exceptions with cpu_loop_exit(), which
 * siglongjmps to cpu_exec()'s jmp_env -- stale there, since the syscall
 * layer runs outside cpu_exec(), so the jump would land in a dead frame
 * (seen as rcu_read_unlock assertions). The caller answers as the kernel
 * does for a frame it cannot restore: SIGSEGV (badframe).
 */
bool qc_x86_catch(CPUX86State *env, void (*fn)(CPUX86State *, void *),
                  void *opaque)
{
    CPUState *cs = env_cpu(env);
    sigjmp_buf saved;

    memcpy(&saved, &cs->jmp_env, sizeof(saved));
    if (sigsetjmp(cs->jmp_env, 0) == 0) {
        fn(env, opaque);
        memcpy(&cs->jmp_env, &saved, sizeof(saved));
        return true;
    }
    memcpy(&cs->jmp_env, &saved, sizeof(saved));
    cs->exception_index = -1;
    return false;
}
#endif
