/*
 * proc-self: the process's own view of itself in guest terms.
 * /proc/self/exe (readlink, open, stat: the guest binary, not the emulator),
 * execve("/proc/self/exe") re-running the guest program, /proc/self/cmdline,
 * auxv (32-bit entries), stat and status, /proc/cpuinfo naming the guest
 * CPU family, and sysinfo() agreeing with /proc/meminfo.
 * args: first second
 */
#include "check.h"
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>

static char *slurp(const char *path, size_t *len)
{
    static char buf[1 << 16];
    int fd = open(path, O_RDONLY);
    ssize_t n, t = 0;
    if (fd < 0) {
        return NULL;
    }
    while ((n = read(fd, buf + t, sizeof(buf) - 1 - t)) > 0) {
        t += n;
    }
    close(fd);
    buf[t] = 0;
    if (len) {
        *len = t;
    }
    return buf;
}

int main(int argc, char **argv)
{
    char self[PATH_MAX], link[PATH_MAX];
    struct stat a, b;
    const char *base;
    char *s;
    size_t len;
    ssize_t n;

    if (argc == 2 && strcmp(argv[1], "re-exec") == 0) {
        return 42;   /* the program run again through /proc/self/exe */
    }
    CHECK(realpath(argv[0], self) != NULL, "realpath(argv[0])");
    base = strrchr(self, '/') ? strrchr(self, '/') + 1 : self;

    n = readlink("/proc/self/exe", link, sizeof(link) - 1);
    if (n >= 0) {
        link[n] = 0;
    }
    CHECK(n > 0 && strcmp(link, self) == 0, "readlink /proc/self/exe = %s (%s)",
          self, n > 0 ? link : "?");
    CHECK(stat(self, &a) == 0, "stat the program");
    CHECK(stat("/proc/self/exe", &b) == 0 && a.st_dev == b.st_dev &&
          a.st_ino == b.st_ino && a.st_size == b.st_size,
          "stat /proc/self/exe is the guest binary (ino %llu vs %llu)",
          (unsigned long long)b.st_ino, (unsigned long long)a.st_ino);
    {
        int fd = open("/proc/self/exe", O_RDONLY);
        unsigned char e[20];
        CHECK(fd >= 0 && fstat(fd, &b) == 0 && a.st_ino == b.st_ino &&
              read(fd, e, sizeof(e)) == sizeof(e) && memcmp(e, ELFMAG, 4) == 0 &&
              e[EI_CLASS] == ELFCLASS32,
              "open /proc/self/exe reads the 32-bit guest ELF");
        if (fd >= 0) {
            close(fd);
        }
    }

    /* cmdline: the guest's argv, NUL-separated */
    s = slurp("/proc/self/cmdline", &len);
    CHECK(s && strcmp(s, argv[0]) == 0 && len > strlen(argv[0]) + 1 &&
          strcmp(s + strlen(argv[0]) + 1, "first") == 0,
          "/proc/self/cmdline is the guest argv (%s)", s ? s : "?");

    /* auxv: pairs of 32-bit words */
    s = slurp("/proc/self/auxv", &len);
    {
        uint32_t *v = (uint32_t *)s;
        int pagesz = 0, entry = 0, end = 0;
        for (size_t i = 0; s && i + 1 < len / 4; i += 2) {
            if (v[i] == AT_PAGESZ && v[i + 1] == 4096) {
                pagesz = 1;
            }
            if (v[i] == AT_ENTRY && v[i + 1] == getauxval(AT_ENTRY)) {
                entry = 1;
            }
            if (v[i] == AT_NULL) {
                end = 1;
                break;
            }
        }
        CHECK(pagesz && entry && end, "/proc/self/auxv has 32-bit AT_PAGESZ, AT_ENTRY, AT_NULL");
    }

    /* stat: pid (comm) */
    s = slurp("/proc/self/stat", NULL);
    {
        char want[64];
        snprintf(want, sizeof(want), "%d (%.15s) ", (int)getpid(), base);
        CHECK(s && strncmp(s, want, strlen(want)) == 0,
              "/proc/self/stat starts '%s' (%.40s)", want, s ? s : "?");
    }
    /* status: Name is the program, Pid ours */
    s = slurp("/proc/self/status", NULL);
    {
        char name[64], pid[64];
        snprintf(name, sizeof(name), "Name:\t%.15s\n", base);
        snprintf(pid, sizeof(pid), "\nPid:\t%d\n", (int)getpid());
        CHECK(s && strncmp(s, name, strlen(name)) == 0 && strstr(s, pid),
              "/proc/self/status Name: %.15s and Pid", base);
    }
    s = slurp("/proc/self/comm", NULL);
    {
        char name[64];
        snprintf(name, sizeof(name), "%.15s\n", base);
        CHECK(s && strcmp(s, name) == 0, "/proc/self/comm is %.15s (%s)", base,
              s ? s : "?");
    }

    /* cpuinfo names the guest CPU family */
    s = slurp("/proc/cpuinfo", NULL);
#if defined(__arm__)
    CHECK(s && strstr(s, "CPU architecture:") && strstr(s, "ARMv7"),
          "/proc/cpuinfo describes an ARM CPU");
#elif defined(__mips__)
    CHECK(s && strstr(s, "cpu model\t\t: MIPS") && strstr(s, "isa\t\t\t: mips1"),
          "/proc/cpuinfo describes a MIPS CPU");
#else
    CHECK(s && strstr(s, "vendor_id"), "/proc/cpuinfo describes an x86 CPU");
#endif

    /* sysinfo against /proc/meminfo */
    {
        struct sysinfo si;
        unsigned long long mt = 0, total;
        s = slurp("/proc/meminfo", NULL);
        CHECK(s && sscanf(s, "MemTotal: %llu kB", &mt) == 1, "MemTotal");
        CHECK(sysinfo(&si) == 0, "sysinfo");
        total = (unsigned long long)si.totalram * si.mem_unit / 1024;
        CHECK(total > mt * 99 / 100 && total < mt * 101 / 100,
              "sysinfo totalram*mem_unit = %llu kB, MemTotal %llu kB (unit %u)",
              total, mt, si.mem_unit);
        CHECK((unsigned long long)si.freeram * si.mem_unit <= (unsigned long long)si.totalram * si.mem_unit,
              "freeram <= totalram");
    }

    /* execve("/proc/self/exe") runs this program again */
    {
        pid_t c;
        int st = 0;
        fflush(stdout);
        c = fork();
        if (c == 0) {
            execl("/proc/self/exe", argv[0], "re-exec", (char *)NULL);
            _exit(3);
        }
        waitpid(c, &st, 0);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42,
              "execve /proc/self/exe re-runs the guest program (status %#x)", st);
    }
    return guest_done();
}
