/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/seccomp.c: seccomp(2) and prctl(PR_SET_SECCOMP/PR_GET_SECCOMP) for
 * guests (kernel/seccomp.c).
 *
 * A host seccomp filter would judge the emulator's own host syscalls, so
 * the guest's classic-BPF filters are checked here as the kernel checks
 * them (seccomp_check_filter(), bpf_check_classic()) and run by the
 * emulator on every guest syscall (qc_seccomp_check(), from qc_do_syscall()
 * before the dispatch), over the guest's struct seccomp_data in the guest's
 * byte order: the guest's syscall number (MIPS o32: with its 4000),
 * AUDIT_ARCH_I386/_ARM/_MIPS/_MIPSEL, the pc after the syscall instruction
 * and the six argument words, zero-extended. Actions, the most restrictive
 * of all filters winning: KILL_PROCESS and, for the last thread,
 * KILL_THREAD (the process dies by SIGSYS); KILL_THREAD of one thread of
 * several (that thread exits); TRAP (SIGSYS, si_code SYS_SECCOMP, with
 * si_call_addr, si_syscall, si_arch and the data in si_errno; the call
 * returns ENOSYS); ERRNO; TRACE without a tracer and USER_NOTIF without a
 * listener (ENOSYS, as the kernel answers); LOG and ALLOW. Strict mode
 * allows read, write, exit and sigreturn and kills (SIGKILL) for anything
 * else.
 *
 * What it guards: every syscall a guest program makes through the emulator,
 * including those of a forked child, of its threads, and of a guest program
 * it executes (the filters travel to the new emulator process in a memfd
 * named by QEMU_COMPAT_SECCOMP_FD, which that process reads and removes
 * from the guest's environment before the guest runs). What it does not:
 * the emulator's own host syscalls (by design), a native program the guest
 * executes (it gets the host's view: no guest filters), and filters are
 * process-wide: a filter one thread installs applies to the process's
 * other threads too, as if SECCOMP_FILTER_FLAG_TSYNC were always given
 * (syscalls.spec: seccomp is partial). User notification has no
 * listener here: SECCOMP_FILTER_FLAG_NEW_LISTENER is refused (EINVAL, as an
 * unknown flag), SECCOMP_GET_ACTION_AVAIL reports SECCOMP_RET_USER_NOTIF
 * unavailable (EOPNOTSUPP), and a filter that returns it gets ENOSYS, the
 * kernel's answer when no listener is attached.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sys/prctl.h>
#include <linux/capability.h>
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "guest-access.h"
#include "qc-internal.h"

/* include/uapi/linux/seccomp.h, filter.h, bpf_common.h, audit.h */
#define QC_SECCOMP_SET_MODE_STRICT      0
#define QC_SECCOMP_SET_MODE_FILTER      1
#define QC_SECCOMP_GET_ACTION_AVAIL     2
#define QC_SECCOMP_GET_NOTIF_SIZES      3
#define QC_SECCOMP_FILTER_FLAG_TSYNC    (1u << 0)
#define QC_SECCOMP_FILTER_FLAG_LOG      (1u << 1)
#define QC_SECCOMP_FILTER_FLAG_SPEC_ALLOW (1u << 2)
#define QC_SECCOMP_FILTER_FLAG_NEW_LISTENER (1u << 3)
#define QC_SECCOMP_FILTER_FLAG_TSYNC_ESRCH (1u << 4)
#define QC_SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1u << 5)
#define QC_RET_KILL_PROCESS 0x80000000u
#define QC_RET_KILL_THREAD  0x00000000u
#define QC_RET_TRAP         0x00030000u
#define QC_RET_ERRNO        0x00050000u
#define QC_RET_USER_NOTIF   0x7fc00000u
#define QC_RET_TRACE        0x7ff00000u
#define QC_RET_LOG          0x7ffc0000u
#define QC_RET_ALLOW        0x7fff0000u
#define QC_RET_ACTION_FULL  0xffff0000u
#define QC_RET_DATA         0x0000ffffu
#define QC_BPF_MAXINSNS 4096
#define QC_BPF_MEMWORDS 16
#define QC_SECCOMP_DATA_SIZE 64     /* struct seccomp_data */
#define QC_SYS_SECCOMP 1            /* si_code of the SIGSYS */

#if defined(TARGET_I386)
#define QC_AUDIT_ARCH 0x40000003u   /* AUDIT_ARCH_I386 */
#elif defined(TARGET_ARM)
#define QC_AUDIT_ARCH 0x40000028u   /* AUDIT_ARCH_ARM */
#elif defined(TARGET_MIPS) && TARGET_BIG_ENDIAN
#define QC_AUDIT_ARCH 0x00000008u   /* AUDIT_ARCH_MIPS */
#elif defined(TARGET_MIPS)
#define QC_AUDIT_ARCH 0x40000008u   /* AUDIT_ARCH_MIPSEL */
#endif

/* The pc after the syscall instruction, as the kernel's regs hold it. */
static abi_ulong qc_syscall_pc(CPUArchState *env)
{
#if defined(TARGET_I386)
    return env->eip;
#elif defined(TARGET_ARM)
    return env->regs[15];
#elif defined(TARGET_MIPS)
    return env->active_tc.PC;
#endif
}

typedef struct QCBpfInsn {
    uint16_t code;
    uint8_t jt, jf;
    uint32_t k;
} QCBpfInsn;

typedef struct QCSeccompFilter {
    struct QCSeccompFilter *prev;   /* installed before: also run */
    bool log;
    uint32_t len;
    QCBpfInsn insns[];
} QCSeccompFilter;

/* 0 disabled, 1 strict, 2 filter: process-wide (see above) */
static int qc_seccomp_mode;
static QCSeccompFilter *qc_seccomp_filters;
static QemuMutex qc_seccomp_lock;
bool qc_seccomp_on;

/* BPF classes, sizes, modes, ops (include/uapi/linux/bpf_common.h) */
#define C(code) ((code) & 0x07)
#define LD 0x00
#define LDX 0x01
#define ST 0x02
#define STX 0x03
#define ALU 0x04
#define JMP 0x05
#define RET 0x06
#define MISC 0x07

/*
 * The kernel's check of a new filter: only the instructions seccomp allows
 * (seccomp_check_filter(): absolute word loads inside seccomp_data, LEN
 * turned into that size), jumps inside the program, scratch memory
 * indexes in range, no division by a constant 0, a RET last. false: EINVAL.
 */
static bool qc_bpf_check(QCBpfInsn *f, uint32_t len)
{
    for (uint32_t pc = 0; pc < len; pc++) {
        QCBpfInsn *i = &f[pc];

        switch (i->code) {
        case 0x20:                  /* LD W ABS */
            if (i->k >= QC_SECCOMP_DATA_SIZE || (i->k & 3)) {
                return false;
            }
            break;
        case 0x80:                  /* LD W LEN: the size, as an immediate */
            i->code = 0x00;
            i->k = QC_SECCOMP_DATA_SIZE;
            break;
        case 0x81:                  /* LDX W LEN */
            i->code = 0x01;
            i->k = QC_SECCOMP_DATA_SIZE;
            break;
        case 0x00: case 0x01:       /* LD/LDX IMM */
        case 0x04: case 0x0c:       /* ALU ADD K/X */
        case 0x14: case 0x1c:       /* SUB */
        case 0x24: case 0x2c:       /* MUL */
        case 0x3c:                  /* DIV X */
        case 0x44: case 0x4c:       /* OR */
        case 0x54: case 0x5c:       /* AND */
        case 0x64: case 0x6c:       /* LSH */
        case 0x74: case 0x7c:       /* RSH */
        case 0x84:                  /* NEG */
        case 0x9c:                  /* MOD X */
        case 0xa4: case 0xac:       /* XOR */
        case 0x06: case 0x16:       /* RET K/A */
        case 0x07: case 0x87:       /* MISC TAX/TXA */
            break;
        case 0x34: case 0x94:       /* DIV/MOD K */
            if (i->k == 0) {
                return false;
            }
            break;
        case 0x60: case 0x61:       /* LD/LDX MEM */
        case 0x02: case 0x03:       /* ST/STX */
            if (i->k >= QC_BPF_MEMWORDS) {
                return false;
            }
            break;
        case 0x05:                  /* JA */
            if (i->k >= len - pc - 1) {
                return false;
            }
            break;
        case 0x15: case 0x1d:       /* JEQ K/X */
        case 0x25: case 0x2d:       /* JGT */
        case 0x35: case 0x3d:       /* JGE */
        case 0x45: case 0x4d:       /* JSET */
            if (pc + 1 + i->jt >= len || pc + 1 + i->jf >= len) {
                return false;
            }
            break;
        default:
            return false;
        }
    }
    return len && C(f[len - 1].code) == RET;
}

static uint32_t qc_bpf_run(const QCSeccompFilter *flt, const uint8_t *data)
{
    uint32_t a = 0, x = 0, mem[QC_BPF_MEMWORDS] = { 0 }, w;

    for (uint32_t pc = 0; pc < flt->len; pc++) {
        const QCBpfInsn *i = &flt->insns[pc];
        uint32_t src = (i->code & 0x08) ? x : i->k;

        switch (C(i->code)) {
        case LD:
            if (i->code == 0x20) {
                memcpy(&w, data + i->k, 4);
                a = tswap32(w);             /* seccomp_data is guest-endian */
            } else if (i->code == 0x60) {
                a = mem[i->k];
            } else {
                a = i->k;
            }
            break;
        case LDX:
            x = i->code == 0x61 ? mem[i->k] : i->k;
            break;
        case ST:
            mem[i->k] = a;
            break;
        case STX:
            mem[i->k] = x;
            break;
        case ALU:
            switch (i->code & 0xf0) {
            case 0x00: a += src; break;
            case 0x10: a -= src; break;
            case 0x20: a *= src; break;
            case 0x30: if (!src) { return 0; } a /= src; break;
            case 0x40: a |= src; break;
            case 0x50: a &= src; break;
            case 0x60: a = src < 32 ? a << src : 0; break;
            case 0x70: a = src < 32 ? a >> src : 0; break;
            case 0x80: a = -a; break;
            case 0x90: if (!src) { return 0; } a %= src; break;
            case 0xa0: a ^= src; break;
            }
            break;
        case JMP:
            switch (i->code & 0xf0) {
            case 0x00: pc += i->k; break;
            case 0x10: pc += a == src ? i->jt : i->jf; break;
            case 0x20: pc += a > src ? i->jt : i->jf; break;
            case 0x30: pc += a >= src ? i->jt : i->jf; break;
            case 0x40: pc += (a & src) ? i->jt : i->jf; break;
            }
            break;
        case RET:
            return (i->code & 0x10) ? a : i->k;
        case MISC:
            if (i->code == 0x07) {
                x = a;
            } else {
                a = x;
            }
            break;
        }
    }
    return 0;   /* unreachable: a checked filter ends with RET */
}

/* The action order of kernel/seccomp.c: compared as signed. */
static bool qc_action_before(uint32_t a, uint32_t b)
{
    return (int32_t)(a & QC_RET_ACTION_FULL) < (int32_t)(b & QC_RET_ACTION_FULL);
}

/* The process dies by host signal sig (SIGSYS for a filter's kill, with a
 * core as the kernel's; SIGKILL in strict mode), default action forced. */
static G_NORETURN void qc_seccomp_kill_process(int sig)
{
    struct sigaction sa = { .sa_handler = SIG_DFL };
    sigset_t set;

    sigaction(sig, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    kill(getpid(), sig);
    _exit(128 + sig);
}

/*
 * Run the filters for a guest syscall. true: the call is answered here
 * (*ret), false: it goes on.
 */
bool qc_seccomp_check(CPUArchState *env, int num, const abi_long *args,
                      abi_long *ret, QCUpstreamSyscall *upstream)
{
    uint8_t data[QC_SECCOMP_DATA_SIZE];
    uint32_t r = QC_RET_ALLOW, v;
    uint32_t w;
    uint64_t q;

    if (qc_seccomp_mode == 1) {
        /* kernel/seccomp.c mode1_syscalls_32 */
        if (num == TARGET_NR_read || num == TARGET_NR_write ||
            num == TARGET_NR_exit
#ifdef TARGET_NR_sigreturn
            || num == TARGET_NR_sigreturn
#endif
            ) {
            return false;
        }
        qc_seccomp_kill_process(SIGKILL);
    }
    w = tswap32(num);
    memcpy(data, &w, 4);
    w = tswap32(QC_AUDIT_ARCH);
    memcpy(data + 4, &w, 4);
    q = tswap64((uint64_t)qc_syscall_pc(env));
    memcpy(data + 8, &q, 8);
    for (int i = 0; i < 6; i++) {
        q = tswap64((uint64_t)(abi_ulong)args[i]);
        memcpy(data + 16 + 8 * i, &q, 8);
    }
    qemu_mutex_lock(&qc_seccomp_lock);
    for (const QCSeccompFilter *f = qc_seccomp_filters; f; f = f->prev) {
        v = qc_bpf_run(f, data);
        if (qc_action_before(v, r)) {
            r = v;
        }
    }
    qemu_mutex_unlock(&qc_seccomp_lock);

    switch (r & QC_RET_ACTION_FULL) {
    case QC_RET_ALLOW:
        return false;
    case QC_RET_LOG:
        qemu_log_mask(LOG_UNIMP, "qemu-compat: seccomp: syscall %d logged\n",
                      num);
        return false;
    case QC_RET_ERRNO:
        *ret = -(abi_long)MIN(r & QC_RET_DATA, 4095u);
        return true;
    case QC_RET_TRACE:          /* no tracer */
    case QC_RET_USER_NOTIF:     /* no listener */
        *ret = -TARGET_ENOSYS;
        return true;
    case QC_RET_TRAP: {
        target_siginfo_t info = { 0 };

        info.si_signo = TARGET_SIGSYS;
        info.si_errno = r & QC_RET_DATA;
        info.si_code = QC_SYS_SECCOMP;
        /*
         * struct _sigsys { void *_call_addr; int _syscall; unsigned int
         * _arch; }: three 32-bit words at the start of _sifields, which
         * QEMU's queue keeps for QEMU_SI_CHLD in _pid, _uid and _status.
         */
        info._sifields._sigchld._pid = qc_syscall_pc(env);
        info._sifields._sigchld._uid = num;
        info._sifields._sigchld._status = QC_AUDIT_ARCH;
        queue_signal(env, TARGET_SIGSYS, QEMU_SI_CHLD, &info);
        *ret = -TARGET_ENOSYS;
        return true;
    }
    case QC_RET_KILL_THREAD:
        if (CPU_NEXT(first_cpu)) {
            /* one thread of several: it exits, as by the exit syscall */
            *ret = upstream(env, TARGET_NR_exit, 0, 0, 0, 0, 0, 0, 0, 0);
            return true;
        }
        /* the last thread: the process dies */
        qc_seccomp_kill_process(SIGSYS);
    default:                    /* KILL_PROCESS and unknown actions */
        qc_seccomp_kill_process(SIGSYS);
    }
}

/* NO_NEW_PRIVS, or CAP_SYS_ADMIN in the task's user namespace */
static bool qc_seccomp_may_filter(void)
{
    struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct d[2];

    if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1) {
        return true;
    }
    return syscall(__NR_capget, &h, d) == 0 &&
           (d[0].effective & (1u << CAP_SYS_ADMIN));
}

static void qc_seccomp_add(QCSeccompFilter *f)
{
    qemu_mutex_lock(&qc_seccomp_lock);
    f->prev = qc_seccomp_filters;
    qc_seccomp_filters = f;
    qc_seccomp_mode = 2;
    qc_seccomp_on = true;
    qemu_mutex_unlock(&qc_seccomp_lock);
}

/* SECCOMP_SET_MODE_FILTER: struct sock_fprog { u16 len; compat pointer } */
static abi_long qc_seccomp_set_filter(abi_ulong flags, abi_ulong uprog)
{
    QCSeccompFilter *f;
    uint16_t len;
    abi_ulong filter;
    uint8_t *p;

    if (flags & ~(abi_ulong)(QC_SECCOMP_FILTER_FLAG_TSYNC |
                             QC_SECCOMP_FILTER_FLAG_LOG |
                             QC_SECCOMP_FILTER_FLAG_SPEC_ALLOW |
                             QC_SECCOMP_FILTER_FLAG_TSYNC_ESRCH)) {
        return -TARGET_EINVAL;      /* NEW_LISTENER and unknown flags */
    }
    /* kernel/seccomp.c's order: the fprog (EFAULT), its length (EINVAL),
     * the privilege (EACCES), the program (EFAULT, EINVAL), the mode */
    if (get_user_u16(len, uprog) ||
        get_user_ual(filter, uprog + sizeof(abi_ulong))) {
        return -TARGET_EFAULT;
    }
    if (len == 0 || len > QC_BPF_MAXINSNS) {
        return -TARGET_EINVAL;
    }
    if (!qc_seccomp_may_filter()) {
        return -TARGET_EACCES;
    }
    p = lock_user(VERIFY_READ, filter, len * 8, 1);
    if (!p) {
        return -TARGET_EFAULT;
    }
    f = g_malloc0(sizeof(*f) + len * sizeof(QCBpfInsn));
    f->len = len;
    f->log = flags & QC_SECCOMP_FILTER_FLAG_LOG;
    for (uint32_t i = 0; i < len; i++) {
        uint16_t code;
        uint32_t k;

        memcpy(&code, p + 8 * i, 2);
        memcpy(&k, p + 8 * i + 4, 4);
        f->insns[i].code = tswap16(code);
        f->insns[i].jt = p[8 * i + 2];
        f->insns[i].jf = p[8 * i + 3];
        f->insns[i].k = tswap32(k);
    }
    unlock_user(p, filter, 0);
    if (!qc_bpf_check(f->insns, len) || qc_seccomp_mode == 1) {
        g_free(f);
        return -TARGET_EINVAL;
    }
    qc_seccomp_add(f);
    return 0;
}

static abi_long qc_seccomp_set_strict(void)
{
    if (qc_seccomp_mode == 2) {
        return -TARGET_EINVAL;
    }
    qc_seccomp_mode = 1;
    qc_seccomp_on = true;
    return 0;
}

/* (unsigned int op, unsigned int flags, void *uargs) */
abi_long qc_sys_seccomp(QC_SYSCALL_ARGS)
{
    uint32_t action;

    switch ((uint32_t)arg1) {
    case QC_SECCOMP_SET_MODE_STRICT:
        if (arg2 || arg3) {
            return -TARGET_EINVAL;
        }
        return qc_seccomp_set_strict();
    case QC_SECCOMP_SET_MODE_FILTER:
        return qc_seccomp_set_filter(arg2, arg3);
    case QC_SECCOMP_GET_ACTION_AVAIL:
        if (arg2) {
            return -TARGET_EINVAL;
        }
        if (get_user_u32(action, arg3)) {
            return -TARGET_EFAULT;
        }
        switch (action) {
        case QC_RET_KILL_PROCESS: case QC_RET_KILL_THREAD: case QC_RET_TRAP:
        case QC_RET_ERRNO: case QC_RET_TRACE: case QC_RET_LOG:
        case QC_RET_ALLOW:
            return 0;
        default:
            return -TARGET_EOPNOTSUPP;
        }
    case QC_SECCOMP_GET_NOTIF_SIZES:
        /* struct seccomp_notif_sizes { __u16 notif, resp, data; } */
        if (arg2) {
            return -TARGET_EINVAL;
        }
        if (put_user_u16(80, arg3) || put_user_u16(24, arg3 + 2) ||
            put_user_u16(QC_SECCOMP_DATA_SIZE, arg3 + 4)) {
            return -TARGET_EFAULT;
        }
        return 0;
    default:
        return -TARGET_EINVAL;
    }
}

/* prctl: PR_GET_SECCOMP and PR_SET_SECCOMP here, the rest upstream's */
abi_long qc_sys_prctl(QC_SYSCALL_ARGS)
{
    switch ((int)arg1) {
    case PR_GET_SECCOMP:
        return qc_seccomp_mode;
    case PR_SET_SECCOMP:
        if (arg2 == 1 /* SECCOMP_MODE_STRICT */) {
            return qc_seccomp_set_strict();
        }
        if (arg2 == 2 /* SECCOMP_MODE_FILTER */) {
            return qc_seccomp_set_filter(0, arg3);
        }
        return -TARGET_EINVAL;
    default:
        return qc_syscall_upstream(TARGET_NR_prctl, QC_SYSCALL_FWD);
    }
}

/*
 * Across execve: the mode and the filters, oldest first, in a memfd the
 * new emulator process inherits; its number in QEMU_COMPAT_SECCOMP_FD.
 * Returns the "NAME=fd" string for the new environment, or NULL.
 */
char *qc_seccomp_exec_env(void)
{
    GPtrArray *chain;
    int fd;

    if (!qc_seccomp_on) {
        return NULL;
    }
    fd = memfd_create("qemu-compat-seccomp", 0);
    if (fd < 0) {
        return NULL;
    }
    chain = g_ptr_array_new();
    qemu_mutex_lock(&qc_seccomp_lock);
    for (QCSeccompFilter *f = qc_seccomp_filters; f; f = f->prev) {
        g_ptr_array_insert(chain, 0, f);
    }
    if (write(fd, &qc_seccomp_mode, sizeof(int)) != sizeof(int)) {
        goto fail;
    }
    for (guint i = 0; i < chain->len; i++) {
        QCSeccompFilter *f = g_ptr_array_index(chain, i);
        size_t n = sizeof(*f) + f->len * sizeof(QCBpfInsn);

        if (write(fd, f, n) != n) {
            goto fail;
        }
    }
    qemu_mutex_unlock(&qc_seccomp_lock);
    g_ptr_array_free(chain, true);
    lseek(fd, 0, SEEK_SET);
    return g_strdup_printf("QEMU_COMPAT_SECCOMP_FD=%d", fd);
fail:
    qemu_mutex_unlock(&qc_seccomp_lock);
    g_ptr_array_free(chain, true);
    close(fd);
    return NULL;
}

/* The new emulator process: the filters of the guest that executed it. */
static void __attribute__((constructor)) qc_seccomp_init(void)
{
    const char *e = getenv("QEMU_COMPAT_SECCOMP_FD");
    QCSeccompFilter hdr, *f;
    int fd, mode;

    qemu_mutex_init(&qc_seccomp_lock);
    if (!e) {
        return;
    }
    fd = atoi(e);
    unsetenv("QEMU_COMPAT_SECCOMP_FD");     /* not the guest's */
    if (read(fd, &mode, sizeof(mode)) != sizeof(mode)) {
        /* an inherited chain that cannot be read: refuse to run unguarded */
        fprintf(stderr, "qemu-compat: cannot read the seccomp filters "
                "inherited on fd %d\n", fd);
        exit(EXIT_FAILURE);
    }
    while (read(fd, &hdr, sizeof(hdr)) == sizeof(hdr)) {
        if (hdr.len == 0 || hdr.len > QC_BPF_MAXINSNS) {
            break;
        }
        f = g_malloc0(sizeof(*f) + hdr.len * sizeof(QCBpfInsn));
        *f = hdr;
        if (read(fd, f->insns, hdr.len * sizeof(QCBpfInsn)) !=
            hdr.len * sizeof(QCBpfInsn)) {
            g_free(f);
            break;
        }
        qc_seccomp_add(f);
    }
    close(fd);
    qc_seccomp_mode = mode;
    qc_seccomp_on = mode != 0;
}
