#ifndef DRIVERS_PCI_H
#define DRIVERS_PCI_H

/*
 * PCI: find the devices on the buses, size their BARs, and hand each to
 * the driver that claims it.  Configuration space is reached with
 * configuration mechanism #1 (ports 0xcf8/0xcfc), the one every PC has.
 * Linux: include/linux/pci.h, include/uapi/linux/pci_regs.h, drivers/pci/.
 */
#include "kernel/types.h"
#include "kernel/list.h"

/* Configuration space header (type 0 devices, type 1 bridges). */
#define PCI_VENDOR_ID		0x00	/* 16 bits; 0xffff: no device */
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define  PCI_COMMAND_IO		0x1	/* respond to I/O space accesses */
#define  PCI_COMMAND_MEMORY	0x2	/* respond to memory space accesses */
#define  PCI_COMMAND_MASTER	0x4	/* may do DMA (bus master) */
#define  PCI_COMMAND_INTX_DISABLE 0x400	/* do not assert INTx# */
#define PCI_STATUS		0x06
#define  PCI_STATUS_INTERRUPT	0x08	/* INTx# is asserted */
#define  PCI_STATUS_CAP_LIST	0x10	/* PCI_CAPABILITY_LIST is valid */
#define PCI_CLASS_REVISION	0x08	/* class << 8 | revision */
#define PCI_HEADER_TYPE		0x0e
#define  PCI_HEADER_TYPE_MASK	0x7f
#define  PCI_HEADER_TYPE_NORMAL	0
#define  PCI_HEADER_TYPE_BRIDGE	1
#define  PCI_HEADER_MULTIFUNC	0x80
#define PCI_BASE_ADDRESS_0	0x10	/* 6 BARs in a type 0 header, 2 in a bridge */
#define  PCI_BASE_ADDRESS_SPACE_IO	0x1
#define  PCI_BASE_ADDRESS_MEM_TYPE_64	0x4
#define  PCI_BASE_ADDRESS_MEM_PREFETCH	0x8
#define  PCI_BASE_ADDRESS_MEM_MASK	(~0xfU)
#define  PCI_BASE_ADDRESS_IO_MASK	(~0x3U)
#define PCI_PRIMARY_BUS		0x18	/* bridges: bus numbers */
#define PCI_SECONDARY_BUS	0x19
#define PCI_SUBORDINATE_BUS	0x1a
#define PCI_SUBSYSTEM_VENDOR_ID	0x2c
#define PCI_SUBSYSTEM_ID	0x2e
#define PCI_CAPABILITY_LIST	0x34
#define PCI_INTERRUPT_LINE	0x3c	/* the PIC input the firmware routed INTx# to */
#define PCI_INTERRUPT_PIN	0x3d	/* 1..4: INTA#..INTD#, 0: none */

/* Capabilities: a list of (id, next) pairs in configuration space. */
#define PCI_CAP_LIST_ID		0
#define PCI_CAP_LIST_NEXT	1
#define PCI_CAP_ID_MSI		0x05
#define PCI_CAP_ID_VNDR		0x09	/* vendor specific (virtio uses these) */
#define PCI_CAP_ID_EXP		0x10
#define PCI_CAP_ID_MSIX		0x11

#define PCI_CLASS_BRIDGE_PCI	0x0604

#define PCI_ANY_ID		0xffff
#define PCI_NUM_RESOURCES	6
#define PCI_MAX_CAPS		16

#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 0x07)
#define PCI_DEVFN(slot, func)	((((slot) & 0x1f) << 3) | ((func) & 0x07))

/* What a BAR decodes. */
#define IORESOURCE_IO		0x1
#define IORESOURCE_MEM		0x2
#define IORESOURCE_MEM_64	0x4
#define IORESOURCE_PREFETCH	0x8

struct resource {
	u64 start;		/* bus address = physical address on a PC */
	u64 size;		/* 0: the BAR is not implemented */
	unsigned int flags;	/* IORESOURCE_* */
};

struct pci_driver;

struct pci_dev {
	struct list_head bus_list;	/* in pci_devices */
	u8 bus, devfn;
	u16 vendor, device;
	u16 subsystem_vendor, subsystem_device;
	u32 class;			/* base class << 16 | subclass << 8 | prog-if */
	u8 revision, hdr_type;
	u8 irq_line, irq_pin;		/* irq: the PIC line, if pin != 0 */
	int irq;			/* -1: no interrupt */
	struct resource resource[PCI_NUM_RESOURCES];
	u8 nr_caps;			/* the capability list, in order */
	u8 cap_id[PCI_MAX_CAPS], cap_pos[PCI_MAX_CAPS];
	char name[16];			/* "0000:00:03.0" */
	struct pci_driver *driver;	/* the driver that took it, if any */
	void *driver_data;
};

struct pci_device_id {
	u16 vendor, device;		/* PCI_ANY_ID matches anything */
};

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;	/* ends with a zero vendor */
	/* Return 0 to take the device, or -errno to leave it. */
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
};

extern struct list_head pci_devices;

/* Scan every bus, print one line per function, and probe the drivers. */
void pci_init(void);

int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val);
int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val);
int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val);
int pci_write_config_byte(const struct pci_dev *dev, int where, u8 val);
int pci_write_config_word(const struct pci_dev *dev, int where, u16 val);
int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);

/* Position of the first capability cap after pos (0: from the start); 0 if none. */
u8 pci_find_next_capability(const struct pci_dev *dev, u8 pos, int cap);
static inline u8 pci_find_capability(const struct pci_dev *dev, int cap)
{
	return pci_find_next_capability(dev, 0, cap);
}

/* Turn on memory and I/O decoding (and INTx#); pci_set_master allows DMA. */
int pci_enable_device(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);

#define pci_resource_start(dev, bar)	((dev)->resource[(bar)].start)
#define pci_resource_len(dev, bar)	((dev)->resource[(bar)].size)
#define pci_resource_flags(dev, bar)	((dev)->resource[(bar)].flags)

#endif
