/*
 * newsys.h: shared by the newsys-*.c guest tests (syscalls Linux added after
 * QEMU 7.2). glibc 2.36's headers lack most of these numbers, so they are
 * defined here from the Linux 7.2.13 tables: from 424 on i386, ARM EABI and
 * x86-64 use the same numbers; MIPS o32 adds 4000.
 *
 * The same sources are also built for the x86-64 host and run natively by
 * tests/host/newsys-native.sh (QC_NATIVE=1): their CHECKs must pass against
 * the real kernel, and every PROBE line (a result that depends on the host
 * kernel's configuration: an LSM, a kernel version) must be identical
 * between the native run and each emulated arch.
 */
#ifndef QC_NEWSYS_H
#define QC_NEWSYS_H

#include "check.h"
#include <stdint.h>
#include <sys/syscall.h>

#if defined(__mips__)
#define QC_NR(n) (4000 + (n))
#else
#define QC_NR(n) (n)
#endif

#define NR_pidfd_send_signal QC_NR(424)
#define NR_open_tree         QC_NR(428)
#define NR_move_mount        QC_NR(429)
#define NR_fsopen            QC_NR(430)
#define NR_fsconfig          QC_NR(431)
#define NR_fsmount           QC_NR(432)
#define NR_fspick            QC_NR(433)
#define NR_pidfd_open        QC_NR(434)
#define NR_clone3            QC_NR(435)
#define NR_close_range       QC_NR(436)
#define NR_openat2           QC_NR(437)
#define NR_pidfd_getfd       QC_NR(438)
#define NR_faccessat2        QC_NR(439)
#define NR_process_madvise   QC_NR(440)
#define NR_epoll_pwait2      QC_NR(441)
#define NR_mount_setattr     QC_NR(442)
#define NR_quotactl_fd       QC_NR(443)
#define NR_landlock_create_ruleset QC_NR(444)
#define NR_landlock_add_rule QC_NR(445)
#define NR_landlock_restrict_self QC_NR(446)
#define NR_memfd_secret      QC_NR(447)
#define NR_process_mrelease  QC_NR(448)
#define NR_futex_waitv       QC_NR(449)
#define NR_set_mempolicy_home_node QC_NR(450)
#define NR_cachestat         QC_NR(451)
#define NR_fchmodat2         QC_NR(452)
#define NR_futex_wake        QC_NR(454)
#define NR_futex_wait        QC_NR(455)
#define NR_futex_requeue     QC_NR(456)
#define NR_statmount         QC_NR(457)
#define NR_listmount         QC_NR(458)
#define NR_lsm_get_self_attr QC_NR(459)
#define NR_lsm_set_self_attr QC_NR(460)
#define NR_lsm_list_modules  QC_NR(461)
#define NR_mseal             QC_NR(462)
#define NR_setxattrat        QC_NR(463)
#define NR_getxattrat        QC_NR(464)
#define NR_listxattrat       QC_NR(465)
#define NR_removexattrat     QC_NR(466)
#define NR_open_tree_attr    QC_NR(467)
#define NR_file_getattr      QC_NR(468)
#define NR_file_setattr      QC_NR(469)
#define NR_listns            QC_NR(470)
#define NR_rseq_slice_yield  QC_NR(471)
/* The 64-bit-time variants exist only on 32-bit ABIs; x86-64's plain
 * calls take the same 64-bit structs. */
#if defined(__x86_64__)
#define NR_io_pgetevents_time64 SYS_io_pgetevents
#define NR_recvmmsg_time64   SYS_recvmmsg
#else
#define NR_io_pgetevents_time64 QC_NR(416)
#define NR_recvmmsg_time64   QC_NR(417)
#endif

/* A pointer no process can access (kernel half / unmapped low page). */
#define BADPTR ((void *)16)

/* A result the host kernel decides (configuration, version): printed for
 * tests/host/newsys-native.sh to compare with the native run. */
#define PROBE(name, expr) do {                                             \
        errno = 0;                                                         \
        long r_ = (long)(expr);                                            \
        PROBE_RES(name, r_, errno);                                        \
    } while (0)

/* The same for a result already taken: r and the errno saved with it. */
#define PROBE_RES(name, r, e) do {                                         \
        if ((r) < 0)                                                       \
            printf("PROBE %s = -%s\n", (name), strerrorname_np(e));        \
        else                                                               \
            printf("PROBE %s = ok\n", (name));                             \
        fflush(stdout);                                                    \
    } while (0)

#define PROBE_VAL(name, fmt, ...) do {                                     \
        printf("PROBE %s = " fmt "\n", (name), __VA_ARGS__);               \
        fflush(stdout);                                                    \
    } while (0)

#endif
