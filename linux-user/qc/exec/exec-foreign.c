/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * exec/exec-foreign.c: run foreign guest programs without binfmt_misc.
 *
 * When a guest calls execve() on a 32-bit ELF of an arch qemu-compat
 * emulates (i386, arm, mips, mipsel), or on a "#!" script whose interpreter
 * (after any chain of scripts) is one, the kernel could only run it through a
 * binfmt_misc entry: in a CI job or container that may not register one, the
 * guest's execve fails with ENOEXEC. Here we do what binfmt_misc would do:
 * execve() the emulator for that arch with the program's path and argv.
 *
 * - The emulator of our own arch is /proc/self/exe (works in a chroot that
 *   does not contain the emulator). Another arch's emulator is looked up next
 *   to ours: <dir>/qemu-<arch>-static or <dir>/qemu-<arch> (our own suffix
 *   first), <dir> being the directory of the real path of /proc/self/exe, so
 *   build/qemu-i386 finds build/qemu-arm and /usr/bin/qemu-i386-static finds
 *   /usr/bin/qemu-arm-static. Not found: the kernel gets the plain execve
 *   (binfmt_misc may still handle it, else ENOEXEC as without us).
 * - argv[0] reaches the new program unchanged (-0); envp is passed as is.
 *   The new emulator shows that argv as its /proc/<pid>/cmdline and takes
 *   the task name the kernel would give (-execname: a "#!" script's name,
 *   not its interpreter's), exec/proctitle.c.
 * - execvp()'s PATH search happens in the guest's libc, which then calls
 *   execve() with a path: that path is all we see, as the kernel would.
 * - Same-arch children inherit -L and -cpu; another arch's emulator gets
 *   none of our options (a sysroot or CPU model of one arch means nothing to
 *   another); QEMU_* variables in envp reach every emulator.
 * - Native host programs, and anything we do not recognise, go to the
 *   kernel's execve unchanged.
 *
 * The "#!" parsing follows fs/binfmt_script.c: the first line (at most
 * BINPRM_BUF_SIZE = 256 bytes) holds the interpreter path and an optional
 * single argument (the rest of the line, trimmed); the new argv is
 * [interpreter, argument?, script path, argv[1..]]; at most 5 levels of
 * interpreters (BINPRM_MAX_RECURSION = 4 in fs/exec.c, plus the program).
 *
 * Each file the kernel would open for the exec (the program, then each "#!"
 * interpreter) first gets the kernel's own checks (exec_check()): since we
 * execute the emulator, the kernel never opens the guest program for
 * execution, so it would not refuse one that is open for writing (ETXTBSY,
 * fs/exec.c do_open_execat() -> exe_file_deny_write_access()).
 *
 * A program named through a close-on-exec descriptor (fexecve() of an
 * O_CLOEXEC descriptor; sys/exec.c qc_exec_path_gone()) cannot be opened by
 * that name once the exec has closed the descriptor. As the kernel, a "#!"
 * script then fails with ENOENT (fs/binfmt_script.c), and an ELF program
 * runs: its emulator gets it open on a descriptor (-execfd, the way
 * binfmt_misc's flag O passes AT_EXECFD) and, as its name, the path
 * /proc/<pid>/exe will show.
 *
 * Options: -execve on|off, QEMU_EXECVE=on|off (default on).
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "user-internals.h"
#include <sys/syscall.h>
#include "user/safe-syscall.h"
#include "elf.h"
#include "qc-internal.h"

#define QC_BINPRM_BUF_SIZE 256      /* include/uapi/linux/binfmts.h */
#define QC_MAX_INTERP_DEPTH 5       /* fs/exec.c: BINPRM_MAX_RECURSION + 1 */
#ifndef AT_EXECVE_CHECK
#define AT_EXECVE_CHECK 0x10000     /* include/uapi/linux/fcntl.h, Linux 6.14 */
#endif

static bool exec_foreign_on = true;
static const char *child_ld_prefix;   /* -L, when it differs from the default */
static const char *child_cpu_model;   /* -cpu, when given */
static int given_execfd;              /* -execfd, when given */

void qc_handle_arg_execve(const char *arg)
{
    if (!strcmp(arg, "on") || !strcmp(arg, "1") || !strcmp(arg, "yes")) {
        exec_foreign_on = true;
    } else if (!strcmp(arg, "off") || !strcmp(arg, "0") || !strcmp(arg, "no")) {
        exec_foreign_on = false;
    } else {
        fprintf(stderr, "qemu: -execve / QEMU_EXECVE takes on or off, not '%s'\n",
                arg);
        exit(EXIT_FAILURE);
    }
}

void qc_handle_arg_execfd(const char *arg)
{
    char *end;
    long fd;

    errno = 0;
    fd = strtol(arg, &end, 10);
    if (errno || end == arg || *end || fd < 3 || fd > INT_MAX ||
        fcntl(fd, F_GETFD) < 0) {
        fprintf(stderr, "qemu: -execfd takes an open descriptor, not '%s'\n",
                arg);
        exit(EXIT_FAILURE);
    }
    given_execfd = fd;
}

int qc_exec_foreign_fd(void)
{
    return given_execfd;
}

void qc_exec_foreign_init(const char *interp_prefix, const char *cpu_model)
{
    if (interp_prefix && strcmp(interp_prefix, CONFIG_QEMU_INTERP_PREFIX)) {
        child_ld_prefix = interp_prefix;
    }
    child_cpu_model = cpu_model;
}

/*
 * The ELF programs each emulator takes: the same criteria as the binfmt_misc
 * masks of scripts/qemu-binfmt-conf (32-bit, e_type ET_EXEC or ET_DYN,
 * EI_OSABI SYSV..GNU, MIPS o32 only: EF_MIPS_ABI2 clear).
 */
static const struct {
    const char *arch;
    uint8_t data;          /* EI_DATA */
    uint16_t machine;      /* e_machine */
} foreign_elf[] = {
    { "i386",   ELFDATA2LSB, EM_386 },
    { "i386",   ELFDATA2LSB, EM_486 },
    { "arm",    ELFDATA2LSB, EM_ARM },
    { "mips",   ELFDATA2MSB, EM_MIPS },
    { "mipsel", ELFDATA2LSB, EM_MIPS },
};

static const char *elf_arch(const uint8_t *h, size_t n)
{
    uint16_t type, machine;
    uint32_t flags;
    size_t i;

    if (n < sizeof(struct elf32_hdr) || memcmp(h, ELFMAG, SELFMAG) ||
        h[EI_CLASS] != ELFCLASS32 || h[EI_VERSION] != EV_CURRENT ||
        h[EI_OSABI] > 3) {
        return NULL;
    }
    if (h[EI_DATA] == ELFDATA2MSB) {
        type = lduw_be_p(h + offsetof(struct elf32_hdr, e_type));
        machine = lduw_be_p(h + offsetof(struct elf32_hdr, e_machine));
        flags = ldl_be_p(h + offsetof(struct elf32_hdr, e_flags));
    } else {
        type = lduw_le_p(h + offsetof(struct elf32_hdr, e_type));
        machine = lduw_le_p(h + offsetof(struct elf32_hdr, e_machine));
        flags = ldl_le_p(h + offsetof(struct elf32_hdr, e_flags));
    }
    if (type != ET_EXEC && type != ET_DYN) {
        return NULL;
    }
    if (machine == EM_MIPS && (flags & EF_MIPS_ABI2)) {
        return NULL;
    }
    for (i = 0; i < ARRAY_SIZE(foreign_elf); i++) {
        if (foreign_elf[i].data == h[EI_DATA] &&
            foreign_elf[i].machine == machine) {
            return foreign_elf[i].arch;
        }
    }
    return NULL;
}

/*
 * Parse a "#!" line as fs/binfmt_script.c does. Returns false when h is not a
 * script or names no interpreter.
 */
static bool script_interp(const char *h, size_t n, char **interp, char **arg)
{
    const char *p, *end, *e;

    if (n < 2 || h[0] != '#' || h[1] != '!') {
        return false;
    }
    end = memchr(h, '\n', n);
    if (!end) {
        end = h + n;
    }
    for (p = h + 2; p < end && (*p == ' ' || *p == '\t'); p++) {
    }
    for (e = p; e < end && *e != ' ' && *e != '\t' && *e != '\0'; e++) {
    }
    if (e == p) {
        return false;
    }
    *interp = g_strndup(p, e - p);
    for (p = e; p < end && (*p == ' ' || *p == '\t'); p++) {
    }
    for (e = end; e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
                            e[-1] == '\0'); e--) {
    }
    *arg = e > p ? g_strndup(p, e - p) : NULL;
    return true;
}

/* The emulator for arch, or NULL. */
static char *emulator_for(const char *arch)
{
    g_autofree char *self = NULL, *dir = NULL;
    const char *suffixes[2];
    int i;

    if (!strcmp(arch, TARGET_NAME)) {
        return g_strdup("/proc/self/exe");
    }
    self = g_file_read_link("/proc/self/exe", NULL);
    if (!self) {
        return NULL;
    }
    dir = g_path_get_dirname(self);
    if (g_str_has_suffix(self, "-static")) {
        suffixes[0] = "-static";
        suffixes[1] = "";
    } else {
        suffixes[0] = "";
        suffixes[1] = "-static";
    }
    for (i = 0; i < 2; i++) {
        char *p = g_strdup_printf("%s/qemu-%s%s", dir, arch, suffixes[i]);
        if (access(p, X_OK) == 0) {
            return p;
        }
        g_free(p);
    }
    return NULL;
}

/*
 * What execve(path) would answer before looking at the file's format: the
 * checks of fs/exec.c do_open_execat() (execute permission, a regular file,
 * not on a noexec mount, the LSMs) and exe_file_deny_write_access() (ETXTBSY
 * while anyone has the file open for writing). execveat(AT_EXECVE_CHECK)
 * (Linux 6.14 and later) runs exactly these and returns without executing
 * anything. An older kernel answers EINVAL (unknown flag); a seccomp filter
 * may answer ENOSYS or EPERM: then execute permission is all we check, as
 * before. 0 or a negative host errno.
 */
static int exec_check(const char *path)
{
    char *argv[] = { (char *)path, NULL }, *envp[] = { NULL };

    if (syscall(__NR_execveat, AT_FDCWD, path, argv, envp,
                AT_EXECVE_CHECK) == 0) {
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != EPERM) {
        return -errno;
    }
    return faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) < 0 ? -EACCES : 0;
}

