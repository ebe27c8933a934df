/*
 * A DHCP client (RFC 2131) for the boot: DISCOVER, OFFER, REQUEST, ACK,
 * then the interface gets its address, netmask and default gateway.
 * QEMU's user network answers with 10.0.2.15/24 via 10.0.2.2.  Without an
 * answer the same static configuration is used, with a message.
 * Linux: net/ipv4/ipconfig.c (ip=dhcp).
 */
#include "kernel/kernel.h"
#include "kernel/random.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "net/dhcp.h"
#include "net/netstack.h"

#define BOOTREQUEST	1
#define BOOTREPLY	2
#define DHCP_MAGIC	0x63825363
#define DHCPDISCOVER	1
#define DHCPOFFER	2
#define DHCPREQUEST	3
#define DHCPACK		5
#define DHCPNAK		6
#define OPT_PAD		0
#define OPT_NETMASK	1
#define OPT_ROUTER	3
#define OPT_REQUESTED	50
#define OPT_MSGTYPE	53
#define OPT_SERVER	54
#define OPT_PARAMS	55
#define OPT_END		255
#define DHCP_WAIT_NS	(2ULL * NSEC_PER_SEC)

struct bootp {
	u8 op, htype, hlen, hops;
	u32 xid;
	u16 secs, flags;
	u32 ciaddr, yiaddr, siaddr, giaddr;
	u8 chaddr[16];
	u8 sname[64];
	u8 file[128];
	u32 magic;
	u8 options[64];
} __packed;

static struct {
	struct net_device *dev;
	u32 xid;
	int wanted;			/* the reply we wait for: OFFER or ACK */
	int got;			/* its message type, once here */
	u32 yiaddr, server, netmask, router;
	struct task_struct *waiter;
} dhcp;

static void dhcp_send(int type)
{
	struct sk_buff *skb = alloc_skb(NET_HEADROOM + sizeof(struct udphdr) + sizeof(struct bootp));
	struct bootp *b;
	struct udphdr *uh;
	u8 *o;

	if (!skb)
		return;
	skb_reserve(skb, NET_HEADROOM + sizeof(*uh));
	b = (struct bootp *)skb_put(skb, sizeof(*b));
	memset(b, 0, sizeof(*b));
	b->op = BOOTREQUEST;
	b->htype = 1;
	b->hlen = ETH_ALEN;
	b->xid = dhcp.xid;
	b->flags = htons(0x8000);	/* answer by broadcast: we have no address yet */
	memcpy(b->chaddr, dhcp.dev->dev_addr, ETH_ALEN);
	b->magic = htonl(DHCP_MAGIC);
	o = b->options;
	*o++ = OPT_MSGTYPE; *o++ = 1; *o++ = type;
	if (type == DHCPREQUEST) {
		*o++ = OPT_REQUESTED; *o++ = 4; memcpy(o, &dhcp.yiaddr, 4); o += 4;
		*o++ = OPT_SERVER; *o++ = 4; memcpy(o, &dhcp.server, 4); o += 4;
	}
	*o++ = OPT_PARAMS; *o++ = 2; *o++ = OPT_NETMASK; *o++ = OPT_ROUTER;
	*o++ = OPT_END;
	uh = (struct udphdr *)skb_push(skb, sizeof(*uh));
	uh->source = htons(DHCP_CLIENT_PORT);
	uh->dest = htons(DHCP_SERVER_PORT);
	uh->len = htons(skb->len);
	uh->check = 0;
	uh->check = tcp_udp_check(0, INADDR_BROADCAST, IPPROTO_UDP, uh, skb->len);
	ip_queue_xmit(skb, 0, INADDR_BROADCAST, IPPROTO_UDP);
}

