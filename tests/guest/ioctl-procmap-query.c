/*
 * procmap-query: the PROCMAP_QUERY ioctl on /proc/self/maps (Linux 6.11,
 * fs/proc/task_mmu.c do_procmap_query()) answers from the same mappings the
 * file shows: every line's start, end, permissions, offset, device, inode
 * and name; ENOENT, COVERING_OR_NEXT_VMA, FILE_BACKED_VMA and permission
 * filters; the kernel's EINVAL/E2BIG/EFAULT/ENAMETOOLONG order; the build
 * ID of the program's file; ENOTTY on other files (LTP ioctl10).
 * variants: static
 */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif
#include "check.h"
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>

/* include/uapi/linux/fs.h */
struct qc_procmap_query {
    uint64_t size;
    uint64_t query_flags;
    uint64_t query_addr;
    uint64_t vma_start;
    uint64_t vma_end;
    uint64_t vma_flags;
    uint64_t vma_page_size;
    uint64_t vma_offset;
    uint64_t inode;
    uint32_t dev_major;
    uint32_t dev_minor;
    uint32_t vma_name_size;
    uint32_t build_id_size;
    uint64_t vma_name_addr;
    uint64_t build_id_addr;
};
_Static_assert(sizeof(struct qc_procmap_query) == 104, "procmap_query");
#define QC_PROCMAP_QUERY _IOWR('f', 17, struct qc_procmap_query)
#define Q_R 0x01
#define Q_W 0x02
#define Q_X 0x04
#define Q_S 0x08
#define Q_NEXT 0x10
#define Q_FILE 0x20

static int mfd;

static int query(uint64_t addr, uint64_t flags, struct qc_procmap_query *q,
                 char *name, uint32_t name_size)
{
    memset(q, 0, sizeof(*q));
    q->size = sizeof(*q);
    q->query_addr = addr;
    q->query_flags = flags;
    q->vma_name_addr = (uintptr_t)name;
    q->vma_name_size = name_size;
    return ioctl(mfd, QC_PROCMAP_QUERY, q);
}

/* the program's own NT_GNU_BUILD_ID note, from its loaded PT_NOTE */
static unsigned char own_id[64];
static unsigned own_id_size;

static int find_own_id(struct dl_phdr_info *info, size_t size, void *data)
{
    int i;

    for (i = 0; i < info->dlpi_phnum && !own_id_size; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        const char *p, *end;

        if (ph->p_type != PT_NOTE) {
            continue;
        }
        p = (const char *)(info->dlpi_addr + ph->p_vaddr);
        end = p + ph->p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *n = (const void *)p;
            const char *name = p + sizeof(*n);
            const char *desc = name + ((n->n_namesz + 3) & ~3u);

            if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
                !memcmp(name, "GNU", 4) && n->n_descsz <= sizeof(own_id)) {
                memcpy(own_id, desc, n->n_descsz);
                own_id_size = n->n_descsz;
                break;
            }
            p = desc + ((n->n_descsz + 3) & ~3u);
        }
    }
    return 1;       /* the first object is the program */
}

