// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-compat-binfmt: the entrypoint of the qemu-compat-binfmt image
 * (scripts/make-image), in the spirit of tonistiigi/binfmt: registers the
 * image's emulators (/usr/bin/qemu-{i386,arm,mips,mipsel}) with the kernel's
 * binfmt_misc, removes them, or reports what is registered, as JSON.
 *
 *   docker run --privileged --rm IMAGE --install all
 *   docker run --privileged --rm IMAGE --uninstall arm,mips
 *   docker run --privileged --rm IMAGE            (= --status)
 *
 * Flag F by default: the kernel opens the emulator when the entry is
 * registered, so it keeps working after this container is gone and inside
 * every other container. -P, -O, -C add flags P, O, C (docs/binfmt.md).
 * i386 is not registered on a kernel that runs i386 programs itself (x86-64
 * with IA32 emulation: an entry would shadow the native loader) unless
 * --force-i386 is given. binfmt_misc is mounted on its directory when it is
 * not.
 *
 * The magic/mask table is generated from scripts/qemu-binfmt-conf (the one
 * home of those values) into binfmt-table.h by scripts/make-image.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef QC_VERSION
#define QC_VERSION "unknown"
#endif

struct arch {
    const char *name;       /* qemu-<name>, our arch name */
    const char *magic;      /* binfmt_misc \xHH notation */
    const char *mask;
};
static const struct arch arches[] = {
#include "binfmt-table.h"
};
#define NARCH (sizeof(arches) / sizeof(arches[0]))

/* Docker platforms each of our arches gives (the first is its own name). */
static const char *const platforms[][3] = {
    { "i386", "linux/386", NULL },
    { "arm", "linux/arm/v7", "linux/arm/v6" },
    { "mips", "linux/mips", NULL },
    { "mipsel", "linux/mipsle", NULL },
};
/* Other emulators' entries that setup-qemu-action's platform list names. */
static const char *const other_platforms[][2] = {
    { "qemu-aarch64", "linux/arm64" }, { "qemu-riscv64", "linux/riscv64" },
    { "qemu-ppc64le", "linux/ppc64le" }, { "qemu-s390x", "linux/s390x" },
    { "qemu-mips64el", "linux/mips64le" }, { "qemu-mips64", "linux/mips64" },
    { "qemu-loongarch64", "linux/loong64" },
};

static const char *prog = "qemu-compat-binfmt";
static const char *bm_dir = "/proc/sys/fs/binfmt_misc";
static const char *qemu_dir = "/usr/bin";
static bool flag_p, flag_o, flag_c, flag_f = true, force_i386;

static void msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void usage(FILE *f)
{
    fprintf(f,
"Usage: %s [ACTION...] [OPTION...]\n"
"Register qemu-compat's emulators (i386, arm, mips, mipsel) with binfmt_misc.\n"
"\n"
"Actions (none: --status):\n"
"  --install LIST     register LIST's emulators (an entry of the same name is\n"
"                     replaced)\n"
"  --uninstall LIST   remove LIST's entries\n"
"  --status           print what is registered, as JSON (also after the others)\n"
"  --version, --help\n"
"LIST: comma separated, \"all\" or arch names: i386 (386, x86, linux/386),\n"
"  arm (armhf, armel, arm/v7, arm/v6, linux/arm/v7), mips, mipsel (mipsle).\n"
"\n"
"Options:\n"
"  -P, --preserve-argv0  flag P: the program's argv[0] reaches the guest\n"
"  -O, --open-binary     flag O: the kernel passes an open descriptor of the program\n"
"  -C, --credentials     flag C (implies O): setuid/setgid guest programs get their\n"
"                        privileges; the emulator then runs with them (docs/binfmt.md)\n"
"      --no-fix-binary   drop flag F (default on: the kernel opens the emulator now,\n"
"                        so it works in every container after this one exits)\n"
"      --force-i386      register i386 even where the kernel runs i386 natively\n"
"      --qemu-path DIR   directory of the emulators (default /usr/bin)\n"
"      --binfmt-dir DIR  binfmt_misc (default /proc/sys/fs/binfmt_misc; mounted\n"
"                        there when it is not)\n", prog);
}

/* --- the i386 probe ------------------------------------------------------ */
#ifdef __x86_64__
static void probe_fault(int sig)
{
    _exit(128 + sig);
}
#endif

