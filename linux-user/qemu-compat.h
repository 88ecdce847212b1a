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
 * vm-reserve.c: the guest address space at guest_base 0, reserved at
 * start-up and laid out as the kernel lays out a compat task's.
 * qc_vm_setup(): main(), after the options; takes -R/QEMU_RESERVED_VA
 * (0: the arch's default), reserves, sets reserved_va and guest_base, or
 * prints one line naming the cause and exits.
 */
#include "target_vm_layout.h"
void qc_vm_setup(unsigned long *reserved_va_p);
/* true when guest_base is 0 over our reservation (no -B elsewhere). */
bool qc_vm_active(void);
/* setup_arg_pages(): where the stack of len bytes goes (0: anywhere). */
abi_ulong qc_vm_stack_hint(abi_ulong len);
/* load_elf_image(): where a PIE main program with an interpreter goes
 * (ELF_ET_DYN_BASE; 0: anywhere). */
abi_ulong qc_vm_et_dyn_hint(bool pie_with_interp);
/* mmap_find_vma(): kernel placement; -1 when nothing fits. */
abi_ulong qc_vm_find_vma(abi_ulong hint, abi_ulong size, abi_ulong align);
/* target_mmap(): range and MAP_FIXED_NOREPLACE checks; -1 with errno. */
int qc_vm_mmap_check(abi_ulong start, abi_ulong len, int *flags);
/* page_set_flags(): [start, end) became mapped (PAGE_VALID) or not. */
void qc_vm_note_flags(abi_ulong start, abi_ulong end, int flags);
/* Whether no guest page of [start, start + len) is mapped. */
bool qc_vm_range_free(abi_ulong start, abi_ulong len);
/* After the host unmapped guest pages itself: reserve them again. */
void qc_vm_release(abi_ulong start, abi_ulong len);
/* do_shmat(): SHM_REMAP when [start, start + len) is free guest space. */
int qc_vm_shmat_flags(abi_ulong start, abi_ulong len);
/* target_mremap(): the whole call; -1 with errno. */
abi_long qc_vm_mremap(abi_ulong old_addr, abi_ulong old_size,
                      abi_ulong new_size, unsigned long flags,
                      abi_ulong new_addr);
/* open_self_maps(): the guest's /proc/self/maps. */
int qc_vm_show_maps(CPUArchState *cpu_env, int fd);
/* do_openat() fakes: the guest's /proc/self/smaps, the same lines with
 * show_smap()'s fields under each. */
int qc_vm_show_smaps(CPUArchState *cpu_env, int fd);

#endif
