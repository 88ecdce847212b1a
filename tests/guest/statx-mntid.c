/*
 * statx-mntid: statx() fills stx_mnt_id (and the fields after it); with
 * STATX_MNT_ID_UNIQUE that is the 64-bit id statmount()/listmount() take
 * (LTP statmount03, statmount08, listmount03 got EINVAL for id 0).
 * variants: static
 */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/stat.h>

#ifndef __NR_statx
# if defined(__i386__)
#  define __NR_statx 383
# elif defined(__arm__)
#  define __NR_statx 397
# elif defined(__mips__)
#  define __NR_statx 4366
# endif
#endif
#ifndef __NR_statmount
# ifdef __mips__
#  define __NR_statmount 4457
#  define __NR_listmount 4458
# else
#  define __NR_statmount 457
#  define __NR_listmount 458
# endif
#endif

struct qc_statx {
    uint32_t mask, blksize; uint64_t attributes; uint32_t nlink, uid, gid;
    uint16_t mode, spare0; uint64_t ino, size, blocks, attributes_mask;
    struct { int64_t sec; uint32_t nsec; int32_t r; } t[4];
    uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
    uint64_t mnt_id; uint32_t dio_mem_align, dio_offset_align;
    uint64_t spare[12];
};
_Static_assert(sizeof(struct qc_statx) == 256, "statx");
struct mnt_id_req { uint32_t size, spare; uint64_t mnt_id, param, mnt_ns_id; };
struct statmount_hdr {
    uint32_t size, mnt_opts; uint64_t mask; uint32_t sb_dev_major, sb_dev_minor;
    uint64_t sb_magic; uint32_t sb_flags, fs_type; uint64_t mnt_id, mnt_parent_id;
    uint32_t mnt_id_old, mnt_parent_id_old; uint64_t rest[58];
};
#ifndef STATX_MNT_ID
# define STATX_MNT_ID 0x1000U
#endif
#ifndef STATX_MNT_ID_UNIQUE
# define STATX_MNT_ID_UNIQUE 0x4000U
#endif
#define STATMOUNT_MNT_BASIC 0x2U

int main(void)
{
    struct qc_statx sx, sxu;
    static struct statmount_hdr sm;
    uint64_t ids[64];
    char line[512];
    long r;

    memset(&sx, 0xa5, sizeof(sx));
    r = syscall(__NR_statx, AT_FDCWD, "/", 0, STATX_MNT_ID, &sx);
    if (r < 0 && errno == ENOSYS) {
        guest_skip("no statx");
    }
    CHECK(r == 0, "statx(/, STATX_MNT_ID)");
    if (!(sx.mask & STATX_MNT_ID)) {
        guest_skip("kernel without STATX_MNT_ID");
    }
    /* the old id is the first field of /proc/self/mountinfo for "/" */
    {
        FILE *f = fopen("/proc/self/mountinfo", "r");
        unsigned long id = 0, found = 0;
        char mp[256];
        while (f && fgets(line, sizeof(line), f)) {
            if (sscanf(line, "%lu %*u %*u:%*u %*s %255s", &id, mp) == 2 &&
                strcmp(mp, "/") == 0) {
                found = id;
            }
        }
        if (f) {
            fclose(f);
        }
        CHECK(found && sx.mnt_id == found,
              "stx_mnt_id %llu is the mountinfo id %lu of /",
              (unsigned long long)sx.mnt_id, found);
    }
    CHECK(sx.spare[11] != 0xa5a5a5a5a5a5a5a5ULL && sx.dio_mem_align != 0xa5a5a5a5,
          "statx wrote the whole struct (spare words zeroed)");

    memset(&sxu, 0, sizeof(sxu));
    r = syscall(__NR_statx, AT_FDCWD, "/", 0, STATX_MNT_ID_UNIQUE, &sxu);
    if (r != 0 || !(sxu.mask & STATX_MNT_ID_UNIQUE)) {
        guest_skip("kernel without STATX_MNT_ID_UNIQUE");
    }
    CHECK(sxu.mnt_id != 0 && sxu.mnt_id != sx.mnt_id,
          "STATX_MNT_ID_UNIQUE gives the unique id (%#llx)",
          (unsigned long long)sxu.mnt_id);

    struct mnt_id_req req = { .size = 24, .mnt_id = sxu.mnt_id,
                              .param = STATMOUNT_MNT_BASIC };
    r = syscall(__NR_statmount, &req, &sm, sizeof(sm), 0);
    if (r < 0 && errno == ENOSYS) {
        guest_skip("no statmount");
    }
    CHECK(r == 0, "statmount(unique id of /, STATMOUNT_MNT_BASIC)");
    CHECK(r != 0 || (sm.mnt_id == sxu.mnt_id && sm.mnt_id_old == sx.mnt_id),
          "statmount: mnt_id %#llx old %u", (unsigned long long)sm.mnt_id,
          sm.mnt_id_old);

    req.param = 0;
    r = syscall(__NR_listmount, &req, ids, 64, 0);
    CHECK(r >= 0, "listmount(unique id of /) = %ld", r);
    return guest_done();
}
