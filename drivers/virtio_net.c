/*
 * virtio-net: an Ethernet device on two virtqueues, receiveq (0) and
 * transmitq (1).  Every frame in either direction is preceded by a
 * struct virtio_net_hdr (12 bytes for a 1.x device); with no offloads
 * negotiated it is all zeros on transmit and carries nothing we need on
 * receive: the stack computes and checks its own checksums.
 *
 * Receive: the ring is kept full of sk_buffs, each big enough for the
 * header and a whole frame.  The interrupt (skb_recv_done) takes the
 * used ones, strips the header, hands each frame to netif_rx and puts
 * fresh buffers in their place.
 * Transmit (virtnet_xmit): a two-part chain, the shared zero header and
 * the skb's own data, no copy.  The skb belongs to the device until it
 * appears in the used ring; then skb_xmit_done (the interrupt) or the
 * next virtnet_xmit frees it.
 *
 * Spec: OASIS virtio 1.x, section 5.1.  Linux: drivers/net/virtio_net.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/random.h"
#include "kernel/timer.h"
#include "kernel/mm/slab.h"
#include "drivers/pci.h"
#include "drivers/virtio.h"
#include "net/netdevice.h"
#include "net/netstack.h"

/* Feature bits (spec 5.1.3). */
#define VIRTIO_NET_F_MAC	5	/* config space has the MAC address */
#define VIRTIO_NET_F_STATUS	16	/* config space has the link status */

/* struct virtio_net_config (spec 5.1.4). */
#define VIRTIO_NET_CONFIG_MAC		0	/* u8 mac[6] */
#define VIRTIO_NET_CONFIG_STATUS	6	/* le16 */
#define VIRTIO_NET_S_LINK_UP		1

/*
 * With VIRTIO_F_VERSION_1 the header always has num_buffers (spec 5.1.6:
 * 12 bytes, whether or not VIRTIO_NET_F_MRG_RXBUF is negotiated).
 */
struct virtio_net_hdr_mrg_rxbuf {
	u8 flags;			/* 0: no checksum offload */
	u8 gso_type;			/* 0: VIRTIO_NET_HDR_GSO_NONE */
	u16 hdr_len;
	u16 gso_size;
	u16 csum_start;
	u16 csum_offset;
	u16 num_buffers;		/* rx: 1 without MRG_RXBUF; tx: must be 0 */
} __packed;

#define VNET_HDR_LEN	sizeof(struct virtio_net_hdr_mrg_rxbuf)
#define VLAN_HLEN	4
#define ETH_FRAME_LEN	1514
/*
 * Receive buffers: header + the largest frame (1514, plus a VLAN tag the
 * device may leave in).  Spec 5.1.6.3.1 asks for at least 1526 bytes
 * without MRG_RXBUF and GUEST_TSO/UFO; this is 1530.
 */
#define VNET_RX_BUF_LEN	(VNET_HDR_LEN + ETH_FRAME_LEN + VLAN_HLEN)
#define NET_IP_ALIGN	2	/* 14-byte Ethernet header: IP header lands 4-aligned */
#define VNET_RX_HEADROOM (64 + NET_IP_ALIGN)

struct virtnet_info {
	struct virtio_device *vdev;
	struct net_device *dev;
	struct virtqueue *rvq, *svq;
	bool rx_starved;		/* refill ran out of memory */
	spinlock_t lock;		/* svq: xmit against the interrupt */
	/* Sent in front of every frame: all zeros, the device only reads it. */
	struct virtio_net_hdr_mrg_rxbuf tx_hdr;
};

static int nr_eth;

/* ---- the self-test (virtio_net.selftest on the command line) -------- */

extern char saved_command_line[];	/* kernel/main.c */
static bool selftest_active;
static int selftest_frames;
static bool selftest_offer;

static void virtnet_selftest_rx(struct sk_buff *skb);
static void virtnet_selftest(struct virtnet_info *vi);

/* ---- receive --------------------------------------------------------- */

