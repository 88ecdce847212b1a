/*
 * systable.h: the generated per-arch syscall table (scripts/gen-syscalls,
 * from the kernel .tbl files in linux-user/syscalls/ and syscalls.spec): for
 * every number of the guest's kernel table, its name, argument count, support
 * status with the reason, and the argument kinds strace prints.
 */
#ifndef LINUX_USER_SYSTABLE_H
#define LINUX_USER_SYSTABLE_H

enum {
    QC_SYS_IMPLEMENTED,     /* translated by the emulator */
    QC_SYS_PASSTHROUGH,     /* forwarded to the host, scalar arguments only */
    QC_SYS_ENOSYS,          /* ENOSYS, with a reason */
    QC_SYS_ERROR,           /* a fixed errno by design, with a reason */
};

typedef struct QCSyscallInfo {
    const char *name;
    uint8_t nargs;
    uint8_t status;         /* QC_SYS_* */
    int16_t err;            /* QC_SYS_ERROR: the positive target errno */
    const char *errname;    /* QC_SYS_ERROR: "EPERM", ... */
    const char *reason;     /* one line; empty for implemented/passthrough */
    /*
     * One letter per argument for strace: f fd, d dirfd, s string, p pointer,
     * i signed, u unsigned, x flags (hex), m mode (octal), g signal,
     * q 64-bit value in two registers (an aligned pair where the ABI says so).
     */
    const char *args;
    /*
     * ARM: an OABI-only entry ("oabi" in arm's syscall.tbl). An EABI kernel
     * has no entry point for it: EABI callers get ENOSYS
     * (qc_syscall_gate()); QEMU's handler serves OABI callers.
     */
    uint8_t oabi_only;
} QCSyscallInfo;

/* Calls outside the numbered table (ARM's __ARM_NR_* private calls). */
typedef struct QCSyscallPrivate {
    abi_long nr;
    QCSyscallInfo info;
} QCSyscallPrivate;

/*
 * The row for guest syscall number num (as the guest passes it: MIPS o32
 * numbers include the 4000 offset), or NULL when num is in no table.
 */
const QCSyscallInfo *qc_syscall_info(abi_long num);

/* The table's arch ("i386", "arm", "mips"). */
extern const char qc_systable_arch[];

/* Whether the ABI passes 64-bit arguments in an even/odd register pair. */
extern const bool qc_systable_pairs_aligned;

#endif
