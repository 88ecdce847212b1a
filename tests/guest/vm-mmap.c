/* vm-mmap: placement and editing of mappings inside the guest's address
 * space: hints, MAP_FIXED, MAP_FIXED_NOREPLACE, partial munmap/mprotect,
 * mremap in place and moving, shmat/shmdt, brk, /proc/self/maps.
 * variants: static dynamic
 */
#include "check.h"
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/auxv.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif
#if defined(__i386__)
#define TASK_SIZE 0xffffe000ul
#elif defined(__arm__)
#define TASK_SIZE 0xffff0000ul
#else
#define TASK_SIZE 0x7fff8000ul
#endif
#define PG 4096ul
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

/* The /proc/self/maps line that contains addr: its range, perms, name. */
static int maps_find(unsigned long addr, unsigned long *s, unsigned long *e,
                     char *perms, char *name)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long a, b, off, ino;
        char p[8], dev[16], nm[256] = "";
        if (sscanf(line, "%lx-%lx %7s %lx %15s %lu %255s", &a, &b, p, &off, dev, &ino, nm) < 6)
            continue;
        if (a <= addr && addr < b) {
            *s = a; *e = b;
            strcpy(perms, p);
            strcpy(name, nm);
            found = 1;
        }
    }
    fclose(f);
    return found;
}

static int maps_sorted_and_below(unsigned long limit)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    unsigned long prev = 0, a, b;
    int ok = 1;
    while (f && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%lx-%lx", &a, &b) != 2 || a < prev || b <= a)
            ok = 0;
        if (b > limit && !strstr(line, "[vectors]"))
            ok = 0;
        prev = b;
    }
    if (f)
        fclose(f);
    return f && ok;
}

/* /proc/self/smaps has the lines of maps, each with a matching Size. */
static int smaps_matches_maps(void)
{
    FILE *m = fopen("/proc/self/maps", "r"), *f = fopen("/proc/self/smaps", "r");
    char ml[512], line[512];
    unsigned long a, b, kb;
    int ok = m && f, want_size = 0;
    while (ok && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%lx-%lx", &a, &b) == 2 && strchr(line, ' ') == line + strcspn(line, " ") &&
            line[strspn(line, "0123456789abcdef")] == '-') {
            ok = !want_size && fgets(ml, sizeof ml, m) && strcmp(ml, line) == 0;
            want_size = 1;
        } else if (sscanf(line, "Size: %lu kB", &kb) == 1) {
            ok = want_size && kb * 1024 == b - a;
            want_size = 0;
        }
    }
    if (ok && fgets(ml, sizeof ml, m))
        ok = 0;
    if (m) fclose(m);
    if (f) fclose(f);
    return ok && !want_size;
}

/* Does the kernel randomize brk and the stack (kernel.randomize_va_space 2)? */
static int native_aslr(void)
{
    FILE *f = fopen("/proc/sys/kernel/randomize_va_space", "r");
    int v = 2;

    if (f) {
        if (fscanf(f, "%d", &v) != 1)
            v = 2;
        fclose(f);
    }
    return v >= 1;
}