/*
 * Follow path through "#!" interpreters to a program. On a foreign ELF,
 * returns its arch and sets *prog and *head (the argv before argv[1..] of
 * the caller, its [0] being the new argv[0]). Returns NULL for anything the
 * kernel should run itself; *err is a negative host errno when the kernel
 * would refuse it (not executable, open for writing).
 */
static const char *resolve(const char *path, char *argv0, char **prog,
                           GPtrArray *head, int *err, bool gone)
{
    g_autofree char *cur = g_strdup(path);
    int depth;

    *err = 0;
    g_ptr_array_add(head, g_strdup(argv0 ? argv0 : ""));
    for (depth = 0; depth < QC_MAX_INTERP_DEPTH; depth++) {
        uint8_t buf[QC_BINPRM_BUF_SIZE];
        char *interp, *arg;
        const char *arch;
        struct stat st;
        ssize_t n;
        int fd;

        fd = open(cur, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return NULL;            /* the kernel reports it */
        }
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
            close(fd);
            *err = -EACCES;
            return NULL;
        }
        *err = exec_check(cur);
        if (*err) {
            close(fd);
            return NULL;           /* EACCES, ETXTBSY: the kernel's answer */
        }
        n = pread(fd, buf, sizeof(buf), 0);
        close(fd);
        if (n <= 0) {
            return NULL;
        }
        arch = elf_arch(buf, n);
        if (arch) {
            *prog = g_steal_pointer(&cur);
            return arch;
        }
        if (!script_interp((char *)buf, n, &interp, &arg)) {
            return NULL;            /* native ELF, unknown format */
        }
        if (depth == 0 && gone) {
            /* the interpreter could not open the script: binfmt_script */
            g_free(interp);
            g_free(arg);
            *err = -ENOENT;
            return NULL;
        }
        /* argv[0] is replaced by: interp, arg?, the script's path */
        g_ptr_array_remove_index(head, 0);
        g_ptr_array_insert(head, 0, g_steal_pointer(&cur));
        if (arg) {
            g_ptr_array_insert(head, 0, arg);
        }
        g_ptr_array_insert(head, 0, g_strdup(interp));
        cur = interp;
    }
    *err = -ELOOP;
    return NULL;
}

