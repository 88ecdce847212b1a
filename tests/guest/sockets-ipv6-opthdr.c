/* sockets-ipv6-opthdr: the sticky IPv6 extension headers IPV6_RTHDR,
 * IPV6_HOPOPTS, IPV6_DSTOPTS and IPV6_RTHDRDSTOPTS set and read back. Their
 * value is the header itself, bytes in network order, the same for 32-bit
 * tasks (net/ipv6/ipv6_sockglue.c ipv6_set_opt_hdr() and
 * ipv6_getsockopt_sticky(), no compat path): a length that is not a multiple
 * of 8 is EINVAL, an unreadable buffer EFAULT, length 0 removes the header,
 * and reading copies min(len, header length) and reports that. QEMU 7.2
 * answered ENOPROTOOPT (LTP setsockopt11). The options other than
 * IPV6_RTHDR need CAP_NET_RAW (EPERM otherwise: skipped with the reason).
 */
#include "check.h"
#include <errno.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#define BADPTR ((void *)16)

static const char *name_of(int opt)
{
    switch (opt) {
    case IPV6_RTHDR: return "IPV6_RTHDR";
    case IPV6_HOPOPTS: return "IPV6_HOPOPTS";
    case IPV6_DSTOPTS: return "IPV6_DSTOPTS";
    default: return "IPV6_RTHDRDSTOPTS";
    }
}

int main(void)
{
    int s = socket(AF_INET6, SOCK_DGRAM, 0);
    unsigned char srh[24] = { 0 }, got[64], opts[8];
    static const int others[] = { IPV6_HOPOPTS, IPV6_DSTOPTS, IPV6_RTHDRDSTOPTS };
    socklen_t len;
    int i;

    if (s < 0 && errno == EAFNOSUPPORT) {
        guest_skip("no IPv6 in this kernel");
    }
    CHECK(s >= 0, "socket(AF_INET6, SOCK_DGRAM)");

    /* a segment routing header (type 4) with one segment, ::1, as LTP's
     * setsockopt11 builds it (include/uapi/linux/seg6.h struct ipv6_sr_hdr) */
    srh[0] = 0;                       /* nexthdr */
    srh[1] = 2;                       /* hdrlen: (24 - 8) / 8 */
    srh[2] = 4;                       /* IPV6_SRCRT_TYPE_4 */
    srh[3] = 0;                       /* segments_left */
    srh[4] = 0;                       /* first_segment */
    memcpy(srh + 8, &in6addr_loopback, 16);

    CHECK_OK(setsockopt(s, IPPROTO_IPV6, IPV6_RTHDR, srh, sizeof(srh)),
             "IPV6_RTHDR: set a 24-byte segment routing header");
    memset(got, 0xee, sizeof(got));
    len = sizeof(got);
    CHECK_OK(getsockopt(s, IPPROTO_IPV6, IPV6_RTHDR, got, &len),
             "IPV6_RTHDR: read back");
    CHECK(len == sizeof(srh) && !memcmp(got, srh, sizeof(srh)) && got[24] == 0xee,
          "IPV6_RTHDR: read back 24 bytes, the same (len %u)", (unsigned)len);
    memset(got, 0xee, sizeof(got));
    len = 8;
    CHECK_OK(getsockopt(s, IPPROTO_IPV6, IPV6_RTHDR, got, &len),
             "IPV6_RTHDR: read back with len 8");
    CHECK(len == 8 && !memcmp(got, srh, 8) && got[8] == 0xee,
          "IPV6_RTHDR: len 8 reads the first 8 bytes (len %u)", (unsigned)len);
    CHECK_ERRNO(setsockopt(s, IPPROTO_IPV6, IPV6_RTHDR, srh, 12), EINVAL,
                "IPV6_RTHDR: length 12 (not a multiple of 8): EINVAL");
    CHECK_ERRNO(setsockopt(s, IPPROTO_IPV6, IPV6_RTHDR, BADPTR, 24), EFAULT,
                "IPV6_RTHDR: unreadable buffer: EFAULT");
    CHECK_OK(setsockopt(s, IPPROTO_IPV6, IPV6_RTHDR, NULL, 0),
             "IPV6_RTHDR: length 0 removes it");
    len = sizeof(got);
    CHECK_OK(getsockopt(s, IPPROTO_IPV6, IPV6_RTHDR, got, &len),
             "IPV6_RTHDR: read back after removal");
    CHECK(len == 0, "IPV6_RTHDR: none set: length 0 (len %u)", (unsigned)len);

    /* an options header: nexthdr, hdrlen 0 (8 bytes), PadN of 4 bytes */
    memset(opts, 0, sizeof(opts));
    opts[2] = 1;                      /* IPV6_TLV_PADN */
    opts[3] = 4;
    for (i = 0; i < 3; i++) {
        int opt = others[i];
        errno = 0;
        if (setsockopt(s, IPPROTO_IPV6, opt, opts, sizeof(opts)) < 0 && errno == EPERM) {
            SKIP("%s: needs CAP_NET_RAW", name_of(opt));
            continue;
        }
        CHECK(errno == 0, "%s: set an 8-byte options header", name_of(opt));
        memset(got, 0xee, sizeof(got));
        len = sizeof(got);
        CHECK_OK(getsockopt(s, IPPROTO_IPV6, opt, got, &len),
                 "%s: read back", name_of(opt));
        CHECK(len == 8 && !memcmp(got, opts, 8) && got[8] == 0xee,
              "%s: read back 8 bytes, the same (len %u)", name_of(opt), (unsigned)len);
        CHECK_OK(setsockopt(s, IPPROTO_IPV6, opt, NULL, 0),
                 "%s: length 0 removes it", name_of(opt));
    }
    close(s);
    return guest_done();
}
