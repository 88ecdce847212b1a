/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qemu-compat.h: the hooks that upstream files (through patches/) call into
 * qemu-compat's own files. Every hook is declared here, once, so a reader can
 * see the whole surface between upstream QEMU and this fork.
 */
#ifndef LINUX_USER_QEMU_COMPAT_H
#define LINUX_USER_QEMU_COMPAT_H

#include "user/signal.h"   /* target_to_host_signal() (moved there in QEMU 9) */

/*
 * dispatch/entry.c: do_syscall() hands every guest syscall to
 * qc_do_syscall(), with upstream's do_syscall1() for the calls the table
 * leaves to upstream; it returns the guest's result.
 */
typedef abi_long QCUpstreamSyscall(CPUArchState *cpu_env, int num,
                                   abi_long arg1, abi_long arg2,
                                   abi_long arg3, abi_long arg4,
                                   abi_long arg5, abi_long arg6,
                                   abi_long arg7, abi_long arg8);
abi_long qc_do_syscall(CPUArchState *cpu_env, int num,
                       abi_long arg1, abi_long arg2, abi_long arg3,
                       abi_long arg4, abi_long arg5, abi_long arg6,
                       abi_long arg7, abi_long arg8,
                       QCUpstreamSyscall *upstream);

/*
 * dispatch/fallback.c: called by do_syscall1() for a number upstream's switch
 * does not handle (and by arm/cpu_loop.c for __ARM_NR_* private calls it
 * does not handle): ENOSYS, logged under -d unimp. The table has answered
 * every number whose row is not served by upstream already.
 */
abi_long qc_syscall_fallback(CPUArchState *cpu_env, int num,
                             abi_long arg1, abi_long arg2, abi_long arg3,
                             abi_long arg4, abi_long arg5, abi_long arg6,
                             abi_long arg7, abi_long arg8);

/*
 * exec/secure-exec.c: true when the emulator runs with elevated credentials
 * (AT_SECURE, or real and effective ids differ). parse_args() then ignores
 * QEMU_* environment options and calls qc_secure_exec_check_option() for
 * every command-line option, which exits on the refused ones.
 */
bool qc_secure_exec(void);
void qc_secure_exec_check_option(const char *opt);

/*
 * dispatch/strace.c: -strace output for numbers that strace.list has no
 * entry for, from the generated syscall table (name and typed arguments);
 * called by strace.c's print_syscall() and print_syscall_ret().
 */
void qc_strace_print(FILE *f, int num, abi_long arg1, abi_long arg2,
                     abi_long arg3, abi_long arg4, abi_long arg5,
                     abi_long arg6);
void qc_strace_print_ret(FILE *f, int num, abi_long ret);

/*
 * abi/robust-list.c: robust futex lists. set/get_robust_list (table
 * handlers) keep each guest thread's head; these exit hooks walk the list
 * of the thread that dies (exit) or of every thread (exit_group, fatal
 * signal); sys/exec.c walks them before an execve (qc-internal.h).
 */
void qc_robust_list_exit(CPUArchState *env);
void qc_robust_list_exit_group(CPUArchState *env);
/*
 * true: target_sig's default action ends the process, and the emulator
 * catches it while the guest's action is SIG_DFL (signal_init(),
 * do_sigaction()), so that dump_core_and_abort() walks the robust lists.
 */
bool qc_signal_default_kills(int target_sig);

/*
 * abi/socket-compat.c: socket options and received control messages QEMU 7.2
 * does not convert. qc_setsockopt/qc_getsockopt are offered every call
 * first (true: handled, *ret set); host_to_target_cmsg() asks
 * qc_cmsg_target_len() for the guest payload size and
 * qc_host_to_target_cmsg() to convert a type it does not know.
 */
bool qc_setsockopt(int fd, int level, int optname, abi_ulong optval_addr,
                   socklen_t optlen, abi_long *ret);
bool qc_getsockopt(int fd, int level, int optname, abi_ulong optval_addr,
                   abi_ulong optlen_addr, abi_long *ret);
int qc_cmsg_target_len(int level, int type, int len);
bool qc_host_to_target_cmsg(int level, int type, void *target_data,
                            const void *data, int len, int tgt_len);

