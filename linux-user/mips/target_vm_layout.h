/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * target_vm_layout.h (mips, mipsel): the address space of an o32 process on
 * a mips64 kernel, as vm-reserve.c lays it out.
 */
#ifndef MIPS_TARGET_VM_LAYOUT_H
#define MIPS_TARGET_VM_LAYOUT_H

/* TASK_SIZE32 (arch/mips/include/asm/processor.h): the top of an o32
 * task's address space and its STACK_TOP (no VDSO data page in QEMU). */
#define QC_VM_TASK_SIZE       0x7fff8000u
#define QC_VM_RESERVE_END     0x7fff8000u
/* TASK_UNMAPPED_BASE = PAGE_ALIGN(TASK_SIZE / 3)
 * (arch/mips/include/asm/processor.h): legacy bottom-up mmap base. */
#define QC_VM_UNMAPPED_BASE   0x2aaa8000u
#define QC_VM_SPECIAL_PAGE    0
#define QC_VM_SPECIAL_NAME    NULL

/* Where a PIE program with an interpreter is loaded: ELF_ET_DYN_BASE = TASK_SIZE / 3 * 2 (arch/mips/include/asm/elf.h). */
#define QC_VM_ET_DYN_BASE     0x55550000u

/* MAP_FIXED_NOREPLACE (Linux 4.17), arch/mips/include/uapi/asm/mman.h; QEMU 7.2 lacks it. */
#ifndef TARGET_MAP_FIXED_NOREPLACE
#define TARGET_MAP_FIXED_NOREPLACE 0x100000
#endif

/* For MAP_SHARED_VALIDATE's check (include/linux/mman.h LEGACY_MAP_MASK):
 * arch/mips/include/uapi/asm/mman.h has no MAP_SYNC (include/linux/mman.h
 * makes it 0) and no MAP_32BIT. */
#define QC_TARGET_MAP_SYNC         0
#define QC_TARGET_MAP_32BIT        0

#endif
