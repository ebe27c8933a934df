/*
 * The core between drivers and protocols: the device list, transmit,
 * receive with a backlog, the network bottom half and its timers.
 * Linux: net/core/dev.c (netif_rx, net_rx_action, __netif_receive_skb).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fork.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "net/netdevice.h"
#include "net/netstack.h"

LIST_HEAD(net_devices);
/* Ready before any driver probes: a frame may arrive before the thread runs. */
static struct sk_buff_head backlog = {
	(struct sk_buff *)&backlog, (struct sk_buff *)&backlog, 0
};
/*
 * The pending net_timers, in two lists sorted by expiry: those due within
 * NET_TIMER_NEAR (retransmission, delayed ACK: re-armed all the time) and
 * the rest (TIME-WAIT, keepalive, ARP expiry: mostly one duration each,
 * so a new one belongs at the end).  A near timer is placed by a walk
 * from the front of its short list, a far one by a walk from the back of
 * its own: neither walks past thousands of connections in TIME-WAIT.
 */
#define NET_TIMER_NEAR	(2ULL * NSEC_PER_SEC)
static LIST_HEAD(net_timers_near);
static LIST_HEAD(net_timers_far);
static struct task_struct *net_thread;
static DECLARE_WAIT_QUEUE_HEAD(net_wait);
static bool net_work;			/* set by interrupts and timers */
static struct timer_list net_wakeup;	/* the next net_timer's expiry */
static int next_ifindex = 1;

#define NETDEV_MAX_BACKLOG	1000	/* Linux's default: drop beyond this */

int register_netdev(struct net_device *dev)
{
	dev->ifindex = next_ifindex++;
	skb_queue_head_init(&dev->tx_queue);
	if (!dev->tx_queue_len)
		dev->tx_queue_len = DEFAULT_TX_QUEUE_LEN;
	list_add_tail(&dev->dev_list, &net_devices);
	return 0;
}

struct net_device *dev_get_by_name(const char *name)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net_devices, dev_list)
		if (!strcmp(dev->name, name))
			return dev;
	return NULL;
}

struct net_device *dev_get_by_index(int ifindex)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net_devices, dev_list)
		if (dev->ifindex == ifindex)
			return dev;
	return NULL;
}

/* Give the driver what waits in the queue, until its ring is full (Linux: qdisc_run). */
static void qdisc_run(struct net_device *dev)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&dev->tx_queue))) {
		if (dev->netdev_ops->ndo_start_xmit(skb, dev) == NETDEV_TX_BUSY) {
			skb_queue_head(&dev->tx_queue, skb);
			break;
		}
	}
}

int dev_queue_xmit(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;

	if (!dev || !(dev->flags & IFF_UP)) {
		kfree_skb(skb);
		return -ENETDOWN;
	}
	if (netem_drop_tx()) {		/* deliberate loss, for tests */
		dev->stats.tx_dropped++;
		kfree_skb(skb);
		return 0;
	}
	/*
	 * Through the device's queue, so that frames keep their order: it
	 * is empty unless the driver's ring filled up.  (Running the queue
	 * after adding to it also means a transmit interrupt that came
	 * just before cannot leave the frame waiting.)
	 */
	if (dev->tx_queue.qlen >= dev->tx_queue_len) {
		dev->stats.tx_dropped++;	/* the queue is full too */
		kfree_skb(skb);
		return -ENOBUFS;
	}
	skb_queue_tail(&dev->tx_queue, skb);
	qdisc_run(dev);
	return 0;
}

static void kick_net_thread(void)
{
	net_work = true;
	if (net_thread)
		wake_up_process(net_thread);
}

/* From the driver's transmit interrupt: let the bottom half send the queue. */
void netif_wake_queue(struct net_device *dev)
{
	if (!skb_queue_empty(&dev->tx_queue))
		kick_net_thread();
}

/* Linux: net_tx_action. */
static void net_tx_action(void)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net_devices, dev_list)
		if (!skb_queue_empty(&dev->tx_queue))
			qdisc_run(dev);
}

void netif_rx(struct sk_buff *skb)
{
	if (backlog.qlen >= NETDEV_MAX_BACKLOG) {
		skb->dev->stats.rx_dropped++;
		kfree_skb(skb);
		return;
	}
	skb_queue_tail(&backlog, skb);
	kick_net_thread();
}

