/* sk_buff allocation and queues.  Linux: net/core/skbuff.c. */
#include "net/skbuff.h"

#ifdef __KERNEL__
#include "kernel/kernel.h"
#include "kernel/irq.h"
#include "kernel/mm/slab.h"
#define skb_alloc_mem(n)	kmalloc(n, GFP_KERNEL)
#define skb_free_mem(p)		kfree(p)
#define skb_irq_save()		local_irq_save()
#define skb_irq_restore(f)	local_irq_restore(f)
#else
#include <stdlib.h>
#include <string.h>
#define skb_alloc_mem(n)	malloc(n)
#define skb_free_mem(p)		free(p)
#define skb_irq_save()		0UL
#define skb_irq_restore(f)	((void)(f))
#endif

long skb_live;

struct sk_buff *alloc_skb(unsigned int size)
{
	struct sk_buff *skb = skb_alloc_mem(sizeof(*skb) + size);

	if (!skb)
		return NULL;
	memset(skb, 0, sizeof(*skb));
	skb->head = skb->data = skb->tail = (unsigned char *)(skb + 1);
	skb->end = skb->head + size;
	skb_live++;
	return skb;
}

void kfree_skb(struct sk_buff *skb)
{
	if (!skb)
		return;
	skb_live--;
	skb_free_mem(skb);
}

struct sk_buff *skb_copy(const struct sk_buff *skb)
{
	unsigned int size = skb->end - skb->head;
	struct sk_buff *n = alloc_skb(size);

	if (!n)
		return NULL;
	memcpy(n->head, skb->head, size);
	n->data = n->head + (skb->data - skb->head);
	n->tail = n->head + (skb->tail - skb->head);
	n->len = skb->len;
	n->dev = skb->dev;
	n->sk = skb->sk;
	n->protocol = skb->protocol;
	n->tstamp = skb->tstamp;
	if (skb->mac_header)
		n->mac_header = n->head + (skb->mac_header - skb->head);
	if (skb->network_header)
		n->network_header = n->head + (skb->network_header - skb->head);
	if (skb->transport_header)
		n->transport_header = n->head + (skb->transport_header - skb->head);
	memcpy(n->cb, skb->cb, sizeof(n->cb));
	return n;
}

unsigned char *skb_put(struct sk_buff *skb, unsigned int len)
{
	unsigned char *p = skb->tail;

	if (len > skb_tailroom(skb))
		return NULL;
	skb->tail += len;
	skb->len += len;
	return p;
}

unsigned char *skb_push(struct sk_buff *skb, unsigned int len)
{
	if (len > skb_headroom(skb))
		return NULL;
	skb->data -= len;
	skb->len += len;
	return skb->data;
}

unsigned char *skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (len > skb->len)
		return NULL;
	skb->data += len;
	skb->len -= len;
	return skb->data;
}

void skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (len < skb->len) {
		skb->len = len;
		skb->tail = skb->data + len;
	}
}

void skb_queue_head_init(struct sk_buff_head *list)
{
	list->next = list->prev = (struct sk_buff *)list;
	list->qlen = 0;
}

void skb_insert_after(struct sk_buff_head *list, struct sk_buff *prev, struct sk_buff *skb)
{
	unsigned long flags = skb_irq_save();

	skb->next = prev->next;
	skb->prev = prev;
	prev->next->prev = skb;
	prev->next = skb;
	list->qlen++;
	skb_irq_restore(flags);
}

void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *skb)
{
	skb_insert_after(list, list->prev, skb);
}

void skb_queue_head(struct sk_buff_head *list, struct sk_buff *skb)
{
	skb_insert_after(list, (struct sk_buff *)list, skb);
}

void skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	unsigned long flags = skb_irq_save();

	skb->prev->next = skb->next;
	skb->next->prev = skb->prev;
	skb->next = skb->prev = NULL;
	list->qlen--;
	skb_irq_restore(flags);
}

struct sk_buff *skb_dequeue(struct sk_buff_head *list)
{
	unsigned long flags = skb_irq_save();
	struct sk_buff *skb = skb_peek(list);

	if (skb)
		skb_unlink(skb, list);
	skb_irq_restore(flags);
	return skb;
}

void skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(list)))
		kfree_skb(skb);
}
