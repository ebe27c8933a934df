/*
 * Virtio over PCI, modern (1.x) interface, and split virtqueues.
 *
 * Probe (spec 3.1.1): reset the device, set ACKNOWLEDGE and DRIVER, agree
 * on features (VIRTIO_F_VERSION_1 is required: this is a 1.x driver), set
 * FEATURES_OK and check the device kept it; then the device driver sets
 * up its queues and buffers and sets DRIVER_OK.
 *
 * A virtqueue is three parts in guest memory, each read and written by
 * the device through DMA:
 *   descriptor table  buffers (physical address, length, flags), chained
 *   available ring    heads of chains the driver offers, and its idx
 *   used ring         heads of chains the device is done with, with lengths
 * The driver adds a chain, bumps avail->idx and writes the queue's index
 * to its notify address ("kick").  The device consumes it, appends to
 * the used ring, bumps used->idx and raises an interrupt; the driver
 * reads the ISR status byte (which lowers INTx#) and collects used
 * entries until it has caught up with used->idx.
 *
 * Linux: drivers/virtio/virtio.c, virtio_pci_modern*.c, virtio_ring.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "drivers/pci.h"
#include "drivers/virtio.h"

#define PCI_VENDOR_ID_REDHAT_QUMRANET	0x1af4

/* struct virtio_pci_cap in configuration space (spec 4.1.4). */
#define VIRTIO_PCI_CAP_CFG_TYPE		3
#define VIRTIO_PCI_CAP_BAR		4
#define VIRTIO_PCI_CAP_OFFSET		8
#define VIRTIO_PCI_CAP_LENGTH		12
#define VIRTIO_PCI_NOTIFY_CAP_MULT	16	/* struct virtio_pci_notify_cap */

#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile typeof(x) *)&(x) = (v))

/*
 * Ordering against the device, which is another agent reading and
 * writing our memory.  x86 keeps stores in order and loads in order, so
 * those two need only stop the compiler; a store followed by a load may
 * pass each other, which takes a real fence.
 */
#define virt_wmb()	asm volatile("" : : : "memory")
#define virt_rmb()	asm volatile("" : : : "memory")
#define virt_mb()	asm volatile("mfence" : : : "memory")

extern struct virtio_driver virtio_net_driver;
static struct virtio_driver *const virtio_drivers[] = { &virtio_net_driver };

static struct virtio_device *irq_devices[NR_IRQS];	/* INTx# lines are shared */
static int nr_virtio_devices;

/* ---- virtqueues ----------------------------------------------------- */

int virtqueue_add_sgs(struct virtqueue *vq, struct scatterlist sg[], unsigned int out,
		      unsigned int in, void *data)
{
	unsigned int total = out + in, n;
	u16 head, i;

	if (!total || !data)
		return -EINVAL;
	if (total > vq->num_free)
		return -ENOSPC;
	head = i = vq->free_head;
	for (n = 0; n < total; n++) {
		struct vring_desc *d = &vq->desc[i];

		d->addr = __pa(sg[n].buf);
		d->len = sg[n].length;
		/* Device-writable parts must come after the readable ones. */
		d->flags = (n >= out ? VRING_DESC_F_WRITE : 0) |
			   (n + 1 < total ? VRING_DESC_F_NEXT : 0);
		i = d->next;		/* free descriptors are linked the same way */
	}
	vq->free_head = i;
	vq->num_free -= total;
	vq->data[head] = data;
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	/* Spec 2.7.13.3.1: the entry must be visible before the new idx. */
	virt_wmb();
	vq->avail_idx++;
	WRITE_ONCE(vq->avail->idx, vq->avail_idx);
	return 0;
}

int virtqueue_add_outbuf(struct virtqueue *vq, struct scatterlist sg[], unsigned int num,
			 void *data)
{
	return virtqueue_add_sgs(vq, sg, num, 0, data);
}

int virtqueue_add_inbuf(struct virtqueue *vq, struct scatterlist sg[], unsigned int num,
			void *data)
{
	return virtqueue_add_sgs(vq, sg, 0, num, data);
}

bool virtqueue_kick(struct virtqueue *vq)
{
	/* Spec 2.7.13.4.1: idx must be out before we read the device's flags. */
	virt_mb();
	if (READ_ONCE(vq->used->flags) & VRING_USED_F_NO_NOTIFY)
		return false;
	/* Without VIRTIO_F_NOTIFICATION_DATA the value is the queue index. */
	writew(vq->index, vq->notify);
	return true;
}

