/*
 * IPv4 (RFC 791): checking and demultiplexing what arrives, building the
 * header and routing what leaves.  Fragments are not reassembled (they are
 * counted and dropped); options are skipped.
 * Linux: net/ipv4/ip_input.c, ip_output.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "net/arp.h"
#include "net/netstack.h"

#define IP_DEFAULT_TTL	64

struct net_drop_stats net_drops;
static u16 ip_ident;

/* Is this packet for us (or for everyone)? */
static bool ip_for_us(struct net_device *dev, u32 daddr)
{
	if (daddr == INADDR_BROADCAST || ip_is_local(daddr))
		return true;
	if (dev->ip_addr && (daddr | dev->netmask) == INADDR_BROADCAST)
		return true;		/* the subnet's broadcast address */
	return !dev->ip_addr;		/* not configured yet (DHCP): take it */
}

static void drop(struct sk_buff *skb, unsigned long *counter)
{
	(*counter)++;
	kfree_skb(skb);
}

int ip_rcv(struct sk_buff *skb)
{
	struct iphdr *iph = (struct iphdr *)skb->data;
	unsigned int ihl, tot_len;

	if (skb->len < sizeof(*iph) || iph->version != 4 || iph->ihl < 5) {
		drop(skb, &net_drops.ip_bad_header);
		return 0;
	}
	ihl = iph->ihl * 4;
	tot_len = ntohs(iph->tot_len);
	if (ihl > skb->len || tot_len < ihl || tot_len > skb->len) {
		drop(skb, &net_drops.ip_bad_header);
		return 0;
	}
	if (csum_fold(csum_partial(iph, ihl, 0)) != 0) {
		drop(skb, &net_drops.ip_bad_checksum);
		return 0;
	}
	if (ntohs(iph->frag_off) & (IP_MF | IP_OFFSET)) {
		drop(skb, &net_drops.ip_fragments);	/* no reassembly */
		return 0;
	}
	if (!ip_for_us(skb->dev, iph->daddr)) {
		drop(skb, &net_drops.ip_not_ours);	/* we do not forward */
		return 0;
	}
	skb_trim(skb, tot_len);			/* Ethernet padding goes */
	skb->network_header = skb->data;
	skb_pull(skb, ihl);
	skb->transport_header = skb->data;
	switch (iph->protocol) {
	case IPPROTO_TCP:
		return tcp_v4_rcv(skb);
	case IPPROTO_UDP:
		return udp_rcv(skb);
	case IPPROTO_ICMP:
		return icmp_rcv(skb);
	}
	net_drops.ip_unknown_proto++;
	icmp_send_unreach(skb, 2);		/* protocol unreachable */
	kfree_skb(skb);
	return 0;
}

int ip_queue_xmit(struct sk_buff *skb, u32 saddr, u32 daddr, u8 protocol)
{
	u32 route_saddr, nexthop;
	struct net_device *dev = ip_route_output(daddr, &route_saddr, &nexthop);
	struct iphdr *iph;

	if (!dev) {
		kfree_skb(skb);
		return -ENETUNREACH;
	}
	if (skb->len + sizeof(*iph) > min(dev->mtu, 65535U)) {	/* tot_len is 16 bits */
		kfree_skb(skb);
		return -EMSGSIZE;		/* no fragmentation on output either */
	}
	iph = (struct iphdr *)skb_push(skb, sizeof(*iph));
	if (!iph) {
		kfree_skb(skb);
		return -ENOBUFS;
	}
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = 0;
	iph->tot_len = htons(skb->len);
	iph->id = htons(ip_ident++);
	iph->frag_off = htons(IP_DF);
	iph->ttl = IP_DEFAULT_TTL;
	iph->protocol = protocol;
	iph->saddr = saddr ? saddr : route_saddr;
	iph->daddr = daddr;
	iph->check = 0;
	iph->check = csum_fold(csum_partial(iph, sizeof(*iph), 0));
	skb->network_header = skb->data;
	skb->protocol = ETH_P_IP;
	return neigh_output(skb, dev, nexthop);
}