static int add_recvbuf(struct virtnet_info *vi)
{
	struct sk_buff *skb = alloc_skb(VNET_RX_HEADROOM + VNET_RX_BUF_LEN);
	struct scatterlist sg;
	int err;

	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, VNET_RX_HEADROOM);
	/* One device-writable descriptor: header and frame together. */
	sg_init_one(&sg, skb->data, VNET_RX_BUF_LEN);
	err = virtqueue_add_inbuf(vi->rvq, &sg, 1, skb);
	if (err)
		kfree_skb(skb);
	return err;
}

/* Fill every free slot of the receive ring; true if anything was added. */
static bool try_fill_recv(struct virtnet_info *vi)
{
	bool added = false;

	while (vi->rvq->num_free) {
		if (add_recvbuf(vi)) {
			vi->rx_starved = true;
			return added;
		}
		added = true;
	}
	vi->rx_starved = false;
	return added;
}

static void receive_buf(struct virtnet_info *vi, struct sk_buff *skb, unsigned int len)
{
	struct net_device *dev = vi->dev;
	struct ethhdr *eth;

	if (len < VNET_HDR_LEN + ETH_HLEN || len > VNET_RX_BUF_LEN) {
		dev->stats.rx_errors++;
		kfree_skb(skb);
		return;
	}
	skb_put(skb, len);
	skb_pull(skb, VNET_HDR_LEN);	/* data at the Ethernet header */
	eth = (struct ethhdr *)skb->data;
	skb->dev = dev;
	skb->mac_header = skb->data;
	skb->protocol = ntohs(eth->h_proto);
	/* rx_packets and rx_bytes are counted by netif_receive_skb (net/eth.c). */
	if (selftest_active) {
		virtnet_selftest_rx(skb);
		kfree_skb(skb);
		return;
	}
	netif_rx(skb);
}

/* Receive interrupt: collect, hand up, refill. */
static void skb_recv_done(struct virtqueue *rvq)
{
	struct virtnet_info *vi = rvq->vdev->priv;
	struct sk_buff *skb;
	unsigned int len;

	while ((skb = virtqueue_get_buf(rvq, &len)))
		receive_buf(vi, skb, len);
	if (try_fill_recv(vi))
		virtqueue_kick(rvq);
}

/* ---- transmit -------------------------------------------------------- */

/* Free the skbs the device has finished sending.  Interrupts off. */
static void free_old_xmit_skbs(struct virtnet_info *vi)
{
	struct sk_buff *skb;

	while ((skb = virtqueue_get_buf(vi->svq, NULL)))
		kfree_skb(skb);
}

/* Transmit interrupt: room in the ring again, for what the stack queued. */
static void skb_xmit_done(struct virtqueue *svq)
{
	struct virtnet_info *vi = svq->vdev->priv;

	free_old_xmit_skbs(vi);
	netif_wake_queue(vi->dev);
}

/*
 * ndo_start_xmit, process context, skb->data at the Ethernet header.
 * NETDEV_TX_OK when skb is consumed, NETDEV_TX_BUSY when the ring is full.
 */
static int virtnet_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct virtnet_info *vi = dev->priv;
	unsigned int len = skb->len;
	struct scatterlist sg[2];
	unsigned long flags;
	int err;

	if (len < ETH_HLEN || len > ETH_FRAME_LEN + VLAN_HLEN) {
		dev->stats.tx_errors++;
		kfree_skb(skb);
		return NETDEV_TX_OK;	/* taken: dropped */
	}
	spin_lock_irqsave(&vi->lock, flags);
	free_old_xmit_skbs(vi);
	if (vi->rx_starved && try_fill_recv(vi))
		virtqueue_kick(vi->rvq);
	/* Device-readable: the header, then the frame (any layout is fine in 1.x). */
	sg_set_buf(&sg[0], &vi->tx_hdr, VNET_HDR_LEN);
	sg_set_buf(&sg[1], skb->data, len);
	err = virtqueue_add_outbuf(vi->svq, sg, 2, skb);
	if (!err)
		virtqueue_kick(vi->svq);
	spin_unlock_irqrestore(&vi->lock, flags);
	if (err)
		return NETDEV_TX_BUSY;	/* the ring is full: the stack queues skb */
	dev->stats.tx_packets++;
	dev->stats.tx_bytes += len;
	return NETDEV_TX_OK;
}

