#ifndef DRIVERS_VIRTIO_H
#define DRIVERS_VIRTIO_H

/*
 * Virtio 1.x over PCI (the "modern" interface) and split virtqueues.
 * A virtio device is a PCI function of vendor 0x1af4 whose registers
 * (common configuration, notification, ISR status, device configuration)
 * sit in memory BARs named by vendor capabilities; the driver talks to it
 * through virtqueues: rings of buffer descriptors in guest memory that the
 * device reads and writes by DMA.
 * Spec: OASIS "Virtual I/O Device (VIRTIO) Version 1.x", sections 2
 * (basic facilities), 2.7 (split virtqueues), 4.1 (virtio over PCI).
 * Linux: include/linux/virtio*.h, drivers/virtio/.
 */
#include "kernel/types.h"
#include "kernel/mm/ioremap.h"

struct pci_dev;

/* Device status (spec 2.1): the driver sets the bits in this order. */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	0x01	/* found the device */
#define VIRTIO_CONFIG_S_DRIVER		0x02	/* knows how to drive it */
#define VIRTIO_CONFIG_S_DRIVER_OK	0x04	/* ready: the device may use queues */
#define VIRTIO_CONFIG_S_FEATURES_OK	0x08	/* feature negotiation done */
#define VIRTIO_CONFIG_S_NEEDS_RESET	0x40	/* the device gave up */
#define VIRTIO_CONFIG_S_FAILED		0x80	/* the driver gave up */

/* Feature bits for every device type (spec 6). */
#define VIRTIO_F_VERSION_1		32	/* a 1.x device, not legacy */

/* Device types (spec 5). */
#define VIRTIO_ID_NET			1
#define VIRTIO_ID_BLOCK			2

/* Vendor capability types (spec 4.1.4). */
#define VIRTIO_PCI_CAP_COMMON_CFG	1
#define VIRTIO_PCI_CAP_NOTIFY_CFG	2
#define VIRTIO_PCI_CAP_ISR_CFG		3
#define VIRTIO_PCI_CAP_DEVICE_CFG	4
#define VIRTIO_PCI_CAP_PCI_CFG		5

/* The ISR status byte: read it to learn why the interrupt came, and to
 * lower INTx# (spec 4.1.4.5). */
#define VIRTIO_PCI_ISR_QUEUE		0x1
#define VIRTIO_PCI_ISR_CONFIG		0x2

#define VIRTIO_MSI_NO_VECTOR		0xffff

/*
 * The common configuration structure (spec 4.1.4.3), little-endian like
 * the CPU.  64-bit fields are two 32-bit halves: the spec asks for 32-bit
 * accesses to them.
 */
struct virtio_pci_common_cfg {
	/* About the whole device. */
	u32 device_feature_select;	/* rw: which 32 feature bits ... */
	u32 device_feature;		/* ro: ... the device offers */
	u32 driver_feature_select;	/* rw */
	u32 driver_feature;		/* rw: the bits the driver accepts */
	u16 config_msix_vector;		/* rw */
	u16 num_queues;			/* ro */
	u8 device_status;		/* rw: writing 0 resets the device */
	u8 config_generation;		/* ro: changes when device config does */
	/* About the queue selected by queue_select. */
	u16 queue_select;		/* rw */
	u16 queue_size;			/* rw: the device's maximum, may be lowered */
	u16 queue_msix_vector;		/* rw */
	u16 queue_enable;		/* rw: write 1 when set up */
	u16 queue_notify_off;		/* ro: see virtio_pci_notify_cap */
	u32 queue_desc_lo, queue_desc_hi;	/* rw: descriptor table */
	u32 queue_driver_lo, queue_driver_hi;	/* rw: available ring */
	u32 queue_device_lo, queue_device_hi;	/* rw: used ring */
};

/* Split virtqueue layout (spec 2.7). */
#define VRING_DESC_F_NEXT	1	/* the chain continues in next */
#define VRING_DESC_F_WRITE	2	/* the device writes this buffer */

#define VRING_AVAIL_F_NO_INTERRUPT 1	/* driver: no used-buffer interrupts please */
#define VRING_USED_F_NO_NOTIFY	1	/* device: no need to notify me */

struct vring_desc {			/* 16-byte aligned table */
	u64 addr;			/* guest physical */
	u32 len;
	u16 flags;
	u16 next;
};

struct vring_avail {			/* driver -> device, 2-byte aligned */
	u16 flags;
	u16 idx;			/* where the driver puts the next entry */
	u16 ring[];			/* heads of descriptor chains */
};

struct vring_used_elem {
	u32 id;				/* head of the chain the device used */
	u32 len;			/* bytes it wrote into the chain */
};

struct vring_used {			/* device -> driver, 4-byte aligned */
	u16 flags;
	u16 idx;
	struct vring_used_elem ring[];
};

