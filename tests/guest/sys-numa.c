/*
 * sys-numa: the NUMA memory-policy calls with a 32-bit task's node masks
 * (arrays of 32-bit words) and page lists (32-bit pointers), checked
 * against what the kernel answers: set_mempolicy and get_mempolicy round
 * trip, mbind of a mapped range and of one with a hole (EFAULT), a mask
 * longer than the kernel takes (EINVAL), move_pages' status query and
 * migrate_pages to the same nodes. Also runs natively (x86-64).
 * variants: static
 * timeout: 10
 */
#include "check.h"
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define MPOL_DEFAULT 0
#define MPOL_PREFERRED 1
#define MPOL_BIND 2
#define MPOL_F_ADDR (1 << 1)

int main(void)
{
    uint32_t mask[4] = { 1, 0, 0, 0 }, got[4];      /* node 0 */
    int policy = -1, status = -7;
    long pg = sysconf(_SC_PAGESIZE);

    CHECK(syscall(SYS_set_mempolicy, MPOL_BIND, mask, 65) == 0, "set_mempolicy(MPOL_BIND, node 0)");
    memset(got, 0xff, sizeof(got));
    CHECK(syscall(SYS_get_mempolicy, &policy, got, 65, NULL, 0) == 0 &&
          policy == MPOL_BIND && got[0] == 1 && got[1] == 0,
          "get_mempolicy gives it back (%d %#x %#x)", policy, got[0], got[1]);
    CHECK(syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0) == 0, "set_mempolicy(MPOL_DEFAULT)");
    CHECK_ERRNO(syscall(SYS_set_mempolicy, MPOL_BIND, mask, 8 * 4096 + 2), EINVAL,
                "a mask longer than a page of bits: EINVAL");
    CHECK_ERRNO(syscall(SYS_set_mempolicy, MPOL_BIND, (void *)8, 65), EFAULT, "an unreadable mask: EFAULT");

    char *m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(m != MAP_FAILED, "mmap");
    m[0] = 1;
    CHECK(syscall(SYS_mbind, m, pg, MPOL_PREFERRED, mask, 65, 0) == 0, "mbind of a mapped page");
    CHECK(syscall(SYS_get_mempolicy, &policy, got, 65, m, MPOL_F_ADDR) == 0 && policy == MPOL_PREFERRED,
          "get_mempolicy(MPOL_F_ADDR) sees the page's policy (%d)", policy);
    munmap(m + pg, pg);
    CHECK_ERRNO(syscall(SYS_mbind, m, 3 * pg, MPOL_PREFERRED, mask, 65, 0), EFAULT,
                "mbind of a range with a hole: EFAULT");
    CHECK_ERRNO(syscall(SYS_mbind, m, pg, 99, mask, 65, 0), EINVAL, "mbind of an unknown mode: EINVAL");

    void *pages[1] = { m };
    CHECK(syscall(SYS_move_pages, 0, 1, pages, NULL, &status, 0) == 0 && status == 0,
          "move_pages status query: node 0 (%d)", status);
    pages[0] = m + pg;
    CHECK(syscall(SYS_move_pages, 0, 1, pages, NULL, &status, 0) == 0 && status == -EFAULT,
          "move_pages of an unmapped page: -EFAULT in its status (%d)", status);
    CHECK(syscall(SYS_migrate_pages, 0, 65, mask, mask) >= 0, "migrate_pages to the same node");
    return guest_done();
}