static const struct net_device_ops virtnet_netdev = {
	.ndo_start_xmit = virtnet_xmit,
};

/* ---- setup ----------------------------------------------------------- */

static bool virtnet_link_up(struct virtnet_info *vi)
{
	if (!virtio_has_feature(vi->vdev, VIRTIO_NET_F_STATUS))
		return true;		/* spec 5.1.5: then assume it is up */
	return virtio_cread16(vi->vdev, VIRTIO_NET_CONFIG_STATUS) & VIRTIO_NET_S_LINK_UP;
}

/* Configuration interrupt: the link status may have changed. */
static void virtnet_config_changed(struct virtio_device *vdev)
{
	struct virtnet_info *vi = vdev->priv;
	struct net_device *dev = vi->dev;
	bool up = virtnet_link_up(vi);

	if (up == !!(dev->flags & IFF_RUNNING))
		return;
	if (up)
		dev->flags |= IFF_RUNNING;
	else
		dev->flags &= ~IFF_RUNNING;
	pr_info("%s: link %s\n", dev->name, up ? "up" : "down");
}

static int virtnet_probe(struct virtio_device *vdev)
{
	static void (*const callbacks[])(struct virtqueue *) = { skb_recv_done, skb_xmit_done };
	static const char *const names[] = { "input", "output" };
	struct virtqueue *vqs[2];
	struct virtnet_info *vi;
	struct net_device *dev;
	u8 *a;
	int err;

	vi = kzalloc(sizeof(*vi), GFP_KERNEL);
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!vi || !dev) {
		err = -ENOMEM;
		goto fail;
	}
	vi->vdev = vdev;
	vi->dev = dev;
	spin_lock_init(&vi->lock);
	vdev->priv = vi;

	err = virtio_find_vqs(vdev, 2, vqs, callbacks, names);
	if (err)
		goto fail;
	vi->rvq = vqs[0];
	vi->svq = vqs[1];

	snprintf(dev->name, sizeof(dev->name), "eth%d", nr_eth);
	if (virtio_has_feature(vdev, VIRTIO_NET_F_MAC)) {
		virtio_cread_bytes(vdev, VIRTIO_NET_CONFIG_MAC, dev->dev_addr, ETH_ALEN);
	} else {
		get_random_bytes(dev->dev_addr, ETH_ALEN);
		dev->dev_addr[0] = (dev->dev_addr[0] & ~0x01) | 0x02;	/* local, unicast */
	}
	dev->flags = IFF_UP | IFF_BROADCAST | (virtnet_link_up(vi) ? IFF_RUNNING : 0);
	dev->mtu = ETH_DATA_LEN;
	dev->netdev_ops = &virtnet_netdev;
	dev->priv = vi;

	/* Buffers go in before DRIVER_OK; the device may fill them right after. */
	if (!try_fill_recv(vi)) {
		err = -ENOMEM;
		goto fail;
	}
	virtio_device_ready(vdev);	/* nothing below may fail */
	virtqueue_kick(vi->rvq);
	register_netdev(dev);
	nr_eth++;

	a = dev->dev_addr;
	pr_info("%s: virtio-net at %s, MAC %02x:%02x:%02x:%02x:%02x:%02x, irq %d\n",
		dev->name, vdev->pci->name, a[0], a[1], a[2], a[3], a[4], a[5],
		vdev->pci->irq);
	if (!(dev->flags & IFF_RUNNING))
		pr_info("%s: link down\n", dev->name);
	if (vdev->pci->irq < 0)
		pr_warn("%s: no INTx line: nothing will be received\n", dev->name);
	virtnet_selftest(vi);
	return 0;

fail:
	/* virtio_pci_probe resets the device and frees the queues. */
	kfree(dev);
	kfree(vi);
	vdev->priv = NULL;
	return err;
}

struct virtio_driver virtio_net_driver = {
	.name = "virtio_net",
	.device_id = VIRTIO_ID_NET,
	.features = 1UL << VIRTIO_NET_F_MAC | 1UL << VIRTIO_NET_F_STATUS,
	.probe = virtnet_probe,
	.config_changed = virtnet_config_changed,
};

/* ---- the self-test ---------------------------------------------------- */