/* every line of /proc/self/maps is what the ioctl answers for its start */
static void check_lines(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[4096];
    int lines = 0, bad = 0;

    CHECK(f != NULL, "fopen /proc/self/maps");
    if (!f) {
        return;
    }
    while (fgets(line, sizeof(line), f)) {
        unsigned long start, end, off;
        unsigned maj, min;
        unsigned long long ino;
        char perms[8], lname[4096] = "", qname[4096];
        struct qc_procmap_query q;
        uint64_t want;
        int n;

        if (sscanf(line, "%lx-%lx %7s %lx %x:%x %llu %n", &start, &end, perms,
                   &off, &maj, &min, &ino, &n) < 7) {
            continue;
        }
        sscanf(line + n, "%4095[^\n]", lname);
        if (!strcmp(lname, "[vsyscall]")) {
            continue;       /* x86-64's gate area is no VMA: ENOENT */
        }
        want = (perms[0] == 'r' ? Q_R : 0) | (perms[1] == 'w' ? Q_W : 0) |
               (perms[2] == 'x' ? Q_X : 0) | (perms[3] == 's' ? Q_S : 0);
        lines++;
        if (query(start, 0, &q, qname, sizeof(qname)) != 0 ||
            q.vma_start != start || q.vma_end != end || q.vma_flags != want ||
            q.vma_offset != (ino ? off : 0) || q.inode != ino ||
            q.dev_major != maj || q.dev_minor != min ||
            q.vma_page_size != (uint64_t)getpagesize() ||
            q.vma_name_size != (lname[0] ? strlen(lname) + 1 : 0) ||
            (lname[0] && strcmp(qname, lname))) {
            if (bad++ < 3) {
                printf("  line %s  query: %llx-%llx flags %llx off %llx "
                       "%x:%x %llu name[%u] %s (errno %d)\n", line,
                       (unsigned long long)q.vma_start,
                       (unsigned long long)q.vma_end,
                       (unsigned long long)q.vma_flags,
                       (unsigned long long)q.vma_offset, q.dev_major,
                       q.dev_minor, (unsigned long long)q.inode,
                       q.vma_name_size, q.vma_name_size ? qname : "", errno);
            }
        }
        /* the same from inside the mapping, in the middle of it */
        if (query(start + (end - start) / 2, 0, &q, NULL, 0) != 0 ||
            q.vma_start != start || q.vma_end != end) {
            bad++;
        }
    }
    fclose(f);
    CHECK(lines > 3 && bad == 0, "%d maps lines answered as the file shows "
          "them (%d differ)", lines, bad);
}

