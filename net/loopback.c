/*
 * The loopback device "lo" (127.0.0.1/8): what it sends, it receives.
 * The frame goes back up through netif_rx, so it takes the same path as
 * a packet from the wire.  Linux: drivers/net/loopback.c.
 */
#include "kernel/kernel.h"
#include "net/netstack.h"

static int loopback_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += skb->len;
	skb->dev = dev;
	netif_rx(skb);
	return 0;
}

static const struct net_device_ops loopback_ops = {
	.ndo_start_xmit = loopback_xmit,
};

static struct net_device loopback_dev = {
	.name = "lo",
	.flags = IFF_UP | IFF_LOOPBACK | IFF_RUNNING,
	.mtu = 65536,
	.netdev_ops = &loopback_ops,
};

void loopback_init(void)
{
	loopback_dev.ip_addr = htonl(INADDR_LOOPBACK);
	loopback_dev.netmask = htonl(0xff000000);
	register_netdev(&loopback_dev);
}
