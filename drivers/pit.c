/*
 * The 8254 programmable interval timer: channel 0 drives IRQ 0, channel 2
 * (gated through port 0x61) measures the TSC at boot.
 * Linux: arch/x86/kernel/i8253.c, tsc.c (pit_calibrate_tsc).
 */
#include "drivers/pit.h"
#include "kernel/io.h"
#include "kernel/x86.h"

#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PORT_61		0x61

#define CALIBRATE_MS	10

u64 pit_calibrate_tsc_khz(void)
{
	u32 count = PIT_HZ * CALIBRATE_MS / 1000;
	u64 t0, t1;

	/* Gate channel 2 on, speaker off; mode 0 counts down once. */
	outb(PORT_61, (inb(PORT_61) & ~0x02) | 0x01);
	outb(PIT_MODE, 0xb0);		/* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	t0 = rdtsc();
	while (!(inb(PORT_61) & 0x20))	/* OUT2 goes high at zero */
		;
	t1 = rdtsc();
	return (t1 - t0) / CALIBRATE_MS;
}

void pit_start_periodic(unsigned int hz)
{
	u32 divisor = (PIT_HZ + hz / 2) / hz;

	outb(PIT_MODE, 0x34);		/* channel 0, lobyte/hibyte, rate generator */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
}
