#ifndef NET_DHCP_H
#define NET_DHCP_H

#include "net/netdevice.h"

#define DHCP_CLIENT_PORT	68
#define DHCP_SERVER_PORT	67

/* Configure dev by DHCP; falls back to 10.0.2.15/24 via 10.0.2.2. */
void dhcp_configure(struct net_device *dev);
/* A datagram to port 68: true if the DHCP client took it (consumed). */
bool dhcp_rcv(struct sk_buff *skb);
/* ip.static on the command line: 10.0.2.15/24 via 10.0.2.2 without asking. */
void dhcp_configure_static(struct net_device *dev);

#endif
