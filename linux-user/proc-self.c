/*
 * proc-self.c: the guest process's view of itself.
 *
 *  - /proc/self/exe is the guest binary: stat/statx/fstatat of it (not with
 *    AT_SYMLINK_NOFOLLOW) look at the guest program, as the kernel's
 *    proc_exe_link() would for the program itself; execve of it re-runs the
 *    guest program under this emulator (the host's /proc/self/exe), which
 *    works with or without a binfmt_misc registration.
 *  - the task's name (comm, /proc/self/status Name:, /proc/self/comm) is the
 *    guest program's basename, as exec (and binfmt_misc) would set it.
 *  - sysinfo() scales its memory fields the way the kernel's compat
 *    sysinfo does (kernel/sys.c), so totalram * mem_unit matches MemTotal
 *    in /proc/meminfo on hosts with more than 4 GiB.
 */
#include "qemu/osdep.h"
#include <sys/prctl.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "user/safe-syscall.h"
#include "qemu-compat.h"

static char *qc_self_exe;   /* absolute path of the guest binary */

void qc_proc_self_init(const char *guest_path)
{
    const char *base;

    qc_self_exe = realpath(guest_path, NULL);
    if (!qc_self_exe) {
        qc_self_exe = g_strdup(guest_path);
    }
    base = strrchr(qc_self_exe, '/');
    base = base ? base + 1 : qc_self_exe;
    /* comm holds 15 characters (TASK_COMM_LEN 16), prctl truncates */
    prctl(PR_SET_NAME, base, 0, 0, 0);
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
#endif

int qc_open_fake_proc(const char *pathname, bool *handled)
{
    *handled = false;
#ifdef QC_CPUINFO_BLOCK
    if (strcmp(pathname, "/proc/cpuinfo") == 0) {
        GString *s = g_string_new(QC_CPUINFO_HEAD);
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        int fd;

        for (long i = 0; i < MAX(n, 1); i++) {
            g_string_append_printf(s, QC_CPUINFO_BLOCK, (int)i, (int)i);
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
