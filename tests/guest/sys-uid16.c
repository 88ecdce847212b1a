/*
 * sys-uid16: setfsuid/setfsgid, number 138/139. On i386 and ARM they are the
 * 16-bit forms (kernel/uid16.c setfsuid16/setfsgid16): the argument is an
 * old_uid_t, so only its low 16 bits count, and low2highuid() makes 0xffff
 * the "no change" id -1; the old fs id comes back as __sys_setfsuid()
 * (kernel/sys.c) returns it, whole, not through high2lowuid(). On MIPS o32
 * the same name is the 32-bit sys_setfsuid: 0xffff is a real id there.
 * The current fs id is read with the 32-bit call and id -1 (no change).
 * LTP: setfsuid02_16, setfsgid01_16.
 */
#include "check.h"
#include <sys/syscall.h>

#if defined(__NR_setfsuid32)
#define UID16 1
#define NR_FSUID32 __NR_setfsuid32
#define NR_FSGID32 __NR_setfsgid32
#else
#define UID16 0
#define NR_FSUID32 __NR_setfsuid
#define NR_FSGID32 __NR_setfsgid
#endif

static long fsuid16(unsigned long id) { return syscall(__NR_setfsuid, id); }
static long fsgid16(unsigned long id) { return syscall(__NR_setfsgid, id); }
static long fsuid32(unsigned long id) { return syscall(NR_FSUID32, id); }
static long fsgid32(unsigned long id) { return syscall(NR_FSGID32, id); }
#define CUR_FSUID() fsuid32(-1)
#define CUR_FSGID() fsgid32(-1)

int main(void)
{
    long r;

    if (geteuid() != 0)
        guest_skip("setting the fs ids to others needs CAP_SETUID/CAP_SETGID (not root)");

    fsuid32(0);
    fsgid32(0);
    CHECK(CUR_FSUID() == 0 && CUR_FSGID() == 0, "fs ids start at 0");

    if (UID16) {
        /* setfsuid02_16: 0xffff is -1, an invalid id: nothing changes */
        r = fsuid16(0xffff);
        CHECK(r == 0, "setfsuid16(0xffff) returns the old fsuid 0 (got %ld)", r);
        r = CUR_FSUID();
        CHECK(r == 0, "setfsuid16(0xffff) leaves the fsuid (got %ld)", r);

        /* setfsgid01_16's sequence */
        r = fsgid16(65534);
        CHECK(r == 0, "setfsgid16(65534) returns 0 (got %ld)", r);
        r = fsgid16(0xffff);
        CHECK(r == 65534, "setfsgid16(0xffff) returns 65534 (got %ld)", r);
        r = fsgid16(0);
        CHECK(r == 65534, "setfsgid16(0xffff) left the fsgid 65534 (got %ld)", r);

        /* only the low 16 bits are the id */
        r = fsuid16(0x10005);
        CHECK(r == 0, "setfsuid16(0x10005) returns 0 (got %ld)", r);
        r = CUR_FSUID();
        CHECK(r == 5, "setfsuid16(0x10005) sets fsuid 5 (got %ld)", r);
        r = fsgid16(0x30007);
        CHECK(r == 0, "setfsgid16(0x30007) returns 0 (got %ld)", r);
        r = CUR_FSGID();
        CHECK(r == 7, "setfsgid16(0x30007) sets fsgid 7 (got %ld)", r);

        /* an old id above 16 bits comes back whole (no high2lowuid) */
        fsuid32(70000);
        if (CUR_FSUID() != 70000) {
            SKIP("uid 70000 is not mapped in this user namespace");
        } else {
            r = fsuid16(0);
            CHECK(r == 70000, "setfsuid16(0) returns the old fsuid 70000 (got %ld)", r);
            r = CUR_FSUID();
            CHECK(r == 0, "setfsuid16(0) sets fsuid 0 (got %ld)", r);
        }
    } else {
        /* MIPS o32: the 32-bit call, 0xffff is uid 65535 */
        r = fsuid16(0xffff);
        CHECK(r == 0, "setfsuid(0xffff) returns 0 (got %ld)", r);
        r = CUR_FSUID();
        CHECK(r == 0xffff, "setfsuid(0xffff) sets fsuid 65535 (got %ld)", r);
        r = fsgid16(0xffff);
        CHECK(r == 0, "setfsgid(0xffff) returns 0 (got %ld)", r);
        r = CUR_FSGID();
        CHECK(r == 0xffff, "setfsgid(0xffff) sets fsgid 65535 (got %ld)", r);
    }
    fsuid32(0);
    fsgid32(0);
    CHECK(CUR_FSUID() == 0 && CUR_FSGID() == 0, "fs ids back at 0");
    return guest_done();
}
