/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * exec/proctitle.c: from outside, the emulator process looks like the guest
 * program: /proc/<pid>/cmdline (ps -o args, pgrep -f, systemd, supervisors)
 * reads as the guest's argv, and /proc/<pid>/comm (ps -o comm, pgrep, top)
 * is the name of the path that was executed, as the kernel names a task.
 *
 * cmdline. The kernel serves /proc/<pid>/cmdline from the process's
 * argument area, mm->arg_start..arg_end, and /proc/<pid>/environ from
 * env_start..env_end: the strings exec copied to the top of the stack
 * (fs/proc/base.c get_mm_cmdline(): the whole area, NULs included; when its
 * last byte is not NUL, as after a setproctitle(), the first string, which
 * may run on into the environment). The guest's loader laid out the guest's
 * argv and envp strings the same way in guest memory, which is host memory,
 * so once the guest program is loaded qc_proctitle_set() points those four
 * fields at them with prctl(PR_SET_MM, PR_SET_MM_MAP): the process then shows
 * the guest's argv and environment as a native one, including what the
 * guest writes over its argv later (setproctitle()). PR_SET_MM_MAP needs no
 * privilege, only a kernel with CONFIG_CHECKPOINT_RESTORE (kernel/sys.c
 * prctl_set_mm_map(); the single PR_SET_MM_ARG_START... calls need
 * CAP_SYS_RESOURCE).
 *
 * Where the kernel refuses it, the guest's argv is written in place over the
 * emulator's own argument strings. It fits: it is made of them (binfmt_misc
 * without P: [emulator, path, args...] -> [path, args...]; with P, or -0,
 * argv[0] is one of our arguments too), except for a QEMU_ARGV0 longer than
 * the emulator's command line, which is cut (the kernel's area cannot grow).
 * The rest of the area is cleared and reads as empty strings ("a\0b\0\0\0"),
 * which ps and pgrep drop. For that, qc_proctitle_init(), first thing in
 * main(), notes the area and points argv[] (and glibc's
 * program_invocation_name) at copies, so that every option value
 * parse_args() keeps (-L, -cpu, -D, ...) survives the rewrite.
 *
 * comm. The kernel names a task after the path it executed
 * (fs/exec.c begin_new_exec(): kbasename(bprm->filename), 15 characters,
 * TASK_COMM_LEN): /bin/sh linked to dash runs as "sh". Through binfmt_misc
 * the kernel has done exactly that for the guest program (bprm->filename
 * stays the path the caller executed, through "#!" scripts too): that name
 * is kept. Started as `qemu-arm prog` (or by a parent emulator's exec mode,
 * exec/exec-foreign.c, which executes /proc/self/exe) the task carries the
 * emulator's name: it gets the basename of the program's path as given (not
 * of its real path), or the name -execname passes (exec mode: a "#!" script's
 * own name, the file's name for fexecve()). New threads take the name of
 * the thread that creates them (kernel/fork.c), guest threads included.
 *
 * The guest's own view of /proc/self/cmdline is served from its argv by
 * upstream's open_self_cmdline() and is not affected.
 */
#include "qemu/osdep.h"
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/prctl.h>
#include "qemu.h"
#include "qemu-compat.h"

#define QC_TASK_COMM_LEN 16                 /* include/linux/sched.h */

static char *arg_area;          /* the kernel's mm->arg_start, or NULL */
static size_t arg_area_len;     /* mm->arg_end - mm->arg_start */
static bool started_as_binfmt_p;    /* argv[0] ends in "-binfmt-P" */
static char *given_name;        /* -execname */

void qc_handle_arg_execname(const char *arg)
{
    g_free(given_name);
    given_name = g_strdup(arg);
}

void qc_proctitle_init(int argc, char **argv)
{
    char *end;
    int i;

    if (argc < 1 || !argv[0]) {
        return;
    }
    /* The area is only ours to rewrite when it is the argv we were given:
     * the strings one after the other, as exec lays them out. */
    end = argv[0];
    for (i = 0; i < argc; i++) {
        if (argv[i] != end) {
            end = NULL;
            break;
        }
        end += strlen(argv[i]) + 1;
    }
    if (end) {
        arg_area = argv[0];
        arg_area_len = end - argv[0];
    }
    started_as_binfmt_p = g_str_has_suffix(argv[0], "-binfmt-P");
    /* Everything that keeps an argument keeps the copy from now on. */
    for (i = 0; i < argc; i++) {
        argv[i] = g_strdup(argv[i]);
    }
    program_invocation_name = argv[0];
    end = strrchr(argv[0], '/');
    program_invocation_short_name = end ? end + 1 : argv[0];
}

/*
 * The kernel's numbers for this process, fields 26-28 and 45-51 of
 * /proc/self/stat (proc(5)), for PR_SET_MM_MAP, which sets them all.
 */
static bool read_mm_map(struct prctl_mm_map *m)
{
    g_autofree char *stat = NULL;
    unsigned long long v[52];
    char *p, *e;
    size_t field;

    if (!g_file_get_contents("/proc/self/stat", &stat, NULL, NULL)) {
        return false;
    }
    p = strrchr(stat, ')');          /* comm may hold spaces and ')' */
    if (!p) {
        return false;
    }
    p++;
    for (field = 3; field < ARRAY_SIZE(v); field++) {
        while (*p == ' ') {
            p++;
        }
        if (field == 3) {               /* the state letter */
            v[field] = 0;
            p++;
            continue;
        }
        v[field] = strtoull(p, &e, 10);  /* "-1" reads as ULLONG_MAX */
        if (e == p) {
            return false;               /* a kernel without the field */
        }
        p = e;
    }
    memset(m, 0, sizeof(*m));
    m->start_code = v[26];
    m->end_code = v[27];
    m->start_stack = v[28];
    m->start_data = v[45];
    m->end_data = v[46];
    m->start_brk = v[47];
    m->arg_start = v[48];
    m->arg_end = v[49];
    m->env_start = v[50];
    m->env_end = v[51];
    m->exe_fd = -1;                 /* /proc/self/exe stays */
    return true;
}

/*
 * Point the kernel's argument and environment areas (mm->arg_start..arg_end,
 * env_start..env_end) at the guest's own strings, which the loader laid out
 * as the kernel does (argv's strings, then envp's) in guest memory, which is
 * host memory: the process then shows them as a native one does, including
 * what the guest later writes over them (setproctitle()). PR_SET_MM_MAP sets
 * every field: the others are read back from /proc/self/stat, checked
 * against what we know (the argument area we were started with).
 */
static bool show_guest_strings(const struct image_info *info)
{
    struct prctl_mm_map m;
    abi_ulong p;
    abi_long i;

    if (!arg_area || !read_mm_map(&m) ||
        m.arg_start != (uintptr_t)arg_area ||
        m.arg_end != (uintptr_t)arg_area + arg_area_len) {
        return false;
    }
    p = info->arg_strings;
    m.arg_start = (uintptr_t)g2h_untagged(p);
    for (i = 0; i < info->argc; i++) {
        p += strlen(g2h_untagged(p)) + 1;
    }
    m.arg_end = (uintptr_t)g2h_untagged(p);
    p = info->env_strings;
    m.env_start = (uintptr_t)g2h_untagged(p);
    for (i = 0; i < info->envc; i++) {
        p += strlen(g2h_untagged(p)) + 1;
    }
    m.env_end = (uintptr_t)g2h_untagged(p);
    /*
     * PR_SET_MM_MAP sets brk too: the current one, read just before. Only
     * this thread's malloc arena grows by brk (glibc gives other threads
     * arenas of their own), and nothing here allocates in between.
     */
    m.brk = syscall(SYS_brk, 0);
    return prctl(PR_SET_MM, PR_SET_MM_MAP, (unsigned long)&m, sizeof(m),
                 0) == 0;
}

/*
 * Where the kernel refuses that: the guest's argv written over our own
 * argument area, which holds its strings (the guest's argv is made of our
 * arguments); cut, its last byte NUL, when it is longer (QEMU_ARGV0). The
 * area cannot shrink without PR_SET_MM (PR_SET_MM_ARG_END: CAP_SYS_RESOURCE),
 * so its tail then reads as empty strings.
 */
static void rewrite_arg_area(char **guest_argv)
{
    size_t n = 0, len;
    int i;

    for (i = 0; guest_argv[i] && n < arg_area_len; i++) {
        len = MIN(strlen(guest_argv[i]) + 1, arg_area_len - n);
        memcpy(arg_area + n, guest_argv[i], len);
        n += len;
    }
    if (n > 0) {
        arg_area[n - 1] = '\0';         /* a cut string still ends */
    }
    memset(arg_area + n, 0, arg_area_len - n);
    if (n < arg_area_len) {
        prctl(PR_SET_MM, PR_SET_MM_ARG_END, (unsigned long)(arg_area + n),
              0, 0);
    }
}

/* Was this process started by binfmt_misc for the guest program? */
static bool started_by_binfmt(bool preserve_argv0)
{
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    struct stat prog, self;

    if (preserve_argv0 || started_as_binfmt_p || getauxval(AT_EXECFD)) {
        return true;            /* flags P and O are binfmt_misc's */
    }
    /* The path the kernel executed names another file than the emulator */
    return execfn && stat(execfn, &prog) == 0 &&
           stat("/proc/self/exe", &self) == 0 &&
           (prog.st_dev != self.st_dev || prog.st_ino != self.st_ino);
}

void qc_proctitle_set(const struct image_info *info, char **guest_argv,
                      const char *exec_path, bool preserve_argv0)
{
    char name[QC_TASK_COMM_LEN];
    const char *base;

    if (arg_area && !show_guest_strings(info)) {
        rewrite_arg_area(guest_argv);
    }

    if (given_name) {
        base = given_name;
    } else if (started_by_binfmt(preserve_argv0)) {
        return;                         /* the kernel named us already */
    } else {
        base = strrchr(exec_path, '/');
        base = base ? base + 1 : exec_path;
    }
    /* as __set_task_comm(): the first 15 bytes */
    g_strlcpy(name, base, sizeof(name));
    prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0);
}