/* Put the chain starting at head back on the free list. */
static void detach_buf(struct virtqueue *vq, u16 head)
{
	u16 i = head;

	vq->num_free++;
	while (vq->desc[i].flags & VRING_DESC_F_NEXT) {
		i = vq->desc[i].next;
		vq->num_free++;
	}
	vq->desc[i].next = vq->free_head;
	vq->free_head = head;
}

void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len)
{
	struct vring_used_elem *e;
	void *data;
	u32 id;

	if (vq->last_used_idx == READ_ONCE(vq->used->idx))
		return NULL;
	/* Read the entry only after seeing the idx that covers it. */
	virt_rmb();
	e = &vq->used->ring[vq->last_used_idx & (vq->num - 1)];
	id = READ_ONCE(e->id);
	if (id >= vq->num || !vq->data[id]) {
		pr_err("virtio: %s: device used bad descriptor %u\n", vq->name, id);
		return NULL;
	}
	if (len)
		*len = READ_ONCE(e->len);
	data = vq->data[id];
	vq->data[id] = NULL;
	detach_buf(vq, id);
	vq->last_used_idx++;
	return data;
}

void virtqueue_disable_cb(struct virtqueue *vq)
{
	WRITE_ONCE(vq->avail->flags, vq->avail->flags | VRING_AVAIL_F_NO_INTERRUPT);
}

bool virtqueue_enable_cb(struct virtqueue *vq)
{
	WRITE_ONCE(vq->avail->flags, vq->avail->flags & ~VRING_AVAIL_F_NO_INTERRUPT);
	virt_mb();		/* flags out before we look at used->idx */
	return vq->last_used_idx == READ_ONCE(vq->used->idx);
}

/* ---- the PCI transport ---------------------------------------------- */

static void vp_write64(u64 v, u32 __iomem *lo, u32 __iomem *hi)
{
	writel((u32)v, lo);
	writel(v >> 32, hi);
}

static u8 vp_get_status(struct virtio_device *vdev)
{
	return readb(&vdev->common->device_status);
}

static void vp_add_status(struct virtio_device *vdev, u8 bits)
{
	writeb(vp_get_status(vdev) | bits, &vdev->common->device_status);
}

static void vp_reset(struct virtio_device *vdev)
{
	int spins = 1000000;

	writeb(0, &vdev->common->device_status);
	/* Spec 4.1.4.3.2: the reset is done when the status reads back 0. */
	while (vp_get_status(vdev) && --spins)
		asm volatile("pause");
}

static unsigned int order_for(size_t bytes)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

static void vp_del_vq(struct virtqueue *vq)
{
	free_pages((unsigned long)vq->desc, vq->order);
	kfree(vq->data);
	kfree(vq);
}

static int vp_setup_vq(struct virtio_device *vdev, unsigned int index,
		       void (*callback)(struct virtqueue *), const char *name,
		       struct virtqueue **out)
{
	struct virtio_pci_common_cfg __iomem *cfg = vdev->common;
	unsigned int num, i, notify_off;
	size_t avail_off, used_off, total;
	struct virtqueue *vq;
	unsigned long ring;

	writew(index, &cfg->queue_select);
	num = readw(&cfg->queue_size);
	if (!num || readw(&cfg->queue_enable))
		return -ENOENT;
	if (num & (num - 1))
		return -EINVAL;		/* a split ring's size is a power of 2 */
	num = min(num, VIRTQUEUE_MAX_SIZE);

	/*
	 * One physically contiguous, zeroed block: descriptors (16-byte
	 * aligned), then the available ring (2), then on the next page the
	 * used ring (4).  The page gap is what a legacy device would need;
	 * a modern one takes the three addresses separately.
	 */
	avail_off = 16 * num;
	used_off = PAGE_ALIGN(avail_off + 6 + 2 * num);
	total = used_off + 6 + 8 * num;

	vq = kzalloc(sizeof(*vq), GFP_KERNEL);
	if (!vq)
		return -ENOMEM;
	vq->order = order_for(total);
	ring = __get_free_pages(GFP_KERNEL | __GFP_ZERO, vq->order);
	vq->data = kzalloc(num * sizeof(void *), GFP_KERNEL);
	if (!ring || !vq->data) {
		if (ring)
			free_pages(ring, vq->order);
		kfree(vq->data);
		kfree(vq);
		return -ENOMEM;
	}
	vq->vdev = vdev;
	vq->callback = callback;
	vq->name = name;
	vq->index = index;
	vq->num = vq->num_free = num;
	vq->desc = (struct vring_desc *)ring;
	vq->avail = (struct vring_avail *)(ring + avail_off);
	vq->used = (struct vring_used *)(ring + used_off);
	for (i = 0; i + 1 < num; i++)
		vq->desc[i].next = i + 1;
	if (!callback)
		vq->avail->flags = VRING_AVAIL_F_NO_INTERRUPT;

