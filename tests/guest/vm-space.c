/* vm-space: the whole 32-bit address space is the guest's, placed as a
 * 64-bit kernel places a compat task's mappings.
 * With `ulimit -s unlimited` the kernel's legacy layout applies instead:
 * bottom-up from TASK_UNMAPPED_BASE only.
 * timeout: 120
 */
#include "check.h"
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>

#if defined(__i386__)
#define TASK_SIZE 0xffffe000ul
#define UNMAPPED_BASE 0x55555000ul
#define MIN_TOTAL (3.9 * 1024 * 1024 * 1024)
#elif defined(__arm__)
#define TASK_SIZE 0xffff0000ul
#define UNMAPPED_BASE 0x40000000ul
#define MIN_TOTAL (3.9 * 1024 * 1024 * 1024)
#else
#define TASK_SIZE 0x7fff8000ul
#define UNMAPPED_BASE 0x2aaa8000ul
#define MIN_TOTAL (1.9 * 1024 * 1024 * 1024)
#endif

#define CHUNK (64ul << 20)
#define MAXMAPS 8192

static void *maps[MAXMAPS];
static size_t lens[MAXMAPS];

int main(void)
{
    int n = 0, n64, bad = 0;
    unsigned long long total = 0;
    size_t len;
    struct rlimit rl;
    int legacy = getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur == RLIM_INFINITY;
    double min_total = legacy ? (TASK_SIZE - UNMAPPED_BASE) * 0.95 : MIN_TOTAL;

    if (legacy)
        printf("  ulimit -s unlimited: the legacy layout, bottom-up from 0x%lx\n", UNMAPPED_BASE);

    /* 64 MiB PROT_NONE chunks until ENOMEM, then smaller ones: every hole
     * the chunk size leaves is counted too. */
    printf("  filling the address space\n");  /* stdout's buffer first */
    for (len = CHUNK; len >= 4096; len /= 2) {
        for (;;) {
            void *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p == MAP_FAILED) {
                if (errno != ENOMEM) {
                    CHECK(0, "mmap of %zu bytes fails with ENOMEM, not %s", len, strerror(errno));
                    bad++;
                }
                break;
            }
            if ((uintptr_t)p + len > TASK_SIZE || (uintptr_t)p + len < (uintptr_t)p)
                bad++;
            if (n < MAXMAPS) {
                maps[n] = p;
                lens[n] = len;
                n++;
            }
            total += len;
        }
        if (len == CHUNK)
            n64 = n;
    }
    printf("  %d chunks of 64 MiB, %d maps, %llu MiB in all\n", n64, n, total >> 20);
    CHECK(bad == 0, "every mapping ends below TASK_SIZE 0x%lx and fails only with ENOMEM", TASK_SIZE);
    CHECK(total >= min_total, "the guest can map %llu MiB (>= %.0f MiB)", total >> 20, min_total / 1048576);
    CHECK(n64 * (unsigned long long)CHUNK >= min_total - 3 * CHUNK,
          "64 MiB chunks alone give %d MiB", n64 * 64);
    void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p == MAP_FAILED && errno == ENOMEM, "a full address space gives ENOMEM");
    for (int i = 0; i < n; i++)
        munmap(maps[i], lens[i]);
    p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "after munmap of everything a 64 MiB map works again");
    if (p != MAP_FAILED) {
        memset(p, 1, 4096);
        munmap(p, CHUNK);
    }

    /* Top-down: with the stack rlimit finite, successive maps go down. */
    char *a = mmap(NULL, 65536, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *b = mmap(NULL, 65536, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (legacy) {
        CHECK(a != MAP_FAILED && b != MAP_FAILED && a + 65536 == b,
              "successive maps are placed bottom-up, adjacent (%p then %p)", (void *)a, (void *)b);
        CHECK((uintptr_t)a >= UNMAPPED_BASE, "mmaps start at TASK_UNMAPPED_BASE (%p)", (void *)a);
    } else {
        CHECK(a != MAP_FAILED && b != MAP_FAILED && b + 65536 == a,
              "successive maps are placed top-down, adjacent (%p then %p)", (void *)a, (void *)b);
        CHECK((uintptr_t)a > TASK_SIZE / 2, "mmaps start high, below the stack (%p)", (void *)a);
    }
    munmap(a, 65536);
    munmap(b, 65536);

    /* Errors with the kernel's errno. */
    CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
          "length 0 gives EINVAL");
    CHECK(mmap((void *)0x10001000 + 1, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED &&
          errno == EINVAL, "unaligned MAP_FIXED gives EINVAL");
    CHECK(mmap(NULL, TASK_SIZE + 4096ul, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
          errno == ENOMEM, "a length above TASK_SIZE gives ENOMEM");
    CHECK(mmap(NULL, 0xfffff000ul, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
          errno == ENOMEM, "a length of nearly 4 GiB gives ENOMEM");
    CHECK(mmap((void *)(TASK_SIZE - 4096), 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
          MAP_FAILED && errno == ENOMEM, "MAP_FIXED across TASK_SIZE gives ENOMEM");
    return guest_done();
}
