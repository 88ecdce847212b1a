/*
 * qemu-compat.h: the hooks that upstream files (through patches/) call into
 * qemu-compat's own files. Every hook is declared here, once, so a reader can
 * see the whole surface between upstream QEMU and this fork.
 */
#ifndef LINUX_USER_QEMU_COMPAT_H
#define LINUX_USER_QEMU_COMPAT_H

/*
 * syscall-fallback.c: called by do_syscall1() for every syscall number that
 * upstream's switch does not handle. Offers the call to qc_new_syscall(), then
 * answers as the syscall table says (by-design errno or -TARGET_ENOSYS).
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
 * exec-foreign.c: running foreign guest programs without binfmt_misc.
 * qc_handle_arg_execve() takes -execve / QEMU_EXECVE (on|off), from main.c's
 * option table; qc_exec_foreign_init() gets the -L and -cpu values after
 * option parsing (main.c). qc_exec_foreign() is called by the execve
 * syscall with the locked host strings: it returns true and stores the result
 * in *ret when it ran (or refused) the program through an emulator, false
 * when the kernel's execve should run it (native or unknown programs).
 */
void qc_handle_arg_execve(const char *arg);
void qc_exec_foreign_init(const char *interp_prefix, const char *cpu_model);
bool qc_exec_foreign(const char *path, char **argv, char **envp,
                     abi_long *ret);

#endif
