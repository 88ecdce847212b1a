/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * target_vm_layout.h (arm): the address space of an AArch32 (EABI) process
 * on an arm64 kernel, as vm-reserve.c lays it out.
 */
#ifndef ARM_TARGET_VM_LAYOUT_H
#define ARM_TARGET_VM_LAYOUT_H

/* STACK_TOP_32 = AARCH32_VECTORS_BASE (arch/arm64/include/asm/processor.h):
 * user mappings end where the vectors page begins. */
#define QC_VM_TASK_SIZE       0xffff0000u
/* The reservation also covers the vectors/kuser-helper page at 0xffff0000,
 * which init_guest_commpage() maps (HI_COMMPAGE in elfload.c). */
#define QC_VM_RESERVE_END     0xffff1000u
/* TASK_UNMAPPED_BASE = PAGE_ALIGN(DEFAULT_MAP_WINDOW / 4) for a compat task
 * (arch/arm64/include/asm/processor.h): legacy bottom-up mmap base. */
#define QC_VM_UNMAPPED_BASE   0x40000000u
/* arch/arm64/kernel/vdso.c: the AArch32 vectors page shows as [vectors]. */
#define QC_VM_SPECIAL_PAGE    0xffff0000u
#define QC_VM_SPECIAL_NAME    "[vectors]"

/* Where a PIE program with an interpreter is loaded: COMPAT_ELF_ET_DYN_BASE = 2 * TASK_SIZE_32 / 3, page-aligned (arch/arm64/include/asm/elf.h). */
#define QC_VM_ET_DYN_BASE     0xaaaaa000u

/* MAP_FIXED_NOREPLACE (Linux 4.17), include/uapi/asm-generic/mman-common.h; QEMU 7.2 lacks it. */
#ifndef TARGET_MAP_FIXED_NOREPLACE
#define TARGET_MAP_FIXED_NOREPLACE 0x100000
#endif

/* For MAP_SHARED_VALIDATE's check (include/linux/mman.h LEGACY_MAP_MASK):
 * MAP_SYNC (include/uapi/asm-generic/mman.h); MAP_32BIT is x86's only. */
#define QC_TARGET_MAP_SYNC         0x80000
#define QC_TARGET_MAP_32BIT        0

#endif
