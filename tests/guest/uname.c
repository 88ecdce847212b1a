/* uname: the machine string a guest sees must be the guest's. */
#include "check.h"
#include <sys/utsname.h>

#if defined(__i386__)
#define WANT_MACHINE "i686"
#elif defined(__arm__)
#define WANT_MACHINE "armv7l"
#elif defined(__mips__)
#define WANT_MACHINE "mips"
#endif

int main(void)
{
    struct utsname u;
    CHECK(uname(&u) == 0, "uname");
    printf("machine=%s sysname=%s release=%s\n", u.machine, u.sysname, u.release);
#if defined(__i386__)
    /* natively on an x86-64 kernel (no linux32 personality) a 32-bit task
     * sees x86_64; the emulator answers what an i686 machine says */
    if (qc_native() && strcmp(u.machine, "x86_64") == 0)
        SKIP("machine is " WANT_MACHINE ": a native i386 task on an x86-64 kernel sees x86_64 "
             "(no linux32 personality)");
    else
#endif
    CHECK(strcmp(u.machine, WANT_MACHINE) == 0, "machine is " WANT_MACHINE " (got %s)", u.machine);
    CHECK(strcmp(u.sysname, "Linux") == 0, "sysname is Linux");
    CHECK(u.release[0] >= '2' && u.release[0] <= '9', "release looks like a version (%s)", u.release);
    CHECK_ERRNO(uname((struct utsname *)8), EFAULT, "uname on a bad pointer gives EFAULT");
    return guest_done();
}
