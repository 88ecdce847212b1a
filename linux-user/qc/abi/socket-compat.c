/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/socket-compat.c: socket options and control messages that QEMU 7.2 does
 * not convert (it answered ENOPROTOOPT for the options, and dropped or
 * copied unswapped the control messages).
 *
 * Options (do_setsockopt()/do_getsockopt() offer every call here first):
 *  - SOL_SOCKET SO_TIMESTAMPNS_OLD, SO_TIMESTAMP_NEW, SO_TIMESTAMPNS_NEW
 *    (int flags), SO_RCVTIMEO_NEW/SO_SNDTIMEO_NEW (struct
 *    __kernel_sock_timeval: two s64 on every ABI), SO_DETACH_FILTER;
 *  - IPPROTO_IP IP_MULTICAST_IF (struct in_addr, ip_mreq or ip_mreqn:
 *    ip_mreqn's int ifindex is swapped);
 *  - SOL_PACKET: the int options, PACKET_HDRLEN and PACKET_STATISTICS (u32
 *    words) read back, struct packet_mreq and the ring
 *    requests (struct tpacket_req/tpacket_req3: u32 words), whose layouts are
 *    the same for 32-bit tasks (net/packet/af_packet.c packet_setsockopt()
 *    has no compat path); QEMU 7.2 answered ENOPROTOOPT (LTP setsockopt02,
 *    07, 09, sendto03);
 *  - IPPROTO_IPV6 IPV6_HOPOPTS, IPV6_RTHDRDSTOPTS, IPV6_RTHDR, IPV6_DSTOPTS:
 *    the sticky extension headers, set and read back as the header's bytes
 *    (network order; net/ipv6/ipv6_sockglue.c ipv6_set_opt_hdr() and
 *    ipv6_getsockopt_sticky(), with no compat path); QEMU 7.2 answered
 *    ENOPROTOOPT (LTP setsockopt11).
 * Their numbers are the same on i386, ARM, MIPS o32 and the host
 * (include/uapi/asm-generic/socket.h, arch/mips/include/uapi/asm/socket.h).
 *
 * Control messages received (host_to_target_cmsg() asks here for the types
 * it does not know): SCM_TIMESTAMPNS_OLD (struct timespec -> old_timespec32),
 * SCM_TIMESTAMP_NEW/SCM_TIMESTAMPNS_NEW (two s64, swapped), IP_PKTINFO and
 * IPV6_PKTINFO (their int ifindex swapped).
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include <netinet/in.h>
#include "qemu.h"
#include "user-internals.h"
#include "qemu-compat.h"
#include "guest-access.h"
#include "abi/socket.h"

#define QC_SO_DETACH_FILTER    27
#define QC_SO_TIMESTAMPNS_OLD  35
#define QC_SO_TIMESTAMP_NEW    63
#define QC_SO_TIMESTAMPNS_NEW  64
#define QC_SO_RCVTIMEO_NEW     66
#define QC_SO_SNDTIMEO_NEW     67
QEMU_BUILD_BUG_ON(SO_DETACH_FILTER != QC_SO_DETACH_FILTER);
QEMU_BUILD_BUG_ON(IP_MULTICAST_IF != 32 || IP_PKTINFO != 8);
QEMU_BUILD_BUG_ON(SOL_PACKET != 263);

/* include/uapi/linux/in6.h: the same numbers on every arch */
#define QC_IPV6_HOPOPTS        54
#define QC_IPV6_RTHDRDSTOPTS   55
#define QC_IPV6_RTHDR          57
#define QC_IPV6_DSTOPTS        59
QEMU_BUILD_BUG_ON(IPV6_HOPOPTS != QC_IPV6_HOPOPTS ||
                  IPV6_RTHDRDSTOPTS != QC_IPV6_RTHDRDSTOPTS ||
                  IPV6_RTHDR != QC_IPV6_RTHDR || IPV6_DSTOPTS != QC_IPV6_DSTOPTS);
/* the longest header: ipv6_optlen() = (hdrlen + 1) * 8, hdrlen a u8
 * (include/net/ipv6.h) */
#define QC_IPV6_OPTHDR_MAX     (256 * 8)

/* SOL_PACKET option numbers, include/uapi/linux/if_packet.h */
#define QC_SOL_PACKET               263
#define QC_PACKET_ADD_MEMBERSHIP    1
#define QC_PACKET_DROP_MEMBERSHIP   2
#define QC_PACKET_RX_RING           5
#define QC_PACKET_STATISTICS        6
#define QC_PACKET_HDRLEN            11
#define QC_PACKET_TX_RING           13

/* matches struct packet_mreq_max in net/packet/af_packet.c (the kernel
 * copies at most this much): int ifindex, u16 type, u16 alen, addr[32] */
#define QC_PACKET_MREQ_MAX 40
/* matches struct tpacket_req3 (7 x u32), the largest tpacket_req_u member */
#define QC_TPACKET_REQ_MAX 28

/* An int option: a shorter value is EINVAL, as every int option's setter
 * in the kernel answers (sk_setsockopt(), packet_setsockopt()). */
static abi_long set_int_opt(int fd, int host_level, int optname,
                            abi_ulong optval_addr, socklen_t optlen)
{
    uint32_t v;

    if (optlen < sizeof(uint32_t)) {
        return -TARGET_EINVAL;
    }
    if (get_user_u32(v, optval_addr)) {
        return -TARGET_EFAULT;
    }
    return get_errno(setsockopt(fd, host_level, optname, &v, sizeof(v)));
}

/* The int-valued SOL_PACKET options packet_setsockopt() takes. */
static bool qc_packet_opt_is_int(int optname)
{
    switch (optname) {
    case 7:  /* PACKET_COPY_THRESH */
    case 8:  /* PACKET_AUXDATA */
    case 9:  /* PACKET_ORIGDEV */
    case 10: /* PACKET_VERSION */
    case 12: /* PACKET_RESERVE */
    case 14: /* PACKET_LOSS */
    case 15: /* PACKET_VNET_HDR */
    case 17: /* PACKET_TIMESTAMP */
    case 18: /* PACKET_FANOUT */
    case 19: /* PACKET_TX_HAS_OFF */
    case 20: /* PACKET_QDISC_BYPASS */
    case 23: /* PACKET_IGNORE_OUTGOING */
    case 24: /* PACKET_VNET_HDR_SZ */
        return true;
    }
    return false;
}

/*
 * SOL_PACKET options: byte strings whose 32-bit (and, for packet_mreq, 16-bit)
 * words only need swapping. Short or unreadable buffers get the kernel's
 * answers: its own length checks see the length the guest gave.
 */
static bool qc_setsockopt_packet(int fd, int optname, abi_ulong optval_addr,
                                 socklen_t optlen, abi_long *ret)
{
    uint8_t buf[QC_PACKET_MREQ_MAX];
    size_t n, i;

    if (qc_packet_opt_is_int(optname)) {
        *ret = set_int_opt(fd, SOL_PACKET, optname, optval_addr, optlen);
        return true;
    }
    switch (optname) {
    case QC_PACKET_ADD_MEMBERSHIP:
    case QC_PACKET_DROP_MEMBERSHIP:
        n = MIN(optlen, QC_PACKET_MREQ_MAX);
        break;
    case QC_PACKET_RX_RING:
    case QC_PACKET_TX_RING:
        n = MIN(optlen, QC_TPACKET_REQ_MAX);
        break;
    default:
        return false;       /* upstream's answer */
    }
    if (copy_from_user(buf, optval_addr, n)) {
        *ret = -TARGET_EFAULT;
        return true;
    }
    if (optname == QC_PACKET_RX_RING || optname == QC_PACKET_TX_RING) {
        for (i = 0; i + 4 <= n; i += 4) {
            uint32_t w;
            memcpy(&w, buf + i, 4);
            w = tswap32(w);
            memcpy(buf + i, &w, 4);
        }
    } else if (n >= 8) {
        uint32_t ifindex;
        uint16_t half;
        memcpy(&ifindex, buf, 4);
        ifindex = tswap32(ifindex);
        memcpy(buf, &ifindex, 4);
        for (i = 4; i < 8; i += 2) {
            memcpy(&half, buf + i, 2);
            half = tswap16(half);
            memcpy(buf + i, &half, 2);
        }
    }
    *ret = get_errno(setsockopt(fd, SOL_PACKET, optname, buf, n));
    return true;
}

static bool qc_sockopt_is_int_flag(int level, int optname)
{
    return level == TARGET_SOL_SOCKET &&
           (optname == QC_SO_TIMESTAMPNS_OLD || optname == QC_SO_TIMESTAMP_NEW ||
            optname == QC_SO_TIMESTAMPNS_NEW);
}

static bool qc_sockopt_is_timeo64(int level, int optname)
{
    return level == TARGET_SOL_SOCKET &&
           (optname == QC_SO_RCVTIMEO_NEW || optname == QC_SO_SNDTIMEO_NEW);
}

static bool qc_sockopt_is_ipv6_opthdr(int level, int optname)
{
    return level == IPPROTO_IPV6 &&
           (optname == QC_IPV6_HOPOPTS || optname == QC_IPV6_RTHDRDSTOPTS ||
            optname == QC_IPV6_RTHDR || optname == QC_IPV6_DSTOPTS);
}

/*
 * Set: the header's bytes go to the host as they are. An unreadable guest
 * buffer becomes QC_BAD_PTR and NULL stays NULL, so the host kernel gives
 * EPERM (no CAP_NET_RAW), EINVAL (NULL or a bad length) and EFAULT in its
 * own order; length 0 removes the header.
 */
static abi_long qc_setsockopt_ipv6_opthdr(int fd, int optname,
                                          abi_ulong optval_addr,
                                          socklen_t optlen)
{
    void *p = optlen ? qc_struct_in(optval_addr, optlen, "") : NULL;
    abi_long ret = get_errno(setsockopt(fd, IPPROTO_IPV6, optname, p, optlen));

    qc_buf_free(p);
    return ret;
}

/*
 * Get: the kernel copies min(len, header length) bytes (len read as an
 * int: a negative one copies the whole header) and then stores that length;
 * no header set reads as length 0. The host fills a buffer that holds the
 * longest header, and what it reports is copied out.
 */
static abi_long qc_getsockopt_ipv6_opthdr(int fd, int optname,
                                          abi_ulong optval_addr,
                                          abi_ulong optlen_addr)
{
    uint8_t buf[QC_IPV6_OPTHDR_MAX];
    int32_t len;
    socklen_t hlen;
    abi_long ret;

    if (get_user_s32(len, optlen_addr)) {
        return -TARGET_EFAULT;
    }
    hlen = len < 0 ? len : MIN(len, sizeof(buf));
    ret = get_errno(getsockopt(fd, IPPROTO_IPV6, optname, buf, &hlen));
    if (is_error(ret)) {
        return ret;
    }
    hlen = MIN(hlen, sizeof(buf));
    if (copy_to_user(optval_addr, buf, hlen) ||
        put_user_s32(hlen, optlen_addr)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

bool qc_setsockopt(int fd, int level, int optname, abi_ulong optval_addr,
                   socklen_t optlen, abi_long *ret)
{
    if (qc_sockopt_is_ipv6_opthdr(level, optname)) {
        *ret = qc_setsockopt_ipv6_opthdr(fd, optname, optval_addr, optlen);
        return true;
    }
    if (level == QC_SOL_PACKET) {
        return qc_setsockopt_packet(fd, optname, optval_addr, optlen, ret);
    }
    if (qc_sockopt_is_int_flag(level, optname)) {
        *ret = set_int_opt(fd, SOL_SOCKET, optname, optval_addr, optlen);
        return true;
    }
    if (qc_sockopt_is_timeo64(level, optname)) {
        struct target_sock_timeval64 *t;
        struct target_sock_timeval64 h;
        /* sock_set_timeout(): a short buffer is EINVAL */
        if (optlen < sizeof(*t)) {
            *ret = -TARGET_EINVAL;
            return true;
        }
        t = lock_user(VERIFY_READ, optval_addr, sizeof(*t), 1);
        if (!t) {
            *ret = -TARGET_EFAULT;
            return true;
        }
        h.tv_sec = tswap64(t->tv_sec);
        h.tv_frac = tswap64(t->tv_frac);
        unlock_user(t, optval_addr, 0);
        *ret = get_errno(setsockopt(fd, SOL_SOCKET, optname, &h, sizeof(h)));
        return true;
    }
    if (level == TARGET_SOL_SOCKET && optname == QC_SO_DETACH_FILTER) {
        /* sock_setsockopt() wants an int-sized (unused) value */
        int unused = 0;
        if (optlen < sizeof(int)) {
            *ret = -TARGET_EINVAL;
            return true;
        }
        *ret = get_errno(setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER,
                                    &unused, sizeof(unused)));
        return true;
    }
    if (level == IPPROTO_IP && optname == IP_MULTICAST_IF) {
        /* in_addr (4), ip_mreq (8) or ip_mreqn (12, int ifindex last) */
        struct ip_mreqn mr = { 0 };
        socklen_t len = MIN(optlen, sizeof(mr));
        void *p = lock_user(VERIFY_READ, optval_addr, len, 1);

        if (!p && len) {
            *ret = -TARGET_EFAULT;
            return true;
        }
        memcpy(&mr, p, len);
        unlock_user(p, optval_addr, 0);
        if (len >= sizeof(struct ip_mreqn)) {
            mr.imr_ifindex = tswap32(mr.imr_ifindex);
        }
        *ret = get_errno(setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mr, len));
        return true;
    }
    return false;
}

/*
 * SOL_PACKET options read back: all u32 words (packet_getsockopt(): the int
 * options; PACKET_HDRLEN, whose int is also read in; PACKET_STATISTICS,
 * struct tpacket_stats or tpacket_stats_v3). The kernel copies
 * min(len, size) and reports that length.
 */
static bool qc_getsockopt_packet(int fd, int optname, abi_ulong optval_addr,
                                 abi_ulong optlen_addr, abi_long *ret)
{
    uint32_t w[4] = { 0 };
    int32_t len;
    socklen_t hlen;
    size_t i;

    if (!qc_packet_opt_is_int(optname) && optname != QC_PACKET_HDRLEN &&
        optname != QC_PACKET_STATISTICS) {
        return false;
    }
    if (get_user_s32(len, optlen_addr)) {
        *ret = -TARGET_EFAULT;
        return true;
    }
    if (len < 0) {
        *ret = -TARGET_EINVAL;
        return true;
    }
    hlen = MIN((uint32_t)len, sizeof(w));
    if (optname == QC_PACKET_HDRLEN && hlen >= sizeof(uint32_t)) {
        if (get_user_u32(w[0], optval_addr)) {
            *ret = -TARGET_EFAULT;
            return true;
        }
    }
    *ret = get_errno(getsockopt(fd, SOL_PACKET, optname, w, &hlen));
    if (is_error(*ret)) {
        return true;
    }
    for (i = 0; i < ARRAY_SIZE(w); i++) {
        w[i] = tswap32(w[i]);
    }
    if (copy_to_user(optval_addr, w, hlen) ||
        put_user_s32(hlen, optlen_addr)) {
        *ret = -TARGET_EFAULT;
    }
    return true;
}

bool qc_getsockopt(int fd, int level, int optname, abi_ulong optval_addr,
                   abi_ulong optlen_addr, abi_long *ret)
{
    int32_t len;
    socklen_t hlen;

    if (level == QC_SOL_PACKET) {
        return qc_getsockopt_packet(fd, optname, optval_addr, optlen_addr, ret);
    }
    if (qc_sockopt_is_ipv6_opthdr(level, optname)) {
        *ret = qc_getsockopt_ipv6_opthdr(fd, optname, optval_addr, optlen_addr);
        return true;
    }
    if (!qc_sockopt_is_int_flag(level, optname) &&
        !qc_sockopt_is_timeo64(level, optname) &&
        !(level == IPPROTO_IP && optname == IP_MULTICAST_IF)) {
        return false;
    }
    if (get_user_s32(len, optlen_addr)) {
        *ret = -TARGET_EFAULT;
        return true;
    }
    if (len < 0) {
        *ret = -TARGET_EINVAL;
        return true;
    }
    if (qc_sockopt_is_timeo64(level, optname)) {
        struct target_sock_timeval64 h, t;
        hlen = sizeof(h);
        *ret = get_errno(getsockopt(fd, SOL_SOCKET, optname, &h, &hlen));
        if (is_error(*ret)) {
            return true;
        }
        t.tv_sec = tswap64(h.tv_sec);
        t.tv_frac = tswap64(h.tv_frac);
        /* sock_getsockopt(): copies min(len, size), reports that */
        len = MIN((uint32_t)len, hlen);
        if (copy_to_user(optval_addr, &t, len) ||
            put_user_s32(len, optlen_addr)) {
            *ret = -TARGET_EFAULT;
        }
        return true;
    } else {
        /* int flags and IP_MULTICAST_IF (an in_addr, network order) */
        uint32_t v = 0;
        bool is_int = level == TARGET_SOL_SOCKET;
        hlen = MIN((uint32_t)len, sizeof(v));
        if (is_int && len < sizeof(int)) {
            *ret = -TARGET_EINVAL;
            return true;
        }
        *ret = get_errno(getsockopt(fd, is_int ? SOL_SOCKET : level, optname,
                                    &v, &hlen));
        if (is_error(*ret)) {
            return true;
        }
        if (is_int) {
            v = tswap32(v);
        }
        if (copy_to_user(optval_addr, &v, hlen) ||
            put_user_s32(hlen, optlen_addr)) {
            *ret = -TARGET_EFAULT;
        }
        return true;
    }
}

int qc_cmsg_target_len(int level, int type, int len)
{
    if (level == SOL_SOCKET && type == QC_SO_TIMESTAMPNS_OLD &&
        len == sizeof(struct timespec)) {
        return sizeof(struct target_old_timespec32);
    }
    return len;
}

bool qc_host_to_target_cmsg(int level, int type, void *target_data,
                            const void *data, int len, int tgt_len)
{
    if (level == SOL_SOCKET && type == QC_SO_TIMESTAMPNS_OLD &&
        len == sizeof(struct timespec) &&
        tgt_len == sizeof(struct target_old_timespec32)) {
        const struct timespec *ts = data;
        struct target_old_timespec32 *t = target_data;
        t->tv_sec = tswap32(ts->tv_sec);
        t->tv_nsec = tswap32(ts->tv_nsec);
        return true;
    }
    if (level == SOL_SOCKET &&
        (type == QC_SO_TIMESTAMP_NEW || type == QC_SO_TIMESTAMPNS_NEW) &&
        len == sizeof(struct target_sock_timeval64) && tgt_len == len) {
        const struct target_sock_timeval64 *h = data;
        struct target_sock_timeval64 *t = target_data;
        t->tv_sec = tswap64(h->tv_sec);
        t->tv_frac = tswap64(h->tv_frac);
        return true;
    }
    if (level == SOL_IP && type == IP_PKTINFO &&
        len == sizeof(struct target_in_pktinfo) && tgt_len == len) {
        struct target_in_pktinfo *t = target_data;
        memcpy(t, data, len);
        t->ipi_ifindex = tswap32(t->ipi_ifindex);
        return true;
    }
    if (level == SOL_IPV6 && type == IPV6_PKTINFO &&
        len == sizeof(struct target_in6_pktinfo) && tgt_len == len) {
        struct target_in6_pktinfo *t = target_data;
        memcpy(t, data, len);
        t->ipi6_ifindex = tswap32(t->ipi6_ifindex);
        return true;
    }
    return false;
}
