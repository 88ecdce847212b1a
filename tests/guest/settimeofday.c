/* settimeofday: the raw syscall as kernel/time/time.c takes it. Either
 * pointer may be NULL; both NULL is only the CAP_SYS_TIME check (EPERM, or 0
 * with the capability); tv with tz is checked as a pair (EPERM before the tz
 * range check), not refused with glibc's EINVAL. Nothing here changes the
 * clock or the timezone: every tz given is out of the +-15 h range. */
#include "check.h"
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>

#define QC_CAP_SYS_TIME 25

/* the syscall's own struct __kernel_old_timeval (long on every ABI) */
struct old_timeval { long tv_sec; long tv_usec; };
struct old_timezone { int tz_minuteswest; int tz_dsttime; };

static int has_cap_sys_time(struct __user_cap_data_struct d[2])
{
    struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
    if (syscall(SYS_capget, &h, d) != 0) {
        return -1;
    }
    return (d[0].effective >> QC_CAP_SYS_TIME) & 1;
}

static int drop_cap_sys_time(struct __user_cap_data_struct d[2])
{
    struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
    d[0].effective &= ~(1u << QC_CAP_SYS_TIME);
    return syscall(SYS_capset, &h, d);
}

/* settimeofday(NULL, NULL) in a child: an emulator that dereferences NULL
 * dies there, and the remaining checks still run */
static void null_null(int want_errno, const char *what)
{
    pid_t p = fork();
    if (p == 0) {
        errno = 0;
        long r = syscall(SYS_settimeofday, NULL, NULL);
        _exit(r == 0 ? 0 : r == -1 ? (errno & 0x7f) : 0x7f);
    }
    int st = 0;
    CHECK(p > 0 && waitpid(p, &st, 0) == p, "%s: fork/wait", what);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == want_errno,
          "%s: settimeofday(NULL, NULL) answers %d (status 0x%x)", what,
          want_errno, st);
}

int main(void)
{
    struct __user_cap_data_struct d[2];
    struct old_timeval now = { 0, 0 }, bad_tv = { 0, -1 };
    struct old_timezone bad_tz = { 16 * 60 + 1, 0 };
    int cap = has_cap_sys_time(d);

    CHECK(cap >= 0, "capget");
    CHECK(syscall(SYS_gettimeofday, &now, NULL) == 0, "gettimeofday");

    /* EINVAL for tv_usec out of range comes before the capability check */
    CHECK_ERRNO(syscall(SYS_settimeofday, &bad_tv, NULL), EINVAL,
                "tv_usec -1 gives EINVAL");
    if (cap == 1) {
        null_null(0, "with CAP_SYS_TIME");
        CHECK_ERRNO(syscall(SYS_settimeofday, NULL, &bad_tz), EINVAL,
                    "with CAP_SYS_TIME: tz out of range gives EINVAL");
        CHECK_ERRNO(syscall(SYS_settimeofday, &now, &bad_tz), EINVAL,
                    "with CAP_SYS_TIME: tv with tz out of range gives EINVAL");
        CHECK(drop_cap_sys_time(d) == 0, "capset drops CAP_SYS_TIME");
    }
    null_null(EPERM, "without CAP_SYS_TIME");
    CHECK_ERRNO(syscall(SYS_settimeofday, NULL, &bad_tz), EPERM,
                "without CAP_SYS_TIME: tz alone gives EPERM");
    /* the kernel checks the capability before the tz range (glibc's
     * settimeofday() wrapper would answer EINVAL for tv with tz) */
    CHECK_ERRNO(syscall(SYS_settimeofday, &now, &bad_tz), EPERM,
                "without CAP_SYS_TIME: tv with tz gives EPERM");
    CHECK_ERRNO(syscall(SYS_settimeofday, &bad_tv, NULL), EINVAL,
                "without CAP_SYS_TIME: tv_usec -1 still gives EINVAL");
    return guest_done();
}
