/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * compat-ioctl-elig.h: the eligibility rule of the compat_ioctl passthrough
 * (docs/compat-ioctl.md), as plain C so that tests/host/compat-ioctl-unit.c
 * can test it without QEMU: which guest commands may be issued through the
 * host kernel's 32-bit compat layer, and with which (x86) number.
 */
#ifndef LINUX_USER_COMPAT_IOCTL_ELIG_H
#define LINUX_USER_COMPAT_IOCTL_ELIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ioctl/compat-ioctl-table.h"

enum qc_guest_abi {
    QC_ABI_I386,        /* the compat layer's own ABI: every command */
    QC_ABI_ARM,         /* ARM EABI little endian: rows with arm = 1 */
    QC_ABI_MIPSEL,      /* MIPS o32 little endian: rows with mips = 1 */
    QC_ABI_OTHER,       /* big endian or anything else: never */
};

struct qc_compat_ioctl_row {
    const char *name;
    uint32_t x86_cmd;
    unsigned char arm, mips;
};

static const struct qc_compat_ioctl_row qc_compat_ioctl_rows[] = {
#define QC_COMPAT_IOCTL(name, x86, layout, arm, mips) { #name, x86, arm, mips },
#include "ioctl/compat-ioctl-table.h"
#undef QC_COMPAT_IOCTL
};

static inline const struct qc_compat_ioctl_row *qc_compat_ioctl_row(uint32_t x86)
{
    size_t i;

    for (i = 0; i < sizeof(qc_compat_ioctl_rows) / sizeof(qc_compat_ioctl_rows[0]); i++) {
        if (qc_compat_ioctl_rows[i].x86_cmd == x86) {
            return &qc_compat_ioctl_rows[i];
        }
    }
    return NULL;
}

/*
 * May the guest's command cmd go to the compat layer? If so, *x86 is the
 * number to issue and *name the row's name (NULL for an i386 command the
 * table does not list).
 */
static inline bool qc_compat_ioctl_eligible(enum qc_guest_abi abi, uint32_t cmd,
                                            uint32_t *x86, const char **name)
{
    const struct qc_compat_ioctl_row *row;

    switch (abi) {
    case QC_ABI_I386:
        row = qc_compat_ioctl_row(cmd);
        *x86 = cmd;
        *name = row ? row->name : NULL;
        return true;
    case QC_ABI_ARM:
        row = qc_compat_ioctl_row(cmd);
        if (!row || !row->arm) {
            return false;
        }
        *x86 = cmd;
        *name = row->name;
        return true;
    case QC_ABI_MIPSEL:
        *x86 = qc_mips_ioctl_to_x86(cmd);
        if (*x86 == UINT32_MAX) {
            return false;
        }
        row = qc_compat_ioctl_row(*x86);
        if (!row || !row->mips) {
            return false;
        }
        *name = row->name;
        return true;
    default:
        return false;
    }
}

#endif
