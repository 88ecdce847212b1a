/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * target_vm_layout.h (i386): the address space of a 32-bit i386 process on
 * an x86-64 kernel, as vm-reserve.c lays it out.
 */
#ifndef I386_TARGET_VM_LAYOUT_H
#define I386_TARGET_VM_LAYOUT_H

/* IA32_PAGE_OFFSET (arch/x86/include/asm/processor.h): the top of a compat
 * task's address space and its STACK_TOP. */
#define QC_VM_TASK_SIZE       0xffffe000u
/* The host reservation ends at TASK_SIZE: i386 has no page above it. */
#define QC_VM_RESERVE_END     0xffffe000u
/* __TASK_UNMAPPED_BASE(task_size) = PAGE_ALIGN(task_size / 3)
 * (arch/x86/include/asm/processor.h): legacy bottom-up mmap base. */
#define QC_VM_UNMAPPED_BASE   0x55555000u
/* No kernel page above TASK_SIZE that /proc/self/maps names. */
#define QC_VM_SPECIAL_PAGE    0
#define QC_VM_SPECIAL_NAME    NULL

/* Where a PIE program with an interpreter is loaded: ELF_ET_DYN_BASE for an ia32 task (arch/x86/include/asm/elf.h). */
#define QC_VM_ET_DYN_BASE     0x00400000u

/* MAP_FIXED_NOREPLACE (Linux 4.17), include/uapi/asm-generic/mman-common.h; QEMU 7.2 lacks it. */
#ifndef TARGET_MAP_FIXED_NOREPLACE
#define TARGET_MAP_FIXED_NOREPLACE 0x100000
#endif

/* For MAP_SHARED_VALIDATE's check (include/linux/mman.h LEGACY_MAP_MASK):
 * MAP_SYNC (include/uapi/asm-generic/mman.h) and MAP_32BIT
 * (arch/x86/include/uapi/asm/mman.h), known to an ia32 task. */
#define QC_TARGET_MAP_SYNC         0x80000
#define QC_TARGET_MAP_32BIT        0x40

#endif
