/*
 * PCI bus enumeration with configuration mechanism #1: write the address
 * of a configuration register (bus, device, function, offset) to port
 * 0xcf8, then read or write its dword through port 0xcfc.  Bus 0 is
 * scanned slot by slot, functions 1-7 only when function 0 says it is a
 * multi-function device, and behind each PCI-to-PCI bridge the bus the
 * firmware numbered for it.  Then every device is offered to the
 * built-in drivers.  Linux: drivers/pci/probe.c, arch/x86/pci/direct.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/io.h"
#include "kernel/irq.h"
#include "kernel/mm/slab.h"
#include "drivers/pci.h"

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_CONFIG_ENABLE	0x80000000U

LIST_HEAD(pci_devices);
static DEFINE_SPINLOCK(pci_lock);	/* address and data port go together */

/* The built-in drivers (no modules, no initcalls here), tried in order. */
extern struct pci_driver virtio_pci_driver;
static struct pci_driver *const pci_drivers[] = { &virtio_pci_driver };

static u32 conf1_address(u8 bus, u8 devfn, int where)
{
	return PCI_CONFIG_ENABLE | (u32)bus << 16 | (u32)devfn << 8 | (where & 0xfc);
}

/* Raw accesses by location, for the scan (before a pci_dev exists). */
static u32 conf1_read(u8 bus, u8 devfn, int where, int size)
{
	unsigned long flags;
	u32 v;

	spin_lock_irqsave(&pci_lock, flags);
	outl(PCI_CONFIG_ADDRESS, conf1_address(bus, devfn, where));
	if (size == 1)
		v = inb(PCI_CONFIG_DATA + (where & 3));
	else if (size == 2)
		v = inw(PCI_CONFIG_DATA + (where & 2));
	else
		v = inl(PCI_CONFIG_DATA);
	spin_unlock_irqrestore(&pci_lock, flags);
	return v;
}

static void conf1_write(u8 bus, u8 devfn, int where, int size, u32 v)
{
	unsigned long flags;

	spin_lock_irqsave(&pci_lock, flags);
	outl(PCI_CONFIG_ADDRESS, conf1_address(bus, devfn, where));
	if (size == 1)
		outb(PCI_CONFIG_DATA + (where & 3), v);
	else if (size == 2)
		outw(PCI_CONFIG_DATA + (where & 2), v);
	else
		outl(PCI_CONFIG_DATA, v);
	spin_unlock_irqrestore(&pci_lock, flags);
}

/* Accesses must be naturally aligned and inside the 256-byte space. */
static bool bad_where(int where, int size)
{
	return where < 0 || where + size > 256 || (where & (size - 1));
}

#define PCI_OP_READ(name, type, size)					\
int pci_read_config_##name(const struct pci_dev *dev, int where, type *val) \
{									\
	if (bad_where(where, size)) {					\
		*val = (type)~0U;					\
		return -EINVAL;						\
	}								\
	*val = conf1_read(dev->bus, dev->devfn, where, size);		\
	return 0;							\
}

#define PCI_OP_WRITE(name, type, size)					\
int pci_write_config_##name(const struct pci_dev *dev, int where, type val) \
{									\
	if (bad_where(where, size))					\
		return -EINVAL;						\
	conf1_write(dev->bus, dev->devfn, where, size, val);		\
	return 0;							\
}

PCI_OP_READ(byte, u8, 1)
PCI_OP_READ(word, u16, 2)
PCI_OP_READ(dword, u32, 4)
PCI_OP_WRITE(byte, u8, 1)
PCI_OP_WRITE(word, u16, 2)
PCI_OP_WRITE(dword, u32, 4)

/*
 * Size each BAR: write all ones, read back; the bits that stay zero are
 * the size (the address must be aligned to it), the low bits say what the
 * BAR decodes.  Decoding is off meanwhile, so the device never answers at
 * the bogus all-ones address.
 */
