/* lz: an LZ77 compressor (hash-chain matcher, greedy parse) over a file,
 * then decompression and verification. Prints sizes and a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HBITS 15
#define WIN 65535
#define MINM 4
#define MAXM 258

static uint32_t hash4(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return (v * 2654435761u) >> (32 - HBITS); }

int main(int argc, char **argv)
{
    if (argc < 2) return 2;
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *in = malloc(n + 8), *out = malloc(n + n / 2 + 16), *back = malloc(n + 8);
    int32_t *head = malloc(sizeof(int32_t) << HBITS), *prev = malloc(sizeof(int32_t) * (WIN + 1));
    if (!in || !out || !back || !head || !prev || fread(in, 1, n, f) != (size_t)n) return 1;
    fclose(f);
    memset(head, 0xff, sizeof(int32_t) << HBITS);
    long o = 0, i = 0;
    /* token: 0x00 len8 literal bytes... | 0x01 len8 dist16 */
    long lit_start = 0;
    while (i < n) {
        int best = 0, bdist = 0;
        if (i + MINM <= n) {
            uint32_t h = hash4(in + i);
            int32_t c = head[h];
            int chain = 32;
            while (c >= 0 && i - c <= WIN && chain--) {
                int l = 0, lim = (int)(n - i < MAXM ? n - i : MAXM);
                while (l < lim && in[c + l] == in[i + l]) l++;
                if (l > best) { best = l; bdist = (int)(i - c); }
                c = prev[c & WIN];
            }
            prev[i & WIN] = head[h];
            head[h] = (int32_t)i;
        }
        if (best >= MINM) {
            while (lit_start < i) {
                int l = (int)(i - lit_start > 255 ? 255 : i - lit_start);
                out[o++] = 0; out[o++] = (uint8_t)l;
                memcpy(out + o, in + lit_start, l); o += l; lit_start += l;
            }
            out[o++] = 1; out[o++] = (uint8_t)(best - MINM);
            out[o++] = (uint8_t)bdist; out[o++] = (uint8_t)(bdist >> 8);
            for (long k = i + 1; k < i + best && k + MINM <= n; k++) {
                uint32_t h = hash4(in + k);
                prev[k & WIN] = head[h];
                head[h] = (int32_t)k;
            }
            i += best;
            lit_start = i;
        } else {
            i++;
        }
    }
    while (lit_start < n) {
        int l = (int)(n - lit_start > 255 ? 255 : n - lit_start);
        out[o++] = 0; out[o++] = (uint8_t)l;
        memcpy(out + o, in + lit_start, l); o += l; lit_start += l;
    }
    long b = 0;
    for (long p = 0; p < o;) {
        if (out[p] == 0) { int l = out[p + 1]; memcpy(back + b, out + p + 2, l); b += l; p += 2 + l; }
        else { int l = out[p + 1] + MINM, d = out[p + 2] | out[p + 3] << 8;
               for (int k = 0; k < l; k++, b++) back[b] = back[b - d]; p += 4; }
    }
    uint32_t sum = 0;
    for (long k = 0; k < o; k++) sum = sum * 31 + out[k];
    printf("lz in=%ld out=%ld roundtrip=%s sum=%u\n", n, o, b == n && !memcmp(in, back, n) ? "ok" : "BAD", sum);
    return 0;
}
