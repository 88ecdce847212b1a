/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * proc/proc-self.c: the guest process's view of itself.
 *
 *  - /proc/self/exe is the guest binary: stat/statx/fstatat of it (not with
 *    AT_SYMLINK_NOFOLLOW) look at the guest program, as the kernel's
 *    proc_exe_link() would for the program itself; execve of it re-runs the
 *    guest program under this emulator (the host's /proc/self/exe), which
 *    works with or without a binfmt_misc registration.
 *  - the task's name (comm, /proc/self/status Name:, /proc/self/comm) is the
 *    name of the path executed, as exec sets it: exec/proctitle.c.
 *  - sysinfo() scales its memory fields the way the kernel's compat
 *    sysinfo does (kernel/sys.c), so totalram * mem_unit matches MemTotal
 *    in /proc/meminfo on hosts with more than 4 GiB.
 *  - the status of the process and of its guest threads shows the guest's
 *    signal state, not the emulator's (see qc_open_status()).
 */
#include "qemu/osdep.h"
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "user/safe-syscall.h"
#include "signal-common.h"
#include "qemu-compat.h"

static char *qc_self_exe;   /* absolute path of the guest binary */

void qc_proc_self_init(const char *guest_path)
{
    qc_self_exe = realpath(guest_path, NULL);
    if (!qc_self_exe) {
        qc_self_exe = g_strdup(guest_path);
    }
}

/* "/proc/self/exe", "/proc/thread-self/exe" or "/proc/<our pid>/exe"? */
static bool qc_is_self_exe(const char *p)
{
    const char *rest;
    char *end;

    if (!p || strncmp(p, "/proc/", 6) != 0) {
        return false;
    }
    p += 6;
    if (strncmp(p, "self/", 5) == 0) {
        rest = p + 5;
    } else if (strncmp(p, "thread-self/", 12) == 0) {
        rest = p + 12;
    } else if ((*p >= '0' && *p <= '9')) {
        long pid = strtol(p, &end, 10);
        if (pid != getpid() || *end != '/') {
            return false;
        }
        rest = end + 1;
    } else {
        return false;
    }
    return strcmp(rest, "exe") == 0;
}

const char *qc_self_exe_path(const char *p, int flags)
{
    if (qc_self_exe && !(flags & AT_SYMLINK_NOFOLLOW) && qc_is_self_exe(p)) {
        return qc_self_exe;
    }
    return p;
}

void qc_sysinfo_compat(struct sysinfo *s)
{
    int bitcount = 0;

    if (!((s->totalram >> 32) || (s->totalswap >> 32))) {
        return;
    }
    while (s->mem_unit < qemu_real_host_page_size()) {
        s->mem_unit <<= 1;
        bitcount++;
    }
    s->totalram >>= bitcount;
    s->freeram >>= bitcount;
    s->sharedram >>= bitcount;
    s->bufferram >>= bitcount;
    s->totalswap >>= bitcount;
    s->freeswap >>= bitcount;
    s->totalhigh >>= bitcount;
    s->freehigh >>= bitcount;
}

/*
 * /proc/cpuinfo in the guest's terms, one block per host CPU (programs count
 * "processor" lines). The text follows arch/arm/kernel/setup.c c_show() and
 * arch/mips/kernel/proc.c show_cpuinfo() for the CPU QEMU emulates by
 * default; i386 guests read the host's, which already describes an x86 CPU.
 */
#if defined(TARGET_ARM)
#define QC_CPUINFO_BLOCK                                                    \
    "processor\t: %d\n"                                                     \
    "model name\t: ARMv7 Processor rev 0 (v7l)\n"                           \
    "BogoMIPS\t: 100.00\n"                                                  \
    "Features\t: half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 "        \
    "idiva idivt vfpd32 lpae\n"                                             \
    "CPU implementer\t: 0x41\n"                                             \
    "CPU architecture: 7\n"                                                 \
    "CPU variant\t: 0x0\n"                                                  \
    "CPU part\t: 0xc0f\n"                                                   \
    "CPU revision\t: 0\n\n"
#define QC_CPUINFO_HEAD ""
/* the block's arguments: the processor number */
#define QC_CPUINFO_ARGS(i) (i)
#define QC_CPUINFO_TAIL                                                     \
    "Hardware\t: QEMU user-mode emulation\n"                                \
    "Revision\t: 0000\n"                                                    \
    "Serial\t\t: 0000000000000000\n"
#elif defined(TARGET_MIPS)
#define QC_CPUINFO_HEAD                                                     \
    "system type\t\t: QEMU user-mode emulation\n"                           \
    "machine\t\t\t: Unknown\n"
#define QC_CPUINFO_BLOCK                                                    \
    "processor\t\t: %d\n"                                                   \
    "cpu model\t\t: MIPS 24Kf V0.0  FPU V0.0\n"                             \
    "BogoMIPS\t\t: 100.00\n"                                                \
    "wait instruction\t: yes\n"                                             \
    "microsecond timers\t: yes\n"                                           \
    "tlb_entries\t\t: 16\n"                                                 \
    "extra interrupt vector\t: yes\n"                                       \
    "hardware watchpoint\t: no\n"                                           \
    "isa\t\t\t: mips1 mips2 mips32r1 mips32r2\n"                            \
    "ASEs implemented\t:\n"                                                 \
    "shadow register sets\t: 1\n"                                           \
    "kscratch registers\t: 0\n"                                             \
    "package\t\t\t: 0\n"                                                    \
    "core\t\t\t: %d\n"                                                      \
    "VCED exceptions\t\t: not available\n"                                  \
    "VCEI exceptions\t\t: not available\n\n"
#define QC_CPUINFO_TAIL ""
/* the block's arguments: the processor and core numbers */
#define QC_CPUINFO_ARGS(i) (i), (i)
#endif

/*
 * /proc/self/status, /proc/<pid>/status, /proc/thread-self/status and
 * /proc/<pid or self>/task/<tid>/status of a guest thread (also
 * /proc/<tid>/status): the kernel's text (read from the host's file) with
 * the lines of fs/proc/array.c task_sig() in the guest's terms:
 *  - SigPnd: the task's own pending signals (the host's, which the guest
 *    mask keeps pending there, and those the emulator has taken but not
 *    delivered yet); ShdPnd: the process's (the host's);
 *  - SigBlk: the guest's mask (ts->signal_mask; the host's differs: no
 *    SIGSEGV/SIGBUS while guest code runs, everything while the emulator
 *    blocks signals);
 *  - SigIgn/SigCgt: the guest's handlers (collect_sigign_sigcatch(): SIG_IGN,
 *    anything but SIG_DFL), not the emulator's host_signal_handler;
 * numbered as the guest's signals and rendered as render_sigset_t() does:
 * _NSIG bits in hex, highest first (16 digits; 32 on MIPS, _NSIG 128).
 * The /proc/<pid>/status of another process comes from that process's
 * kernel state; no emulator can rewrite it.
 */
typedef struct {
    uint32_t w[TARGET_NSIG / 32];
} QCSigBits;

static void qc_sigbits_add(QCSigBits *b, int sig)
{
    if (sig >= 1 && sig <= TARGET_NSIG) {
        b->w[(sig - 1) / 32] |= 1u << ((sig - 1) % 32);
    }
}

/* A host signal number as the guest's, if it is one (the host's glibc
 * signals SIGRTMIN-2, SIGRTMIN-1 and those above the guest's are not). */
static int qc_guest_sig(int host_sig)
{
    int t = host_to_target_signal(host_sig);

    return t >= 1 && t <= TARGET_NSIG && target_to_host_signal(t) == host_sig
           ? t : 0;
}

static void qc_sigbits_from_host(QCSigBits *b, uint64_t host)
{
    int h;

    for (h = 1; h <= 64 && h < _NSIG; h++) {
        if (host & (1ull << (h - 1))) {
            qc_sigbits_add(b, qc_guest_sig(h));
        }
    }
}

static void qc_sigbits_from_sigset(QCSigBits *b, const sigset_t *set)
{
    int h;

    for (h = 1; h < _NSIG; h++) {
        if (sigismember(set, h) == 1) {
            qc_sigbits_add(b, qc_guest_sig(h));
        }
    }
}

static void qc_render_sigbits(GString *s, const char *name, const QCSigBits *b)
{
    int i, j;

    g_string_append_printf(s, "%s\t", name);
    for (i = TARGET_NSIG; i >= 4; i -= 4) {
        int x = 0;
        for (j = 0; j < 4; j++) {
            int sig = i - 3 + j;
            if (b->w[(sig - 1) / 32] & (1u << ((sig - 1) % 32))) {
                x |= 1 << j;
            }
        }
        g_string_append_c(s, "0123456789abcdef"[x]);
    }
    g_string_append_c(s, '\n');
}

/* The tid whose status pathname is, or 0 when it is no status of ours. */
static pid_t qc_status_tid(const char *p)
{
    pid_t pid = getpid(), n;
    char *end;

    if (strncmp(p, "/proc/", 6) != 0) {
        return 0;
    }
    p += 6;
    if (strcmp(p, "thread-self/status") == 0) {
        return qemu_get_thread_id();
    }
    if (strncmp(p, "self/", 5) == 0) {
        n = pid;
        p += 5;
    } else if (*p >= '1' && *p <= '9') {
        n = strtol(p, &end, 10);
        if (*end != '/') {
            return 0;
        }
        p = end + 1;
    } else {
        return 0;
    }
    if (strncmp(p, "task/", 5) == 0 && p[5] >= '1' && p[5] <= '9') {
        /* the host's open fails for a tid not in n's thread group */
        n = strtol(p + 5, &end, 10);
        p = end + 1;
        if (*end != '/') {
            return 0;
        }
    }
    if (strcmp(p, "status") != 0) {
        return 0;
    }
    if (n != pid) {
        /* a thread of this process? */
        char task[64];

        snprintf(task, sizeof(task), "/proc/self/task/%d", (int)n);
        if (access(task, F_OK) != 0) {
            return 0;
        }
    }
    return n;
}

/* The guest thread of tid (the thread-group leader for getpid()); NULL if
 * tid is no guest thread of this process. Called with cpu_list_lock held. */
static CPUState *qc_task_cpu(pid_t tid)
{
    CPUState *cpu;

    if (tid == qemu_get_thread_id()) {
        return thread_cpu;
    }
    CPU_FOREACH(cpu) {
        TaskState *ts = get_task_state(cpu);
        if (ts && ts->ts_tid == tid) {
            return cpu;
        }
    }
    /* after fork() the child's one CPU keeps the parent thread's ts_tid */
    return tid == getpid() ? first_cpu : NULL;
}

static bool qc_open_status(const char *pathname, int *fdp)
{
    pid_t tid = qc_status_tid(pathname);
    abi_ulong handlers[TARGET_NSIG];
    QCSigBits pnd = {}, shd = {}, blk = {}, ign = {}, cgt = {};
    uint64_t host_pnd = 0, host_shd = 0;
    char *text = NULL, *line, *save = NULL;
    gsize len;
    CPUState *cpu;
    GString *s;
    int i, sfd;

    if (tid <= 0 || !g_file_get_contents(pathname, &text, &len, NULL)) {
        return false;   /* the host's open gives the kernel's answer */
    }
    for (line = text; line && *line; line = strchr(line, '\n')) {
        line += *line == '\n';
        if (strncmp(line, "SigPnd:", 7) == 0) {
            host_pnd = strtoull(line + 7, NULL, 16);
        } else if (strncmp(line, "ShdPnd:", 7) == 0) {
            host_shd = strtoull(line + 7, NULL, 16);
        }
    }
    qc_sigbits_from_host(&pnd, host_pnd);
    qc_sigbits_from_host(&shd, host_shd);

    cpu_list_lock();
    cpu = qc_task_cpu(tid);
    if (cpu) {
        TaskState *ts = get_task_state(cpu);
        qc_sigbits_from_sigset(&blk, &ts->signal_mask);
        for (i = 1; i <= TARGET_NSIG; i++) {
            if (ts->sigtab[i - 1].pending) {
                qc_sigbits_add(&pnd, i);
            }
        }
        qc_sigbits_add(&pnd, ts->sync_signal.pending);
    }
    cpu_list_unlock();
    if (!cpu) {
        g_free(text);
        return false;   /* not a guest thread: the host's file */
    }
    qc_guest_sig_handlers(handlers);
    for (i = 1; i <= TARGET_NSIG; i++) {
        if (handlers[i - 1] == TARGET_SIG_IGN) {
            qc_sigbits_add(&ign, i);
        } else if (handlers[i - 1] != TARGET_SIG_DFL) {
            qc_sigbits_add(&cgt, i);
        }
    }

    s = g_string_sized_new(len + 64);
    for (line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (strncmp(line, "SigPnd:", 7) == 0) {
            qc_render_sigbits(s, "SigPnd:", &pnd);
        } else if (strncmp(line, "ShdPnd:", 7) == 0) {
            qc_render_sigbits(s, "ShdPnd:", &shd);
        } else if (strncmp(line, "SigBlk:", 7) == 0) {
            qc_render_sigbits(s, "SigBlk:", &blk);
        } else if (strncmp(line, "SigIgn:", 7) == 0) {
            qc_render_sigbits(s, "SigIgn:", &ign);
        } else if (strncmp(line, "SigCgt:", 7) == 0) {
            qc_render_sigbits(s, "SigCgt:", &cgt);
        } else {
            g_string_append(s, line);
            g_string_append_c(s, '\n');
        }
    }
    g_free(text);

    sfd = memfd_create("qemu-status", 0);
    if (sfd >= 0 && (write(sfd, s->str, s->len) != s->len ||
                     lseek(sfd, 0, SEEK_SET) != 0)) {
        close(sfd);
        sfd = -1;
    }
    g_string_free(s, true);
    if (sfd >= 0) {
        /* read-only, as the kernel's file (a write gives EBADF) */
        char self_fd[32];
        int ro;

        snprintf(self_fd, sizeof(self_fd), "/proc/self/fd/%d", sfd);
        ro = open(self_fd, O_RDONLY);
        if (ro >= 0) {
            close(sfd);
            sfd = ro;
        }
    }
    *fdp = sfd;
    return true;
}

int qc_open_fake_proc(const char *pathname, bool *handled)
{
    int sfd;

    *handled = false;
    if (qc_open_status(pathname, &sfd)) {
        *handled = true;
        return sfd;
    }
#ifdef QC_CPUINFO_BLOCK
    if (strcmp(pathname, "/proc/cpuinfo") == 0) {
        GString *s = g_string_new(QC_CPUINFO_HEAD);
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        int fd;

        for (long i = 0; i < MAX(n, 1); i++) {
            g_string_append_printf(s, QC_CPUINFO_BLOCK, QC_CPUINFO_ARGS((int)i));
        }
        g_string_append(s, QC_CPUINFO_TAIL);
        *handled = true;
        fd = memfd_create("qemu-cpuinfo", 0);
        if (fd >= 0) {
            if (write(fd, s->str, s->len) != s->len ||
                lseek(fd, 0, SEEK_SET) != 0) {
                close(fd);
                fd = -1;
            }
        }
        g_string_free(s, true);
        return fd;
    }
#endif
    return -1;
}
