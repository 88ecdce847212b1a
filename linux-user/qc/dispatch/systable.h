/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * systable.h: the generated per-arch syscall table (scripts/gen-syscalls,
 * from the kernel .tbl files in linux-user/qc/syscalls/ and syscalls.spec): for
 * every number of the guest's kernel table, its name, argument count, support
 * status with the reason, the argument kinds strace prints, and the handler
 * that serves it (qc_syscall_dispatch()).
 */
#ifndef LINUX_USER_SYSTABLE_H
#define LINUX_USER_SYSTABLE_H

/*
 * Every handler's parameters: the CPU state and the guest's argument words
 * as do_syscall() receives them (MIPS o32: words 5-8 from the guest stack).
 * A handler returns the guest's result: a value, or -TARGET_E<errno>.
 */
#define QC_SYSCALL_ARGS CPUArchState *cpu_env, abi_long arg1, abi_long arg2, \
    abi_long arg3, abi_long arg4, abi_long arg5, abi_long arg6, abi_long arg7, \
    abi_long arg8
typedef abi_long QCSyscallHandler(QC_SYSCALL_ARGS);
/* A handler's own arguments, to forward them to a shared helper that takes
 * QC_SYSCALL_ARGS after arguments of its own. */
#define QC_SYSCALL_FWD cpu_env, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8

enum {
    QC_SYS_IMPLEMENTED,     /* translated by the emulator */
    QC_SYS_PASSTHROUGH,     /* forwarded to the host, scalar arguments only */
    QC_SYS_PARTIAL,         /* translated, part of the input ignored */
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
    /* how -strace prints the result: 'a' an address (hex), 'n' none (the
     * call does not return), 'd' a number (syscalls.spec ret) */
    char ret;
    /*
     * ARM: an OABI-only entry ("oabi" in arm's syscall.tbl). An EABI kernel
     * has no entry point for it: EABI callers get ENOSYS
     * (qc_syscall_dispatch()); QEMU's handler serves OABI callers.
     */
    uint8_t oabi_only;
    /* syscalls.spec handler "qc": ours; NULL: upstream's or the table's */
    QCSyscallHandler *handler;
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

/*
 * The one dispatch (called by qc_do_syscall(), dispatch/entry.c): the
 * generated table row of num decides: our handler (syscalls.spec handler
 * "qc"), the row's ENOSYS or by-design errno, or ENOSYS for an ARM
 * OABI-only number called the EABI way. Returns true with the guest's
 * result in *ret when it answered; false sends the call to upstream's
 * switch.
 */
bool qc_syscall_dispatch(CPUArchState *cpu_env, int num,
                         abi_long arg1, abi_long arg2, abi_long arg3,
                         abi_long arg4, abi_long arg5, abi_long arg6,
                         abi_long arg7, abi_long arg8, abi_long *ret);

/*
 * The table's own answer for a row nobody serves (enosys, error): true with
 * -TARGET_E<errno> in *ret, logged under -d unimp with the row's reason.
 */
bool qc_syscall_answer(const QCSyscallInfo *info, int num, abi_long *ret);

/* The table's arch ("i386", "arm", "mips"). */
extern const char qc_systable_arch[];

/* Whether the ABI passes 64-bit arguments in an even/odd register pair. */
extern const bool qc_systable_pairs_aligned;

/* the prototypes of our handlers, generated from syscalls.spec */
#include "syscalls/qc-syscall-handlers.h"

#endif
