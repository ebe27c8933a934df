#ifndef NET_NETDEVICE_H
#define NET_NETDEVICE_H

/*
 * Network devices and the two calls between them and the stack:
 * dev_queue_xmit (stack -> driver) and netif_rx (driver -> stack).
 * Received packets are not processed in the interrupt: netif_rx queues
 * them, and the network bottom half (a kernel thread, Linux's
 * NET_RX softirq / ksoftirqd) runs the protocols in process context.
 * Linux: include/linux/netdevice.h, net/core/dev.c.
 */
#include "kernel/types.h"
#include "kernel/list.h"
#include "net/skbuff.h"

#define IFNAMSIZ	16
#define ETH_ALEN	6

#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_LOOPBACK	0x8
#define IFF_RUNNING	0x40

struct net_device;

/* What ndo_start_xmit returns. */
#define NETDEV_TX_OK	0x00	/* the driver took the frame */
#define NETDEV_TX_BUSY	0x10	/* its ring is full: skb not taken, try later */

#define DEFAULT_TX_QUEUE_LEN	1000	/* Linux's txqueuelen */

struct net_device_ops {
	/* Send one frame (skb->data is the Ethernet header): NETDEV_TX_OK
	 * and skb consumed (sent or dropped), or NETDEV_TX_BUSY. */
	int (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
};

struct net_device_stats {
	unsigned long rx_packets, tx_packets, rx_bytes, tx_bytes;
	unsigned long rx_errors, tx_errors, rx_dropped, tx_dropped;
};

struct net_device {
	char name[IFNAMSIZ];
	int ifindex;
	unsigned int flags;
	unsigned int mtu;
	u8 dev_addr[ETH_ALEN];
	const struct net_device_ops *netdev_ops;
	struct net_device_stats stats;
	/* IPv4 configuration (Linux keeps it in struct in_device), network order. */
	u32 ip_addr, netmask, gateway;
	void *priv;			/* the driver's own state */
	/*
	 * Frames waiting for room in the driver's ring (Linux: the device's
	 * qdisc, a FIFO of tx_queue_len frames).  Process context only.
	 */
	struct sk_buff_head tx_queue;
	unsigned int tx_queue_len;
	struct list_head dev_list;
};

extern struct list_head net_devices;

int register_netdev(struct net_device *dev);
struct net_device *dev_get_by_name(const char *name);
struct net_device *dev_get_by_index(int ifindex);

/* Hand a frame to its device's driver, or queue it; consumes skb. */
int dev_queue_xmit(struct sk_buff *skb);
/* The driver has room again (safe in interrupt context). */
void netif_wake_queue(struct net_device *dev);
/* A driver received skb (skb->data at the Ethernet header): queue it for
 * the bottom half.  Safe in interrupt context; consumes skb. */
void netif_rx(struct sk_buff *skb);

/*
 * Timers of the network stack (TCP retransmission, delayed ACK, ARP
 * expiry...).  They run in the bottom half, never in interrupt context,
 * so protocol code needs no locks against them.
 */
struct net_timer {
	struct list_head entry;
	u64 expires;			/* ktime_get_ns() value; 0 = not pending */
	void (*function)(struct net_timer *t);
};

void net_timer_init(struct net_timer *t, void (*fn)(struct net_timer *t));
void net_timer_mod(struct net_timer *t, u64 expires);	/* (re)arm */
void net_timer_del(struct net_timer *t);
static inline bool net_timer_pending(const struct net_timer *t)
{
	return t->expires != 0;
}

void net_dev_init(void);
void net_rx_action_pending(void);
size_t dev_seq_show(char *buf, size_t size);
size_t tcp_seq_show(char *buf, size_t size);

#endif