/*
 * proc/proc-self.c: the process's own view. qc_proc_self_init() (main, before
 * loading) records the guest binary (exec/proctitle.c names the task);
 * qc_self_exe_path() turns /proc/self/exe into the guest binary for stat
 * calls and execve (exec/exec-foreign.c then re-runs it under the emulator);
 * qc_sysinfo_compat() scales struct sysinfo like the kernel's compat_sysinfo.
 */
struct sysinfo;
void qc_proc_self_init(const char *guest_path);
const char *qc_self_exe_path(const char *p, int flags);
void qc_sysinfo_compat(struct sysinfo *s);
/* Files of /proc shown in guest terms (/proc/cpuinfo on ARM and MIPS, the
 * status of the process and its threads). */
int qc_open_fake_proc(const char *pathname, bool *handled);
/* signal.c: the guest's handler of each signal, handlers[TARGET_NSIG] */
void qc_guest_sig_handlers(abi_ulong *handlers);

/*
 * sys/clone-ns.c: fork-like clone() with namespace flags. do_fork() asks
 * qc_clone_fork_check() (0 or -TARGET_EINVAL; unsupported = the flags
 * upstream cannot do in a fork) and creates the child with qc_clone_fork()
 * (fork() semantics: pid, 0 in the child, -1 and errno).
 */
abi_long qc_clone_fork_check(unsigned int flags, unsigned int unsupported);
pid_t qc_clone_fork(unsigned int flags);
/*
 * sys/clone-vm.c: CLONE_VM without CLONE_THREAD (vfork(), posix_spawn(),
 * clone(CLONE_VM|...)): a process sharing the guest's memory, on a CPU of
 * its own. do_fork() returns qc_clone_vm_process() for such flags (CLONE_VFORK
 * included: the parent waits). TARGET_NR_exit calls qc_clone_vm_exit(), which
 * returns unless this task is such a child; exit_group asks qc_clone_vm_self()
 * (the robust lists of the memory-sharing parent are not this task's).
 */
int qc_clone_vm_process(CPUArchState *env, unsigned int flags,
                        abi_ulong newsp, abi_ulong parent_tidptr,
                        target_ulong newtls, abi_ulong child_tidptr);
bool qc_clone_vm_self(void);
void qc_clone_vm_exit(int status);

/*
 * ioctl/compat-ioctl.c: -compat-ioctl off|unknown|all (QEMU_COMPAT_IOCTL), from
 * main.c's argument table.
 */
void qc_compat_ioctl_option(const char *arg);

/*
 * ioctl/compat-ioctl.c, called by do_ioctl() in syscall.c:
 * qc_ioctl_first() before its table: in the 'all' mode it issues eligible
 * commands through the host's compat_ioctl layer (returns true, *ret set);
 * qc_ioctl_unknown() for a command its table has no row for: our own
 * translations, the passthrough, else -TARGET_ENOTTY as the kernel answers.
 */
bool qc_ioctl_first(int fd, int cmd, abi_long arg, abi_long *ret);
abi_long qc_ioctl_unknown(int fd, int cmd, abi_long arg);


/*
 * exec/elf-check.c: the kernel's limits on a program's ELF headers
 * (fs/binfmt_elf.c), checked by load_elf_image() before it trusts them:
 * false, with *errp set, for a file the kernel refuses with ENOEXEC.
 */
bool qc_elf_check_phdrs(unsigned phnum, size_t phentsize, Error **errp);
bool qc_elf_check_interp(uint64_t filesz, Error **errp);
bool qc_elf_check_load(int i, uint64_t offset, uint64_t filesz,
                       uint64_t vaddr, uint64_t memsz, int fd,
                       uint64_t image_size, Error **errp);
/*
 * exec/exec-foreign.c: running foreign guest programs without binfmt_misc.
 * qc_handle_arg_execve() takes -execve / QEMU_EXECVE (on|off), from main.c's
 * option table; qc_exec_foreign_init() gets the -L and -cpu values after
 * option parsing (main.c).
 */
void qc_handle_arg_execve(const char *arg);
void qc_exec_foreign_init(const char *interp_prefix, const char *cpu_model);
/*
 * -execfd FD (set by a parent emulator's exec mode, exec/exec-foreign.c): the
 * program is open on FD, as binfmt_misc's flag O passes it in AT_EXECFD;
 * main.c loads it from there (and the loader closes FD). 0 when not given.
 */