static void pci_read_bases(struct pci_dev *dev, int nr)
{
	u16 cmd;
	int i;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	pci_write_config_word(dev, PCI_COMMAND,
			      cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (i = 0; i < nr; i++) {
		struct resource *res = &dev->resource[i];
		int pos = PCI_BASE_ADDRESS_0 + 4 * i;
		u32 l, sz, lhi = 0, szhi = 0;
		u64 mask;

		pci_read_config_dword(dev, pos, &l);
		pci_write_config_dword(dev, pos, ~0U);
		pci_read_config_dword(dev, pos, &sz);
		pci_write_config_dword(dev, pos, l);
		if (l & PCI_BASE_ADDRESS_SPACE_IO) {
			res->flags = IORESOURCE_IO;
			res->start = l & PCI_BASE_ADDRESS_IO_MASK;
			mask = sz & PCI_BASE_ADDRESS_IO_MASK;
		} else {
			res->flags = IORESOURCE_MEM;
			if (l & PCI_BASE_ADDRESS_MEM_PREFETCH)
				res->flags |= IORESOURCE_PREFETCH;
			res->start = l & PCI_BASE_ADDRESS_MEM_MASK;
			mask = sz & PCI_BASE_ADDRESS_MEM_MASK;
			/* A 64-bit BAR takes this slot and the next. */
			if ((l & 0x6) == PCI_BASE_ADDRESS_MEM_TYPE_64 && i + 1 < nr) {
				pci_read_config_dword(dev, pos + 4, &lhi);
				pci_write_config_dword(dev, pos + 4, ~0U);
				pci_read_config_dword(dev, pos + 4, &szhi);
				pci_write_config_dword(dev, pos + 4, lhi);
				res->flags |= IORESOURCE_MEM_64;
				res->start |= (u64)lhi << 32;
				mask |= (u64)szhi << 32;
				i++;
			}
		}
		/* The lowest writable address bit is the size (I/O BARs may have 16 bits). */
		res->size = mask & -mask;
		if (!res->size) {
			res->flags = 0;
			res->start = 0;
		}
	}
	pci_write_config_word(dev, PCI_COMMAND, cmd);
}

/* Walk the capability list once and remember it. */
static void pci_read_caps(struct pci_dev *dev)
{
	u16 status;
	u8 pos;
	int ttl = 48;		/* (256 - 64) / 4: a looped list ends anyway */

	pci_read_config_word(dev, PCI_STATUS, &status);
	if (!(status & PCI_STATUS_CAP_LIST))
		return;
	pci_read_config_byte(dev, PCI_CAPABILITY_LIST, &pos);
	while (pos >= 0x40 && ttl-- && dev->nr_caps < PCI_MAX_CAPS) {
		u8 id;

		pos &= ~3;	/* the bottom two bits are reserved */
		pci_read_config_byte(dev, pos + PCI_CAP_LIST_ID, &id);
		if (id == 0xff)
			break;
		dev->cap_id[dev->nr_caps] = id;
		dev->cap_pos[dev->nr_caps++] = pos;
		pci_read_config_byte(dev, pos + PCI_CAP_LIST_NEXT, &pos);
	}
}

u8 pci_find_next_capability(const struct pci_dev *dev, u8 pos, int cap)
{
	int i = 0;

	if (pos)		/* continue after pos */
		while (i < dev->nr_caps && dev->cap_pos[i++] != pos)
			;
	for (; i < dev->nr_caps; i++)
		if (dev->cap_id[i] == cap)
			return dev->cap_pos[i];
	return 0;
}

static struct pci_dev *pci_scan_device(u8 bus, u8 devfn)
{
	struct pci_dev *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	u32 class;

	if (!dev)
		return NULL;
	dev->bus = bus;
	dev->devfn = devfn;
	snprintf(dev->name, sizeof(dev->name), "0000:%02x:%02x.%d",
		 bus, PCI_SLOT(devfn), PCI_FUNC(devfn));
	pci_read_config_word(dev, PCI_VENDOR_ID, &dev->vendor);
	pci_read_config_word(dev, PCI_DEVICE_ID, &dev->device);
	pci_read_config_dword(dev, PCI_CLASS_REVISION, &class);
	dev->class = class >> 8;
	dev->revision = class & 0xff;
	pci_read_config_byte(dev, PCI_HEADER_TYPE, &dev->hdr_type);
	dev->hdr_type &= PCI_HEADER_TYPE_MASK;
	pci_read_config_byte(dev, PCI_INTERRUPT_PIN, &dev->irq_pin);
	pci_read_config_byte(dev, PCI_INTERRUPT_LINE, &dev->irq_line);
	/*
	 * The firmware wrote the PIC input here; 0xff means not connected.
	 * 0 (the timer) and 2 (the cascade) cannot be a PCI device's.
	 */
	dev->irq = dev->irq_pin && dev->irq_line < NR_IRQS &&
		   dev->irq_line != 0 && dev->irq_line != 2 ? dev->irq_line : -1;
	if (dev->hdr_type == PCI_HEADER_TYPE_NORMAL) {
		pci_read_config_word(dev, PCI_SUBSYSTEM_VENDOR_ID, &dev->subsystem_vendor);
		pci_read_config_word(dev, PCI_SUBSYSTEM_ID, &dev->subsystem_device);
		pci_read_bases(dev, 6);
	} else if (dev->hdr_type == PCI_HEADER_TYPE_BRIDGE) {
		pci_read_bases(dev, 2);
	}
	pci_read_caps(dev);
	list_add_tail(&dev->bus_list, &pci_devices);
	pr_info("pci %s: %04x:%04x class 0x%06x\n",
		dev->name, dev->vendor, dev->device, dev->class);
	return dev;
}

static u8 buses_seen[256 / 8];	/* a misnumbered bridge cannot loop the scan */

static void pci_scan_bus(u8 bus)
{
	int slot, func;

	if (buses_seen[bus / 8] & (1 << (bus % 8)))
		return;
	buses_seen[bus / 8] |= 1 << (bus % 8);
	for (slot = 0; slot < 32; slot++) {
		u8 hdr = conf1_read(bus, PCI_DEVFN(slot, 0), PCI_HEADER_TYPE, 1);
		int nr_funcs = hdr & PCI_HEADER_MULTIFUNC ? 8 : 1;

		/* Nobody answers: the read ends in all ones. */
		if (conf1_read(bus, PCI_DEVFN(slot, 0), PCI_VENDOR_ID, 2) == 0xffff)
			continue;
		for (func = 0; func < nr_funcs; func++) {
			u8 devfn = PCI_DEVFN(slot, func);
			struct pci_dev *dev;
			u8 secondary;

			if (conf1_read(bus, devfn, PCI_VENDOR_ID, 2) == 0xffff)
				continue;
			dev = pci_scan_device(bus, devfn);
			if (!dev || dev->hdr_type != PCI_HEADER_TYPE_BRIDGE)
				continue;
			pci_read_config_byte(dev, PCI_SECONDARY_BUS, &secondary);
			if (secondary > bus)
				pci_scan_bus(secondary);
		}
	}
}

static bool pci_match_id(const struct pci_device_id *id, const struct pci_dev *dev)
{
	return (id->vendor == PCI_ANY_ID || id->vendor == dev->vendor) &&
	       (id->device == PCI_ANY_ID || id->device == dev->device);
}

static void pci_bus_add_device(struct pci_dev *dev)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pci_drivers); i++) {
		struct pci_driver *drv = pci_drivers[i];
		const struct pci_device_id *id;

		for (id = drv->id_table; id->vendor; id++) {
			if (!pci_match_id(id, dev))
				continue;
			if (drv->probe(dev, id) == 0) {
				dev->driver = drv;
				return;
			}
			break;		/* this driver declined: try the next one */
		}
	}
}