/*
 * Does this kernel run i386 programs itself? A child tries getpid through
 * the i386 entry (int $0x80); without IA32 emulation that faults. The child
 * catches the fault, so the kernel logs nothing.
 */
static bool native_i386(void)
{
#ifdef __x86_64__
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit no_core = { 0, 0 };
        long ret;
        setrlimit(RLIMIT_CORE, &no_core);
        signal(SIGSEGV, probe_fault);
        signal(SIGILL, probe_fault);
        asm volatile("int $0x80" : "=a"(ret) : "0"(20L) : "memory", "r8", "r9", "r10", "r11");
        _exit((int)ret == getpid() ? 0 : 1);
    }
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) < 0) {
        return false;
    }
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
#else
    return false;
#endif
}

/* --- binfmt_misc ----------------------------------------------------------- */
static char *path_in_bm(const char *name)
{
    char *p;
    if (asprintf(&p, "%s/%s", bm_dir, name) < 0) {
        exit(1);
    }
    return p;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Mount binfmt_misc on bm_dir when it is not; false with a message on failure. */
static bool ensure_mounted(void)
{
    char *reg = path_in_bm("register");
    bool ok = exists(reg);
    if (!ok) {
        if (mount("binfmt_misc", bm_dir, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0) {
            msg("mounted binfmt_misc on %s", bm_dir);
            ok = true;
        } else {
            msg("binfmt_misc is not mounted on %s and mounting it failed: %s "
                "(run the container with --privileged)", bm_dir, strerror(errno));
        }
    }
    free(reg);
    return ok;
}

static bool write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    ssize_t n = write(fd, text, strlen(text));
    int e = errno;
    close(fd);
    errno = e;
    return n == (ssize_t)strlen(text);
}

/* The contents of an entry file, or NULL. */
static char *read_entry(const char *name)
{
    char *p = path_in_bm(name), *buf = NULL;
    size_t cap = 0, len = 0;
    FILE *f = fopen(p, "re");
    free(p);
    if (!f) {
        return NULL;
    }
    buf = malloc(cap = 4096);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap) {
            buf = realloc(buf, cap *= 2);
        }
    }
    fclose(f);
    if (buf) {
        buf[len] = 0;
    }
    return buf;
}

/* The value of "KEY value" (or "KEY: value") in an entry's text, malloc'd. */
static char *entry_field(const char *text, const char *key)
{
    size_t k = strlen(key);
    for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        if (strncmp(l, key, k) == 0 && (l[k] == ' ' || l[k] == ':')) {
            const char *v = l + k + (l[k] == ':' ? 2 : 1);
            return strndup(v, strcspn(v, "\n"));
        }
    }
    return NULL;
}

static const char *flags_string(void)
{
    static char f[8];
    char *p = f;
    if (flag_p) *p++ = 'P';
    if (flag_o || flag_c) *p++ = 'O';
    if (flag_c) *p++ = 'C';
    if (flag_f) *p++ = 'F';
    *p = 0;
    return f;
}

static int install(const struct arch *a, bool native)
{
    char name[32], interp[4096], *line, *entry;
    snprintf(name, sizeof(name), "qemu-%s", a->name);
    if (strcmp(a->name, "i386") == 0 && native && !force_i386) {
        msg("not installing i386: this kernel runs i386 programs natively (--force-i386 to install anyway)");
        return 0;
    }
    snprintf(interp, sizeof(interp), "%s/qemu-%s", qemu_dir, a->name);
    if (access(interp, X_OK) != 0) {
        msg("%s: %s is not executable: %s", name, interp, strerror(errno));
        return 1;
    }
    entry = path_in_bm(name);
    bool replaced = exists(entry);
    if (replaced && !write_file(entry, "-1")) {
        msg("%s: cannot remove the existing entry: %s", name, strerror(errno));
        free(entry);
        return 1;
    }
    free(entry);
    if (asprintf(&line, ":%s:M::%s:%s:%s:%s", name, a->magic, a->mask, interp, flags_string()) < 0) {
        exit(1);
    }
    char *reg = path_in_bm("register");
    bool ok = write_file(reg, line);
    int e = errno;
    free(reg);
    if (!ok) {
        msg("%s: the kernel refused the entry (%s): %s", name, strerror(e), line);
        free(line);
        return 1;
    }
    free(line);
    msg("%s: %s (%s, flags %s)", name, replaced ? "replaced" : "installed", interp, flags_string());
    return 0;
}