void net_timer_init(struct net_timer *t, void (*fn)(struct net_timer *t))
{
	INIT_LIST_HEAD(&t->entry);
	t->expires = 0;
	t->function = fn;
}

void net_timer_del(struct net_timer *t)
{
	if (!list_empty(&t->entry))
		list_del_init(&t->entry);
	t->expires = 0;
}

static void net_wakeup_fn(struct timer_list *t)
{
	(void)t;
	kick_net_thread();	/* interrupt context: only wake the thread */
}

/* The timer that comes due first, or NULL. */
static struct net_timer *net_timer_first(void)
{
	struct net_timer *near = list_first_entry_or_null(&net_timers_near, struct net_timer, entry);
	struct net_timer *far = list_first_entry_or_null(&net_timers_far, struct net_timer, entry);

	if (!near || (far && far->expires < near->expires))
		return far;
	return near;
}

/* Keep the kernel timer at the earliest net_timer. */
static void rearm_wakeup(void)
{
	struct net_timer *first = net_timer_first();

	if (first && timer_pending(&net_wakeup) && net_wakeup.expires == first->expires)
		return;
	del_timer(&net_wakeup);
	if (!first)
		return;
	net_wakeup.expires = first->expires;
	add_timer(&net_wakeup);
}

void net_timer_mod(struct net_timer *t, u64 expires)
{
	struct net_timer *pos;

	net_timer_del(t);
	t->expires = expires ? expires : 1;
	if (t->expires < ktime_get_ns() + NET_TIMER_NEAR) {
		list_for_each_entry(pos, &net_timers_near, entry)
			if (pos->expires > t->expires)
				break;
		list_add_tail(&t->entry, &pos->entry);	/* before pos */
	} else {
		list_for_each_entry_reverse(pos, &net_timers_far, entry)
			if (pos->expires <= t->expires)
				break;
		list_add(&t->entry, &pos->entry);	/* after pos */
	}
	rearm_wakeup();
}

static void run_net_timers(void)
{
	u64 now = ktime_get_ns();
	struct net_timer *t;

	while ((t = net_timer_first()) && t->expires <= now) {
		net_timer_del(t);
		t->function(t);
	}
	rearm_wakeup();
}

/* Received packets up the stack, then due timers (Linux: net_rx_action). */
void net_rx_action(void)
{
	struct sk_buff *skb;

	net_work = false;
	while ((skb = skb_dequeue(&backlog))) {
		if (netem_drop_rx()) {
			skb->dev->stats.rx_dropped++;
			kfree_skb(skb);
			continue;
		}
		netif_receive_skb(skb);
	}
	net_tx_action();
	run_net_timers();
}

/*
 * Called at the end of a system call: what the call queued (a loopback
 * packet and its answers) is processed before the caller runs again, as
 * Linux runs pending softirqs before returning to user mode.
 */
void net_rx_action_pending(void)
{
	if (net_work && !skb_queue_empty(&backlog))
		net_rx_action();
}

/* The bottom half's thread, for what arrives by interrupt or timer. */
static void net_rx_thread(void *unused)
{
	net_thread = current;
	for (;;) {
		wait_event_interruptible(net_wait, net_work);
		net_rx_action();
	}
}

void net_dev_init(void)
{
	net_wakeup.function = net_wakeup_fn;
	INIT_LIST_HEAD(&net_wakeup.entry);
	kernel_thread(net_rx_thread, NULL, "ksoftirqd/net");
}

/* /proc/net/dev, in Linux's columns. */
size_t dev_seq_show(char *buf, size_t size)
{
	struct net_device *dev;
	size_t len = snprintf(buf, size,
		"Inter-|   Receive                                                |  Transmit\n"
		" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n");

	list_for_each_entry(dev, &net_devices, dev_list) {
		struct net_device_stats *s = &dev->stats;

		if (len >= size)
			break;
		len += snprintf(buf + len, size - len,
				"%6s:%8lu %7lu %4lu %4lu %4lu %5lu %10lu %9lu %8lu %7lu %4lu %4lu %4lu %5lu %7lu %10lu\n",
				dev->name, s->rx_bytes, s->rx_packets, s->rx_errors, s->rx_dropped,
				0UL, 0UL, 0UL, 0UL, s->tx_bytes, s->tx_packets, s->tx_errors,
				s->tx_dropped, 0UL, 0UL, 0UL, 0UL);
	}
	return min(len, size);
}
