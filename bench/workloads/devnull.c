/* devnull: syscall round trip with a buffer, 1M one-byte write()s to /dev/null. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000L;
    int fd = open("/dev/null", O_WRONLY);
    long ok = 0;
    for (long i = 0; i < n; i++)
        ok += write(fd, "x", 1) == 1;
    printf("devnull %ld\n", ok);
    return 0;
}