void qc_handle_arg_execfd(const char *arg);
int qc_exec_foreign_fd(void);

/*
 * exec/proctitle.c: the process shows the guest's argv in /proc/<pid>/cmdline
 * and the executed path's name in /proc/<pid>/comm. qc_proctitle_init(): first
 * thing in main(), notes the host's argument area and points argv[] at copies;
 * qc_proctitle_set(): after loader_exec(), points the kernel's argument and
 * environment areas at the guest's strings (or writes the guest's argv over
 * the host's area) and names the task (preserve_argv0: started by binfmt_misc
 * with P). -execname NAME (set by a parent emulator's exec mode) is the name.
 */
struct image_info;
void qc_proctitle_init(int argc, char **argv);
void qc_proctitle_set(const struct image_info *info, char **guest_argv,
                      const char *exec_path, bool preserve_argv0);
void qc_handle_arg_execname(const char *arg);

/*
 * vm/vm-reserve.c: the guest address space at guest_base 0, reserved at
 * start-up and laid out as the kernel lays out a compat task's.
 * qc_vm_setup(): main(), after the options; takes -R/QEMU_RESERVED_VA
 * (reserved_va, the last byte; 0: the arch's default), reserves, sets
 * reserved_va and guest_base, or prints one line naming the cause and exits.
 */
#include "target_vm_layout.h"
void qc_vm_setup(unsigned long *reserved_va_p);
/* true when guest_base is 0 over our reservation (no -B elsewhere). */
bool qc_vm_active(void);
/* setup_arg_pages(): where the stack of len bytes goes (0: anywhere). */
abi_ulong qc_vm_stack_hint(abi_ulong len);
/* main(): elf_et_dyn_base, where a PIE main program with an interpreter
 * goes (the kernel's ELF_ET_DYN_BASE; 0: anywhere). */
abi_ulong qc_vm_et_dyn_hint(bool pie_with_interp);
/* mmap_find_vma(): kernel placement; -1 when nothing fits. */
abi_ulong qc_vm_find_vma(abi_ulong hint, abi_ulong size, abi_ulong align);
/*
 * A host mmap flag no host kernel gives a meaning (x86-64 has MAP_32BIT
 * 0x40 and MAP_ABOVE4G 0x80; 0x200 and 0x400 are free there and on
 * arm64): do_mmap() syscall.c sets it under MAP_SHARED_VALIDATE for a
 * guest flag the guest's kernel would refuse, and the host refuses the
 * mapping with EOPNOTSUPP in its own order of checks.
 */
#define QC_MAP_REFUSED 0x400
QEMU_BUILD_BUG_ON(QC_MAP_REFUSED & (MAP_GROWSDOWN | MAP_DENYWRITE |
                                    MAP_EXECUTABLE | MAP_LOCKED |
                                    MAP_NORESERVE | MAP_ANONYMOUS |
                                    MAP_FIXED | MAP_TYPE));
/* target_mmap(): range and MAP_FIXED_NOREPLACE checks; -1 with errno. */
int qc_vm_mmap_check(abi_ulong start, abi_ulong len, int *flags);
/* target_mmap(): [start, end) was mapped with MAP_GROWSDOWN or not. */
void qc_vm_note_growsdown(abi_ulong start, abi_ulong end, bool growsdown);
/* A guest access to an unmapped addr (host_signal_handler(),
 * page_check_range()): true when a MAP_GROWSDOWN mapping above it grew
 * down to it, as the kernel grows one. */
bool qc_vm_grow_stack(abi_ulong addr);
/* After the host unmapped guest pages itself: reserve them again. */
void qc_vm_release(abi_ulong start, abi_ulong len);
/* target_mmap(): the guest memory that a mapping of an io_uring ring fd at
 * offset (len bytes) is (sys/io_uring.c), or 0 for any other mapping. */
abi_ulong qc_mmap_fd_region(int fd, uint64_t offset, abi_ulong len);
/* Whether a page of [start, end) is sealed (mseal): target_mprotect()
 * answers EPERM then, as munmap, mremap and fixed mmaps do here. */
