/*
 * check.h: the tiny check library every guest test program uses.
 *
 * Each check prints one line, "PASS <what>" or "FAIL <what>: <detail>", and
 * guest_done() exits with the number of failures (0 = success), so the
 * harness (tests/run) can report both the individual line and the case.
 *
 * Nothing that cannot run here may drop out silently (no "return;" after a
 * refusal, no CHECK(1, ...)): a sub-case that cannot run calls
 * SKIP(fmt, ...), which prints one "SKIP <reason>" line and goes on;
 * tests/run counts the SKIP lines of every test and prints the totals. A
 * program that cannot run at all calls guest_skip(reason): it prints
 * "SKIP <reason>" and exits 77 (the automake convention); guest_done() with
 * no check but some SKIPs exits 77 too. tests/run counts a program that
 * printed a FAIL line and then exits 77 as failed.
 */
#ifndef QEMU_COMPAT_TEST_CHECK_H
#define QEMU_COMPAT_TEST_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int guest_failures;
static int guest_checks;
static int guest_skips;

#define CHECK(cond, ...) do {                                              \
        guest_checks++;                                                    \
        if (cond) {                                                        \
            printf("PASS ");                                               \
            printf(__VA_ARGS__);                                           \
            printf("\n");                                                  \
        } else {                                                           \
            int e_ = errno;                                                \
            guest_failures++;                                              \
            printf("FAIL ");                                               \
            printf(__VA_ARGS__);                                           \
            printf(": (%s) at %s:%d errno=%d %s\n", #cond, __FILE__,       \
                   __LINE__, e_, strerror(e_));                            \
        }                                                                  \
        fflush(stdout);                                                    \
    } while (0)

/* A sub-case that cannot run here: one counted "SKIP <reason>" line. */
#define SKIP(...) do {                                                     \
        guest_skips++;                                                     \
        printf("SKIP ");                                                   \
        printf(__VA_ARGS__);                                               \
        printf("\n");                                                      \
        fflush(stdout);                                                    \
    } while (0)

/* A syscall result that must succeed (>= 0). */
#define CHECK_OK(expr, ...) do {                                           \
        errno = 0;                                                         \
        long r_ = (long)(expr);                                            \
        CHECK(r_ >= 0, __VA_ARGS__);                                       \
    } while (0)

/* A call that must fail with exactly errno E. */
#define CHECK_ERRNO(expr, E, ...) do {                                     \
        errno = 0;                                                         \
        long r_ = (long)(expr);                                            \
        int e2_ = errno;                                                   \
        CHECK(r_ == -1 && e2_ == (E), __VA_ARGS__);                        \
        if (!(r_ == -1 && e2_ == (E)))                                     \
            printf("  got ret=%ld errno=%d (%s), want errno=%d (%s)\n",   \
                   r_, e2_, strerror(e2_), (E), strerror(E));             \
    } while (0)

/*
 * QC_NATIVE=1 (tests/run -e native, tests/host/sys-native.sh): the program
 * runs with no emulator, on a kernel that runs it. Checks of the emulator's
 * own by-design answers are skipped; everything else must hold natively too.
 */
static inline int qc_native(void)
{
    const char *s = getenv("QC_NATIVE");
    return s && *s == '1';
}

static inline int guest_done(void)
{
    fflush(stdout);
    if (guest_checks == 0 && guest_skips > 0)
        exit(77);            /* every sub-case said why it cannot run */
    if (guest_checks == 0) {
        printf("FAIL no check ran\n");
        exit(1);
    }
    fflush(stdout);
    exit(guest_failures > 255 ? 255 : guest_failures);
}

static inline void guest_skip(const char *reason)
{
    printf("SKIP %s\n", reason);
    fflush(stdout);
    exit(77);
}

#endif