/* Walk the options of a reply, keeping the ones we use. */
static void parse_options(const u8 *o, const u8 *end)
{
	while (o < end && *o != OPT_END) {
		u8 code = *o++, len;

		if (code == OPT_PAD)
			continue;
		if (o >= end || o + 1 + *o > end)
			break;		/* truncated: ignore the rest */
		len = *o++;
		if (code == OPT_MSGTYPE && len >= 1)
			dhcp.got = o[0];
		else if (code == OPT_SERVER && len >= 4)
			memcpy(&dhcp.server, o, 4);
		else if (code == OPT_NETMASK && len >= 4)
			memcpy(&dhcp.netmask, o, 4);
		else if (code == OPT_ROUTER && len >= 4)
			memcpy(&dhcp.router, o, 4);
		o += len;
	}
}

bool dhcp_rcv(struct sk_buff *skb)
{
	struct bootp *b = (struct bootp *)(skb->data + sizeof(struct udphdr));
	unsigned int blen = skb->len - sizeof(struct udphdr);

	if (!dhcp.wanted || skb->len < sizeof(struct udphdr) + offsetof(struct bootp, options) ||
	    b->op != BOOTREPLY || b->xid != dhcp.xid || b->magic != htonl(DHCP_MAGIC))
		return false;
	dhcp.got = 0;
	parse_options(b->options, (u8 *)b + blen);
	if (dhcp.got == dhcp.wanted || dhcp.got == DHCPNAK) {
		dhcp.yiaddr = b->yiaddr;
		dhcp.wanted = 0;
		if (dhcp.waiter)
			wake_up_process(dhcp.waiter);
	}
	kfree_skb(skb);
	return true;
}

/* Send a request and wait for its answer, trying twice. */
static bool exchange(int send, int expect)
{
	int tries;

	for (tries = 0; tries < 2; tries++) {
		u64 deadline = ktime_get_ns() + DHCP_WAIT_NS;

		dhcp.got = 0;
		dhcp.wanted = expect;
		dhcp_send(send);
		while (dhcp.wanted && ktime_get_ns() < deadline) {
			set_current_state(TASK_INTERRUPTIBLE);
			if (dhcp.wanted)
				schedule_timeout(deadline - ktime_get_ns());
			set_current_state(TASK_RUNNING);
		}
		if (!dhcp.wanted)
			return dhcp.got == expect;
	}
	dhcp.wanted = 0;
	return false;
}

static void print_config(struct net_device *dev, const char *how)
{
	u32 a = ntohl(dev->ip_addr), g = ntohl(dev->gateway);
	int bits = 0;
	u32 m;

	for (m = dev->netmask; m; m &= m - 1)	/* count the mask's bits */
		bits++;

	pr_info("%s: %s %u.%u.%u.%u/%d via %u.%u.%u.%u\n", dev->name, how, a >> 24,
		(a >> 16) & 255, (a >> 8) & 255, a & 255, bits, g >> 24, (g >> 16) & 255,
		(g >> 8) & 255, g & 255);
}

static void set_static(struct net_device *dev)
{
	dev->ip_addr = htonl(0x0a00020f);	/* 10.0.2.15 */
	dev->netmask = htonl(0xffffff00);
	dev->gateway = htonl(0x0a000202);	/* 10.0.2.2 */
}

void dhcp_configure_static(struct net_device *dev)
{
	set_static(dev);
	print_config(dev, "static");
}

void dhcp_configure(struct net_device *dev)
{
	dhcp.dev = dev;
	dhcp.xid = (u32)get_random_u64();
	dhcp.waiter = current;
	if (exchange(DHCPDISCOVER, DHCPOFFER) && exchange(DHCPREQUEST, DHCPACK)) {
		dev->ip_addr = dhcp.yiaddr;
		dev->netmask = dhcp.netmask ? dhcp.netmask : htonl(0xffffff00);
		dev->gateway = dhcp.router;
		print_config(dev, "DHCP:");
	} else {
		set_static(dev);
		print_config(dev, "no DHCP answer; static");
	}
	dhcp.waiter = NULL;
}
