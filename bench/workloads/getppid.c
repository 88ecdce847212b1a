/* getppid: syscall round trip, 1M getppid(). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>
int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000L;
    long ok = 0;
    pid_t pp = getppid();
    for (long i = 0; i < n; i++)
        ok += syscall(SYS_getppid) == pp;
    printf("getppid %ld\n", ok);
    return 0;
}
