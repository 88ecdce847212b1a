/*
 * compat-ioctl-unit.c: host program for compat-ioctl-layout.sh, compiled with
 * the host gcc against linux-user/qc/ioctl/compat-ioctl-{table,elig}.h.
 *   rows          print "name x86_cmd layout arm mips" for every table row
 *   mips2x86 N..  print qc_mips_ioctl_to_x86(N) for each (decimal) N
 *   check         unit checks of the MIPS conversion and of eligibility
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ioctl/compat-ioctl-elig.h"

static int failures;
#define T(cond, ...) do { printf((cond) ? "PASS " : "FAIL "); printf(__VA_ARGS__); \
                          printf("\n"); failures += !(cond); } while (0)

static void check_mips(uint32_t mips, uint32_t want, const char *what)
{
    uint32_t got = qc_mips_ioctl_to_x86(mips);
    T(got == want, "mips->x86 %s: 0x%08x -> 0x%08x (want 0x%08x)", what, mips, got, want);
}

static void check_elig(enum qc_guest_abi abi, const char *abiname, uint32_t cmd,
                       bool want, uint32_t want_x86, const char *what)
{
    uint32_t x86 = 0;
    const char *name = NULL;
    bool got = qc_compat_ioctl_eligible(abi, cmd, &x86, &name);
    T(got == want && (!got || x86 == want_x86),
      "eligible %s %s 0x%08x: %s%s%s (x86 0x%08x)", abiname, what, cmd,
      got ? "yes" : "no", name ? " as " : "", name ? name : "", x86);
}

int main(int argc, char **argv)
{
    size_t i;

    if (argc >= 2 && !strcmp(argv[1], "rows")) {
#define QC_COMPAT_IOCTL(name, x86, layout, arm, mips) \
        printf("%s %u %s %d %d\n", #name, (unsigned)(x86), #layout, arm, mips);
#include "ioctl/compat-ioctl-table.h"
#undef QC_COMPAT_IOCTL
        return 0;
    }
    if (argc >= 2 && !strcmp(argv[1], "mips2x86")) {
        for (i = 2; i < (size_t)argc; i++) {
            printf("%u\n", (unsigned)qc_mips_ioctl_to_x86(strtoul(argv[i], NULL, 0)));
        }
        return 0;
    }
    /* MIPS numbers as mips-linux-gnu's headers define them */
    check_mips(0x20005441, 0x00005441, "TIOCGPTPEER _IO('T',0x41)");
    check_mips(0x401c581f, 0x801c581f, "FS_IOC_FSGETXATTR _IOR('X',31,28)");
    check_mips(0x801c5820, 0x401c5820, "FS_IOC_FSSETXATTR _IOW('X',32,28)");
    check_mips(0xc0189436, 0xc0189436, "FIDEDUPERANGE _IOWR(0x94,54,24)");
    check_mips(0x40046601, 0x80046601, "FS_IOC32_GETFLAGS _IOR('f',1,int)");
    check_mips(0x5fff0000 | 0x5201, 0x9fff5201, "_IOR with the 13-bit size maximum");
    check_mips(0x00004c00, 0x00004c00, "LOOP_SET_FD fixed number unchanged");
    check_mips(0x0000540d, 0x0000540d, "MIPS TCGETS fixed number unchanged");
    check_mips(0x60001234, UINT32_MAX, "dir NONE|READ is no encoding");
    check_mips(0xa0001234, UINT32_MAX, "dir NONE|WRITE is no encoding");
    check_mips(0x20041234, UINT32_MAX, "_IO with a size is no encoding");

    check_elig(QC_ABI_I386, "i386", 0x80046601, true, 0x80046601, "FS_IOC32_GETFLAGS");
    check_elig(QC_ABI_I386, "i386", 0x12345678, true, 0x12345678, "a command no table knows");
    check_elig(QC_ABI_ARM, "arm", 0x801c581f, true, 0x801c581f, "FS_IOC_FSGETXATTR");
    check_elig(QC_ABI_ARM, "arm", 0x00005413, true, 0x00005413, "TIOCGWINSZ");
    check_elig(QC_ABI_ARM, "arm", 0x00004c02, true, 0x4c02, "LOOP_SET_STATUS");
    check_elig(QC_ABI_MIPSEL, "mipsel", 0x00004c02, false, 0, "LOOP_SET_STATUS (MIPS dev_t in loop_info is 32-bit)");
    check_elig(QC_ABI_ARM, "arm", 0x12345678, false, 0, "a command no table knows");
    check_elig(QC_ABI_MIPSEL, "mipsel", 0x401c581f, true, 0x801c581f, "FS_IOC_FSGETXATTR");
    check_elig(QC_ABI_MIPSEL, "mipsel", 0x00004c00, true, 0x00004c00, "LOOP_SET_FD");
    check_elig(QC_ABI_MIPSEL, "mipsel", 0x00005401, false, 0, "MIPS TCGETA (= x86 TCGETS number)");
    check_elig(QC_ABI_MIPSEL, "mipsel", 0x20005441, false, 0, "TIOCGPTPEER (O_* flags differ)");
    check_elig(QC_ABI_MIPSEL, "mipsel", 0x801c581f, false, 0, "x86-encoded FSGETXATTR (decodes as _IOW nr 31: no row)");
    check_elig(QC_ABI_OTHER, "big-endian", 0x801c581f, false, 0, "FS_IOC_FSGETXATTR");
    /* rows are unique: a duplicate x86 number would make the lookup ambiguous */
    for (i = 0; i < sizeof(qc_compat_ioctl_rows) / sizeof(qc_compat_ioctl_rows[0]); i++) {
        const struct qc_compat_ioctl_row *r = qc_compat_ioctl_row(qc_compat_ioctl_rows[i].x86_cmd);
        if (r != &qc_compat_ioctl_rows[i]) {
            T(0, "table row %s duplicates %s", qc_compat_ioctl_rows[i].name, r->name);
        }
    }
    T(1, "table: %zu rows, x86 numbers unique", i);
    return failures != 0;
}