	/* Spec 4.1.4.4: the queue's doorbell is at offset + notify_off * multiplier. */
	notify_off = readw(&cfg->queue_notify_off);
	if ((u64)notify_off * vdev->notify_off_multiplier + 2 > vdev->notify_len) {
		vp_del_vq(vq);
		return -EIO;
	}
	vq->notify = (u16 __iomem *)((u8 __iomem *)vdev->notify_base +
				     notify_off * vdev->notify_off_multiplier);

	writew(num, &cfg->queue_size);
	writew(VIRTIO_MSI_NO_VECTOR, &cfg->queue_msix_vector);
	vp_write64(__pa(vq->desc), &cfg->queue_desc_lo, &cfg->queue_desc_hi);
	vp_write64(__pa(vq->avail), &cfg->queue_driver_lo, &cfg->queue_driver_hi);
	vp_write64(__pa(vq->used), &cfg->queue_device_lo, &cfg->queue_device_hi);
	/* Spec 4.1.4.3.2: everything else first, then enable. */
	writew(1, &cfg->queue_enable);
	*out = vq;
	return 0;
}

int virtio_find_vqs(struct virtio_device *vdev, unsigned int nvqs, struct virtqueue *vqs[],
		    void (*const callbacks[])(struct virtqueue *), const char *const names[])
{
	unsigned int i;
	int err;

	if (nvqs > VIRTIO_MAX_VQS || nvqs > readw(&vdev->common->num_queues))
		return -ENOENT;
	for (i = 0; i < nvqs; i++) {
		err = vp_setup_vq(vdev, i, callbacks[i], names[i], &vqs[i]);
		if (err) {
			pr_err("virtio%d: cannot set up queue %u (%s): %d\n",
			       vdev->index, i, names[i], err);
			return err;	/* the probe's failure path frees the others */
		}
		vdev->vqs[vdev->nvqs++] = vqs[i];
	}
	return 0;
}

/*
 * INTx# handler for every virtio device on this line.  Reading the ISR
 * status byte clears it and makes the device lower its interrupt
 * (spec 4.1.4.5), so a device that completes more buffers while we run
 * raises a fresh interrupt: no used buffer is left unnoticed.
 *
 * PCI interrupts are level-triggered and shared (wired-OR); the firmware
 * sets the PIC's ELCR so the line is sensed by level.  Should it be
 * sensed by edge, a device that asserts again while another one still
 * holds the line makes no new edge; going round until every ISR reads
 * zero lets the line drop, so the next assertion is an edge again.
 */
static void vp_interrupt(int irq)
{
	struct virtio_device *vdev;
	int passes = 16;		/* bounded: a stuck device cannot hang us */
	bool again;

	do {
		again = false;
		for (vdev = irq_devices[irq]; vdev; vdev = vdev->next_on_irq) {
			u8 isr = readb(vdev->isr);
			unsigned int i;

			if (!isr)
				continue;	/* another device on the line */
			again = true;
			if ((isr & VIRTIO_PCI_ISR_CONFIG) && vdev->driver->config_changed)
				vdev->driver->config_changed(vdev);
			if (isr & VIRTIO_PCI_ISR_QUEUE)
				for (i = 0; i < vdev->nvqs; i++)
					if (vdev->vqs[i]->callback)
						vdev->vqs[i]->callback(vdev->vqs[i]);
		}
	} while (again && --passes);
}

void virtio_device_ready(struct virtio_device *vdev)
{
	int irq = vdev->pci->irq;
	unsigned long flags;

	/* The handler goes in first: the device may interrupt at DRIVER_OK. */
	if (irq >= 0) {
		flags = local_irq_save();
		vdev->next_on_irq = irq_devices[irq];
		irq_devices[irq] = vdev;
		local_irq_restore(flags);
		request_irq(irq, vp_interrupt);
	}
	vdev->ready = true;
	vp_add_status(vdev, VIRTIO_CONFIG_S_DRIVER_OK);
}

/* Device configuration: retry until config_generation is the same before
 * and after, so a multi-byte field is never half old, half new (spec 2.5.1). */
