/* fsmeta: create/stat/rename/unlink N files in a directory (argv[1]). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    if (argc < 2) return 2;
    const char *dir = argv[1];
    long n = argc > 2 ? atol(argv[2]) : 20000;
    char a[512], b[512];
    long ok = 0;
    struct stat st;
    for (long i = 0; i < n; i++) {
        snprintf(a, sizeof a, "%s/f%ld", dir, i);
        int fd = open(a, O_CREAT | O_WRONLY | O_TRUNC, 0644);
        if (fd < 0) return 1;
        ok += write(fd, &i, sizeof i) == sizeof i;
        close(fd);
    }
    for (long i = 0; i < n; i++) {
        snprintf(a, sizeof a, "%s/f%ld", dir, i);
        snprintf(b, sizeof b, "%s/g%ld", dir, i);
        ok += stat(a, &st) == 0 && st.st_size == sizeof i;
        ok += rename(a, b) == 0;
    }
    for (long i = 0; i < n; i++) {
        snprintf(b, sizeof b, "%s/g%ld", dir, i);
        ok += unlink(b) == 0;
    }
    printf("fsmeta %ld\n", ok);
    return 0;
}
