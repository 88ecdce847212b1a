/*
 * syscalls-new.c: syscalls from the Linux 7.2 tables that QEMU 7.2 lacks.
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "user-internals.h"
#include "qemu-compat.h"

bool qc_new_syscall(CPUArchState *cpu_env, int num,
                    abi_long arg1, abi_long arg2, abi_long arg3,
                    abi_long arg4, abi_long arg5, abi_long arg6,
                    abi_long arg7, abi_long arg8, abi_long *ret)
{
    switch (num) {
    default:
        return false;
    }
}
