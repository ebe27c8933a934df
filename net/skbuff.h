#ifndef NET_SKBUFF_H
#define NET_SKBUFF_H

/*
 * sk_buff: one packet and the headers in front of it.  The buffer runs
 * from head to end; the packet is data..tail.  Going down the stack each
 * layer pushes its header in front (skb_push); going up each pulls its
 * header off (skb_pull).  Linux: include/linux/skbuff.h (much simplified:
 * one linear buffer, no fragments, no sharing).
 * Pure code: tests/unit can compile it for the host.
 */
#ifdef __KERNEL__
#include "kernel/types.h"
#include "kernel/list.h"
#else
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#endif

struct net_device;
struct sock;

#define MAX_HEADER	128	/* room reserved in front for Ethernet + IP + TCP */

struct sk_buff {
	struct sk_buff *next, *prev;	/* in a sk_buff_head */
	struct net_device *dev;
	struct sock *sk;
	unsigned char *head, *data, *tail, *end;
	unsigned int len;		/* tail - data */
	unsigned short protocol;	/* ETH_P_IP, ETH_P_ARP (host order) */
	unsigned char *mac_header, *network_header, *transport_header;
	unsigned long long tstamp;	/* when it was sent, for RTT (ns) */
	char cb[48];			/* the current layer's private data (TCP: tcp_skb_cb) */
};

struct sk_buff_head {
	struct sk_buff *next, *prev;
	unsigned int qlen;
};

struct sk_buff *alloc_skb(unsigned int size);
void kfree_skb(struct sk_buff *skb);
/* A private copy of the packet, headroom included (for retransmission). */
struct sk_buff *skb_copy(const struct sk_buff *skb);

static inline void skb_reserve(struct sk_buff *skb, unsigned int len)
{
	skb->data += len;
	skb->tail += len;
}

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return skb->data - skb->head;
}

static inline unsigned int skb_tailroom(const struct sk_buff *skb)
{
	return skb->end - skb->tail;
}

/* Append len bytes at the end; returns where they go. */
unsigned char *skb_put(struct sk_buff *skb, unsigned int len);
/* Prepend len bytes of header; returns the new start. */
unsigned char *skb_push(struct sk_buff *skb, unsigned int len);
/* Remove len bytes of header from the front; NULL if the packet is shorter. */
unsigned char *skb_pull(struct sk_buff *skb, unsigned int len);
/* Cut the packet to len bytes. */
void skb_trim(struct sk_buff *skb, unsigned int len);

void skb_queue_head_init(struct sk_buff_head *list);
void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb);
void skb_queue_head(struct sk_buff_head *list, struct sk_buff *skb);
struct sk_buff *skb_dequeue(struct sk_buff_head *list);
void skb_unlink(struct sk_buff *skb, struct sk_buff_head *list);
/* Insert skb after prev (prev may be the list head itself). */
void skb_insert_after(struct sk_buff_head *list, struct sk_buff *prev, struct sk_buff *skb);
void skb_queue_purge(struct sk_buff_head *list);

static inline struct sk_buff *skb_peek(const struct sk_buff_head *list)
{
	return list->qlen ? list->next : NULL;
}

static inline bool skb_queue_empty(const struct sk_buff_head *list)
{
	return list->qlen == 0;
}

#define skb_queue_walk(queue, skb)					\
	for (skb = (queue)->next; skb != (struct sk_buff *)(queue); skb = skb->next)

#define skb_queue_walk_safe(queue, skb, tmp)				\
	for (skb = (queue)->next, tmp = skb->next;			\
	     skb != (struct sk_buff *)(queue); skb = tmp, tmp = skb->next)

/* Live sk_buffs, to check that nothing leaks (tests, /proc/net/stat). */
extern long skb_live;

#endif
