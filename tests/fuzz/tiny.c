/*
 * tiny.c: the smallest useful guest program, the ELF fuzzer's first seed.
 * Built with -nostdlib -static: one PT_LOAD segment or two, no libc, no
 * interpreter. It writes "tiny\n" and exits 0 via the guest's own syscall
 * instruction, so a mutated copy that still runs says so on stdout.
 */
#if defined(__i386__)
#define NR_WRITE 4
#define NR_EXIT 1
static long sys3(long n, long a, long b, long c)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "0"(n), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}
#elif defined(__arm__)
#define NR_WRITE 4
#define NR_EXIT 1
static long sys3(long n, long a, long b, long c)
{
    register long r0 __asm__("r0") = a, r1 __asm__("r1") = b, r2 __asm__("r2") = c;
    register long r7 __asm__("r7") = n;
    __asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
    return r0;
}
#elif defined(__mips__)
#define NR_WRITE 4004
#define NR_EXIT 4001
static long sys3(long n, long a, long b, long c)
{
    register long v0 __asm__("$2") = n, a0 __asm__("$4") = a, a1 __asm__("$5") = b,
                  a2 __asm__("$6") = c, a3 __asm__("$7");
    __asm__ volatile("syscall" : "+r"(v0), "=r"(a3) : "r"(a0), "r"(a1), "r"(a2)
                     : "memory", "$1", "$3", "$8", "$9", "$10", "$11", "$12", "$13",
                       "$14", "$15", "$24", "$25", "hi", "lo");
    return v0;
}
#endif

static const char msg[] = "tiny\n";

void __start(void) __asm__("__start");
void __start(void)
{
    sys3(NR_WRITE, 1, (long)msg, sizeof msg - 1);
    for (;;)
        sys3(NR_EXIT, 0, 0, 0);
}
