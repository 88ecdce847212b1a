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
 * compat-ioctl.c: -compat-ioctl off|unknown|all (QEMU_COMPAT_IOCTL), from
 * main.c's argument table.
 */
void qc_compat_ioctl_option(const char *arg);

/*
 * compat-ioctl.c, called by do_ioctl() in syscall.c:
 * qc_ioctl_first() before its table: in the 'all' mode it issues eligible
 * commands through the host's compat_ioctl layer (returns true, *ret set);
 * qc_ioctl_unknown() for a command its table has no row for: our own
 * translations, the passthrough, else -TARGET_ENOTTY as the kernel answers.
 */
bool qc_ioctl_first(int fd, int cmd, abi_long arg, abi_long *ret);
abi_long qc_ioctl_unknown(int fd, int cmd, abi_long arg);

/*
 * ioctls-extra.c: commands QEMU 7.2's ioctls.h lacks. Returns true and sets
 * *ret when it knows cmd.
 */
bool qc_ioctl_extra(int fd, uint32_t cmd, abi_long arg, abi_long *ret);

#endif