void virtio_cread_bytes(struct virtio_device *vdev, unsigned int offset, void *buf, size_t len)
{
	u8 *p = buf, gen;
	size_t i;

	if (offset + len > vdev->device_len) {
		memset(buf, 0, len);
		return;
	}
	do {
		gen = readb(&vdev->common->config_generation);
		for (i = 0; i < len; i++)
			p[i] = readb((u8 __iomem *)vdev->device + offset + i);
	} while (gen != readb(&vdev->common->config_generation));
}

u8 virtio_cread8(struct virtio_device *vdev, unsigned int offset)
{
	return offset < vdev->device_len ? readb((u8 __iomem *)vdev->device + offset) : 0;
}

/* Single aligned accesses are atomic: no generation loop needed. */
u16 virtio_cread16(struct virtio_device *vdev, unsigned int offset)
{
	if (offset + 2 > vdev->device_len || (offset & 1))
		return 0;
	return readw((u8 __iomem *)vdev->device + offset);
}

u32 virtio_cread32(struct virtio_device *vdev, unsigned int offset)
{
	if (offset + 4 > vdev->device_len || (offset & 3))
		return 0;
	return readl((u8 __iomem *)vdev->device + offset);
}

/*
 * Find the first usable capability of each type (spec 4.1.4: the first
 * is the device's preference) and map its part of the BAR.  Only memory
 * BARs: QEMU puts all four structures in one 64-bit memory BAR.
 */
static int vp_map_capabilities(struct virtio_device *vdev)
{
	struct pci_dev *pci = vdev->pci;
	bool have[VIRTIO_PCI_CAP_DEVICE_CFG + 1] = { false };
	u8 pos;

	for (pos = pci_find_capability(pci, PCI_CAP_ID_VNDR); pos;
	     pos = pci_find_next_capability(pci, pos, PCI_CAP_ID_VNDR)) {
		u8 type, bar;
		u32 offset, length, maplen;
		void __iomem *p;

		pci_read_config_byte(pci, pos + VIRTIO_PCI_CAP_CFG_TYPE, &type);
		pci_read_config_byte(pci, pos + VIRTIO_PCI_CAP_BAR, &bar);
		pci_read_config_dword(pci, pos + VIRTIO_PCI_CAP_OFFSET, &offset);
		pci_read_config_dword(pci, pos + VIRTIO_PCI_CAP_LENGTH, &length);
		/* Ignore reserved types and BARs (spec 4.1.4.1), and what we have. */
		if (type < VIRTIO_PCI_CAP_COMMON_CFG || type > VIRTIO_PCI_CAP_DEVICE_CFG ||
		    have[type] || bar >= PCI_NUM_RESOURCES)
			continue;
		if (!(pci_resource_flags(pci, bar) & IORESOURCE_MEM) ||
		    (u64)offset + length > pci_resource_len(pci, bar))
			continue;
		/* Map only what we use (the spec allows huge lengths). */
		switch (type) {
		case VIRTIO_PCI_CAP_COMMON_CFG:
			maplen = sizeof(struct virtio_pci_common_cfg);
			break;
		case VIRTIO_PCI_CAP_ISR_CFG:
			maplen = 1;
			break;
		default:
			maplen = min(length, 0x10000U);
			break;
		}
		if (length < maplen)
			continue;
		p = ioremap(pci_resource_start(pci, bar) + offset, maplen);
		if (!p)
			return -ENOMEM;
		switch (type) {
		case VIRTIO_PCI_CAP_COMMON_CFG:
			vdev->common = p;
			break;
		case VIRTIO_PCI_CAP_NOTIFY_CFG:
			pci_read_config_dword(pci, pos + VIRTIO_PCI_NOTIFY_CAP_MULT,
					      &vdev->notify_off_multiplier);
			vdev->notify_base = p;
			vdev->notify_len = maplen;
			break;
		case VIRTIO_PCI_CAP_ISR_CFG:
			vdev->isr = p;
			break;
		case VIRTIO_PCI_CAP_DEVICE_CFG:
			vdev->device = p;
			vdev->device_len = maplen;
			break;
		}
		have[type] = true;
	}
	/* The device configuration is optional; the other three are not. */
	return vdev->common && vdev->notify_base && vdev->isr ? 0 : -ENODEV;
}