/*
 * The program for -execfd: prog open on a descriptor that survives the exec
 * (3 or above: the loader closes it, the guest never sees it), and in *name
 * the path of the file as the kernel shows /proc/<pid>/exe (for the guest's
 * /proc/self/exe). A negative host errno when it cannot be opened.
 */
static int open_for_child(const char *prog, char **name)
{
    g_autofree char *link = NULL;
    int fd, m;

    fd = open(prog, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -errno;
    }
    m = fcntl(fd, F_DUPFD, 3);          /* the copy is not close-on-exec */
    close(fd);
    if (m < 0) {
        return -errno;
    }
    link = g_strdup_printf("/proc/self/fd/%d", m);
    *name = g_file_read_link(link, NULL);
    if (!*name) {
        *name = g_steal_pointer(&link);
    }
    return m;
}

/*
 * The name the kernel gives the task that executes path (fs/exec.c
 * begin_new_exec()): the last component of the path as given, a "#!"
 * script's own; for a descriptor's program (sys/exec.c names it
 * /proc/self/fd/N: fexecve()) the file's own name, as Linux 6.14 and later
 * give it (before, the kernel called it "N"). The new emulator takes it
 * with -execname (exec/proctitle.c): otherwise it would be called "exe".
 */
static char *exec_name(const char *path)
{
    const char *p = path, *base;

    if (g_str_has_prefix(p, "/proc/self/fd/")) {
        p += strlen("/proc/self/fd/");
        while (*p >= '0' && *p <= '9') {
            p++;
        }
        if (*p == '\0') {
            g_autofree char *file = g_file_read_link(path, NULL);
            struct stat st;

            if (file && file[0] == '/') {
                /* d_path()'s mark of an unlinked file (a memfd's too) is
                 * not part of its name */
                if (g_str_has_suffix(file, " (deleted)") &&
                    stat(path, &st) == 0 && st.st_nlink == 0) {
                    file[strlen(file) - strlen(" (deleted)")] = '\0';
                }
                return g_path_get_basename(file);
            }
        }
    }
    base = strrchr(path, '/');
    return g_strdup(base ? base + 1 : path);
}

