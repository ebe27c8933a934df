#ifndef NET_ARP_H
#define NET_ARP_H

#include "net/netstack.h"

int eth_header(struct sk_buff *skb, struct net_device *dev, unsigned short type,
	       const u8 *dest);
int arp_rcv(struct sk_buff *skb);
/* Send skb (skb->data at the IP header) to nexthop on dev: resolve, queue
 * while resolving, or drop after three unanswered requests.  Consumes skb. */
int neigh_output(struct sk_buff *skb, struct net_device *dev, u32 nexthop);
size_t arp_seq_show(char *buf, size_t size);
void arp_init(void);

#endif
