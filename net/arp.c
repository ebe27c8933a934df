/*
 * ARP (RFC 826): which Ethernet address has this IPv4 address?  A small
 * cache, one entry per (address, device); packets for an address still being resolved wait in its entry
 * (at most three, as Linux's unres_qlen), requests are retried every
 * second three times, and answers expire after a minute.
 * Linux: net/ipv4/arp.c, net/core/neighbour.c.
 */
#include "kernel/kernel.h"
#include "kernel/timer.h"
#include "kernel/mm/slab.h"
#include "net/arp.h"

#define ARPHRD_ETHER	1
#define ARPOP_REQUEST	1
#define ARPOP_REPLY	2
#define ARP_CACHE_SIZE	32
#define ARP_REACHABLE_NS (60ULL * NSEC_PER_SEC)
#define ARP_RETRY_NS	(1ULL * NSEC_PER_SEC)
#define ARP_MAX_PROBES	3
#define ARP_MAX_QUEUED	3

struct arphdr {
	u16 ar_hrd, ar_pro;
	u8 ar_hln, ar_pln;
	u16 ar_op;
	u8 ar_sha[ETH_ALEN];
	u32 ar_sip;
	u8 ar_tha[ETH_ALEN];
	u32 ar_tip;
} __packed;

enum { NUD_NONE, NUD_INCOMPLETE, NUD_REACHABLE };

struct neighbour {
	u32 ip;				/* network order */
	u8 mac[ETH_ALEN];
	int state;
	struct net_device *dev;
	u64 expires;
	int probes;
	struct sk_buff_head queue;	/* packets waiting for the answer */
};

static struct neighbour cache[ARP_CACHE_SIZE];
static struct net_timer arp_timer;
static const u8 broadcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/*
 * Entries are per device, as Linux's neighbour table: an answer heard on
 * one interface says nothing about the same address behind another.
 */
static struct neighbour *neigh_lookup(u32 ip, struct net_device *dev)
{
	int i;

	for (i = 0; i < ARP_CACHE_SIZE; i++)
		if (cache[i].state != NUD_NONE && cache[i].ip == ip && cache[i].dev == dev)
			return &cache[i];
	return NULL;
}

static void neigh_clear(struct neighbour *n)
{
	if (n->queue.next)
		skb_queue_purge(&n->queue);
	n->state = NUD_NONE;
}

/* A free slot, or the entry that expires first. */
static struct neighbour *neigh_create(u32 ip, struct net_device *dev)
{
	struct neighbour *victim = &cache[0];
	int i;

	for (i = 0; i < ARP_CACHE_SIZE; i++) {
		if (cache[i].state == NUD_NONE) {
			victim = &cache[i];
			break;
		}
		if (cache[i].expires < victim->expires)
			victim = &cache[i];
	}
	neigh_clear(victim);
	victim->ip = ip;
	victim->dev = dev;
	victim->probes = 0;
	skb_queue_head_init(&victim->queue);
	return victim;
}

static void arp_send(struct net_device *dev, int op, u32 tip, const u8 *tha, const u8 *dest)
{
	struct sk_buff *skb = alloc_skb(ETH_HLEN + sizeof(struct arphdr) + 32);
	struct arphdr *arp;

	if (!skb)
		return;
	skb_reserve(skb, ETH_HLEN);
	arp = (struct arphdr *)skb_put(skb, sizeof(*arp));
	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = ETH_ALEN;
	arp->ar_pln = 4;
	arp->ar_op = htons(op);
	memcpy(arp->ar_sha, dev->dev_addr, ETH_ALEN);
	arp->ar_sip = dev->ip_addr;
	memcpy(arp->ar_tha, tha, ETH_ALEN);
	arp->ar_tip = tip;
	skb->dev = dev;
	eth_header(skb, dev, ETH_P_ARP, dest);
	dev_queue_xmit(skb);
}

static void arp_solicit(struct neighbour *n)
{
	static const u8 zero[ETH_ALEN];

	n->probes++;
	n->expires = ktime_get_ns() + ARP_RETRY_NS;
	arp_send(n->dev, ARPOP_REQUEST, n->ip, zero, broadcast);
	net_timer_mod(&arp_timer, n->expires);
}

static void send_with_mac(struct sk_buff *skb, struct net_device *dev, const u8 *mac)
{
	skb->dev = dev;
	if (eth_header(skb, dev, ETH_P_IP, mac)) {
		kfree_skb(skb);
		return;
	}
	dev_queue_xmit(skb);
}