#define VIRTQUEUE_MAX_SIZE	256	/* cap on the device's queue size */
#define VIRTIO_MAX_VQS		4

/* One buffer of a chain (Linux's is page + offset; here a kernel pointer
 * in the direct map or the kernel image, physically contiguous). */
struct scatterlist {
	void *buf;
	unsigned int length;
};

static inline void sg_set_buf(struct scatterlist *sg, void *buf, unsigned int len)
{
	sg->buf = buf;
	sg->length = len;
}

static inline void sg_init_one(struct scatterlist *sg, void *buf, unsigned int len)
{
	sg_set_buf(sg, buf, len);
}

struct virtio_device;

struct virtqueue {
	struct virtio_device *vdev;
	void (*callback)(struct virtqueue *vq);	/* used buffers: interrupt context */
	const char *name;
	unsigned int index;		/* queue number in the device */
	unsigned int num;		/* ring entries, a power of 2 */
	unsigned int num_free;		/* free descriptors */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	u16 free_head;			/* free descriptors, linked through next */
	u16 avail_idx;			/* our copy of avail->idx */
	u16 last_used_idx;		/* the next used entry we will look at */
	u16 __iomem *notify;		/* write index here to kick the device */
	unsigned int order;		/* the rings: 1 << order pages */
	void **data;			/* the token of each chain, by head */
};

struct virtio_device {
	struct pci_dev *pci;
	u32 id;				/* VIRTIO_ID_* */
	int index;			/* virtio0, virtio1, ... */
	u64 features;			/* the negotiated ones */
	bool ready;			/* DRIVER_OK was set */
	struct virtio_pci_common_cfg __iomem *common;
	u8 __iomem *isr;
	void __iomem *device;		/* device-specific configuration */
	u32 device_len;
	void __iomem *notify_base;
	u32 notify_len, notify_off_multiplier;
	struct virtqueue *vqs[VIRTIO_MAX_VQS];
	unsigned int nvqs;
	struct virtio_driver *driver;
	void *priv;			/* the driver's state */
	struct virtio_device *next_on_irq;	/* devices sharing an INTx line */
};

struct virtio_driver {
	const char *name;
	u32 device_id;			/* VIRTIO_ID_* */
	u64 features;			/* device-type bits the driver can use */
	/* Set up queues and buffers, then virtio_device_ready.  0 or -errno. */
	int (*probe)(struct virtio_device *vdev);
	/* The device configuration changed (interrupt context). */
	void (*config_changed)(struct virtio_device *vdev);
};

static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned int fbit)
{
	return vdev->features & (1UL << fbit);
}

/* Set up queues 0..nvqs-1.  callbacks[i] may be NULL (no interrupts wanted). */
int virtio_find_vqs(struct virtio_device *vdev, unsigned int nvqs, struct virtqueue *vqs[],
		    void (*const callbacks[])(struct virtqueue *), const char *const names[]);
/* Set DRIVER_OK: from now on the device uses the queues and may interrupt.
 * The handler is installed here; the probe must not fail after this. */
void virtio_device_ready(struct virtio_device *vdev);

/* Device configuration space, read consistently (config_generation). */
void virtio_cread_bytes(struct virtio_device *vdev, unsigned int offset, void *buf, size_t len);
u8 virtio_cread8(struct virtio_device *vdev, unsigned int offset);
u16 virtio_cread16(struct virtio_device *vdev, unsigned int offset);
u32 virtio_cread32(struct virtio_device *vdev, unsigned int offset);

/*
 * Virtqueue operations.  A queue is not locked: its owner makes sure that
 * interrupt and process context do not use it at once (interrupts off).
 * add: out buffers the device reads, then in buffers it writes, as one
 * chain; data (not NULL) comes back from get_buf.  -ENOSPC when full.
 */
int virtqueue_add_outbuf(struct virtqueue *vq, struct scatterlist sg[], unsigned int num,
			 void *data);
int virtqueue_add_inbuf(struct virtqueue *vq, struct scatterlist sg[], unsigned int num,
			void *data);
int virtqueue_add_sgs(struct virtqueue *vq, struct scatterlist sg[], unsigned int out,
		      unsigned int in, void *data);
/* Tell the device about new buffers (unless it said it does not need it). */
bool virtqueue_kick(struct virtqueue *vq);
/* The next buffer the device is done with, and the bytes it wrote; NULL if none. */
void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len);
/* Ask for no / again for used-buffer interrupts (a hint the device may ignore).
 * enable_cb returns false if buffers are already waiting. */
void virtqueue_disable_cb(struct virtqueue *vq);
bool virtqueue_enable_cb(struct virtqueue *vq);

static inline unsigned int virtqueue_get_vring_size(const struct virtqueue *vq)
{
	return vq->num;
}

#endif
