/* sockets-packet: SOL_PACKET options on an AF_PACKET socket, whose layouts
 * are the same for 32-bit tasks (net/packet/af_packet.c has no compat path):
 * the int options set and read back, PACKET_HDRLEN (an int read in and out),
 * a TPACKET_V3 receive ring (struct tpacket_req3, seven u32), PACKET_STATISTICS,
 * struct packet_mreq, and the kernel's answers to short lengths. QEMU 7.2
 * answered ENOPROTOOPT to all of them (LTP setsockopt02, 07, 09, sendto03).
 * Needs CAP_NET_RAW (root, or root of a user namespace with its own network
 * namespace); skipped with the reason otherwise.
 */
#include "check.h"
#include <errno.h>
#include <net/if.h>
#include <sys/socket.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <arpa/inet.h>

int main(void)
{
    int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    int v, got;
    socklen_t len;

    if (s < 0 && (errno == EPERM || errno == EACCES)) {
        guest_skip("AF_PACKET needs CAP_NET_RAW");
    }
    CHECK(s >= 0, "socket(AF_PACKET, SOCK_RAW)");

    v = TPACKET_V3;
    CHECK_OK(setsockopt(s, SOL_PACKET, PACKET_VERSION, &v, sizeof(v)),
             "setsockopt(PACKET_VERSION, TPACKET_V3)");
    got = -1; len = sizeof(got);
    CHECK(getsockopt(s, SOL_PACKET, PACKET_VERSION, &got, &len) == 0 &&
          got == TPACKET_V3 && len == sizeof(int),
          "getsockopt(PACKET_VERSION) = TPACKET_V3 (got %d, len %u)", got, len);
    v = 128;
    CHECK_OK(setsockopt(s, SOL_PACKET, PACKET_RESERVE, &v, sizeof(v)),
             "setsockopt(PACKET_RESERVE, 128)");
    got = -1; len = sizeof(got);
    CHECK(getsockopt(s, SOL_PACKET, PACKET_RESERVE, &got, &len) == 0 && got == 128,
          "getsockopt(PACKET_RESERVE) = 128 (got %d)", got);
    CHECK_ERRNO(setsockopt(s, SOL_PACKET, PACKET_VERSION, &v, 2), EINVAL,
                "setsockopt(PACKET_VERSION) with a 2-byte value: EINVAL");
    v = 99;
    CHECK_ERRNO(setsockopt(s, SOL_PACKET, PACKET_VERSION, &v, sizeof(v)), EINVAL,
                "PACKET_VERSION 99: EINVAL");

    got = TPACKET_V2; len = sizeof(got);
    CHECK(getsockopt(s, SOL_PACKET, PACKET_HDRLEN, &got, &len) == 0 &&
          got == (int)sizeof(struct tpacket2_hdr),
          "getsockopt(PACKET_HDRLEN, TPACKET_V2) = %zu (got %d)",
          sizeof(struct tpacket2_hdr), got);

    struct tpacket_req3 req = {
        .tp_block_size = 4096 * 4, .tp_block_nr = 2,
        .tp_frame_size = 2048, .tp_frame_nr = 2 * 8,
        .tp_retire_blk_tov = 10,
    };
    CHECK_ERRNO(setsockopt(s, SOL_PACKET, PACKET_RX_RING, &req, 16), EINVAL,
                "PACKET_RX_RING with a tpacket_req-sized request under V3: EINVAL");
    CHECK_OK(setsockopt(s, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)),
             "PACKET_RX_RING with struct tpacket_req3");
    req.tp_block_nr = 3;    /* a second ring while one is mapped: EBUSY */
    CHECK_ERRNO(setsockopt(s, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)), EBUSY,
                "a second PACKET_RX_RING: EBUSY");

    struct tpacket_stats_v3 st;
    memset(&st, 0xff, sizeof(st)); len = sizeof(st);
    CHECK(getsockopt(s, SOL_PACKET, PACKET_STATISTICS, &st, &len) == 0 &&
          len == sizeof(st) && st.tp_packets < 1000000 && st.tp_drops < 1000000,
          "getsockopt(PACKET_STATISTICS) as tpacket_stats_v3 (len %u, packets %u)",
          len, st.tp_packets);

    struct packet_mreq mr = { .mr_ifindex = (int)if_nametoindex("lo"),
                              .mr_type = PACKET_MR_PROMISC };
    CHECK(mr.mr_ifindex > 0, "lo has an index");
    CHECK_OK(setsockopt(s, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)),
             "PACKET_ADD_MEMBERSHIP promiscuous on lo");
    CHECK_OK(setsockopt(s, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &mr, sizeof(mr)),
             "PACKET_DROP_MEMBERSHIP");
    mr.mr_ifindex = 0x7ffffff0;
    CHECK_ERRNO(setsockopt(s, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)), ENODEV,
                "PACKET_ADD_MEMBERSHIP on no interface: ENODEV (the ifindex swapped right)");
    CHECK_ERRNO(setsockopt(s, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, 8), EINVAL,
                "a packet_mreq shorter than 16 bytes: EINVAL");
    close(s);
    return guest_done();
}