bool qc_exec_foreign(const char *path, char **argv, char **envp,
                     abi_long *ret)
{
    g_autoptr(GPtrArray) head = NULL;
    g_autoptr(GPtrArray) args = NULL;
    g_autofree char *prog = NULL, *emu = NULL, *self = NULL;
    g_autofree char *fdname = NULL, *fdarg = NULL, *name = NULL;
    bool gone = qc_exec_path_gone();
    const char *arch;
    char **a;
    int err, execfd = -1;
    guint i;

    if (!exec_foreign_on) {
        return false;
    }
    head = g_ptr_array_new_with_free_func(g_free);
    arch = resolve(path, argv[0], &prog, head, &err, gone);
    if (!arch) {
        if (err) {
            errno = -err;
            *ret = get_errno(-1);
            return true;
        }
        return false;
    }
    emu = emulator_for(arch);
    if (!emu) {
        return false;
    }
    if (gone) {
        /* the ELF program itself (a script was refused by resolve()) */
        execfd = open_for_child(prog, &fdname);
        if (execfd < 0) {
            errno = -execfd;
            *ret = get_errno(-1);
            return true;
        }
        g_free(prog);
        prog = g_steal_pointer(&fdname);
        fdarg = g_strdup_printf("%d", execfd);
    }

    args = g_ptr_array_new();
    /* argv[0]: the emulator's real name, not /proc/self/exe, for messages */
    self = g_file_read_link("/proc/self/exe", NULL);
    g_ptr_array_add(args, self && !strcmp(emu, "/proc/self/exe") ? self : emu);
    if (!strcmp(arch, TARGET_NAME)) {
        if (child_ld_prefix) {
            g_ptr_array_add(args, (char *)"-L");
            g_ptr_array_add(args, (char *)child_ld_prefix);
        }
        if (child_cpu_model) {
            g_ptr_array_add(args, (char *)"-cpu");
            g_ptr_array_add(args, (char *)child_cpu_model);
        }
    }
    if (execfd >= 0) {
        g_ptr_array_add(args, (char *)"-execfd");
        g_ptr_array_add(args, fdarg);
    }
    name = exec_name(path);
    g_ptr_array_add(args, (char *)"-execname");
    g_ptr_array_add(args, name);
    g_ptr_array_add(args, (char *)"-0");
    g_ptr_array_add(args, g_ptr_array_index(head, 0));
    /* a program path starting with '-' would read as an option */
    if (prog[0] == '-') {
        char *p = g_strconcat("./", prog, NULL);
        g_free(prog);
        prog = p;
    }
    g_ptr_array_add(args, prog);
    for (i = 1; i < head->len; i++) {
        g_ptr_array_add(args, g_ptr_array_index(head, i));
    }
    for (a = argv[0] ? argv + 1 : argv; *a; a++) {
        g_ptr_array_add(args, *a);
    }
    g_ptr_array_add(args, NULL);

    /*
     * safe_syscall, as upstream's execve: a guest signal arriving before
     * the exec is taken as a guest signal, not lost.
     */
    *ret = get_errno(safe_syscall(__NR_execve, emu, (char **)args->pdata,
                                  envp));
    if (execfd >= 0) {
        close(execfd);
    }
    if (*ret == -TARGET_ENOENT || *ret == -TARGET_EACCES ||
        *ret == -TARGET_ENOEXEC) {
        return false;               /* emulator unusable: the kernel decides */
    }
    return true;
}
