/* hello: argv, envp and the auxiliary vector as the kernel builds them.
 * args: alpha "beta gamma"
 * env: QC_TEST=42
 * variants: static dynamic
 */
#include "check.h"
#include <sys/auxv.h>
#include <elf.h>

int main(int argc, char **argv, char **envp)
{
    printf("hello from %s\n", argv[0]);
    CHECK(argc == 3, "argc is 3 (got %d)", argc);
    CHECK(argc > 1 && strcmp(argv[1], "alpha") == 0, "argv[1] is alpha");
    CHECK(argc > 2 && strcmp(argv[2], "beta gamma") == 0, "argv[2] keeps its space");
    CHECK(argv[argc] == NULL, "argv is NULL-terminated");
    const char *v = getenv("QC_TEST");
    CHECK(v && strcmp(v, "42") == 0, "envp carries QC_TEST=42");
    int n = 0;
    for (char **e = envp; *e; e++)
        n++;
    CHECK(n >= 1, "envp has %d entries", n);

    CHECK(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ is 4096 (got %lu)", getauxval(AT_PAGESZ));
    CHECK(getauxval(AT_PHDR) != 0, "AT_PHDR present");
    CHECK(getauxval(AT_ENTRY) != 0, "AT_ENTRY present");
    CHECK(getauxval(AT_UID) == (unsigned long)getuid(), "AT_UID matches getuid");
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    CHECK(rnd != NULL, "AT_RANDOM present");
    if (rnd) {
        int nz = 0;
        for (int i = 0; i < 16; i++)
            nz |= rnd[i];
        CHECK(nz != 0, "AT_RANDOM has 16 readable, non-zero bytes");
    }
    const char *fn = (const char *)getauxval(AT_EXECFN);
    CHECK(fn && strlen(fn) >= 5 && strstr(fn, "hello"), "AT_EXECFN names the program (%s)", fn ? fn : "(null)");
    /* The stack pointer and argv live below the 32-bit line by construction. */
    CHECK((unsigned long)&argc > 0x10000, "stack is above mmap_min_addr");
    return guest_done();
}
