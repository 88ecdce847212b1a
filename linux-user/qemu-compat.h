/*
 * qemu-compat.h: the hooks that upstream files (through patches/) call into
 * qemu-compat's own files. Every hook is declared here, once, so a reader can
 * see the whole surface between upstream QEMU and this fork.
 */
#ifndef LINUX_USER_QEMU_COMPAT_H
#define LINUX_USER_QEMU_COMPAT_H

/*
 * syscall-fallback.c: called by do_syscall1() for every syscall number that
 * upstream's switch does not handle (and by arm/cpu_loop.c for __ARM_NR_*
 * private calls it does not handle). Offers the call to qc_new_syscall(),
 * then answers as the generated syscall table says (by-design errno or
 * -TARGET_ENOSYS, logged under -d unimp with the name and reason).
 */
abi_long qc_syscall_fallback(CPUArchState *cpu_env, int num,
                             abi_long arg1, abi_long arg2, abi_long arg3,
                             abi_long arg4, abi_long arg5, abi_long arg6,
                             abi_long arg7, abi_long arg8);

/*
 * syscalls-new.c: syscalls that QEMU 7.2 lacks. Returns true and stores the
 * result (a value or a negative target errno) in *ret when it handled num.
 */
bool qc_new_syscall(CPUArchState *cpu_env, int num,
                    abi_long arg1, abi_long arg2, abi_long arg3,
                    abi_long arg4, abi_long arg5, abi_long arg6,
                    abi_long arg7, abi_long arg8, abi_long *ret);

/*
 * secure-exec.c: true when the emulator runs with elevated credentials
 * (AT_SECURE, or real and effective ids differ). parse_args() then ignores
 * QEMU_* environment options and calls qc_secure_exec_check_option() for
 * every command-line option, which exits on the refused ones.
 */
bool qc_secure_exec(void);
void qc_secure_exec_check_option(const char *opt);

/*
 * strace-fallback.c: -strace output for numbers that strace.list has no
 * entry for, from the generated syscall table (name and typed arguments);
 * called by strace.c's print_syscall() and print_syscall_ret().
 */
void qc_strace_print(FILE *f, int num, abi_long arg1, abi_long arg2,
                     abi_long arg3, abi_long arg4, abi_long arg5,
                     abi_long arg6);
void qc_strace_print_ret(FILE *f, int num, abi_long ret);

#endif