bool qc_vm_sealed(abi_ulong start, uint64_t end);
/* target_munmap(): give the guest's mappings in [start, start + len) back
 * to the reservation, clearing their page flags; -1 with errno (ENOMEM at
 * vm.max_map_count, as the kernel's munmap). */
int qc_vm_unmap(abi_ulong start, abi_ulong len);
/* target_mremap(): the whole call; -1 with errno. */
abi_long qc_vm_mremap(abi_ulong old_addr, abi_ulong old_size,
                      abi_ulong new_size, unsigned long flags,
                      abi_ulong new_addr);
/* open_self_maps(): the guest's /proc/self/maps. */
int qc_vm_show_maps(CPUArchState *cpu_env, int fd);
/* do_openat() fakes: the guest's /proc/self/smaps, the same lines with
 * show_smap()'s fields under each. */
int qc_vm_show_smaps(CPUArchState *cpu_env, int fd);

/* do_openat() names the memfd that holds the guest's /proc/self/maps so,
 * by which ioctl/ioctls-extra.c knows the fd (PROCMAP_QUERY). */
#define QC_PROC_MAPS_MEMFD "qemu-compat-maps"

/*
 * sys/mm.c: the calls on ranges of guest memory (table handlers: msync,
 * mlock, munlock, mlockall, munlockall, mincore, madvise, ...), answered as the kernel
 * answers them: ENOMEM for a range with pages the guest has not mapped
 * (the host sees the reservation there), the rest from the host on the
 * guest's mappings. mlockall() locks the guest's mappings only, and
 * MCL_FUTURE is kept here: target_mmap() asks qc_mlock_future_check()
 * before a new mapping (EAGAIN over RLIMIT_MEMLOCK) and locks it with
 * qc_mlock_future_apply() after.
 */
int qc_mlock_future_check(abi_ulong len);
void qc_mlock_future_apply(abi_ulong start, abi_ulong len);

/*
 * host/host-fault.c: the emulator's own crashes. signal.c's host signal
 * handlers call qc_host_fault() where upstream calls die_from_signal(): a
 * synchronous host SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP that is neither in
 * generated code nor a guest access of a helper or the translator. A fault
 * on a mapped guest page inside a syscall's emulation returns from the
 * syscall with EFAULT (mask: the faulting code's signal mask); anything
 * else prints one "internal error" line (with the syscall being emulated)
 * and aborts. qc_host_fault_init() gives the thread an alternate signal
 * stack (so a host stack overflow is reported).
 */
void qc_host_fault_init(void);
G_NORETURN void qc_host_fault(int host_sig, siginfo_t *info,
                              uintptr_t host_pc, const void *mask);
/*
 * host/init-signals.c: the guest as its PID namespace's init (pid 1), which
 * the kernel makes SIGNAL_UNKILLABLE. signal.c's handle_pending_signal()
 * discards an asynchronous SIG_DFL signal when qc_init_discards_signal();
 * dump_core_and_abort() calls qc_die_by_forced_signal(host_sig) after
 * sending itself host_sig: as pid 1 it makes the host CPU fault with that
 * signal (the host kernel discarded the one sent) and does not return.
 */
bool qc_init_discards_signal(void);
void qc_die_by_forced_signal(int host_sig);
/*
 * host_signal_handler() in a thread that runs no guest code (thread_cpu is
 * NULL; QEMU's call_rcu thread, which blocks every signal now: host-fault.c
 * defines qemu_thread_block_fault_signals, which qemu_thread_create() reads)
 * hands the signal here: a fault of that thread is reported like
 * qc_host_fault()'s; any other signal is blocked in this thread (mask:
 * the one its sigreturn restores) and sent to the process again, for a
 * guest thread.
 */
void qc_host_signal_no_guest(int host_sig, siginfo_t *info, uintptr_t host_pc,
                             sigset_t *mask);
/*
 * Scratch buffers of the syscall being emulated: g_try_malloc()ed (NULL:
 * answer ENOMEM); qc_do_syscall() frees them when the syscall returns, also
 * after a fault's EFAULT return, which skips the handler's frees.
 */
void *qc_scratch_alloc(size_t size);
void qc_scratch_free(void *p);      /* done with it earlier (in a loop) */

