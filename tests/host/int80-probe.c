/*
 * int80-probe.c: does "int $0x80" work for a 64-bit process on this host?
 * The host tests' own answer, independent of the emulator's probe: prints
 * "available" or "unavailable: <why>". A forked child tries getpid through
 * the i386 entry; where IA32 emulation is disabled that faults (SIGSEGV).
 * The child catches the fault itself: an unhandled one is logged by the
 * kernel ("traps: ... general protection fault") at every test run.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifdef __x86_64__
static void fault(int sig)
{
    _exit(128 + sig);
}
#endif

int main(void)
{
#ifdef __x86_64__
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit no_core = { 0, 0 };
        long ret;
        setrlimit(RLIMIT_CORE, &no_core);
        signal(SIGSEGV, fault);
        signal(SIGILL, fault);
        asm volatile("int $0x80" : "=a"(ret) : "0"(20L) : "memory", "r8", "r9", "r10", "r11");
        _exit((int)ret == getpid() ? 0 : 1);
    }
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) < 0) {
        printf("unavailable: fork/wait failed\n");
        return 0;
    }
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        printf("available\n");
    else if (WIFSIGNALED(st))
        printf("unavailable: int $0x80 killed the process with %s\n", strsignal(WTERMSIG(st)));
    else if (WIFEXITED(st) && WEXITSTATUS(st) > 128)
        printf("unavailable: int $0x80 raised %s\n", strsignal(WEXITSTATUS(st) - 128));
    else
        printf("unavailable: int $0x80 getpid gave a wrong answer\n");
#else
    printf("unavailable: host is not x86-64\n");
#endif
    return 0;
}
