/* sieve: memory sweep, sieve of Eratosthenes over a 64 MiB byte array. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
    size_t n = (argc > 1 ? atol(argv[1]) : 64) << 20;
    unsigned char *s = malloc(n);
    if (!s) return 1;
    memset(s, 1, n);
    s[0] = s[1] = 0;
    for (size_t i = 2; i * i < n; i++)
        if (s[i])
            for (size_t j = i * i; j < n; j += i)
                s[j] = 0;
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += s[i];
    printf("sieve %zu\n", count);
    return 0;
}
