/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * exec/secure-exec.c: the emulator's behaviour when it runs with elevated
 * credentials (binfmt_misc flag 'C' on a setuid/setgid program, or the
 * emulator itself installed setuid).
 *
 * Then whoever started the program is less trusted than the credentials the
 * emulator holds, so -- like the dynamic linker with LD_* variables
 * (glibc elf/dl-support.c, __libc_enable_secure) -- every QEMU_* environment
 * option is ignored, and the command-line options that write files, load
 * code or open ports are refused. The guest learns the same fact from
 * AT_SECURE in its auxv, which the loader copies from the host's.
 * docs/security.md has the threat model.
 */
#include "qemu/osdep.h"
#include "qemu/error-report.h"
#include <sys/auxv.h>
#include "qemu.h"
#include "qemu-compat.h"

/*
 * Options that write files (-D, -trace, -d's log; QEMU 10's -perfmap, which
 * creates /tmp/perf-<pid>.map, and -jitdump, ./jit-<pid>.dump), load code
 * (-plugin) or open a port (-g): refused in secure-exec mode. The rest of
 * 10.0's table (-one-insn-per-tb, -tb-size, -t, -p, -seed, -strace to
 * stderr, ...) neither writes a file nor loads code.
 */
static const char *const refused_options[] = {
    "d", "D", "dfilter", "g", "jitdump", "perfmap", "plugin", "trace",
};

bool qc_secure_exec(void)
{
    static int secure = -1;

    if (secure < 0) {
        secure = getauxval(AT_SECURE) != 0 ||
                 getuid() != geteuid() || getgid() != getegid();
    }
    return secure;
}

void qc_secure_exec_check_option(const char *opt)
{
    if (!qc_secure_exec()) {
        return;
    }
    for (size_t i = 0; i < ARRAY_SIZE(refused_options); i++) {
        if (strcmp(opt, refused_options[i]) == 0) {
            error_report("option -%s is refused in secure-exec mode "
                         "(running with elevated credentials)", opt);
            exit(EXIT_FAILURE);
        }
    }
}