int neigh_output(struct sk_buff *skb, struct net_device *dev, u32 nexthop)
{
	struct neighbour *n;

	if (nexthop == INADDR_BROADCAST || (dev->flags & IFF_LOOPBACK)) {
		send_with_mac(skb, dev, broadcast);	/* lo ignores the address */
		return 0;
	}
	n = neigh_lookup(nexthop, dev);
	if (n && n->state == NUD_REACHABLE) {
		send_with_mac(skb, dev, n->mac);
		return 0;
	}
	if (!n) {
		n = neigh_create(nexthop, dev);
		n->state = NUD_INCOMPLETE;
		arp_solicit(n);
	}
	if (n->queue.qlen >= ARP_MAX_QUEUED)
		kfree_skb(skb_dequeue(&n->queue));	/* the oldest goes, as Linux */
	skb_queue_tail(&n->queue, skb);
	return 0;
}

/* Retries of unanswered requests, and expiry of old answers. */
static void arp_timer_fn(struct net_timer *t)
{
	u64 now = ktime_get_ns(), next = 0;
	int i;

	for (i = 0; i < ARP_CACHE_SIZE; i++) {
		struct neighbour *n = &cache[i];

		if (n->state == NUD_NONE)
			continue;
		if (n->expires <= now) {
			if (n->state == NUD_INCOMPLETE && n->probes < ARP_MAX_PROBES) {
				arp_solicit(n);
			} else {
				n->dev->stats.tx_dropped += n->queue.qlen;
				neigh_clear(n);	/* unreachable, or stale */
				continue;
			}
		}
		if (!next || n->expires < next)
			next = n->expires;
	}
	if (next)
		net_timer_mod(t, next);
}

/* Learn the sender; answer requests for our address. */
int arp_rcv(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct arphdr *arp = (struct arphdr *)skb->data;
	struct neighbour *n;

	if (skb->len < sizeof(*arp) || arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) || arp->ar_hln != ETH_ALEN || arp->ar_pln != 4 ||
	    (arp->ar_sha[0] & 1)) {	/* a multicast sender is bogus */
		net_drops.arp_bad++;
		kfree_skb(skb);
		return 0;
	}
	/* An address probe (sender 0.0.0.0, RFC 5227) is answered but teaches nothing. */
	n = arp->ar_sip ? neigh_lookup(arp->ar_sip, dev) : NULL;
	if (n || (arp->ar_sip && dev->ip_addr && arp->ar_tip == dev->ip_addr)) {
		struct sk_buff *q;

		if (!n)
			n = neigh_create(arp->ar_sip, dev);
		memcpy(n->mac, arp->ar_sha, ETH_ALEN);
		n->state = NUD_REACHABLE;
		n->expires = ktime_get_ns() + ARP_REACHABLE_NS;
		net_timer_mod(&arp_timer, min(arp_timer.expires ? arp_timer.expires : n->expires,
					      n->expires));
		while ((q = skb_dequeue(&n->queue)))
			send_with_mac(q, dev, n->mac);
	}
	if (ntohs(arp->ar_op) == ARPOP_REQUEST && dev->ip_addr && arp->ar_tip == dev->ip_addr)
		arp_send(dev, ARPOP_REPLY, arp->ar_sip, arp->ar_sha, arp->ar_sha);
	kfree_skb(skb);
	return 0;
}

void arp_init(void)
{
	net_timer_init(&arp_timer, arp_timer_fn);
}

/* /proc/net/arp, in Linux's columns. */
size_t arp_seq_show(char *buf, size_t size)
{
	size_t len = snprintf(buf, size, "IP address       HW type     Flags       HW address            Mask     Device\n");
	int i;

	for (i = 0; i < ARP_CACHE_SIZE && len < size; i++) {
		struct neighbour *n = &cache[i];
		u32 ip = ntohl(n->ip);
		char addr[16];

		if (n->state != NUD_REACHABLE)
			continue;
		snprintf(addr, sizeof(addr), "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255,
			 (ip >> 8) & 255, ip & 255);
		len += snprintf(buf + len, size - len,
				"%-16s 0x1         0x2         %02x:%02x:%02x:%02x:%02x:%02x     *        %s\n",
				addr, n->mac[0], n->mac[1], n->mac[2], n->mac[3], n->mac[4],
				n->mac[5], n->dev->name);
	}
	return min(len, size);
}
