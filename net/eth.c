/*
 * Ethernet: the 14-byte header on every frame, and the receive demux by
 * EtherType.  Linux: net/ethernet/eth.c, net/core/dev.c (__netif_receive_skb).
 */
#include "kernel/kernel.h"
#include "net/netstack.h"
#include "net/arp.h"

/* Prepend an Ethernet header addressed to dest. */
int eth_header(struct sk_buff *skb, struct net_device *dev, unsigned short type,
	       const u8 *dest)
{
	struct ethhdr *eth = (struct ethhdr *)skb_push(skb, ETH_HLEN);

	if (!eth)
		return -1;
	memcpy(eth->h_dest, dest, ETH_ALEN);
	memcpy(eth->h_source, dev->dev_addr, ETH_ALEN);
	eth->h_proto = htons(type);
	skb->mac_header = skb->data;
	return 0;
}

/* The bottom half hands each received frame here. */
void netif_receive_skb(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct ethhdr *eth = (struct ethhdr *)skb->data;

	dev->stats.rx_packets++;
	dev->stats.rx_bytes += skb->len;
	if (skb->len < ETH_HLEN) {
		dev->stats.rx_errors++;
		kfree_skb(skb);
		return;
	}
	skb->mac_header = skb->data;
	skb->protocol = ntohs(eth->h_proto);
	skb_pull(skb, ETH_HLEN);
	switch (skb->protocol) {
	case ETH_P_IP:
		ip_rcv(skb);
		break;
	case ETH_P_ARP:
		arp_rcv(skb);
		break;
	default:
		dev->stats.rx_dropped++;	/* IPv6 and others: not spoken here */
		kfree_skb(skb);
	}
}
