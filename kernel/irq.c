/*
 * Hardware interrupts through the two 8259 PICs, remapped to vectors
 * 32..47 (the BIOS leaves them on top of the CPU exceptions).
 * Linux: arch/x86/kernel/i8259.c, kernel/irq/.
 */
#include "kernel/kernel.h"
#include "kernel/io.h"
#include "kernel/irq.h"
#include "kernel/kernel_stat.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define PIC_EOI		0x20

static irq_handler_t irq_handlers[NR_IRQS];
static struct pt_regs *irq_regs;	/* what the interrupt being handled interrupted */
u64 kstat_irqs[NR_IRQS];		/* for /proc/stat's intr line */
static u16 irq_mask = 0xffff & ~(1 << 2);	/* line 2 cascades the second PIC */

static void pic_write_mask(void)
{
	outb(PIC1_DATA, irq_mask & 0xff);
	outb(PIC2_DATA, irq_mask >> 8);
}

void init_IRQ(void)
{
	/* ICW1..ICW4: edge triggered, cascade, vector bases, 8086 mode. */
	outb(PIC1_CMD, 0x11);
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_BASE_VECTOR);
	outb(PIC2_DATA, IRQ_BASE_VECTOR + 8);
	outb(PIC1_DATA, 4);		/* the slave sits on line 2 */
	outb(PIC2_DATA, 2);
	outb(PIC1_DATA, 0x01);
	outb(PIC2_DATA, 0x01);
	pic_write_mask();
}

void request_irq(int irq, irq_handler_t handler)
{
	unsigned long flags = local_irq_save();

	irq_handlers[irq] = handler;
	irq_mask &= ~(1 << irq);
	pic_write_mask();
	local_irq_restore(flags);
}

static bool spurious(int irq)
{
	u16 port = irq == 7 ? PIC1_CMD : PIC2_CMD;

	if (irq != 7 && irq != 15)
		return false;
	outb(port, 0x0b);		/* read the in-service register */
	return !(inb(port) & 0x80);
}

/*
 * The registers the current interrupt saved, for handlers that want to
 * know what they interrupted (the timer tick: user or kernel mode).
 * Linux: get_irq_regs().
 */
struct pt_regs *get_irq_regs(void)
{
	return irq_regs;
}

void do_IRQ(struct pt_regs *regs, int irq)
{
	struct pt_regs *old_regs;

	if (spurious(irq)) {
		if (irq == 15)
			outb(PIC1_CMD, PIC_EOI);
		return;
	}
	kstat_irqs[irq]++;
	/* Acknowledge first: the handler may switch tasks before returning. */
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
	old_regs = irq_regs;
	irq_regs = regs;
	if (irq_handlers[irq])
		irq_handlers[irq](irq);
	irq_regs = old_regs;
}