int main(void)
{
    unsigned long s, e;
    char perms[8], name[256];

    /* A free hint is honoured. */
    char *hint = (char *)0x30000000;
    char *p = mmap(hint, 4 * PG, PROT_READ | PROT_WRITE, ANON, -1, 0);
    CHECK(p == hint, "a free hint is honoured (%p)", (void *)p);
    char *q = mmap(hint, PG, PROT_READ, ANON, -1, 0);
    CHECK(q != MAP_FAILED && q != hint && (q + PG <= hint || q >= hint + 4 * PG),
          "a busy hint places elsewhere (%p)", (void *)q);
    munmap(q, PG);

    /* MAP_FIXED_NOREPLACE and MAP_FIXED. */
    CHECK_ERRNO((long)mmap(hint + PG, PG, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0), EEXIST,
                "MAP_FIXED_NOREPLACE over a mapping gives EEXIST");
    CHECK_ERRNO((long)mmap(hint + 4 * PG - 2 * PG, 4 * PG, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0), EEXIST,
                "MAP_FIXED_NOREPLACE partly over a mapping gives EEXIST");
    q = mmap(hint + 4 * PG, PG, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0);
    CHECK(q == hint + 4 * PG, "MAP_FIXED_NOREPLACE on free space maps there");
    munmap(q, PG);
    CHECK_ERRNO((long)mmap(hint + 1, PG, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0), EINVAL,
                "unaligned MAP_FIXED_NOREPLACE gives EINVAL");
    p[PG] = 7;
    q = mmap(hint + PG, PG, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0);
    CHECK(q == hint + PG && q[0] == 0, "MAP_FIXED replaces a page with a zero page");

    /* Partial mprotect and munmap split the mapping. */
    CHECK(mprotect(p + PG, PG, PROT_READ) == 0, "mprotect of the second page");
    CHECK(maps_find((unsigned long)p + PG, &s, &e, perms, name) &&
          s == (unsigned long)p + PG && e == s + PG && !strncmp(perms, "r--p", 4),
          "maps shows the read-only page alone: %lx-%lx %s", s, e, perms);
    CHECK(maps_find((unsigned long)p, &s, &e, perms, name) && s == (unsigned long)p &&
          e == s + PG && !strncmp(perms, "rw-p", 4), "and the rw page before it: %lx-%lx %s", s, e, perms);
    CHECK(mprotect(p + PG, PG, PROT_READ | PROT_WRITE) == 0 &&
          maps_find((unsigned long)p, &s, &e, perms, name) && s == (unsigned long)p && e == s + 4 * PG,
          "mprotect back merges them: %lx-%lx", s, e);
    CHECK(munmap(p + PG, PG) == 0 && maps_find((unsigned long)p + 2 * PG, &s, &e, perms, name) &&
          s == (unsigned long)p + 2 * PG && e == s + 2 * PG &&
          !maps_find((unsigned long)p + PG, &s, &e, perms, name),
          "munmap of a middle page leaves two mappings and a hole");
    munmap(p, 4 * PG);
    CHECK(!maps_find((unsigned long)p + 3 * PG, &s, &e, perms, name), "munmap removes them from maps");

    /* mremap: grow in place, move, fixed, shrink, dontunmap. */
    p = mmap(hint, 2 * PG, PROT_READ | PROT_WRITE, ANON, -1, 0);
    strcpy(p, "kept");
    q = mremap(p, 2 * PG, 4 * PG, 0);
    CHECK(q == p, "mremap grows in place into free pages (%p)", (void *)q);
    CHECK(q != MAP_FAILED && strcmp(q, "kept") == 0 && (q[3 * PG] = 1), "contents kept, new pages usable");
    char *blocker = mmap(p + 4 * PG, PG, PROT_READ, ANON | MAP_FIXED, -1, 0);
    CHECK(blocker == p + 4 * PG, "a mapping right after it");
    CHECK_ERRNO((long)mremap(p, 4 * PG, 8 * PG, 0), ENOMEM, "growing into it without MREMAP_MAYMOVE gives ENOMEM");
    q = mremap(p, 4 * PG, 8 * PG, MREMAP_MAYMOVE);
    CHECK(q != MAP_FAILED && q != p && (uintptr_t)q + 8 * PG <= TASK_SIZE && strcmp(q, "kept") == 0,
          "MREMAP_MAYMOVE moves it inside the address space (%p)", (void *)q);
    CHECK(!maps_find((unsigned long)p, &s, &e, perms, name), "the old range is unmapped");
    char *r = mremap(q, 8 * PG, 8 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, hint + 64 * PG);
    CHECK(r == hint + 64 * PG && strcmp(r, "kept") == 0, "MREMAP_FIXED moves it to the given address");
    q = mremap(r, 8 * PG, 2 * PG, 0);
    CHECK(q == r && !maps_find((unsigned long)r + 4 * PG, &s, &e, perms, name), "mremap shrinks in place");
    CHECK_ERRNO((long)mremap(r, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, TASK_SIZE - PG), EINVAL,
                "MREMAP_FIXED across TASK_SIZE gives EINVAL");
    /* an old range past the end of the address space: EINVAL (the native
     * answer on Linux 6.18; found by tests/fuzz: an assertion) */
    CHECK_ERRNO((long)mremap(r, 0xfffff000ul, 2 * PG, MREMAP_MAYMOVE), EINVAL,
                "mremap with old_size 0xfffff000 gives EINVAL");
    CHECK_ERRNO((long)mremap(r, 0xfffff000ul, 0xfffff000ul, 0), EINVAL,
                "mremap with old and new size 0xfffff000 gives EINVAL");
    q = mremap(r, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
    if (q == MAP_FAILED && errno == EINVAL) {
        printf("  MREMAP_DONTUNMAP not supported by the host kernel\n");
    } else {
        CHECK(q != MAP_FAILED && q != r && strcmp(q, "kept") == 0 && r[0] == 0,
              "MREMAP_DONTUNMAP moves the pages and leaves the old range mapped, empty");
        munmap(q, 2 * PG);
    }
    munmap(r, 2 * PG);
    munmap(blocker, PG);
    CHECK_ERRNO((long)mremap(hint + 200 * PG, PG, 2 * PG, MREMAP_MAYMOVE), EFAULT,
                "mremap of unmapped memory gives EFAULT");

    /* MAP_GROWSDOWN is placed like any mapping. */
    q = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, ANON | MAP_GROWSDOWN, -1, 0);
    CHECK(q != MAP_FAILED && (uintptr_t)q + 4 * PG <= TASK_SIZE && (q[PG] = 1), "MAP_GROWSDOWN maps (%p)", (void *)q);
    munmap(q, 4 * PG);

    /* SysV shared memory inside the range. */
    int id = shmget(IPC_PRIVATE, 3 * PG, IPC_CREAT | 0600);
    if (id < 0) {
        printf("  shmget: %s; shm checks skipped\n", strerror(errno));
    } else {
        char *m = shmat(id, NULL, 0);
        CHECK(m != (void *)-1 && (uintptr_t)m + 3 * PG <= TASK_SIZE, "shmat(NULL) maps inside the range (%p)", (void *)m);
        strcpy(m, "shm");
        CHECK(maps_find((unsigned long)m, &s, &e, perms, name) && s == (unsigned long)m && e == s + 3 * PG &&
              perms[3] == 's', "maps shows the segment shared: %lx-%lx %s %s", s, e, perms, name);
        char *m2 = shmat(id, hint, 0);
        CHECK(m2 == hint && strcmp(m2, "shm") == 0, "shmat at a free address maps there");
        CHECK(shmat(id, hint, 0) == (void *)-1 && errno == EINVAL, "shmat over a mapping gives EINVAL");
        char *m3 = shmat(id, hint, SHM_REMAP);
        CHECK(m3 == hint, "SHM_REMAP replaces it");
        CHECK(shmdt(m) == 0 && shmdt(hint) == 0, "shmdt");
        CHECK(!maps_find((unsigned long)m, &s, &e, perms, name), "shmdt removes the segment from maps");
        q = mmap(m, PG, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0);
        CHECK(q == m, "the freed range can be mapped again");
        munmap(q, PG);
        shmctl(id, IPC_RMID, NULL);
    }

    /* brk after the bss; failure returns the old break. The emulator
     * places the break and the stack as the kernel does without address
     * randomization; natively with it (randomize_va_space 2) the break moves
     * up to 32 MiB and the stack some MiB down, so only the order is checked. */
    int aslr = qc_native() && native_aslr();
    unsigned long b0 = syscall(SYS_brk, 0);
    extern char end;
    CHECK(b0 >= (unsigned long)&end && (aslr ? b0 - (unsigned long)&end <= (32ul << 20) + 64 * PG
                                              : b0 - (unsigned long)&end < 64 * PG),
          "the break starts right after the bss%s (%lx, end %p)", aslr ? " (randomized)" : "", b0, (void *)&end);
    unsigned long b1 = syscall(SYS_brk, b0 + 16 * PG);
    CHECK(b1 == b0 + 16 * PG, "brk grows by 16 pages");
    memset((void *)b0, 1, 16 * PG);
    CHECK(maps_find(b0 + PG, &s, &e, perms, name) && !strcmp(name, "[heap]"), "maps names it [heap] (%s)", name);
    unsigned long top = (b1 + PG - 1) & ~(PG - 1);
    q = mmap((void *)(top + 4 * PG), PG, PROT_READ, ANON | MAP_FIXED, -1, 0);
    CHECK(q == (void *)(top + 4 * PG), "a mapping just above the heap");
    unsigned long b2 = syscall(SYS_brk, top + 8 * PG);
    CHECK(b2 == b1, "brk into it fails and returns the old break (%lx)", b2);
    CHECK(syscall(SYS_brk, top + 2 * PG) == top + 2 * PG, "brk up to it still works");
    munmap(q, PG);

    /* The stack is where the kernel puts it. */
    int local;
    CHECK(maps_find((unsigned long)&local, &s, &e, perms, name) && !strcmp(name, "[stack]") &&
          e <= TASK_SIZE && (aslr || TASK_SIZE - e < 64 * PG),
          "the stack is [stack] just below TASK_SIZE%s (%lx-%lx)", aslr ? " (randomized)" : "", s, e);
    CHECK(maps_sorted_and_below(TASK_SIZE), "maps lines are sorted and end below TASK_SIZE");
    CHECK(smaps_matches_maps(), "smaps has the lines of maps, each with its Size");
    CHECK(maps_find((unsigned long)&main, &s, &e, perms, name) && perms[2] == 'x' && strstr(name, "vm-mmap"),
          "the program's text is named by its file (%s)", name);
#ifdef __PIE__
    if (getauxval(AT_BASE) != 0)    /* a PIE with an interpreter */
        CHECK((uintptr_t)&main >= 0x400000 && (uintptr_t)&main < TASK_SIZE / 2 + 0x30000000,
          "a PIE program is loaded at ELF_ET_DYN_BASE, below its libraries (%p)", (void *)&main);
#endif
    return guest_done();
}
