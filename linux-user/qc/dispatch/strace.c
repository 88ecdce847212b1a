/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dispatch/strace.c: -strace output for syscalls that strace.list has no
 * entry for, driven by the generated syscall table (systable.h): every table
 * syscall prints with its name and its arguments by kind. strace.list's own
 * entries (and their custom printers) keep precedence.
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "user-internals.h"
#include "qemu-compat.h"
#include "dispatch/systable.h"

/* Longest string argument printed; longer ones end in "...". */
#define QC_STRACE_STRMAX 64

static void qc_strace_string(FILE *f, abi_ulong addr)
{
    char *s = addr ? lock_user_string(addr) : NULL;

    if (!s) {
        fprintf(f, "0x" TARGET_ABI_FMT_lx, addr);
        return;
    }
    fprintf(f, "\"%.*s\"%s", QC_STRACE_STRMAX, s,
            strlen(s) > QC_STRACE_STRMAX ? "..." : "");
    unlock_user(s, addr, 0);
}

void qc_strace_print(FILE *f, int num, abi_long arg1, abi_long arg2,
                     abi_long arg3, abi_long arg4, abi_long arg5,
                     abi_long arg6)
{
    const QCSyscallInfo *info = qc_syscall_info(num);
    abi_long w[6] = { arg1, arg2, arg3, arg4, arg5, arg6 };
    const char *k;
    int i = 0;

    if (!info) {
        fprintf(f, "Unknown syscall %d", num);
        return;
    }
    fprintf(f, "%s(", info->name);
    for (k = info->args; *k && i < 6; k++) {
        if (k != info->args) {
            fputc(',', f);
        }
        switch (*k) {
        case 'q': {
            /* A 64-bit argument: two registers, in guest word order. */
            uint64_t lo, hi;
            if (qc_systable_pairs_aligned && (i & 1)) {
                i++;
            }
            if (i + 1 >= 6) {
                fprintf(f, "?");
                i = 6;
                break;
            }
#if TARGET_BIG_ENDIAN
            hi = (abi_ulong)w[i];
            lo = (abi_ulong)w[i + 1];
#else
            lo = (abi_ulong)w[i];
            hi = (abi_ulong)w[i + 1];
#endif
            fprintf(f, "%" PRId64, (int64_t)((hi << 32) | lo));
            i += 2;
            break;
        }
        case 's':
            qc_strace_string(f, w[i++]);
            break;
        case 'd':
            if ((int)w[i] == -100) {        /* AT_FDCWD */
                fprintf(f, "AT_FDCWD");
                i++;
                break;
            }
            /* fall through */
        case 'f':
        case 'i':
        case 'g':
            fprintf(f, TARGET_ABI_FMT_ld, w[i++]);
            break;
        case 'u':
            fprintf(f, TARGET_ABI_FMT_lu, (abi_ulong)w[i++]);
            break;
        case 'm':
            fprintf(f, "0%o", (unsigned)w[i++]);
            break;
        case 'x':
        case 'p':
        default:
            fprintf(f, "0x" TARGET_ABI_FMT_lx, (abi_ulong)w[i++]);
            break;
        }
    }
    fputc(')', f);
}

void qc_strace_print_ret(FILE *f, int num, abi_long ret)
{
    const QCSyscallInfo *info = qc_syscall_info(num);
    const char *errstr;

    if (is_error(ret) && (errstr = target_strerror(-ret)) != NULL) {
        fprintf(f, " = -1 errno=%d (%s)\n", (int)-ret, errstr);
    } else if (info && info->ret == 'a') {
        fprintf(f, " = 0x" TARGET_ABI_FMT_lx "\n", (abi_ulong)ret);
    } else {
        fprintf(f, " = " TARGET_ABI_FMT_ld "\n", ret);
    }
}
