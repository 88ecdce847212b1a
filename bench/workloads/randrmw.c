/* randrmw: random read-modify-write over a 64 MiB array of 32-bit words. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
    size_t words = ((size_t)(argc > 1 ? atol(argv[1]) : 64) << 20) / 4;
    long ops = argc > 2 ? atol(argv[2]) : 16000000L;
    uint32_t *m = calloc(words, 4);
    if (!m) return 1;
    uint32_t x = 2463534242u, sum = 0;
    for (long i = 0; i < ops; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        uint32_t *p = &m[x % words];
        *p = *p * 31 + (uint32_t)i;
        sum += *p;
    }
    printf("randrmw %u\n", sum);
    return 0;
}
