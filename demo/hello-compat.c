/* The bundled demo guest program: what a 32-bit Linux program sees of its
 * machine when run by qemu-compat. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <sys/mman.h>
#include <sys/auxv.h>

int main(int argc, char **argv)
{
    struct utsname u;
    uname(&u);
    printf("  machine %s, %s %s; pointers are %zu bits\n", u.machine, u.sysname, u.release,
           sizeof(void *) * 8);
    for (int i = 1; i < argc; i++)
        printf("  argv[%d] = \"%s\"\n", i, argv[i]);
    void *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("  stack near %p, heap near %p, a fresh mmap at %p, page size %lu\n",
           (void *)&u, (void *)malloc(16), p, getauxval(AT_PAGESZ));
    return 0;
}
