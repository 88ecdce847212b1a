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
    CHECK(strcmp(u.machine, WANT_MACHINE) == 0, "machine is " WANT_MACHINE " (got %s)", u.machine);
    CHECK(strcmp(u.sysname, "Linux") == 0, "sysname is Linux");
    CHECK(u.release[0] >= '2' && u.release[0] <= '9', "release looks like a version (%s)", u.release);
    CHECK_ERRNO(uname((struct utsname *)8), EFAULT, "uname on a bad pointer gives EFAULT");
    return guest_done();
}
