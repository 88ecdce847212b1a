/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/fs.h: the guest layouts of the file-system structs qemu-compat
 * translates or passes through (include/uapi/linux/fs.h, openat2.h), and the
 * ioctl numbers built from them.
 *
 * Plain C (stdint only): ioctl/ioctls-extra.c and sys/file.c use it, and so
 * does ioctl/compat-ioctl-table.h, which the host test programs
 * (tests/host/compat-ioctl-probe.c, compat-ioctl-unit.c) compile with the
 * i686, ARM and MIPS cross compilers: every struct here has only naturally
 * aligned fixed-width members, so it is the same on i386, ARM EABI and MIPS
 * o32 (the asserts run under each of those compilers), and the probe checks
 * the numbers against the kernel headers of each.
 *
 * Each ioctl number is written once, as a macro that takes the encoder: the
 * guest's (TARGET_IOR, with a type), the host's (_IOR) or the compat
 * table's (QC_IOR_T).
 */
#ifndef QC_ABI_FS_H
#define QC_ABI_FS_H

#include <stddef.h>
#include <stdint.h>

/* matches struct fsxattr in include/uapi/linux/fs.h */
struct target_fsxattr {
    uint32_t fsx_xflags;
    uint32_t fsx_extsize;
    uint32_t fsx_nextents;
    uint32_t fsx_projid;
    uint32_t fsx_cowextsize;
    unsigned char fsx_pad[8];
};
_Static_assert(sizeof(struct target_fsxattr) == 28, "struct fsxattr");

/* matches struct file_clone_range in include/uapi/linux/fs.h */
struct target_file_clone_range {
    int64_t src_fd;
    uint64_t src_offset;
    uint64_t src_length;
    uint64_t dest_offset;
};
_Static_assert(sizeof(struct target_file_clone_range) == 32, "struct file_clone_range");

/* matches struct file_dedupe_range_info and file_dedupe_range in
 * include/uapi/linux/fs.h */
struct target_file_dedupe_range_info {
    int64_t dest_fd;
    uint64_t dest_offset;
    uint64_t bytes_deduped;
    int32_t status;
    uint32_t reserved;
};
struct target_file_dedupe_range {
    uint64_t src_offset;
    uint64_t src_length;
    uint16_t dest_count;
    uint16_t reserved1;
    uint32_t reserved2;
    /* struct target_file_dedupe_range_info info[dest_count] */
};
_Static_assert(sizeof(struct target_file_dedupe_range_info) == 32, "file_dedupe_range_info");
_Static_assert(sizeof(struct target_file_dedupe_range) == 24, "file_dedupe_range");

/* matches struct fstrim_range in include/uapi/linux/fs.h */
struct target_fstrim_range {
    uint64_t start;
    uint64_t len;
    uint64_t minlen;
};
_Static_assert(sizeof(struct target_fstrim_range) == 24, "struct fstrim_range");

/* matches struct file_attr in include/uapi/linux/fs.h (file_getattr,
 * file_setattr), FILE_ATTR_SIZE_VER0 */
struct target_file_attr {
    uint64_t fa_xflags;
    uint32_t fa_extsize;
    uint32_t fa_nextents;
    uint32_t fa_projid;
    uint32_t fa_cowextsize;
};
_Static_assert(sizeof(struct target_file_attr) == 24, "struct file_attr");
/* its members' sizes in order, for qc_swap_fields() (guest-access.h) */
#define QC_FILE_ATTR_LAYOUT "84444"

/* matches struct open_how in include/uapi/linux/openat2.h, OPEN_HOW_SIZE_VER0 */
struct target_open_how {
    uint64_t flags;
    uint64_t mode;
    uint64_t resolve;
};
_Static_assert(sizeof(struct target_open_how) == 24, "struct open_how");
#define QC_OPEN_HOW_LAYOUT "888"

/* matches struct procmap_query in include/uapi/linux/fs.h (PROCMAP_QUERY on
 * /proc/<pid>/maps, Linux 6.11) */
struct target_procmap_query {
    uint64_t size;
    uint64_t query_flags;
    uint64_t query_addr;
    uint64_t vma_start;
    uint64_t vma_end;
    uint64_t vma_flags;
    uint64_t vma_page_size;
    uint64_t vma_offset;
    uint64_t inode;
    uint32_t dev_major;
    uint32_t dev_minor;
    uint32_t vma_name_size;
    uint32_t build_id_size;
    uint64_t vma_name_addr;
    uint64_t build_id_addr;
};
_Static_assert(sizeof(struct target_procmap_query) == 104, "struct procmap_query");
_Static_assert(offsetof(struct target_procmap_query, dev_major) == 72, "procmap_query");
_Static_assert(offsetof(struct target_procmap_query, vma_name_addr) == 88, "procmap_query");

/* the numbers (include/uapi/linux/fs.h), each once */
#define QC_FS_IOC_FSGETXATTR(IOR)   IOR('X', 31, struct target_fsxattr)
#define QC_FS_IOC_FSSETXATTR(IOW)   IOW('X', 32, struct target_fsxattr)
#define QC_FICLONERANGE(IOW)        IOW(0x94, 13, struct target_file_clone_range)
#define QC_FIDEDUPERANGE(IOWR)      IOWR(0x94, 54, struct target_file_dedupe_range)
#define QC_FITRIM(IOWR)             IOWR('X', 121, struct target_fstrim_range)
#define QC_PROCMAP_QUERY(IOWR)      IOWR('f', 17, struct target_procmap_query)

#endif