/* abi/signal-compat.c: si_code numbers that differ (MIPS SI_TIMER & co) */
int qc_host_to_target_si_code(int code);
int qc_target_to_host_si_code(int code);

#if defined(TARGET_I386)
/* fn(env, opaque) with the CPU's exceptions caught (host/host-fault.c): false
 * when it raised one, instead of a longjmp to a stale cpu_exec() frame.
 * i386 sigreturn restores the signal frame through it (badframe). */
bool qc_x86_catch(CPUX86State *env, void (*fn)(CPUX86State *, void *),
                  void *opaque);

/*
 * cpu/x86-gdt.c: a thread's GDT (TARGET_GDT_ENTRIES descriptors, zeroed) in
 * guest memory, a slot of a page shared by all threads' GDTs instead of a
 * mapping of its own: for target_cpu_copy_regs() and cpu_copy(); -1 when
 * no page could be mapped. qc_x86_gdt_free(): target_cpu_free().
 */
abi_ulong qc_x86_gdt_alloc(void);
void qc_x86_gdt_free(abi_ulong addr);
#endif

/*
 * host/guest-lengths.c: kernel limits on guest-chosen sizes that syscall.c uses
 * to size host buffers. qc_sendmsg_control_check(): sendmsg's control buffer
 * walked as the compat kernel walks it (0 or a negative target errno);
 * qc_recvmsg_control_cap(): recvmsg's host buffer is capped.
 * qc_poll_nfds_invalid(): nfds above RLIMIT_NOFILE (EINVAL).
 * QC_CPUMASK_MAX: the most bytes sched_{get,set}affinity ever transfer
 * (cpumask_size() with NR_CPUS at most 8192 is 1024 bytes).
 */
abi_long qc_sendmsg_control_check(abi_ulong control, abi_ulong controllen);
void qc_recvmsg_control_cap(size_t *host_len);
bool qc_poll_nfds_invalid(abi_ulong nfds);
/* msgsnd's checks before the text is copied: 0 or a negative target errno. */
abi_long qc_msgsnd_check(int msqid, abi_long mtype, ssize_t msgsz,
                         abi_ulong mtext);
#define QC_CPUMASK_MAX 8192

/*
 * The other direction: upstream functions our files call, made non-static
 * by patches/ ("expose do_fork, do_sendrecvmmsg, fcntl_flags_tbl ..." with
 * check_zeroed_user and target_to_host_timespec64; signal.c's "one consistent
 * signal action per delivery"), declared once here.
 */
int do_fork(CPUArchState *env, unsigned int flags, abi_ulong newsp,
            abi_ulong parent_tidptr, target_ulong newtls,
            abi_ulong child_tidptr);
abi_long do_sendrecvmmsg(int fd, abi_ulong target_msgvec,
                         unsigned int vlen, unsigned int flags, int send);
abi_long do_recvmmsg_timeout(int fd, abi_ulong target_msgvec,
                             unsigned int vlen, unsigned int flags,
                             abi_ulong target_timeout, bool time64);
/* 1 when the guest bytes [ksize, usize) of addr are all zero (or usize <=
 * ksize), 0 when one is not, -TARGET_EFAULT */
int check_zeroed_user(abi_long addr, size_t ksize, size_t usize);
/* struct __kernel_timespec from the guest; tv_nsec's upper half dropped as
 * the kernel's get_timespec64() drops it for a compat task */
abi_long target_to_host_timespec64(struct timespec *host_ts,
                                   abi_ulong target_addr);
/* signal.c: the guest's signal actions, saved and put back around a
 * vfork-like child that shares them (sys/clone-vm.c) */
void *qc_sigact_save(void);
void qc_sigact_restore(void *saved);

#if defined(TARGET_MIPS)
/*
 * cpu/mips-unaligned.c: an address error (EXCP_AdEL/AdES, CP0_BadVAddr) as
 * the kernel's do_ade() handles it: the misaligned load or store emulated
 * and the pc advanced (past the branch, in a delay slot), or the guest's
 * SIGBUS/SIGSEGV/SIGILL; called by mips/cpu_loop.c.
 */
void qc_mips_do_ade(CPUMIPSState *env);
#endif

#endif
