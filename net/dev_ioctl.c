/*
 * The interface ioctls ifconfig uses (SIOCGIF*), on any socket.
 * Linux: net/core/dev_ioctl.c, net/ipv4/devinet.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "net/netstack.h"
#include "net/socket_syscalls.h"

#define SIOCGIFNAME	0x8910
#define SIOCGIFCONF	0x8912
#define SIOCGIFFLAGS	0x8913
#define SIOCSIFFLAGS	0x8914
#define SIOCGIFADDR	0x8915
#define SIOCGIFBRDADDR	0x8919
#define SIOCGIFNETMASK	0x891b
#define SIOCGIFMTU	0x8921
#define SIOCGIFHWADDR	0x8927
#define SIOCGIFINDEX	0x8933
#define SIOCGIFTXQLEN	0x8942
#define ARPHRD_ETHER	1
#define ARPHRD_LOOPBACK	772

struct ifreq {
	char ifr_name[IFNAMSIZ];
	union {
		struct sockaddr ifru_addr;
		short ifru_flags;
		int ifru_ivalue;
		char pad[24];
	};
};

struct ifconf {
	int ifc_len;
	int pad;
	struct ifreq __user *ifc_req;
};

bool is_netdev_ioctl(unsigned int cmd)
{
	return cmd >= 0x8910 && cmd <= 0x8950;
}

static void put_addr(struct ifreq *ifr, u32 addr)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)&ifr->ifru_addr;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = addr;
}

/* SIOCGIFCONF: one entry per interface with an IPv4 address, as Linux. */
static long ifconf(void __user *arg)
{
	struct ifconf ifc;
	struct net_device *dev;
	int len = 0;

	if (copy_from_user(&ifc, arg, sizeof(ifc)))
		return -EFAULT;
	list_for_each_entry(dev, &net_devices, dev_list) {
		struct ifreq ifr;

		if (!dev->ip_addr)
			continue;
		if (ifc.ifc_req) {
			if (len + (int)sizeof(ifr) > ifc.ifc_len)
				break;
			memset(&ifr, 0, sizeof(ifr));
			strlcpy(ifr.ifr_name, dev->name, IFNAMSIZ);
			put_addr(&ifr, dev->ip_addr);
			if (copy_to_user((char __user *)ifc.ifc_req + len, &ifr, sizeof(ifr)))
				return -EFAULT;
		}
		len += sizeof(ifr);
	}
	ifc.ifc_len = len;
	return copy_to_user(arg, &ifc, sizeof(ifc)) ? -EFAULT : 0;
}

long dev_ioctl(unsigned int cmd, void __user *arg)
{
	struct ifreq ifr;
	struct net_device *dev;

	if (cmd == SIOCGIFCONF)
		return ifconf(arg);
	if (copy_from_user(&ifr, arg, sizeof(ifr)))
		return -EFAULT;
	ifr.ifr_name[IFNAMSIZ - 1] = '\0';
	if (cmd == SIOCGIFNAME) {
		dev = dev_get_by_index(ifr.ifru_ivalue);
		if (!dev)
			return -ENODEV;
		strlcpy(ifr.ifr_name, dev->name, IFNAMSIZ);
		return copy_to_user(arg, &ifr, sizeof(ifr)) ? -EFAULT : 0;
	}
	dev = dev_get_by_name(ifr.ifr_name);
	if (!dev)
		return -ENODEV;
	switch (cmd) {
	case SIOCGIFFLAGS:
		ifr.ifru_flags = dev->flags;
		break;
	case SIOCSIFFLAGS:
		dev->flags = (dev->flags & ~IFF_UP) | (ifr.ifru_flags & IFF_UP);
		return 0;
	case SIOCGIFADDR:
	case SIOCGIFNETMASK:
	case SIOCGIFBRDADDR:
		if (!dev->ip_addr)
			return -EADDRNOTAVAIL;
		put_addr(&ifr, cmd == SIOCGIFADDR ? dev->ip_addr :
			 cmd == SIOCGIFNETMASK ? dev->netmask : (dev->ip_addr | ~dev->netmask));
		break;
	case SIOCGIFMTU:
		ifr.ifru_ivalue = dev->mtu;
		break;
	case SIOCGIFINDEX:
		ifr.ifru_ivalue = dev->ifindex;
		break;
	case SIOCGIFTXQLEN:
		ifr.ifru_ivalue = 1000;		/* Linux's default txqueuelen */
		break;
	case SIOCGIFHWADDR:
		memset(&ifr.ifru_addr, 0, sizeof(ifr.ifru_addr));
		ifr.ifru_addr.sa_family = dev->flags & IFF_LOOPBACK ? ARPHRD_LOOPBACK : ARPHRD_ETHER;
		memcpy(ifr.ifru_addr.sa_data, dev->dev_addr, ETH_ALEN);
		break;
	default:
		return -EINVAL;
	}
	return copy_to_user(arg, &ifr, sizeof(ifr)) ? -EFAULT : 0;
}