static void vp_unmap(struct virtio_device *vdev)
{
	if (vdev->common)
		iounmap(vdev->common, sizeof(*vdev->common));
	if (vdev->isr)
		iounmap(vdev->isr, 1);
	if (vdev->notify_base)
		iounmap(vdev->notify_base, vdev->notify_len);
	if (vdev->device)
		iounmap(vdev->device, vdev->device_len);
}

static int vp_finalize_features(struct virtio_device *vdev, struct virtio_driver *drv)
{
	struct virtio_pci_common_cfg __iomem *cfg = vdev->common;
	u64 offered, wanted = drv->features | 1UL << VIRTIO_F_VERSION_1;

	writel(0, &cfg->device_feature_select);
	offered = readl(&cfg->device_feature);
	writel(1, &cfg->device_feature_select);
	offered |= (u64)readl(&cfg->device_feature) << 32;
	if (!(offered & 1UL << VIRTIO_F_VERSION_1)) {
		pr_err("virtio%d: device does not offer VIRTIO_F_VERSION_1\n", vdev->index);
		return -ENODEV;
	}
	vdev->features = offered & wanted;
	writel(0, &cfg->driver_feature_select);
	writel((u32)vdev->features, &cfg->driver_feature);
	writel(1, &cfg->driver_feature_select);
	writel(vdev->features >> 32, &cfg->driver_feature);
	vp_add_status(vdev, VIRTIO_CONFIG_S_FEATURES_OK);
	/* Spec 3.1.1: the device clears FEATURES_OK if it cannot live with our choice. */
	if (!(vp_get_status(vdev) & VIRTIO_CONFIG_S_FEATURES_OK)) {
		pr_err("virtio%d: device refused features %lx\n", vdev->index, vdev->features);
		return -ENODEV;
	}
	return 0;
}

static struct virtio_driver *virtio_find_driver(u32 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(virtio_drivers); i++)
		if (virtio_drivers[i]->device_id == id)
			return virtio_drivers[i];
	return NULL;
}

static int virtio_pci_probe(struct pci_dev *pci, const struct pci_device_id *id)
{
	struct virtio_driver *drv;
	struct virtio_device *vdev;
	unsigned int i;
	u32 type;
	int err;

	/* Spec 4.1.2: 0x1040 + type; transitional 0x1000-0x103f name the type
	 * in the subsystem device ID. */
	if (pci->device >= 0x1040 && pci->device <= 0x107f)
		type = pci->device - 0x1040;
	else if (pci->device >= 0x1000 && pci->device <= 0x103f)
		type = pci->subsystem_device;
	else
		return -ENODEV;
	drv = virtio_find_driver(type);
	if (!drv) {
		pr_info("virtio-pci %s: device type %u: no driver\n", pci->name, type);
		return -ENODEV;
	}
	vdev = kzalloc(sizeof(*vdev), GFP_KERNEL);
	if (!vdev)
		return -ENOMEM;
	vdev->pci = pci;
	vdev->id = type;
	vdev->driver = drv;
	vdev->index = nr_virtio_devices;
	pci_enable_device(pci);
	pci_set_master(pci);		/* the queues are DMA */
	err = vp_map_capabilities(vdev);
	if (err) {
		pr_err("virtio-pci %s: no virtio 1.x (modern) interface%s\n", pci->name,
		       pci->device < 0x1040 ? "; legacy-only devices are not supported" : "");
		goto out_unmap;
	}

	vp_reset(vdev);
	vp_add_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	vp_add_status(vdev, VIRTIO_CONFIG_S_DRIVER);
	err = vp_finalize_features(vdev, drv);
	if (err)
		goto out_failed;
	writew(VIRTIO_MSI_NO_VECTOR, &vdev->common->config_msix_vector);
	err = drv->probe(vdev);
	if (err)
		goto out_failed;
	nr_virtio_devices++;
	pci->driver_data = vdev;
	return 0;

out_failed:
	/* Reset first, so the device stops using the rings; then free them. */
	vp_reset(vdev);
	for (i = 0; i < vdev->nvqs; i++)
		vp_del_vq(vdev->vqs[i]);
	vp_add_status(vdev, VIRTIO_CONFIG_S_FAILED);
out_unmap:
	vp_unmap(vdev);
	kfree(vdev);
	return err;
}

static const struct pci_device_id virtio_pci_id_table[] = {
	{ PCI_VENDOR_ID_REDHAT_QUMRANET, PCI_ANY_ID },
	{ 0, 0 }
};

struct pci_driver virtio_pci_driver = {
	.name = "virtio-pci",
	.id_table = virtio_pci_id_table,
	.probe = virtio_pci_probe,
};
