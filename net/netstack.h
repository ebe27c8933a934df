#ifndef NET_NETSTACK_H
#define NET_NETSTACK_H

/*
 * The IPv4 stack's internal interfaces: wire formats, checksums, and the
 * calls between layers.
 *
 *   down: tcp_transmit_skb / udp_sendmsg -> ip_queue_xmit -> (ARP) ->
 *         dev_queue_xmit -> driver
 *   up:   driver -> netif_rx -> [bottom half] netif_receive_skb -> ip_rcv
 *         -> tcp_v4_rcv / udp_rcv / icmp_rcv
 *
 * All protocol code runs in process context (a system call or the network
 * bottom half), never in an interrupt, and the kernel is not preemptible:
 * it needs no locks as long as it does not sleep in the middle of a change.
 */
#include "kernel/types.h"
#include "net/netdevice.h"
#include "net/sock.h"

#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806
#define ETH_HLEN	14
#define ETH_DATA_LEN	1500
#define ETH_ZLEN	60

static inline u16 htons(u16 x) { return __builtin_bswap16(x); }
static inline u16 ntohs(u16 x) { return __builtin_bswap16(x); }
static inline u32 htonl(u32 x) { return __builtin_bswap32(x); }
static inline u32 ntohl(u32 x) { return __builtin_bswap32(x); }

#define INADDR_ANY		0U
#define INADDR_BROADCAST	0xffffffffU
#define INADDR_LOOPBACK		0x7f000001U	/* host order */

struct ethhdr {
	u8 h_dest[ETH_ALEN];
	u8 h_source[ETH_ALEN];
	u16 h_proto;
} __packed;

struct iphdr {
	u8 ihl:4, version:4;
	u8 tos;
	u16 tot_len;
	u16 id;
	u16 frag_off;
	u8 ttl;
	u8 protocol;
	u16 check;
	u32 saddr;
	u32 daddr;
} __packed;

#define IP_DF		0x4000
#define IP_MF		0x2000
#define IP_OFFSET	0x1fff

struct tcphdr {
	u16 source;
	u16 dest;
	u32 seq;
	u32 ack_seq;
	u16 res1:4, doff:4, fin:1, syn:1, rst:1, psh:1, ack:1, urg:1, ece:1, cwr:1;
	u16 window;
	u16 check;
	u16 urg_ptr;
} __packed;

struct udphdr {
	u16 source;
	u16 dest;
	u16 len;
	u16 check;
} __packed;

struct icmphdr {
	u8 type;
	u8 code;
	u16 checksum;
	u16 id;
	u16 sequence;
} __packed;

/* Internet checksums (RFC 1071).  csum_partial adds to a running sum. */
u32 csum_partial(const void *buf, unsigned int len, u32 sum);
u16 csum_fold(u32 sum);
/* The TCP/UDP checksum over the pseudo header and len bytes at buf. */
u16 tcp_udp_check(u32 saddr, u32 daddr, u8 proto, const void *buf, unsigned int len);

/* Ethernet and the device layer. */
void netif_receive_skb(struct sk_buff *skb);

/* IPv4 (net/ipv4/ip.c, route.c, arp.c). */
int ip_rcv(struct sk_buff *skb);
/*
 * Send skb (skb->data at the transport header) from saddr (0: the
 * route's address) to daddr: IP header, routing, ARP, device.  Consumes
 * skb.  Returns 0 or -errno (-ENETUNREACH with no route).
 */
int ip_queue_xmit(struct sk_buff *skb, u32 saddr, u32 daddr, u8 protocol);
/* The device and source address for daddr; NULL if there is no route. */
struct net_device *ip_route_output(u32 daddr, u32 *saddr, u32 *nexthop);
/* Is addr (network order) one of ours? */
bool ip_is_local(u32 addr);

/* Transports. */
int tcp_v4_rcv(struct sk_buff *skb);	/* skb->data at the TCP header */
int udp_rcv(struct sk_buff *skb);
int icmp_rcv(struct sk_buff *skb);
void icmp_send_unreach(struct sk_buff *skb, int code);	/* port unreachable etc. */

/* Deliberate, seeded packet loss for tests (netem.loss=PERCENT netem.seed=N). */
bool netem_drop_tx(void);
bool netem_drop_rx(void);
void netem_setup(unsigned int percent, unsigned int seed);

/* Counters of dropped bad input, for /proc/net/snmp-style reporting. */
struct net_drop_stats {
	unsigned long ip_bad_header, ip_bad_checksum, ip_fragments, ip_unknown_proto;
	unsigned long ip_not_ours, tcp_bad, udp_bad, icmp_bad, arp_bad;
};
extern struct net_drop_stats net_drops;

/* Packet size: room for every header below a transport's payload. */
#define NET_HEADROOM	(ETH_HLEN + 60 + 60 + 16)

#endif
