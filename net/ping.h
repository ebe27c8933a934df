#ifndef NET_PING_H
#define NET_PING_H

#include "net/skbuff.h"

/* An ICMP echo reply arrived (skb->data at the ICMP header); consumes skb. */
void ping_rcv(struct sk_buff *skb);

#endif