static int uninstall(const struct arch *a)
{
    char name[32];
    snprintf(name, sizeof(name), "qemu-%s", a->name);
    char *entry = path_in_bm(name);
    int rc = 0;
    if (!exists(entry)) {
        msg("%s: not installed", name);
    } else if (write_file(entry, "-1")) {
        msg("%s: uninstalled", name);
    } else {
        msg("%s: cannot remove the entry: %s", name, strerror(errno));
        rc = 1;
    }
    free(entry);
    return rc;
}

/* --- JSON status ------------------------------------------------------------ */
static void json_str(const char *s)
{
    putchar('"');
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            printf("\\%c", c);
        } else if (c < 0x20) {
            printf("\\u%04x", c);
        } else {
            putchar(c);
        }
    }
    putchar('"');
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is the entry NAME there and enabled? */
static bool enabled(const char *name)
{
    char *t = read_entry(name);
    bool on = t && strncmp(t, "enabled", 7) == 0;
    free(t);
    return on;
}

/* binfmt_misc prints magic/mask as plain hex: ours without the \x. */
static char *plain_hex(const char *x)
{
    char *out = malloc(strlen(x) + 1), *o = out;
    for (; *x; x++) {
        if (x[0] == '\\' && x[1] == 'x') {
            x++;
            continue;
        }
        *o++ = *x;
    }
    *o = 0;
    return out;
}

static void status(bool native, bool mounted)
{
    char **names = NULL;
    size_t n = 0;
    DIR *d = mounted ? opendir(bm_dir) : NULL;
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (de->d_name[0] == '.' || !strcmp(de->d_name, "register") || !strcmp(de->d_name, "status")) {
            continue;
        }
        names = realloc(names, (n + 1) * sizeof(*names));
        names[n++] = strdup(de->d_name);
    }
    if (d) {
        closedir(d);
    }
    qsort(names, n, sizeof(*names), cmp_str);

    printf("{\n  \"supported\": [");
    bool first = true;
#define PLAT(p) do { printf("%s", first ? "" : ", "); json_str(p); first = false; } while (0)
#ifdef __x86_64__
    PLAT("linux/amd64");
#endif
    for (size_t i = 0; i < NARCH; i++) {
        char name[32];
        snprintf(name, sizeof(name), "qemu-%s", arches[i].name);
        bool native_here = strcmp(arches[i].name, "i386") == 0 && native;
        if (!native_here && !enabled(name)) {
            continue;
        }
        for (size_t j = 0; j < sizeof(platforms) / sizeof(platforms[0]); j++) {
            if (strcmp(platforms[j][0], arches[i].name) == 0) {
                PLAT(platforms[j][1]);
                if (platforms[j][2]) {
                    PLAT(platforms[j][2]);
                }
            }
        }
    }
    for (size_t j = 0; j < sizeof(other_platforms) / sizeof(other_platforms[0]); j++) {
        if (enabled(other_platforms[j][0])) {
            PLAT(other_platforms[j][1]);
        }
    }
    printf("],\n  \"emulators\": [");
    for (size_t i = 0; i < n; i++) {
        printf("%s", i ? ", " : "");
        json_str(names[i]);
    }
    printf("],\n  \"binfmt_misc\": ");
    json_str(bm_dir);
    printf(",\n  \"mounted\": %s,\n  \"native_i386\": %s,\n  \"version\": ", mounted ? "true" : "false",
           native ? "true" : "false");
    json_str(QC_VERSION);
    printf(",\n  \"entries\": {");
    first = true;
    for (size_t i = 0; i < NARCH; i++) {
        char name[32], *t, *interp, *flags, *magic, *mask, *want_magic, *want_mask;
        snprintf(name, sizeof(name), "qemu-%s", arches[i].name);
        if (!(t = read_entry(name))) {
            continue;
        }
        interp = entry_field(t, "interpreter");
        flags = entry_field(t, "flags");
        magic = entry_field(t, "magic");
        mask = entry_field(t, "mask");
        want_magic = plain_hex(arches[i].magic);
        want_mask = plain_hex(arches[i].mask);
        printf("%s\n    ", first ? "" : ",");
        json_str(name);
        printf(": {\"enabled\": %s, \"interpreter\": ", strncmp(t, "enabled", 7) == 0 ? "true" : "false");
        json_str(interp);
        printf(", \"flags\": ");
        json_str(flags ? flags : "");
        printf(", \"ours\": %s}",
               magic && mask && !strcmp(magic, want_magic) && !strcmp(mask, want_mask) ? "true" : "false");
        first = false;
        free(t); free(interp); free(flags); free(magic); free(mask); free(want_magic); free(want_mask);
    }
    printf("%s}\n}\n", first ? "" : "\n  ");
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
    }
    free(names);
}

