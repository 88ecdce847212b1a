/* auxsecure: the guest's AT_SECURE must say whether it runs with elevated
 * credentials (QC_EXPECT_SECURE=1, set by tests/host/secure-exec.sh, which
 * runs the emulator setuid), and be 0 otherwise. */
#include "check.h"
#include <sys/auxv.h>

int main(void)
{
    const char *e = getenv("QC_EXPECT_SECURE");
    unsigned long want = e && *e == '1';
    unsigned long got = getauxval(AT_SECURE);
    printf("AT_SECURE=%lu uid=%d euid=%d\n", got, (int)getuid(), (int)geteuid());
    CHECK(got == want, "AT_SECURE is %lu", want);
    CHECK((getuid() != geteuid()) == (int)want, "real and effective uid differ exactly when secure");
    return guest_done();
}