int main(void)
{
    struct qc_procmap_query q;
    char name[4096], exe[4096];
    unsigned char id[64];
    uint64_t text = (uintptr_t)&main;
    struct stat st;
    ssize_t n;
    char *anon;
    long pg = getpagesize();

    mfd = open("/proc/self/maps", O_RDONLY);
    CHECK(mfd >= 0, "open /proc/self/maps");
    errno = 0;
    if (query(text, 0, &q, NULL, 0) != 0 && errno == ENOTTY) {
        struct utsname u;
        int maj = 0, min = 0;

        /* as LTP ioctl10: ENOTTY is a failure from Linux 6.11 on */
        uname(&u);
        sscanf(u.release, "%d.%d", &maj, &min);
        if (maj < 6 || (maj == 6 && min < 11)) {
            guest_skip("this kernel has no PROCMAP_QUERY (Linux 6.11)");
        }
        CHECK(0, "PROCMAP_QUERY on /proc/self/maps of a %s kernel", u.release);
        return guest_done();
    }

    /* the program's text: r-x, its file, its name */
    n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    CHECK(n > 0 && stat(exe, &st) == 0, "readlink and stat /proc/self/exe");
    exe[n > 0 ? n : 0] = 0;
    CHECK_OK(query(text, 0, &q, name, sizeof(name)), "query main()'s address");
    CHECK(q.vma_start <= text && text < q.vma_end &&
          (q.vma_flags & (Q_R | Q_X)) == (Q_R | Q_X) && !(q.vma_flags & Q_W),
          "main() in an r-x mapping %llx-%llx flags %llx",
          (unsigned long long)q.vma_start, (unsigned long long)q.vma_end,
          (unsigned long long)q.vma_flags);
    CHECK(q.inode == st.st_ino && q.dev_major == major(st.st_dev) &&
          q.dev_minor == minor(st.st_dev), "its inode and device are the "
          "program's (%llu %u:%u)", (unsigned long long)q.inode,
          q.dev_major, q.dev_minor);
    CHECK(q.vma_name_size == strlen(exe) + 1 && !strcmp(name, exe),
          "its name is the program's path (%u %s)", q.vma_name_size,
          q.vma_name_size ? name : "");
    CHECK(q.vma_page_size == (uint64_t)pg, "vma_page_size %llu",
          (unsigned long long)q.vma_page_size);
    errno = 0;
    CHECK(query(text, Q_W, &q, NULL, 0) == -1 && errno == ENOENT,
          "WRITABLE at main(): ENOENT");
    CHECK_OK(query(text, Q_R | Q_X | Q_FILE, &q, NULL, 0),
             "READABLE|EXECUTABLE|FILE_BACKED at main()");

    check_lines();

    /* an anonymous page with a hole before it */
    anon = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(anon != MAP_FAILED, "mmap 3 pages");
    munmap(anon, pg);
    mprotect(anon + 2 * pg, pg, PROT_READ);
    CHECK_OK(query((uintptr_t)anon + pg, 0, &q, name, sizeof(name)),
             "query an anonymous page");
    CHECK(q.vma_start == (uintptr_t)anon + pg &&
          q.vma_end == (uintptr_t)anon + 2 * pg &&
          q.vma_flags == (Q_R | Q_W) && q.inode == 0 && q.dev_major == 0 &&
          q.vma_offset == 0 && q.vma_name_size == 0,
          "rw-p, no file, no name (%llx-%llx flags %llx name size %u)",
          (unsigned long long)q.vma_start, (unsigned long long)q.vma_end,
          (unsigned long long)q.vma_flags, q.vma_name_size);
    errno = 0;
    CHECK(query((uintptr_t)anon, 0, &q, NULL, 0) == -1 && errno == ENOENT,
          "the unmapped page before it: ENOENT");
    CHECK(query((uintptr_t)anon, Q_NEXT, &q, NULL, 0) == 0 &&
          q.vma_start == (uintptr_t)anon + pg,
          "COVERING_OR_NEXT_VMA from the hole gives the next mapping");
    CHECK(query((uintptr_t)anon, Q_NEXT | Q_W, &q, NULL, 0) == 0 &&
          q.vma_start == (uintptr_t)anon + pg,
          "COVERING_OR_NEXT_VMA|WRITABLE gives it too");
    CHECK(query((uintptr_t)anon + pg, Q_NEXT | Q_R | Q_W, &q, NULL, 0) == 0 &&
          q.vma_start == (uintptr_t)anon + pg,
          "... and from inside it");
    CHECK(query((uintptr_t)anon + 2 * pg, 0, &q, NULL, 0) == 0 &&
          q.vma_start == (uintptr_t)anon + 2 * pg && q.vma_flags == Q_R,
          "the r-- page after it is a mapping of its own");
    CHECK(query(0, Q_NEXT | Q_FILE, &q, NULL, 0) == 0 &&
          q.inode == st.st_ino && q.vma_start <= text,
          "COVERING_OR_NEXT_VMA|FILE_BACKED from 0: the program's first "
          "mapping (%llx inode %llu)", (unsigned long long)q.vma_start,
          (unsigned long long)q.inode);
    errno = 0;
    CHECK(query((uintptr_t)anon + pg, Q_FILE, &q, NULL, 0) == -1 &&
          errno == ENOENT, "FILE_BACKED on an anonymous one: ENOENT");
    errno = 0;
    CHECK(query(~0ull, Q_NEXT, &q, NULL, 0) == -1 && errno == ENOENT,
          "nothing at or after the top of the address space: ENOENT");

    /* argument checks, in the kernel's order */
    CHECK_ERRNO(ioctl(mfd, QC_PROCMAP_QUERY, NULL), EFAULT, "NULL argument");
    memset(&q, 0, sizeof(q));
    q.size = 23;
    CHECK_ERRNO(ioctl(mfd, QC_PROCMAP_QUERY, &q), EINVAL, "size 23");
    q.size = 24;
    q.query_addr = text;
    CHECK_OK(ioctl(mfd, QC_PROCMAP_QUERY, &q), "size 24 (query_addr only)");
    CHECK(q.vma_start == 0 && q.vma_end == 0, "size 24: nothing written "
          "beyond it");
    q.size = pg + 1;
    CHECK_ERRNO(ioctl(mfd, QC_PROCMAP_QUERY, &q), E2BIG, "size PAGE_SIZE + 1");
    {
        static char big[200];
        struct qc_procmap_query *b = (void *)big;

        memset(big, 0, sizeof(big));
        b->size = sizeof(big);
        b->query_addr = text;
        CHECK_OK(ioctl(mfd, QC_PROCMAP_QUERY, b), "a larger struct with "
                 "zeroes after ours");
        big[150] = 1;
        CHECK_ERRNO(ioctl(mfd, QC_PROCMAP_QUERY, b), E2BIG,
                    "a larger struct with a non-zero byte after ours");
    }
    errno = 0;
    CHECK(query(text, 0x40, &q, NULL, 0) == -1 && errno == EINVAL,
          "unknown query flag 0x40: EINVAL");
    errno = 0;
    CHECK(query(text, 0, &q, NULL, 10) == -1 && errno == EINVAL,
          "vma_name_size without vma_name_addr: EINVAL");
    errno = 0;
    CHECK(query(text, 0, &q, name, 0) == -1 && errno == EINVAL,
          "vma_name_addr without vma_name_size: EINVAL");
    errno = 0;
    CHECK(query(0, 0x40, &q, NULL, 0) == -1 && errno == EINVAL,
          "EINVAL before ENOENT");
    errno = 0;
    CHECK(query(text, 0, &q, name, 5) == -1 && errno == ENAMETOOLONG,
          "a name buffer too small: ENAMETOOLONG");
    errno = 0;
    CHECK(query(text, 0, &q, (char *)16, sizeof(name)) == -1 &&
          errno == EFAULT, "a bad name buffer: EFAULT");
    CHECK(query((uintptr_t)anon + pg, 0, &q, (char *)16, sizeof(name)) == 0,
          "a bad name buffer for a mapping with no name: not touched");

    /* build ID: what the note of the program's file says, if it has one */
    memset(&q, 0, sizeof(q));
    q.size = sizeof(q);
    q.query_addr = text;
    q.build_id_addr = (uintptr_t)id;
    q.build_id_size = sizeof(id);
    CHECK_OK(ioctl(mfd, QC_PROCMAP_QUERY, &q), "query with a build ID buffer");
    dl_iterate_phdr(find_own_id, NULL);
    CHECK(q.build_id_size == own_id_size &&
          !memcmp(id, own_id, own_id_size),
          "the build ID is the program's note (%u bytes, the note %u)",
          q.build_id_size, own_id_size);
    if (q.build_id_size) {
        uint32_t got = q.build_id_size;

        q.build_id_size = got - 1;
        CHECK_ERRNO(ioctl(mfd, QC_PROCMAP_QUERY, &q), ENAMETOOLONG,
                    "a build ID buffer one byte short");
    }
    memset(&q, 0, sizeof(q));
    q.size = sizeof(q);
    q.query_addr = (uintptr_t)anon + pg;
    q.build_id_addr = (uintptr_t)id;
    q.build_id_size = sizeof(id);
    CHECK(ioctl(mfd, QC_PROCMAP_QUERY, &q) == 0 && q.build_id_size == 0,
          "an anonymous mapping has no build ID");
    q.build_id_size = 0;
    CHECK_ERRNO(ioctl(mfd, QC_PROCMAP_QUERY, &q), EINVAL,
                "build_id_addr without build_id_size");

    /* a dup answers too; other files are ENOTTY */
    {
        int d = dup(mfd), s = open("/proc/self/stat", O_RDONLY);
        int saved = mfd;

        mfd = d;
        CHECK_OK(query(text, 0, &q, NULL, 0), "query through a dup");
        mfd = s;
        errno = 0;
        CHECK(query(text, 0, &q, NULL, 0) == -1 && errno == ENOTTY,
              "/proc/self/stat: ENOTTY");
        mfd = saved;
        close(d);
        close(s);
    }
    return guest_done();
}
