#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "kernel/types.h"

#define NR_IRQS		16
#define IRQ_BASE_VECTOR	32	/* the PIC's IRQ 0..15 arrive on vectors 32..47 */

typedef void (*irq_handler_t)(int irq);

struct pt_regs;

void init_IRQ(void);
void request_irq(int irq, irq_handler_t handler);
void do_IRQ(struct pt_regs *regs, int irq);
struct pt_regs *get_irq_regs(void);

static inline void local_irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}

static inline void local_irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}

/* The short critical sections of a single CPU: interrupts off, then back. */
static inline unsigned long local_irq_save(void)
{
	unsigned long flags;

	asm volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void local_irq_restore(unsigned long flags)
{
	asm volatile("pushq %0; popfq" : : "r"(flags) : "memory", "cc");
}

/*
 * A spinlock on one CPU is "interrupts off"; the names are Linux's so the
 * code reads the same, and so that SMP can come later.
 */
typedef struct {
	int unused;
} spinlock_t;

#define DEFINE_SPINLOCK(x) spinlock_t x = { 0 }
#define spin_lock_init(l) ((void)(l))
#define spin_lock_irqsave(l, flags) \
	do { (void)(l); (flags) = local_irq_save(); } while (0)
#define spin_unlock_irqrestore(l, flags) \
	do { (void)(l); local_irq_restore(flags); } while (0)

#endif
