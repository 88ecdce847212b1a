/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * host/init-signals.c: the guest as its PID namespace's init (pid 1).
 *
 * The kernel makes a PID namespace's init SIGNAL_UNKILLABLE
 * (kernel/signal.c): a signal whose action is SIG_DFL is discarded, whether
 * it is generated (sig_task_ignored(): kill() or raise() of itself, SIGPIPE
 * from a write to a pipe with no reader, SIGXFSZ, a timer's signal, a stop
 * signal) or dequeued (get_signal(): one sent while a handler was set).
 * Only SIGKILL and SIGSTOP from an ancestor namespace, which the emulator
 * never sees, and the signals the kernel forces on a fault or trap kill it:
 * force_sig_info_to_task() clears SIGNAL_UNKILLABLE when the action is
 * SIG_DFL (after unblocking the signal and resetting an ignored one).
 *
 * The emulator "dies" of a guest signal by setting the host signal's action
 * to SIG_DFL, sending it to itself and waiting in sigsuspend()
 * (dump_core_and_abort()). As pid 1 the host kernel discards that signal,
 * so the emulator waited for ever: a container whose entrypoint dies of a
 * SIGSEGV, or whose entrypoint is sent a SIGTERM it has no handler for, hung
 * instead of ending or going on (found by trinity under
 * tests/fuzz/run-trinity; tests/guest/pidns-init-signals.c).
 *
 * So, as the kernel does: handle_pending_signal() discards an asynchronous
 * SIG_DFL signal of an init (qc_init_discards_signal()); a synchronous one,
 * the guest's fault or trap (QEMU's force_sig()/queue_signal(), the kernel's
 * force_sig_info_to_task()), still kills it: dump_core_and_abort() calls
 * qc_die_by_forced_signal(), which makes the host CPU fault the same way,
 * a signal the host kernel forces too.
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "qemu-compat.h"
#include <sys/mman.h>

bool qc_init_discards_signal(void)
{
    /* the thread group's id: every thread of a pid-1 guest is 1 */
    return getpid() == 1;
}

/*
 * Called with host_sig's action SIG_DFL, after kill(getpid(), host_sig):
 * returns at once unless that signal was discarded (pid 1). Then it makes
 * the host kernel force host_sig, which ends the process with that signal
 * as a fault ends any process. There is no fault of every kind: for the
 * others (SIGSYS of the guest's own seccomp filter, SIGABRT) the process
 * exits with status 128 + host_sig, the shell's report of that death.
 */
void qc_die_by_forced_signal(int host_sig)
{
    long page = sysconf(_SC_PAGESIZE);
    void *p;
    int fd;

    if (getpid() != 1) {
        return;
    }
    switch (host_sig) {
    case SIGSEGV:
        p = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {
            *(volatile char *)p = 0;
        }
        break;
    case SIGBUS:
        /* a page of a file with no page there: SIGBUS (BUS_ADRERR) */
        fd = memfd_create("qc-sigbus", 0);
        if (fd >= 0) {
            p = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0);
            if (p != MAP_FAILED) {
                (void)*(volatile char *)p;
            }
        }
        break;
#if defined(__x86_64__) || defined(__i386__)
    case SIGILL:
        asm volatile("ud2");
        break;
    case SIGTRAP:
        asm volatile("int3");
        break;
    case SIGFPE:
        asm volatile("xor %%edx, %%edx\n\t"
                     "xor %%ecx, %%ecx\n\t"
                     "mov $1, %%eax\n\t"
                     "idivl %%ecx" ::: "eax", "ecx", "edx", "cc");
        break;
#endif
    default:
        break;
    }
    _exit(128 + host_sig);
}