#define DHCP_BOOTP_LEN	300	/* BOOTP's minimum: 236 fixed + 64 of options */
#define DHCP_MAGIC	0x63825363

static bool cmdline_has_word(const char *word)
{
	const char *s = saved_command_line;
	size_t n = strlen(word);

	while (*s) {
		while (*s == ' ')
			s++;
		if (!strncmp(s, word, n) && (s[n] == ' ' || s[n] == '\0'))
			return true;
		while (*s && *s != ' ')
			s++;
	}
	return false;
}

static u16 ip_csum(const void *buf, unsigned int len, u32 sum)
{
	const u8 *p = buf;

	for (; len > 1; len -= 2, p += 2)
		sum += p[0] << 8 | p[1];
	if (len)
		sum += p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

/*
 * DHCPDISCOVER by hand: Ethernet broadcast, IPv4 0.0.0.0 -> 255.255.255.255,
 * UDP 68 -> 67, BOOTP request with the magic cookie and option 53 = 1.
 */
static struct sk_buff *build_dhcp_discover(const u8 *mac)
{
	unsigned int udp_len = sizeof(struct udphdr) + DHCP_BOOTP_LEN;
	unsigned int ip_len = sizeof(struct iphdr) + udp_len;
	struct sk_buff *skb = alloc_skb(ETH_HLEN + ip_len);
	struct ethhdr *eth;
	struct iphdr *ip;
	struct udphdr *udp;
	u8 *bootp, *opt;
	u32 sum;

	if (!skb)
		return NULL;
	eth = (struct ethhdr *)skb_put(skb, ETH_HLEN + ip_len);
	memset(eth, 0, ETH_HLEN + ip_len);
	memset(eth->h_dest, 0xff, ETH_ALEN);
	memcpy(eth->h_source, mac, ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);

	ip = (struct iphdr *)(eth + 1);
	ip->version = 4;
	ip->ihl = 5;
	ip->tot_len = htons(ip_len);
	ip->ttl = 64;
	ip->protocol = 17;		/* UDP */
	ip->saddr = htonl(INADDR_ANY);
	ip->daddr = htonl(INADDR_BROADCAST);
	ip->check = ip_csum(ip, sizeof(*ip), 0);

	udp = (struct udphdr *)(ip + 1);
	udp->source = htons(68);
	udp->dest = htons(67);
	udp->len = htons(udp_len);

	bootp = (u8 *)(udp + 1);
	bootp[0] = 1;			/* op: BOOTREQUEST */
	bootp[1] = 1;			/* htype: Ethernet */
	bootp[2] = ETH_ALEN;		/* hlen */
	bootp[4] = 0x76;		/* xid */
	bootp[5] = 0x6e;
	bootp[6] = 0x65;
	bootp[7] = 0x74;
	bootp[10] = 0x80;		/* flags: please broadcast the reply */
	memcpy(bootp + 28, mac, ETH_ALEN);	/* chaddr */
	opt = bootp + 236;
	*opt++ = DHCP_MAGIC >> 24;
	*opt++ = (DHCP_MAGIC >> 16) & 0xff;
	*opt++ = (DHCP_MAGIC >> 8) & 0xff;
	*opt++ = DHCP_MAGIC & 0xff;
	*opt++ = 53;			/* DHCP message type */
	*opt++ = 1;
	*opt++ = 1;			/* DHCPDISCOVER */
	*opt++ = 55;			/* parameter request: netmask, router, DNS */
	*opt++ = 3;
	*opt++ = 1;
	*opt++ = 3;
	*opt++ = 6;
	*opt = 255;			/* end */

	/* UDP checksum over the pseudo header (addresses, protocol, length). */
	sum = 17 + udp_len;		/* saddr and daddr: 0 + 0xffff + 0xffff */
	sum += 0xffff + 0xffff;
	udp->check = ip_csum(udp, udp_len, sum);
	if (!udp->check)
		udp->check = 0xffff;	/* 0 would mean "no checksum" */
	return skb;
}

static void format_ip(char *buf, size_t size, const void *addr)
{
	const u8 *a = addr;

	snprintf(buf, size, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

/* Option 53 of a BOOTP reply (op 2 with the magic cookie); -1 if none. */
static int dhcp_message_type(const u8 *bootp, long len)
{
	long i = 240;

	if (len < 240 || bootp[0] != 2 || bootp[236] != 0x63 || bootp[237] != 0x82 ||
	    bootp[238] != 0x53 || bootp[239] != 0x63)
		return -1;
	while (i < len && bootp[i] != 255) {
		if (bootp[i] == 0) {		/* pad */
			i++;
			continue;
		}
		if (i + 2 >= len || i + 2 + bootp[i + 1] > len)
			break;
		if (bootp[i] == 53 && bootp[i + 1] == 1)
			return bootp[i + 2];
		i += 2 + bootp[i + 1];
	}
	return -1;
}

/* One line per frame, from the receive interrupt. */
static void virtnet_selftest_rx(struct sk_buff *skb)
{
	struct ethhdr *eth = (struct ethhdr *)skb->data;
	unsigned int proto = ntohs(eth->h_proto);
	char line[160], src[16], dst[16];
	int n;

	selftest_frames++;
	n = snprintf(line, sizeof(line), "%s: selftest rx: ethertype 0x%04x len %u",
		     skb->dev->name, proto, skb->len);
	if (proto == ETH_P_IP && skb->len >= ETH_HLEN + sizeof(struct iphdr)) {
		struct iphdr *ip = (struct iphdr *)(eth + 1);
		unsigned int ihl = ip->ihl * 4;

		format_ip(src, sizeof(src), &ip->saddr);
		format_ip(dst, sizeof(dst), &ip->daddr);
		if (ip->protocol == 17 && skb->len >= ETH_HLEN + ihl + sizeof(struct udphdr)) {
			struct udphdr *udp = (struct udphdr *)((u8 *)ip + ihl);
			u8 *bootp = (u8 *)(udp + 1);

			n += snprintf(line + n, sizeof(line) - n, " IPv4 UDP %s:%u -> %s:%u",
				      src, ntohs(udp->source), dst, ntohs(udp->dest));
			if (ntohs(udp->source) == 67) {
				int type = dhcp_message_type(bootp, skb->tail - bootp);

				format_ip(dst, sizeof(dst), bootp + 16);	/* yiaddr */
				if (type == 2)
					selftest_offer = true;
				if (type >= 0)
					n += snprintf(line + n, sizeof(line) - n,
						      " DHCP %s yiaddr %s",
						      type == 2 ? "OFFER" : "reply", dst);
			}
		} else {
			n += snprintf(line + n, sizeof(line) - n, " IPv4 proto %u %s -> %s",
				      ip->protocol, src, dst);
		}
	}
	pr_info("%s\n", line);
}

/*
 * Send a DHCPDISCOVER and report what arrives in the next two seconds.
 * QEMU's user network answers with an OFFER of 10.0.2.15 from 10.0.2.2.
 * Runs from start_kernel, so it turns interrupts on for the wait.
 */
static void virtnet_selftest(struct virtnet_info *vi)
{
	struct net_device *dev = vi->dev;
	struct sk_buff *skb;
	unsigned long flags;
	u64 deadline;

	if (!cmdline_has_word("virtio_net.selftest"))
		return;
	skb = build_dhcp_discover(dev->dev_addr);
	if (!skb) {
		pr_err("%s: selftest: out of memory\n", dev->name);
		return;
	}
	skb->dev = dev;
	selftest_frames = 0;
	selftest_offer = false;
	selftest_active = true;
	pr_info("%s: selftest: sending DHCPDISCOVER (%u bytes)\n", dev->name, skb->len);
	if (virtnet_xmit(skb, dev))
		pr_err("%s: selftest: transmit failed\n", dev->name);

	flags = local_irq_save();
	local_irq_enable();
	deadline = ktime_get_ns() + 2 * NSEC_PER_SEC;
	while (ktime_get_ns() < deadline)
		asm volatile("hlt");
	local_irq_restore(flags);
	selftest_active = false;

	pr_info("%s: selftest: %d frames received, DHCP OFFER %s\n", dev->name,
		selftest_frames, selftest_offer ? "received" : "NOT received");
}
