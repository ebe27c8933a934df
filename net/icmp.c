/*
 * ICMP (RFC 792): answer echo requests (ping), deliver echo replies to
 * ping sockets, report unreachable ports and protocols.
 * Linux: net/ipv4/icmp.c, ping.c.
 */
#include "kernel/kernel.h"
#include "net/netstack.h"
#include "net/ping.h"
#include "net/udp.h"
#include "kernel/errno.h"

#define ICMP_ECHOREPLY		0
#define ICMP_DEST_UNREACH	3
#define ICMP_ECHO		8

static void icmp_reply(struct sk_buff *skb, const struct iphdr *iph)
{
	struct sk_buff *r = alloc_skb(NET_HEADROOM + skb->len);
	struct icmphdr *icmp;

	if (!r)
		return;
	skb_reserve(r, NET_HEADROOM);
	icmp = (struct icmphdr *)skb_put(r, skb->len);
	memcpy(icmp, skb->data, skb->len);
	icmp->type = ICMP_ECHOREPLY;
	icmp->checksum = 0;
	icmp->checksum = csum_fold(csum_partial(icmp, r->len, 0));
	ip_queue_xmit(r, iph->daddr == INADDR_BROADCAST ? 0 : iph->daddr, iph->saddr,
		      IPPROTO_ICMP);
}

/* Destination unreachable: tell the UDP socket that sent the datagram. */
static void icmp_unreach(struct sk_buff *skb, struct icmphdr *icmp)
{
	const struct iphdr *inner = (const struct iphdr *)(icmp + 1);

	if (skb->len < sizeof(*icmp) + sizeof(*inner) + 8 || inner->ihl < 5 ||
	    skb->len < sizeof(*icmp) + inner->ihl * 4 + 8)
		return;		/* too short to say whose datagram it was */
	if (inner->protocol == IPPROTO_UDP && icmp->code == 3)	/* port unreachable */
		udp_err(inner, ECONNREFUSED);
}

int icmp_rcv(struct sk_buff *skb)
{
	struct iphdr *iph = (struct iphdr *)skb->network_header;
	struct icmphdr *icmp = (struct icmphdr *)skb->data;

	if (skb->len < sizeof(*icmp) || csum_fold(csum_partial(skb->data, skb->len, 0)) != 0) {
		net_drops.icmp_bad++;
		kfree_skb(skb);
		return 0;
	}
	switch (icmp->type) {
	case ICMP_ECHO:
		icmp_reply(skb, iph);
		break;
	case ICMP_ECHOREPLY:
		ping_rcv(skb);		/* consumes skb */
		return 0;
	case ICMP_DEST_UNREACH:
		icmp_unreach(skb, icmp);
		break;
	}
	kfree_skb(skb);
	return 0;
}

/* Tell the sender of skb (skb->network_header set) that it cannot be delivered. */
void icmp_send_unreach(struct sk_buff *skb, int code)
{
	struct iphdr *iph = (struct iphdr *)skb->network_header;
	unsigned int quote = min(skb->tail - (unsigned char *)iph, (long)(sizeof(*iph) + 8));
	struct sk_buff *r;
	struct icmphdr *icmp;

	if (!iph || iph->daddr == INADDR_BROADCAST)
		return;		/* never answer a broadcast with an error */
	r = alloc_skb(NET_HEADROOM + sizeof(*icmp) + quote);
	if (!r)
		return;
	skb_reserve(r, NET_HEADROOM);
	icmp = (struct icmphdr *)skb_put(r, sizeof(*icmp) + quote);
	memset(icmp, 0, sizeof(*icmp));
	icmp->type = ICMP_DEST_UNREACH;
	icmp->code = code;
	memcpy(icmp + 1, iph, quote);	/* the offending header and 8 bytes */
	icmp->checksum = csum_fold(csum_partial(icmp, r->len, 0));
	ip_queue_xmit(r, iph->daddr, iph->saddr, IPPROTO_ICMP);
}