int pci_enable_device(struct pci_dev *dev)
{
	u16 cmd, old;
	int i;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	old = cmd;
	for (i = 0; i < PCI_NUM_RESOURCES; i++) {
		if (dev->resource[i].flags & IORESOURCE_IO)
			cmd |= PCI_COMMAND_IO;
		if (dev->resource[i].flags & IORESOURCE_MEM)
			cmd |= PCI_COMMAND_MEMORY;
	}
	cmd &= ~PCI_COMMAND_INTX_DISABLE;
	if (cmd != old)
		pci_write_config_word(dev, PCI_COMMAND, cmd);
	return 0;
}

void pci_set_master(struct pci_dev *dev)
{
	u16 cmd;

	pci_read_config_word(dev, PCI_COMMAND, &cmd);
	if (!(cmd & PCI_COMMAND_MASTER))
		pci_write_config_word(dev, PCI_COMMAND, cmd | PCI_COMMAND_MASTER);
}

void pci_init(void)
{
	struct pci_dev *dev;

	/* Mechanism #1 is there if the address port keeps what we write. */
	outl(PCI_CONFIG_ADDRESS, PCI_CONFIG_ENABLE);
	if (inl(PCI_CONFIG_ADDRESS) != PCI_CONFIG_ENABLE) {
		pr_info("PCI: no configuration mechanism #1, no PCI\n");
		return;
	}
	outl(PCI_CONFIG_ADDRESS, 0);
	pci_scan_bus(0);
	list_for_each_entry(dev, &pci_devices, bus_list)
		pci_bus_add_device(dev);
}
