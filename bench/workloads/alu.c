/* alu: integer ALU loop (multiply, xor, shifts, branches). */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 200000000L;
    uint32_t a = 1, b = 0x9e3779b9, c = 7;
    for (long i = 0; i < n; i++) {
        a ^= a << 13; a ^= a >> 17; a ^= a << 5;
        b += a * 2654435761u;
        if (a & 1) c = c * 3 + (b >> 7); else c ^= b;
    }
    printf("alu %u %u %u\n", a, b, c);
    return 0;
}
