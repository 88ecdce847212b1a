/*
 * showargs: prints which arch it was built for (ARCH, set by the test), its
 * argv and $QC_MARK on one line:
 *   arch=<ARCH> argv0=<argv[0]> args=<argv[1]>,<argv[2]>... mark=<QC_MARK>
 * With -cat as its first argument it instead copies stdin to stdout, each
 * line prefixed with "[<ARCH>] ". With -hwcap it prints "hwcap=<AT_HWCAP>"
 * (which depends on the emulated CPU model). With -wait it writes "ready"
 * and waits for the end of stdin (tests/host/ps-cmdline.sh looks at the
 * running process meanwhile).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "-cat") == 0) {
        char line[512];
        while (fgets(line, sizeof line, stdin))
            printf("[%s] %s", ARCH, line);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "-wait") == 0) {
        char c;
        if (write(1, "ready\n", 6) != 6)
            return 1;
        while (read(0, &c, 1) > 0)
            ;
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "-hwcap") == 0) {
        printf("hwcap=%#lx\n", getauxval(AT_HWCAP));
        return 0;
    }
    printf("arch=%s argv0=%s args=", ARCH, argc > 0 ? argv[0] : "(none)");
    for (int i = 1; i < argc; i++)
        printf("%s%s", i > 1 ? "," : "", argv[i]);
    const char *m = getenv("QC_MARK");
    printf(" mark=%s\n", m ? m : "(unset)");
    return 0;
}
