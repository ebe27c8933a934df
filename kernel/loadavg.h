#ifndef KERNEL_LOADAVG_H
#define KERNEL_LOADAVG_H

/* The load averages (kernel/loadavg.c), fixed point: FIXED_1 is 1.0. */
#define FSHIFT		11
#define FIXED_1		(1UL << FSHIFT)
#define LOAD_INT(x)	((x) >> FSHIFT)
#define LOAD_FRAC(x)	LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

extern unsigned long avenrun[3];

void calc_global_load_tick(void);

#endif