/* --- arguments --------------------------------------------------------------- */
/* Parse LIST into sel[]; false (with a message) on an unknown name. */
static bool parse_list(const char *list, bool sel[NARCH])
{
    char *copy = strdup(list), *save = NULL, *tok;
    bool ok = true;
    for (tok = strtok_r(copy, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
        const char *t = tok, *a = NULL;
        if (strncmp(t, "linux/", 6) == 0) {
            t += 6;
        }
        if (!strcmp(t, "all")) {
            for (size_t i = 0; i < NARCH; i++) {
                sel[i] = true;
            }
            continue;
        }
        if (!strcmp(t, "i386") || !strcmp(t, "386") || !strcmp(t, "x86") || !strcmp(t, "i686")) {
            a = "i386";
        } else if (!strcmp(t, "arm") || !strcmp(t, "armhf") || !strcmp(t, "armel") ||
                   !strncmp(t, "arm/v", 5) || !strncmp(t, "armv", 4)) {
            a = "arm";
        } else if (!strcmp(t, "mips") || !strcmp(t, "mipseb")) {
            a = "mips";
        } else if (!strcmp(t, "mipsel") || !strcmp(t, "mipsle")) {
            a = "mipsel";
        }
        size_t i;
        for (i = 0; a && i < NARCH && strcmp(arches[i].name, a); i++) {
        }
        if (!a || i == NARCH) {
            msg("unsupported platform '%s' (this image has i386, arm, mips, mipsel)", tok);
            ok = false;
            continue;
        }
        sel[i] = true;
    }
    free(copy);
    return ok;
}

int main(int argc, char **argv)
{
    bool inst[NARCH] = { false }, uninst[NARCH] = { false };
    bool do_install = false, do_uninstall = false, ok = true;

    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *arg = NULL;
#define NEED_ARG() do { if (i + 1 >= argc) { msg("%s needs an argument", o); return 2; } arg = argv[++i]; } while (0)
        if (!strcmp(o, "--install")) {
            NEED_ARG();
            ok &= parse_list(arg, inst);
            do_install = true;
        } else if (!strcmp(o, "--uninstall")) {
            NEED_ARG();
            ok &= parse_list(arg, uninst);
            do_uninstall = true;
        } else if (!strcmp(o, "--status")) {
            /* always printed */
        } else if (!strcmp(o, "-P") || !strcmp(o, "--preserve-argv0")) {
            flag_p = true;
        } else if (!strcmp(o, "-O") || !strcmp(o, "--open-binary")) {
            flag_o = true;
        } else if (!strcmp(o, "-C") || !strcmp(o, "--credentials")) {
            flag_c = true;
        } else if (!strcmp(o, "--no-fix-binary")) {
            flag_f = false;
        } else if (!strcmp(o, "--force-i386")) {
            force_i386 = true;
        } else if (!strcmp(o, "--qemu-path")) {
            NEED_ARG();
            qemu_dir = arg;
        } else if (!strcmp(o, "--binfmt-dir")) {
            NEED_ARG();
            bm_dir = arg;
        } else if (!strcmp(o, "--version")) {
            printf("%s %s\n", prog, QC_VERSION);
            return 0;
        } else if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            usage(stdout);
            return 0;
        } else {
            msg("unknown argument '%s'", o);
            usage(stderr);
            return 2;
        }
    }
    if (!ok) {
        return 2;
    }
    if (flag_c && (do_install)) {
        msg("warning: flag C: setuid/setgid guest programs run the emulator with their privileges");
    }

    bool native = native_i386();
    bool mounted = ensure_mounted();
    int rc = 0;
    if ((do_install || do_uninstall) && !mounted) {
        rc = 1;
    } else {
        for (size_t i = 0; do_uninstall && i < NARCH; i++) {
            if (uninst[i]) {
                rc |= uninstall(&arches[i]);
            }
        }
        for (size_t i = 0; do_install && i < NARCH; i++) {
            if (inst[i]) {
                rc |= install(&arches[i], native);
            }
        }
    }
    fflush(stderr);
    status(native, mounted);
    return rc;
}
