/* clock: clock_gettime/nanosleep/gettimeofday, including the time64 calls
 * glibc uses on 32-bit targets. */
#include "check.h"
#include <time.h>
#include <sys/time.h>
#include <sys/syscall.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void)
{
    struct timespec a, b, r;
    CHECK(clock_gettime(CLOCK_REALTIME, &a) == 0, "clock_gettime REALTIME");
    time_t now = time(NULL);
    CHECK(a.tv_sec - now <= 1 && now - a.tv_sec <= 1, "REALTIME agrees with time()");
    CHECK(a.tv_sec > 1700000000, "REALTIME is after 2023 (%lld)", (long long)a.tv_sec);
    CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0, "clock_gettime MONOTONIC");
    struct timespec d = { 0, 20 * 1000 * 1000 };
    CHECK(nanosleep(&d, NULL) == 0, "nanosleep 20ms");
    CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0 && ns(b) - ns(a) >= 20000000LL,
          "MONOTONIC advanced by >= 20ms (%lld ns)", ns(b) - ns(a));
    CHECK(clock_getres(CLOCK_MONOTONIC, &r) == 0 && r.tv_sec == 0 && r.tv_nsec > 0 && r.tv_nsec <= 1000000,
          "clock_getres MONOTONIC (%ld ns)", (long)r.tv_nsec);
    struct timeval tv;
    CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000, "gettimeofday");
    CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a) == 0, "CLOCK_PROCESS_CPUTIME_ID");
    CHECK_ERRNO(clock_gettime((clockid_t)12345, &a), EINVAL, "bad clock id gives EINVAL");
    CHECK_ERRNO(syscall(SYS_clock_gettime, CLOCK_REALTIME, (void *)8), EFAULT,
                "clock_gettime to a bad pointer gives EFAULT");
#ifdef SYS_clock_gettime64
    struct { long long sec; long long nsec; } t64;
    CHECK(syscall(SYS_clock_gettime64, CLOCK_REALTIME, &t64) == 0 && t64.sec > 1700000000 &&
          t64.nsec >= 0 && t64.nsec < 1000000000, "clock_gettime64 syscall");
#endif
    return guest_done();
}
