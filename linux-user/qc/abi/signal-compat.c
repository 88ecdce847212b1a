/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/signal-compat.c: siginfo si_code values whose numbers differ between the
 * host and the guest. MIPS numbers SI_ASYNCIO, SI_TIMER and SI_MESGQ -2, -3
 * and -4 (arch/mips/include/uapi/asm/siginfo.h), the generic ABI -4, -2 and
 * -3 (include/uapi/asm-generic/siginfo.h); syscall_defs.h has the guest's
 * TARGET_SI_* values. QEMU 7.2 copied si_code unchanged, so a MIPS guest's
 * mq_notify signal said SI_TIMER (tests/guest/mq-notify.c).
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "qemu-compat.h"

int qc_host_to_target_si_code(int code)
{
    switch (code) {
    case SI_TIMER:
        return TARGET_SI_TIMER;
    case SI_MESGQ:
        return TARGET_SI_MESGQ;
    case SI_ASYNCIO:
        return TARGET_SI_ASYNCIO;
    default:
        return code;
    }
}

int qc_target_to_host_si_code(int code)
{
    switch (code) {
    case TARGET_SI_TIMER:
        return SI_TIMER;
    case TARGET_SI_MESGQ:
        return SI_MESGQ;
    case TARGET_SI_ASYNCIO:
        return SI_ASYNCIO;
    default:
        return code;
    }
}
