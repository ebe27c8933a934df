/*
 * Routing, as small as it can be: 127/8 and our own addresses go to the
 * loopback device; a destination on a device's subnet goes there
 * directly; everything else goes to the default gateway.
 * Linux: net/ipv4/route.c, fib_frontend.c (one table, no caching).
 */
#include "kernel/kernel.h"
#include "net/netstack.h"

bool ip_is_local(u32 addr)
{
	struct net_device *dev;

	if ((ntohl(addr) >> 24) == 127)
		return true;
	list_for_each_entry(dev, &net_devices, dev_list)
		if (dev->ip_addr && dev->ip_addr == addr)
			return true;
	return false;
}

static struct net_device *loopback(void)
{
	struct net_device *dev;

	list_for_each_entry(dev, &net_devices, dev_list)
		if (dev->flags & IFF_LOOPBACK)
			return dev;
	return NULL;
}

struct net_device *ip_route_output(u32 daddr, u32 *saddr, u32 *nexthop)
{
	struct net_device *dev, *gw = NULL;

	*nexthop = daddr;
	if (ip_is_local(daddr)) {
		*saddr = daddr;			/* talking to ourselves */
		return loopback();
	}
	list_for_each_entry(dev, &net_devices, dev_list) {
		if (!(dev->flags & IFF_UP) || (dev->flags & IFF_LOOPBACK))
			continue;
		if (daddr == INADDR_BROADCAST ||
		    (dev->ip_addr && (daddr & dev->netmask) == (dev->ip_addr & dev->netmask))) {
			*saddr = dev->ip_addr;
			return dev;
		}
		if (dev->gateway && !gw)
			gw = dev;
	}
	if (!gw)
		return NULL;
	*saddr = gw->ip_addr;
	*nexthop = gw->gateway;
	return gw;
}
